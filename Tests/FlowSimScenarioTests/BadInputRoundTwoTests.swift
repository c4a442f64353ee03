import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Issue 13 ("bad input and faults, round two"): scenario files.
@Suite struct BadInputRoundTwoTests {
    typealias Network = BrokenNetworkScenarioTests

    static func write(_ text: String, as name: String = "scenario.yaml") throws -> String {
        let dir = try makeTemporaryDirectory("flowsim-round-two")
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static var r1Text: String {
        get throws { try String(contentsOfFile: PackagePaths.scenario("reference/R1-mmc.yaml"), encoding: .utf8) }
    }

    /// Defect 2: a misspelt site in inter_site_minutes, from or to.
    @Test func unknownSitesInInterSiteMinutesAreRefused() throws {
        let path = try Network.write(base: Network.baseline, [
            "network:",
            "  inter_site_minutes:",
            "    BTUHFT: {MEHTT: 30 min}",
            "    SUHFTX: {BTUHFT: 25 min}",
        ])
        let error = try #require(Network.error(loading: path))
        Network.expectIssue(error, file: path, line: 5, fieldPath: "network.inter_site_minutes.BTUHFT.MEHTT",
                            mentions: ["unknown site 'MEHTT'", "did you mean 'MEHT'?"])
        Network.expectIssue(error, file: path, line: 6, fieldPath: "network.inter_site_minutes.SUHFTX",
                            mentions: ["unknown site 'SUHFTX'", "did you mean 'SUHFT'?"])
    }

    /// Defect 4: a file over the size limit is refused at once, before parsing.
    @Test func aHugeFileIsRefusedAtOnce() throws {
        var text = try Self.r1Text + "\nhuge:\n"
        let line = "  key: [1, 2, 3, \"some text that makes the file big\"]\n"
        text.reserveCapacity(ScenarioDocument.maximumFileSize + 100_000)
        var i = 0
        while text.utf8.count <= ScenarioDocument.maximumFileSize + 1000 {
            text += line.replacingOccurrences(of: "key", with: "k\(i)")
            i += 1
        }
        let path = try Self.write(text)
        let start = Date()
        let error = try #require(Network.error(loading: path))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(error.issues.count == 1)
        #expect(error.description.contains("may be at most 1.0 MiB"), "\(error.description)")
        // The same limit holds for a base file.
        let child = try Self.write("base: \(path)\nname: child\n", as: "child.yaml")
        let viaBase = try #require(Network.error(loading: child))
        #expect(viaBase.issues.first?.location?.file == child)
        #expect(viaBase.issues.first?.fieldPath == "base")
        #expect(viaBase.description.contains("may be at most 1.0 MiB"))
    }

    /// Defect 4: thousands of unknown keys are reported in a few lines and
    /// in time linear in the file (a few seconds at most in a debug build).
    @Test func manyUnknownKeysAreSummarisedQuickly() throws {
        let keys = (0..<20_000).map { "  extra\($0): 1\n" }.joined()
        let text = try Self.r1Text.replacingOccurrences(of: "\nrun:\n", with: "\nrun:\n" + keys)
        let path = try Self.write(text)
        let start = Date()
        let error = try #require(Network.error(loading: path))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(error.issues.count <= 12, "\(error.issues.count) issues")
        #expect(error.description.contains("19990 more unknown keys in this mapping"), "\(error.description)")
    }

    /// A non-UTF-8 byte is reported at its line and column.
    @Test func aNonUTF8FileNamesTheLineAndColumnOfTheFirstBadByte() throws {
        let dir = try makeTemporaryDirectory("flowsim-round-two")
        let url = dir.appendingPathComponent("latin1.yaml")
        try Data("name: x\nrun:\n  horizon: 1 d".utf8 + [0xE9] + Data("y\n".utf8)).write(to: url)
        let error = try #require(Network.error(loading: url.path))
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.location == SourceLocation(file: url.path, line: 3, column: 15), "\(issue)")
        #expect(issue.message.contains("byte 0xE9"), "\(issue)")
    }
}
