import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Broken scenario files, one kind of mistake each: loading must fail with
/// a `ScenarioValidationError` whose issue names the file, the line and
/// column, the field path, and what was expected (and found).
///
/// Every case starts from the same valid R2-like file and changes one line
/// (or a few), so the expected line numbers can be read off `template`.
@Suite struct BrokenScenarioTests {
    /// A valid scenario; the line numbers in the comments are the ones the cases use.
    static let template: [String] = [
        "schema: flowsim.scenario/1",                                      // 1
        "name: Broken scenario test",                                      // 2
        "run:",                                                            // 3
        "  warmup: 2 days",                                                // 4
        "  horizon: 10 days",                                              // 5
        "sites:",                                                          // 6
        "  ED:",                                                           // 7
        "    triage:",                                                     // 8
        "      servers: 2",                                                // 9
        "      service: {exponential: {mean: 5 min}}",                     // 10
        "    streams:",                                                    // 11
        "      cubicles:",                                                 // 12
        "        servers: 15",                                             // 13
        "        service: {lognormal: {mean: 60 min, sd: 45 min}}",        // 14
        "    wards:",                                                      // 15
        "      general: {beds: 320}",                                      // 16
        "groups:",                                                         // 17
        "  all:",                                                          // 18
        "    stream: cubicles",                                            // 19
        "    admit_probability: 0.25",                                     // 20
        "    ward: general",                                               // 21
        "    length_of_stay: {lognormal: {mean: 4 days, sd: 5 days}}",     // 22
        "arrivals:",                                                       // 23
        "  walk_in:",                                                      // 24
        "    site: ED",                                                    // 25
        "    channel: walk_in",                                            // 26
        "    rate_per_hour: 12",                                           // 27
        "    mix: {all: 1}",                                               // 28
    ]

