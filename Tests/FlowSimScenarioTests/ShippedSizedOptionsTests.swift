import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// The option files hold today's beds (scripts/place-options), and the
/// sized options written by scripts/size-options stay loadable scenario
/// files that inherit their option: the "best placed" ones with the same
/// beds of each kind, the "needs" ones with only capacity changed.
@Suite struct ShippedSizedOptionsTests {
    /// Beds of each kind over the sites; today's surgical beds include the
    /// elective ones, so the options' elective wards count as surgical.
    static func bedsByKind(_ scenario: Scenario) -> [String: Int] {
        var out: [String: Int] = [:]
        for ward in scenario.config.sites.flatMap(\.wards) {
            out[ward.id == "elective" ? "surgical" : ward.id, default: 0] += ward.beds
        }
        return out
    }

    static func option(_ name: String) throws -> Scenario {
        try Scenario.load(path: PackagePaths.scenario("mse/\(name).yaml"))
    }

    @Test(arguments: ["option-1A", "option-1B", "option-1C", "option-2A", "option-2B"])
    func everyOptionFileHoldsTodaysBedsOfEachKind(_ name: String) throws {
        let today = Self.bedsByKind(try Self.option("baseline"))
        #expect(Self.bedsByKind(try Self.option(name)) == today)
    }

    @Test func everySizedOptionLoadsAndChangesOnlyCapacity() throws {
        let dir = PackagePaths.scenario("mse/sized")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains { $0.hasSuffix("-same-beds.yaml") } && files.contains { $0.hasSuffix("-needs.yaml") })
        for file in files {
            let sized = try Scenario.load(path: dir + "/" + file)
            let original = try Self.option(String(file.prefix("option-1A".count)))
            #expect(sized.config.sites.map(\.id) == original.config.sites.map(\.id), "\(file)")
            #expect(sized.config.groups.map(\.id) == original.config.groups.map(\.id), "\(file)")
            if file.hasSuffix("-same-beds.yaml") {
                #expect(Self.bedsByKind(sized) == Self.bedsByKind(original), "\(file): today's beds, only moved")
            }
        }
    }
}
