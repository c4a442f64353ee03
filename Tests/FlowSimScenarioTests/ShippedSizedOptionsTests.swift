import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// The sized options written by scripts/size-options stay loadable scenario
/// files that inherit their option, and the standards file reads.
@Suite struct ShippedSizedOptionsTests {
    @Test func everySizedOptionLoadsAndChangesOnlyCapacity() throws {
        let dir = PackagePaths.scenario("mse/sized")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let sized = try Scenario.load(path: dir + "/" + file)
            let option = String(file.prefix("option-1A".count))
            let original = try Scenario.load(path: PackagePaths.scenario("mse/\(option).yaml"))
            #expect(sized.config.sites.map(\.id) == original.config.sites.map(\.id), "\(file)")
            let beds = { (s: Scenario) in s.config.sites.flatMap(\.wards).reduce(0) { $0 + $1.beds } }
            #expect(beds(sized) >= beds(original), "\(file): sized to hold performance, it needs at least its file's beds")
        }
    }
}
