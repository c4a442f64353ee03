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

    /// A duplicate key is reported at its real field path and line.
    @Test func aDuplicateKeyNamesItsFieldPath() throws {
        let text = try Self.r1Text
        // R1's cubicles stream, with servers written twice (block style).
        let block = text.replacingOccurrences(of: "\nrun:\n", with: "\nrun:\n  seed: 1\n  seed: 2\n")
        let error = try #require(Network.error(loading: try Self.write(block)))
        let issue = try #require(error.issues.first)
        #expect(issue.fieldPath == "run", "\(issue)")
        #expect(issue.message.contains("duplicate key 'seed'") && issue.message.contains("first at line"), "\(issue)")
        // Flow style, inside arrivals.<source>.mix.
        let flow = "name: x\nrun: {horizon: 1 day}\nsites: {ED: {streams: {c: {servers: 1, service: {exponential: {mean: 5 min}}}}}}\n"
            + "groups: {all: {stream: c, admit_probability: 0}}\n"
            + "arrivals:\n  walk_in: {site: ED, rate_per_hour: 3, mix: {all: 0.5, all: 0.5}}\n"
        let flowError = try #require(Network.error(loading: try Self.write(flow)))
        #expect(flowError.issues.first?.fieldPath == "arrivals.walk_in.mix", "\(flowError.description)")
        #expect(flowError.issues.first?.location?.line == 6)
    }

    /// A misspelt key in a probability map is reported as unknown, not as
    /// a wrong total with the inherited key silently added.
    @Test func aMisspeltProbabilityKeyIsReportedFirst() throws {
        let path = try Network.write(base: Network.baseline, [
            "network:",
            "  nhs_111:",
            "    dispositions: {selfcare: 0.143}",
        ])
        let error = try #require(Network.error(loading: path))
        Network.expectIssue(error, file: path, line: 5, fieldPath: "network.nhs_111.dispositions",
                            mentions: ["unknown disposition 'selfcare'", "did you mean 'self_care'?"])
        #expect(!error.description.contains("must sum to 1"), "\(error.description)")
        #expect(error.issues.count == 1, "\(error.description)")
    }

    /// One wrong latitude is one problem, not one per locality in the base file.
    @Test func aWrongLatitudeIsReportedOnce() throws {
        for lines in [["sites:", "  BTUHFT: {location: {latitude: 95, longitude: 0.45}}"],
                      ["localities:", "  L01: {location: {latitude: 95, longitude: 0.55}}"]] {
            let path = try Network.write(base: Network.baseline, lines)
            let error = try #require(Network.error(loading: path))
            #expect(error.issues.count == 1, "\(error.description)")
            #expect(error.issues.first?.location?.file == path)
            #expect(error.issues.first?.message.contains("between -90 and 90, got 95") == true, "\(error.description)")
        }
    }

    /// A bad bed count is reported at the ward, not again as a missing ward.
    @Test func aBadBedCountHasNoFollowOnMissingWard() throws {
        let network = try Network.write(base: Network.baseline, ["sites:", "  BTUHFT: {wards: {medical: {beds: -5}}}"])
        let error = try #require(Network.error(loading: network))
        #expect(error.issues.count == 1, "\(error.description)")
        #expect(!error.description.contains("does not exist") && !error.description.contains("which no site has"))
        // A lone site (R2): the group admitted to the ward is not told the ward is missing.
        let r2 = try String(contentsOfFile: PackagePaths.scenario("reference/R2-exit-block.yaml"), encoding: .utf8)
        let single = r2.replacingOccurrences(of: "beds: ", with: "beds: -")
        #expect(single != r2)
        let lone = try #require(Network.error(loading: try Self.write(single)))
        #expect(lone.issues.count == 1, "\(lone.description)")
        #expect(!lone.description.contains("does not exist"), "\(lone.description)")
    }

    /// Invisible characters in names are shown escaped.
    @Test func invisibleCharactersAreShownEscaped() throws {
        let text = try Self.r1Text
        let mix = try #require(text.range(of: #"mix: \{[a-z_]+: 1\}"#, options: .regularExpression))
        let group = String(text[mix].dropFirst(6).prefix { $0 != ":" })
        let broken = text.replacingCharacters(in: mix, with: "mix: {\"\(group)\u{200B}\": 1}")
        let error = try #require(Network.error(loading: try Self.write(broken)))
        #expect(error.description.contains("'\(group)\\u{200B}'"), "\(error.description)")
        #expect(!error.description.contains("\u{200B}"))
    }
}