    /// One kind of broken file and the issue it must produce.
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: String
        /// Replacement text by 1-based line number.
        let lines: [Int: String]
        let line: Int
        /// nil when the column is not pinned (YAML syntax errors).
        let column: Int?
        let fieldPath: String
        /// Phrases the message must contain: what was expected, what was found.
        let mentions: [String]
        var testDescription: String { kind }
    }

    static let cases: [Case] = [
        Case(kind: "unknown key, with a suggestion",
             lines: [13: "        servrs: 15"], line: 13, column: 9, fieldPath: "sites.ED.streams.cubicles",
             mentions: ["unknown key 'servrs'", "did you mean 'servers'?"]),
        Case(kind: "unknown top-level key, with a suggestion",
             lines: [1: "schema: flowsim.scenario/1", 2: "nmae: Broken scenario test"], line: 2, column: 1,
             fieldPath: "", mentions: ["unknown key 'nmae'", "did you mean 'name'?"]),
        Case(kind: "negative number of servers",
             lines: [13: "        servers: -3"], line: 13, column: 18, fieldPath: "sites.ED.streams.cubicles.servers",
             mentions: ["expected an integer between 1 and 1000000", "got -3"]),
        Case(kind: "negative number of beds",
             lines: [16: "      general: {beds: -5}"], line: 16, column: 23, fieldPath: "sites.ED.wards.general.beds",
             mentions: ["expected an integer >= 0", "got -5"]),
        Case(kind: "wrong type: text where an integer is expected",
             lines: [9: "      servers: two"], line: 9, column: 16, fieldPath: "sites.ED.triage.servers",
             mentions: ["expected an integer", "got 'two'"]),
        Case(kind: "case-mix probabilities that do not sum to 1",
             lines: [28: "    mix: {all: 0.7}"], line: 28, column: 10, fieldPath: "arrivals.walk_in.mix",
             mentions: ["probabilities must sum to 1", "got 0.7"]),
        Case(kind: "lognormal sd of zero",
             lines: [14: "        service: {lognormal: {mean: 60 min, sd: 0 min}}"], line: 14, column: 49,
             fieldPath: "sites.ED.streams.cubicles.service.lognormal.sd",
             mentions: ["expected a duration > 0", "got '0 min'"]),
        Case(kind: "negative lognormal sd",
             lines: [22: "    length_of_stay: {lognormal: {mean: 4 days, sd: -5 days}}"], line: 22, column: 52,
             fieldPath: "groups.all.length_of_stay.lognormal.sd",
             mentions: ["expected a duration > 0", "got '-5 days'"]),
        Case(kind: "hourly rate profile with the wrong number of values",
             lines: [27: "    rate_per_hour_by_hour: [1, 2, 3]"], line: 27, column: 28,
             fieldPath: "arrivals.walk_in.rate_per_hour_by_hour", mentions: ["expected a list of 24 numbers", "got 3"]),
        Case(kind: "empty hourly rate profile",
             lines: [27: "    rate_per_hour_by_hour: []"], line: 27, column: 28,
             fieldPath: "arrivals.walk_in.rate_per_hour_by_hour", mentions: ["expected a list of 24 numbers", "got 0"]),
        Case(kind: "rate profile that is zero everywhere",
             lines: [27: "    rate_per_hour: 0"], line: 27, column: 20,
             fieldPath: "arrivals.walk_in.rate_per_hour", mentions: ["expected some positive arrival rate", "all zero"]),
        Case(kind: "warm-up longer than the horizon",
             lines: [4: "  warmup: 20 days"], line: 4, column: 11, fieldPath: "run.warmup",
             mentions: ["warm-up (20 days) must be shorter than the measured horizon (10 days)"]),
        Case(kind: "duration without a unit",
             lines: [5: "  horizon: 10"], line: 5, column: 12, fieldPath: "run.horizon",
             mentions: ["expected a duration with a unit", "such as '15 min'", "got 10"]),
        Case(kind: "duration with a misspelt unit",
             lines: [10: "      service: {exponential: {mean: 5 minuets}}"], line: 10, column: 37,
             fieldPath: "sites.ED.triage.service.exponential.mean",
             mentions: ["unknown unit 'minuets'", "did you mean 'min'?"]),
        Case(kind: "arrival at an unknown site",
             lines: [25: "    site: EDD"], line: 25, column: 11, fieldPath: "arrivals.walk_in.site",
             mentions: ["unknown site 'EDD'", "did you mean 'ED'?", "(sites: ED)"]),
        Case(kind: "group treated in a stream the site does not have",
             lines: [19: "    stream: cubicle"], line: 19, column: 13, fieldPath: "groups.all.stream",
             mentions: ["stream 'cubicle' does not exist at site 'ED'", "did you mean 'cubicles'?"]),
        Case(kind: "case mix naming an unknown group",
             lines: [28: "    mix: {al: 1}"], line: 28, column: 10, fieldPath: "arrivals.walk_in.mix",
             mentions: ["unknown patient group 'al'", "did you mean 'all'?"]),
        Case(kind: "missing required key",
             lines: [28: "    # no mix"], line: 25, column: 5, fieldPath: "arrivals.walk_in",
             mentions: ["missing required key 'mix'"]),
        Case(kind: "admission probability above 1",
             lines: [20: "    admit_probability: 1.5"], line: 20, column: 24, fieldPath: "groups.all.admit_probability",
             mentions: ["expected a probability between 0 and 1", "got 1.5"]),
        Case(kind: "admitted group without a ward",
             lines: [21: "    # no ward"], line: 19, column: 5, fieldPath: "groups.all",
             mentions: ["missing required key 'ward'"]),
        Case(kind: "admitted to a ward the site does not have",
             lines: [21: "    ward: generall"], line: 21, column: 11, fieldPath: "groups.all.ward",
             mentions: ["ward 'generall' does not exist at site 'ED'", "did you mean 'general'?"]),
        Case(kind: "misspelt distribution family",
             lines: [14: "        service: {lognormla: {mean: 60 min, sd: 45 min}}"], line: 14, column: 19,
             fieldPath: "sites.ED.streams.cubicles.service",
             mentions: ["unknown distribution 'lognormla'", "did you mean 'lognormal'?"]),
        Case(kind: "impossible triangular distribution",
             lines: [14: "        service: {triangular: {min: 10 min, mode: 90 min, max: 60 min}}"], line: 14, column: 18,
             fieldPath: "sites.ED.streams.cubicles.service", mentions: ["min <= mode <= max", "mode 90"]),
        Case(kind: "unknown arrival channel",
             lines: [26: "    channel: walkin"], line: 26, column: 14, fieldPath: "arrivals.walk_in.channel",
             mentions: ["expected one of walk_in, ambulance", "got 'walkin'", "did you mean 'walk_in'?"]),
        Case(kind: "rota with the wrong number of hours",
             lines: [13: "        servers: [1, 2, 3]"], line: 13, column: 18, fieldPath: "sites.ED.streams.cubicles.servers",
             mentions: ["expected a list of 24 (by hour of day) or 168 (by hour of week) whole numbers", "got 3 values"]),
        // The parser notices at the end of the file and says where the flow mapping began.
        Case(kind: "YAML syntax error",
             lines: [28: "    mix: {all: 1"], line: 29, column: nil, fieldPath: "",
             mentions: ["invalid YAML", "did not find expected ',' or '}'", "at line 28, column 10"]),
    ]

    // MARK: - Helpers

    static func text(_ lines: [Int: String]) -> String {
        Self.template.enumerated().map { lines[$0.offset + 1] ?? $0.element }.joined(separator: "\n") + "\n"
    }

    /// Writes `text` to a fresh directory and returns the file's path.
    static func write(_ text: String, as name: String = "broken.yaml", in directory: URL? = nil) throws -> String {
        let dir = try directory ?? makeTemporaryDirectory("flowsim-broken")
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The validation error thrown when loading `path` (a test failure if none is).
    static func issues(loading path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScenarioValidationError? {
        do {
            _ = try Scenario.load(path: path)
            Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
        } catch let error as ScenarioValidationError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    // MARK: - Tests

    @Test func theTemplateItselfIsValid() throws {
        let path = try Self.write(Self.text([:]))
        let scenario = try Scenario.load(path: path)
        #expect(scenario.config.sites.first?.wards.first?.beds == 320)
        #expect(scenario.file == path)
    }

    @Test(arguments: cases)
    func brokenFileNamesFileLineFieldAndExpectation(_ c: Case) throws {
        let path = try Self.write(Self.text(c.lines))
        guard let error = Self.issues(loading: path) else { return }
        let match = error.issues.first { issue in
            issue.location?.file == path && issue.location?.line == c.line
                && (c.column == nil || issue.location?.column == c.column)
                && issue.fieldPath == c.fieldPath
                && c.mentions.allSatisfy(issue.message.contains)
        }
        let issue = try #require(match, """
            no issue at line \(c.line), column \(c.column.map(String.init) ?? "any"), field '\(c.fieldPath)' \
            mentioning \(c.mentions); got:
            \(error.description)
            """)
        // The printed form is compiler-like: file:line:column: field: message.
        let column = issue.location?.column ?? 0
        let shownPath = c.fieldPath.isEmpty ? "(top level)" : c.fieldPath
        #expect(issue.description == "\(path):\(c.line):\(column): \(shownPath): \(issue.message)")
        #expect(error.description.contains(issue.description))
        #expect(error.localizedDescription.contains(issue.description))
    }

    @Test func missingBaseFileIsReportedAtTheBaseKey() throws {
        let dir = try makeTemporaryDirectory("flowsim-broken")
        let path = try Self.write(Self.text([1: "base: nowhere.yaml"]), in: dir)
        let error = try #require(Self.issues(loading: path))
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        // At the `base` key or at its value, on line 1.
        #expect(issue.location?.file == path && issue.location?.line == 1)
        let column = try #require(issue.location?.column)
        #expect(column == 1 || column == 7)
        #expect(issue.fieldPath == "base")
        #expect(issue.message.contains("base file '"))
        #expect(issue.message.contains("nowhere.yaml' not found"))
        #expect(issue.description.hasPrefix("\(path):1:\(column): base: "))
    }

    @Test func baseFilesInACycleAreRefused() throws {
        let dir = try makeTemporaryDirectory("flowsim-broken")
        let a = try Self.write(Self.text([1: "base: b.yaml"]), as: "a.yaml", in: dir)
        let b = try Self.write("name: B\nbase: a.yaml\n", as: "b.yaml", in: dir)
        let error = try #require(Self.issues(loading: a))
        let issue = try #require(error.issues.first)
        // In the file that closes the cycle, at its `base` key or value on line 2.
        #expect(issue.location?.file == b && issue.location?.line == 2)
        #expect(issue.location?.column == 1 || issue.location?.column == 7)
        #expect(issue.fieldPath == "base")
        #expect(issue.message.hasPrefix("base files form a cycle: "))
        #expect(issue.message.contains("a.yaml -> "))
        #expect(issue.message.contains("b.yaml -> "))
    }

    @Test func aMistakeInABaseFileNamesTheBaseFile() throws {
        let dir = try makeTemporaryDirectory("flowsim-broken")
        let base = try Self.write(Self.text([16: "      general: {beds: -5}"]), as: "base.yaml", in: dir)
        let child = try Self.write("base: base.yaml\nname: child\n", as: "child.yaml", in: dir)
        let error = try #require(Self.issues(loading: child))
        let issue = try #require(error.issues.first { $0.fieldPath == "sites.ED.wards.general.beds" })
        #expect(issue.location == FlowSimScenario.SourceLocation(file: base, line: 16, column: 23))
    }

    @Test func missingScenarioFile() throws {
        let dir = try makeTemporaryDirectory("flowsim-broken")
        let path = dir.appendingPathComponent("absent.yaml").path
        let error = try #require(Self.issues(loading: path))
        #expect(error.issues.first?.location?.file == path)
        #expect(error.issues.first?.message == "scenario file not found")
    }

    @Test func emptyFile() throws {
        let path = try Self.write("")
        let error = try #require(Self.issues(loading: path))
        let issue = try #require(error.issues.first)
        #expect(issue.location == FlowSimScenario.SourceLocation(file: path, line: 1, column: 1))
        #expect(issue.message.contains("the file is empty"))
    }

    /// A mistake inside a site (or group) is reported once: references to
    /// it are checked against the keys written, not against what parsed.
    @Test func aMistakeInsideASiteOrGroupIsReportedOnlyOnce() throws {
        let site = try Self.write(Self.text([10: "      service: {exponential: {mean: 5 minuets}}"]))
        let group = try Self.write(Self.text([20: "    admit_probability: 1.5"]))
        let siteError = try #require(Self.issues(loading: site))
        let groupError = try #require(Self.issues(loading: group))
        #expect(siteError.issues.contains { $0.fieldPath == "sites.ED.triage.service.exponential.mean" })
        #expect(groupError.issues.contains { $0.fieldPath == "groups.all.admit_probability" })
        #expect(siteError.issues.count == 1, "\(siteError.description)")
        #expect(groupError.issues.count == 1, "\(groupError.description)")
    }

    /// Every mistake in a file is reported at once, in file order.
    @Test func severalMistakesAreReportedTogetherInLineOrder() throws {
        let path = try Self.write(Self.text([
            27: "    rate_per_hour: -1",
            5: "  horizon: 10 dyas",
            13: "        servers: 0",
        ]))
        let error = try #require(Self.issues(loading: path))
        #expect(error.issues.map { $0.location?.line ?? 0 } == [5, 13, 27])
        #expect(error.issues.map(\.fieldPath) == ["run.horizon", "sites.ED.streams.cubicles.servers",
                                                 "arrivals.walk_in.rate_per_hour"])
        #expect(error.description.split(separator: "\n").count == 3)
    }
}
