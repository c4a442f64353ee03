import FlowSimCore
import FlowSimScenario
import Foundation
import Testing
import Yams

// MARK: - Helpers

/// A fresh directory per test, so tests can run in parallel.
private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("flowsim-scenario-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@discardableResult
private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

private func reader(_ yaml: String, file: String = "t.yaml") throws -> ScenarioReader {
    ScenarioReader(try ScenarioDocument.parse(yaml: yaml, file: file))
}

/// The issues thrown by `body`, or a failed expectation if it did not throw them.
private func thrownIssues(_ body: () throws -> Void) -> [ScenarioIssue] {
    do {
        try body()
        Issue.record("expected a ScenarioValidationError")
    } catch let error as ScenarioValidationError {
        return error.issues
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return []
}

/// Reads one value with `read` and returns it with the issue messages it caused.
private func readOne<T>(_ yaml: String, _ read: (Field) -> T?) throws -> (T?, [String]) {
    let r = try reader(yaml)
    let value = read(r.root["x"])
    return (value, r.issues.map(\.message))
}

// MARK: - Issues

@Test func issueDescriptionNamesFileLineColumnPathAndMessage() {
    let issue = ScenarioIssue(location: SourceLocation(file: "R2.yaml", line: 12, column: 5),
                              fieldPath: "sites.AE.beds.count", message: "expected an integer >= 1, got -3")
    #expect(issue.description == "R2.yaml:12:5: sites.AE.beds.count: expected an integer >= 1, got -3")
    let top = ScenarioIssue(location: SourceLocation(file: "a.yaml", line: 1, column: 1), fieldPath: "", message: "m")
    #expect(top.description == "a.yaml:1:1: (top level): m")
    let override = ScenarioIssue(location: ScenarioDocument.overrideLocation, fieldPath: "a.b", message: "m")
    #expect(override.description == "<override>: a.b: m")
}

@Test func validationErrorSortsByFileLineColumn() {
    func at(_ file: String, _ line: Int, _ column: Int) -> ScenarioIssue {
        ScenarioIssue(location: SourceLocation(file: file, line: line, column: column), fieldPath: "p", message: "m")
    }
    let error = ScenarioValidationError([at("b.yaml", 1, 1), at("a.yaml", 9, 2), at("a.yaml", 3, 7), at("a.yaml", 3, 2)])
    #expect(error.description == """
        a.yaml:3:2: p: m
        a.yaml:3:7: p: m
        a.yaml:9:2: p: m
        b.yaml:1:1: p: m
        """)
}

// MARK: - Parsing

@Test func nodesKeepTheirLineAndColumn() throws {
    let doc = try ScenarioDocument.parse(yaml: """
        sites:
          AE:
            beds: 12
        list: [a, b]
        """, file: "s.yaml")
    #expect(doc.value(at: "sites.AE.beds")?.scalar == "12")
    #expect(doc.value(at: "sites.AE.beds")?.location == SourceLocation(file: "s.yaml", line: 3, column: 11))
    #expect(doc.value(at: "list.1")?.location == SourceLocation(file: "s.yaml", line: 4, column: 11))
    #expect(doc.files == ["s.yaml"])
}

@Test func yamlSyntaxErrorHasLineAndColumn() {
    let issues = thrownIssues { _ = try ScenarioDocument.parse(yaml: "a: 1\nb: [1, 2\nc: 3\n", file: "bad.yaml") }
    #expect(issues.count == 1)
    #expect(issues.first?.location?.file == "bad.yaml")
    #expect((issues.first?.location?.line ?? 0) >= 2)
    #expect(issues.first?.message.hasPrefix("invalid YAML") == true)
}

@Test func topLevelMustBeAMapping() {
    let list = thrownIssues { _ = try ScenarioDocument.parse(yaml: "- a\n- b\n", file: "l.yaml") }
    #expect(list.map(\.message) == ["expected a mapping at the top level, got a list"])
    let empty = thrownIssues { _ = try ScenarioDocument.parse(yaml: "", file: "e.yaml") }
    #expect(empty.first?.message.contains("empty") == true)
}

@Test func duplicateKeysAreReported() {
    let issues = thrownIssues { _ = try ScenarioDocument.parse(yaml: "a: 1\nb: 2\na: 3\n", file: "d.yaml") }
    #expect(issues.first?.message.contains("duplicate key 'a'") == true)
    // At the repeated key, naming the first (issue 13).
    #expect(issues.first?.location?.line == 3)
    #expect(issues.first?.message.contains("first at line 1") == true)
}

@Test func anchorsAndMergeKeysAreResolved() throws {
    let doc = try ScenarioDocument.parse(yaml: """
        defaults: &d {servers: 2, service: 10 min}
        a:
          <<: *d
          servers: 3
        b: *d
        """, file: "m.yaml")
    #expect(doc.value(at: "a.servers")?.scalar == "3")
    #expect(doc.value(at: "a.service")?.scalar == "10 min")
    #expect(doc.value(at: "b.servers")?.scalar == "2")
}

/// Scenario files are composed with no implicit tags resolved (for speed),
/// so null is recognised by its spelling; it must be exactly the null of
/// Yams's default resolver, and every other value must keep its text.
@Test(arguments: [
    "~", "null", "Null", "NULL", "", "nULL", "none", "None", "nil", "0", "false", "no", "''", "\"~\"",
    "'null'", "\"\"", "!!null ''", "!!null x", "!!str null", "!!str ~", "!!str", "! null", "[]", "{}", "a-b", "0.5",
    ".nan", "2016-04-01", "<<", "=", "~ # note",
])
func nullIsWhatYamsDefaultResolverCallsNull(spelling: String) throws {
    let yaml = "v: \(spelling)\n"
    let reference = try #require(try Yams.compose(yaml: yaml, .default)?.mapping?["v"])
    let value = try #require(try ScenarioDocument.parse(yaml: yaml, file: "n.yaml").value(at: "v"))
    let referenceIsNull = reference.tag.description == Tag.Name.null.rawValue
    #expect(value.isNull == referenceIsNull, "'\(spelling)'")
    if let text = reference.scalar?.string, !referenceIsNull { #expect(value.scalar == text, "'\(spelling)'") }
}

// MARK: - Inheritance

@Test func childOverridesNestedValueAndInheritsTheRest() throws {
    let dir = try temporaryDirectory()
    try write("""
        name: base
        sites:
          AE:
            beds: 10
            cubicles: 20
        arrivals: [1, 2, 3]
        """, "base.yaml", in: dir)
    let child = try write("""
        base: base.yaml
        sites:
          AE:
            beds: 12
        arrivals: [9]
        """, "child.yaml", in: dir)
    let doc = try ScenarioDocument.load(path: child)
    #expect(doc.value(at: "sites.AE.beds")?.scalar == "12")
    #expect(doc.value(at: "sites.AE.cubicles")?.scalar == "20")
    #expect(doc.value(at: "name")?.scalar == "base")
    #expect(doc.value(at: "arrivals")?.items?.map(\.scalar) == ["9"])  // lists replaced whole
    #expect(doc.value(at: "base") == nil)
    #expect(doc.files == [child, dir.appendingPathComponent("base.yaml").path])
    // Locations point at the file each value came from.
    #expect(doc.value(at: "sites.AE.beds")?.location == SourceLocation(file: child, line: 4, column: 11))
    let inherited = try #require(doc.value(at: "sites.AE.cubicles")?.location)
    #expect(inherited.file == dir.appendingPathComponent("base.yaml").path)
    #expect(inherited.line == 5)
    // And so do issues about them.
    let r = ScenarioReader(doc)
    _ = r.root["sites"]["AE"]["cubicles"].int(max: 5)
    #expect(r.issues.first?.description.hasPrefix("\(inherited.file):5:15: sites.AE.cubicles:") == true)
}

@Test func nullInChildDeletesKey() throws {
    let dir = try temporaryDirectory()
    try write("a: 1\nb:\n  c: 2\n  d: 3\n", "base.yaml", in: dir)
    let child = try write("base: base.yaml\na: ~\nb:\n  d: null\n", "child.yaml", in: dir)
    let doc = try ScenarioDocument.load(path: child)
    #expect(doc.value(at: "a") == nil)
    #expect(doc.value(at: "b.c")?.scalar == "2")
    #expect(doc.value(at: "b.d") == nil)
}

@Test func multiLevelInheritanceWithRelativePaths() throws {
    let dir = try temporaryDirectory()
    try write("a: 1\nb: 1\nc: 1\n", "common/root.yaml", in: dir)
    try write("base: ../common/root.yaml\nb: 2\n", "variants/mid.yaml", in: dir)
    let leaf = try write("base: mid.yaml\nc: 3\n", "variants/leaf.yaml", in: dir)
    let doc = try ScenarioDocument.load(path: leaf)
    #expect(["a", "b", "c"].map { doc.value(at: $0)?.scalar } == ["1", "2", "3"])
    #expect(doc.files.count == 3)
    #expect(doc.files.last?.hasSuffix("common/root.yaml") == true)
    #expect(doc.value(at: "a")?.location?.file.hasSuffix("common/root.yaml") == true)
}

@Test func baseCycleIsDetected() throws {
    let dir = try temporaryDirectory()
    try write("x: 1\nbase: b.yaml\n", "a.yaml", in: dir)
    try write("base: a.yaml\n", "b.yaml", in: dir)
    let issues = thrownIssues { _ = try ScenarioDocument.load(path: dir.appendingPathComponent("a.yaml").path) }
    #expect(issues.count == 1)
    #expect(issues.first?.message.hasPrefix("base files form a cycle") == true)
    #expect(issues.first?.location?.file.hasSuffix("b.yaml") == true)
    #expect(issues.first?.location?.line == 1)
}

@Test func selfBaseIsACycle() throws {
    let dir = try temporaryDirectory()
    let a = try write("base: a.yaml\n", "a.yaml", in: dir)
    let issues = thrownIssues { _ = try ScenarioDocument.load(path: a) }
    #expect(issues.first?.message.hasPrefix("base files form a cycle") == true)
}

@Test func missingBaseFileIsReportedAtTheBaseKey() throws {
    let dir = try temporaryDirectory()
    let child = try write("name: x\nsites: {}\nbase: nowhere.yaml\n", "child.yaml", in: dir)
    let issues = thrownIssues { _ = try ScenarioDocument.load(path: child) }
    #expect(issues.count == 1)
    #expect(issues.first?.location == SourceLocation(file: child, line: 3, column: 1))
    #expect(issues.first?.fieldPath == "base")
    #expect(issues.first?.message.contains("nowhere.yaml' not found") == true)
}

@Test func missingScenarioFileIsReported() {
    let issues = thrownIssues { _ = try ScenarioDocument.load(path: "/nonexistent/\(UUID().uuidString).yaml") }
    #expect(issues.first?.message == "scenario file not found")
}

@Test func syntaxErrorInBaseNamesTheBaseFile() throws {
    let dir = try temporaryDirectory()
    let base = try write("a: [1\n", "base.yaml", in: dir)
    let child = try write("base: base.yaml\n", "child.yaml", in: dir)
    let issues = thrownIssues { _ = try ScenarioDocument.load(path: child) }
    #expect(issues.first?.location?.file == base)
}

// MARK: - Overrides

@Test func overridesSetExistingValues() throws {
    let doc = try ScenarioDocument.parse(yaml: """
        sites:
          BTUHFT: {beds: {general: 400}}
        arrivals:
          - rate_per_hour: 5
          - rate_per_hour: 6
        """, file: "o.yaml")
    let changed = try doc.overriding([
        ("sites.BTUHFT.beds.general", "420"),
        ("arrivals.0.rate_per_hour", "7.5"),
        ("arrivals[1].rate_per_hour", "8"),
        ("sites.BTUHFT.beds", "{general: 10, acute: 2}"),
    ])
    #expect(changed.value(at: "sites.BTUHFT.beds.general")?.scalar == "10")
    #expect(changed.value(at: "sites.BTUHFT.beds.acute")?.location == ScenarioDocument.overrideLocation)
    #expect(changed.value(at: "arrivals.0.rate_per_hour")?.scalar == "7.5")
    #expect(changed.value(at: "arrivals[1].rate_per_hour")?.scalar == "8")
    #expect(changed.value(at: "arrivals.0.rate_per_hour")?.location == ScenarioDocument.overrideLocation)
    #expect(doc.value(at: "arrivals.0.rate_per_hour")?.scalar == "5")  // original untouched
    // A bad overridden value is reported at the override.
    let r = ScenarioReader(try doc.overriding([("sites.BTUHFT.beds.general", "-3")]))
    _ = r.root["sites"]["BTUHFT"]["beds"]["general"].int(min: 1)
    #expect(r.issues.map(\.description) == ["<override>: sites.BTUHFT.beds.general: expected an integer >= 1, got -3"])
}

@Test func overridesMustNameExistingPaths() throws {
    let doc = try ScenarioDocument.parse(yaml: "sites:\n  AE: {beds: 1}\nlist: [1, 2]\n", file: "o.yaml")
    let issues = thrownIssues {
        _ = try doc.overriding([("sites.AE.bed", "2"), ("list.5", "1"), ("sitez.AE", "1"), ("sites.AE.beds.x", "1"),
                                ("sites.AE.beds", "[1, ")])
    }
    #expect(issues.map(\.message).count == 5)
    #expect(issues[0].message == "unknown parameter path 'sites.AE.bed': 'sites.AE' has no key 'bed'; did you mean 'beds'?")
    #expect(issues[1].message.contains("has 2 items"))
    #expect(issues[2].message == "unknown parameter path 'sitez.AE': the scenario has no key 'sitez'; did you mean 'sites'?")
    #expect(issues[3].message.contains("not a mapping"))
    #expect(issues[4].message.hasPrefix("cannot parse the value"))
    #expect(issues.allSatisfy { $0.location == ScenarioDocument.overrideLocation })
}

// MARK: - Typed readers

@Test func integers() throws {
    #expect(try readOne("x: 3", { $0.int(min: 1) }) == (3, []))
    #expect(try readOne("x: -3", { $0.int(min: 1) }).1 == ["expected an integer >= 1, got -3"])
    #expect(try readOne("x: abc", { $0.int() }).1 == ["expected an integer, got 'abc'"])
    #expect(try readOne("x: 2.5", { $0.int(min: 0, max: 10) }).1 == ["expected an integer between 0 and 10, got 2.5"])
    #expect(try readOne("x: 3.0", { $0.int() }).1 == ["expected an integer, got 3.0"])
    #expect(try readOne("x: 11", { $0.int(max: 10) }).1 == ["expected an integer <= 10, got 11"])
    #expect(try readOne("x: [1]", { $0.int() }).1 == ["expected an integer, got a list"])
    #expect(try readOne("y: 1", { $0.int(default: 4) }) == (4, []))
    #expect(try readOne("x: ~", { $0.int(default: 4) }) == (4, []))
    #expect(try readOne("y: 1", { $0.int() }).1 == ["missing required key 'x'"])
    // Written with white space around it (quoted), or a plus sign.
    #expect(try readOne("x: ' 7\t'", { $0.int() }) == (7, []))
    #expect(try readOne("x: \"\u{00A0}7\"", { $0.int() }) == (7, []))
    #expect(try readOne("x: +7", { $0.int() }) == (7, []))
    #expect(try readOne("x: '7 8'", { $0.int() }).1 == ["expected an integer, got '7 8'"])
}

@Test func doublesAndProbabilities() throws {
    #expect(try readOne("x: 2.5", { $0.double(min: 0) }) == (2.5, []))
    #expect(try readOne("x: -1", { $0.double(min: 0) }).1 == ["expected a number >= 0, got -1"])
    #expect(try readOne("x: .inf", { $0.double() }).1 == ["expected a number, got '.inf'"])
    #expect(try readOne("x: 0.3", { $0.probability() }) == (0.3, []))
    #expect(try readOne("x: 1.2", { $0.probability() }).1 == ["expected a probability between 0 and 1, got 1.2"])
    // Bare numbers are read directly; separators and surrounding spaces go first.
    #expect(try readOne("x: 1e3", { $0.double() }) == (1000, []))
    #expect(try readOne("x: +2.5E-1", { $0.double() }) == (0.25, []))
    #expect(try readOne("x: 1_000.5", { $0.double() }) == (1000.5, []))
    #expect(try readOne("x: ' 12 '", { $0.double() }) == (12, []))
    #expect(try readOne("x: 1e400", { $0.double() }).1 == ["expected a number, got 1e400"])
    #expect(try readOne("x: --1", { $0.double() }).1 == ["expected a number, got '--1'"])
    #expect(try readOne("x: 1.5e", { $0.double(min: 0, max: 2) }).1 == ["expected a number between 0 and 2, got '1.5e'"])
    #expect(try readOne("x: 0x10", { $0.double() }).1 == ["expected a number, got 0x10"])
}

@Test func booleansStringsAndChoices() throws {
    #expect(try readOne("x: yes", { $0.bool() }) == (true, []))
    #expect(try readOne("x: False", { $0.bool() }) == (false, []))
    #expect(try readOne("x: maybe", { $0.bool() }).1 == ["expected true or false, got 'maybe'"])
    #expect(try readOne("x: hello", { $0.string() }) == ("hello", []))
    #expect(try readOne("x: {a: 1}", { $0.string() }).1 == ["expected a text value, got a mapping"])
    #expect(try readOne("x: fifo", { $0.oneOf(["fifo", "priority"]) }) == ("fifo", []))
    #expect(try readOne("x: priorty", { $0.oneOf(["fifo", "priority"]) }).1
            == ["expected one of fifo, priority, got 'priorty'; did you mean 'priority'?"])
}

@Test func missingParentsAreReportedOnceWhereTheyGoWrong() throws {
    let r = try reader("sites:\n  AE: 5\n")
    let root = r.root
    _ = root["sites"]["AE"]["beds"].int()
    _ = root["sites"]["AE"]["cubicles"].int()
    _ = root["arrivals"]["rate"].double()
    _ = root["arrivals"]["other"].double()
    #expect(r.issues.map(\.description) == [
        "t.yaml:2:7: sites.AE: expected a mapping, got 5",
        "t.yaml:1:1: (top level): missing required key 'arrivals'",
    ])
    #expect(root["arrivals"]["rate"].location == SourceLocation(file: "t.yaml", line: 1, column: 1))
    #expect(!root["arrivals"].exists)
    #expect(root["sites"].exists)
}

@Test func keysReportsUnknownAndMissing() throws {
    let r = try reader("""
        AE:
          cubicle: 3
          zzz: 1
        """)
    let ae = r.root["AE"]
    ae.keys(allowed: ["cubicles", "name"], required: ["servers"])
    _ = ae["servers"].int()  // same issue as keys(required:): reported once
    #expect(r.issues.map(\.description) == [
        "t.yaml:2:3: AE: unknown key 'cubicle'; did you mean 'cubicles'?",
        "t.yaml:3:3: AE: unknown key 'zzz' (expected servers, cubicles, name)",
        "t.yaml:2:3: AE: missing required key 'servers'",
    ])
    let s = try reader("AE: 3")
    s.root["AE"].keys(allowed: ["a"])
    #expect(s.issues.map(\.message) == ["expected a mapping, got 3"])
}

@Test func entriesAndItemsKeepOrderAndPaths() throws {
    let r = try reader("""
        sites: {c: 1, a: 2, b: 3}
        arrivals:
          - rate: 1
          - rate: x
        """)
    #expect(r.root["sites"].entries().map(\.key) == ["c", "a", "b"])
    let items = r.root["arrivals"].items()
    #expect(items.map(\.path) == ["arrivals[0]", "arrivals[1]"])
    #expect(items[1]["rate"].path == "arrivals[1].rate")
    _ = items[1]["rate"].double()
    #expect(r.issues.map(\.description) == ["t.yaml:4:11: arrivals[1].rate: expected a number, got 'x'"])
    _ = r.root["sites"].items()
    #expect(r.issues.last?.message == "expected a list, got a mapping")
}

@Test func numberLists() throws {
    let hourly = "[" + Array(repeating: "1", count: 24).joined(separator: ", ") + "]"
    #expect(try readOne("x: \(hourly)", { $0.doubles(count: 24) }).0?.count == 24)
    let short = "[" + Array(repeating: "1", count: 23).joined(separator: ", ") + "]"
    #expect(try readOne("x: \(short)", { $0.doubles(count: 24) }).1 == ["expected a list of 24 numbers, got 23"])
    #expect(try readOne("x: [1, -2, a]", { $0.doubles(min: 0) }).1
            == ["expected a number >= 0, got -2", "expected a number >= 0, got 'a'"])
}

@Test func probabilityMaps() throws {
    let (good, none) = try readOne("x: {home: 0.7, ward: 0.3}", { $0.probabilities(sumToOne: true) })
    #expect(none.isEmpty)
    #expect(good?.map(\.name) == ["home", "ward"])
    #expect(good?.map(\.probability) == [0.7, 0.3])
    #expect(try readOne("x: {home: 0.65, ward: 0.3}", { $0.probabilities(sumToOne: true) }).1
            == ["probabilities must sum to 1, got 0.95"])
    #expect(try readOne("x: {home: 0.65, ward: 0.3}", { $0.probabilities(sumToOne: false) }).1.isEmpty)
    #expect(try readOne("x: {home: 1.5}", { $0.probabilities(sumToOne: true) }).1
            == ["expected a probability between 0 and 1, got 1.5"])
}

// MARK: - Durations

@Test(arguments: [
    ("15 min", 15.0), ("15 minutes", 15), ("1 minute", 1), ("90 s", 1.5), ("90 seconds", 1.5), ("30sec", 0.5),
    ("4 h", 240), ("1 hour", 60), ("4 Hours", 240), ("2.5 hrs", 150), ("30 days", 43_200), ("1 day", 1440),
    ("2 d", 2880), ("2 weeks", 20_160), ("1 WEEK", 10_080), ("15min", 15),
])
func durationUnits(text: String, minutes: Double) throws {
    let (value, issues) = try readOne("x: \(text)", { $0.duration() })
    #expect(issues.isEmpty)
    #expect(abs((value ?? -1) - minutes) < 1e-9)
}

@Test func badDurations() throws {
    #expect(try readOne("x: 15", { $0.duration() }).1
            == ["expected a duration with a unit, such as '15 min' or '4 hours', got 15"])
    #expect(try readOne("x: soon", { $0.duration() }).1
            == ["expected a duration with a unit, such as '15 min' or '4 hours', got 'soon'"])
    #expect(try readOne("x: -5 min", { $0.duration() }).1 == ["expected a duration > 0, got '-5 min'"])
    #expect(try readOne("x: 0 min", { $0.duration() }).1 == ["expected a duration > 0, got '0 min'"])
    #expect(try readOne("x: 0 min", { $0.duration(allowZero: true) }) == (0, []))
    #expect(try readOne("x: -1 h", { $0.duration(allowZero: true) }).1 == ["expected a duration >= 0, got '-1 h'"])
    #expect(try readOne("x: 15 mn", { $0.duration() }).1 == ["unknown unit 'mn' in duration '15 mn'; did you mean 'min'?"])
    #expect(try readOne("x: 3 fortnights", { $0.duration() }).1
            == ["unknown unit 'fortnights' in duration '3 fortnights'; use s, min, h, days or weeks"])
    #expect(try readOne("x: [1 h]", { $0.duration() }).1
            == ["expected a duration such as '15 min' or '4 hours', got a list"])
    #expect(try readOne("y: 1", { $0.duration(default: 5) }) == (5, []))
}

// MARK: - Distributions

@Test(arguments: [
    ("{constant: 10 min}", Distribution.constant(10)),
    ("{exponential: {mean: 15 min}}", .exponential(mean: 15)),
    ("{uniform: {low: 0 min, high: 1 h}}", .uniform(low: 0, high: 60)),
    ("{normal: {mean: 30 min, sd: 5 min}}", .normal(mean: 30, sd: 5, truncatedAtZero: true)),
    ("{lognormal: {mean: 60 min, sd: 45 min}}", .lognormal(mean: 60, sd: 45)),
    ("{gamma: {mean: 2 h, sd: 1 h}}", .gamma(mean: 120, sd: 60)),
    ("{weibull: {shape: 1.5, scale: 20 min}}", .weibull(shape: 1.5, scale: 20)),
    ("{erlang: {k: 3, mean: 30 min}}", .erlang(k: 3, mean: 30)),
    ("{triangular: {min: 5 min, mode: 10 min, max: 30 min}}", .triangular(min: 5, mode: 10, max: 30)),
    ("{pert: {min: 0 min, mode: 10 min, max: 1 h}}", .pert(min: 0, mode: 10, max: 60)),
    ("{empirical: {values: [10 min, 20 min, 60 min], cumulative: [0, 0.5, 1]}}",
     .empirical(values: [10, 20, 60], cumulative: [0, 0.5, 1])),
    ("{lognormal: {mean: 4 days, sd: 5 days}, zero_share: 0.33}",
     .zeroInflated(share: 0.33, base: .lognormal(mean: 5760, sd: 7200))),
])
func distributionFamilies(yaml: String, expected: Distribution) throws {
    let (value, issues) = try readOne("x: \(yaml)", { $0.distribution() })
    #expect(issues.isEmpty)
    #expect(value == expected)
}

@Test func badDistributions() throws {
    #expect(try readOne("x: {expnential: {mean: 5 min}}", { $0.distribution() }).1
            == ["unknown distribution 'expnential'; did you mean 'exponential'?"])
    #expect(try readOne("x: 10 min", { $0.distribution() }).1
            == ["expected a distribution such as {exponential: {mean: 15 min}}, got '10 min'"])
    #expect(try readOne("x: {exponential: {mean: 5 min}, gamma: {mean: 1 h, sd: 1 h}}", { $0.distribution() }).1
            == ["expected exactly one distribution family, got exponential and gamma"])
    #expect(try readOne("x: {zero_share: 0.1}", { $0.distribution() }).1.first?
            .hasPrefix("missing the distribution family") == true)
    #expect(try readOne("x: {exponential: {mean: 5}}", { $0.distribution() }).1
            == ["expected a duration with a unit, such as '15 min' or '4 hours', got 5"])
    #expect(try readOne("x: {gamma: {mean: 5 min, sdev: 1 min}}", { $0.distribution() }).1
            == ["unknown key 'sdev'; did you mean 'sd'?", "missing required key 'sd'"])
    #expect(try readOne("x: {erlang: {k: 2.5, mean: 5 min}}", { $0.distribution() }).1
            == ["expected an integer >= 1, got 2.5"])
    // Impossible parameters: Distribution.validated()'s message, at the distribution.
    let r = try reader("a: 1\nx: {triangular: {min: 30 min, mode: 10 min, max: 20 min}}\n")
    #expect(r.root["x"].distribution() == nil)
    #expect(r.issues.map(\.description)
            == ["t.yaml:2:4: x: needs 0 <= min <= mode <= max and min < max, got min 30.0, mode 10.0, max 20.0"])
    #expect(try readOne("x: {exponential: {mean: 5 min}, zero_share: 1}", { $0.distribution() }).1
            == ["zero share must be in [0, 1), got 1.0"])
    #expect(try readOne("x: {empirical: {values: [10 min, 5 min], cumulative: [0, 1]}}", { $0.distribution() }).1
            == ["empirical values must be in increasing order"])
}

// MARK: - Collecting

@Test func everyIssueIsCollectedAndThrownTogether() throws {
    let r = try reader("""
        sites:
          AE:
            beds: -3
            cubicle: 4
            service: {exponential: {mean: 15}}
        policy: fast
        """, file: "R2.yaml")
    let ae = r.root["sites"]["AE"]
    ae.keys(allowed: ["beds", "cubicles", "service"], required: ["beds", "servers"])
    _ = ae["beds"].int(min: 1)
    _ = ae["service"].distribution()
    _ = r.root["policy"].oneOf(["fifo", "priority"])
    _ = r.root["horizon"].duration()
    #expect(r.issues.count == 6)
    let error = try #require(thrownIssuesError { try r.finish() })
    #expect(error.description == """
        R2.yaml:1:1: (top level): missing required key 'horizon'
        R2.yaml:3:5: sites.AE: missing required key 'servers'
        R2.yaml:3:11: sites.AE.beds: expected an integer >= 1, got -3
        R2.yaml:4:5: sites.AE: unknown key 'cubicle'; did you mean 'cubicles'?
        R2.yaml:5:35: sites.AE.service.exponential.mean: expected a duration with a unit, such as '15 min' or '4 hours', got 15
        R2.yaml:6:9: policy: expected one of fifo, priority, got 'fast'
        """)
    #expect(throws: Never.self) { try ScenarioReader(ScenarioDocument.parse(yaml: "a: 1", file: "ok.yaml")).finish() }
}

private func thrownIssuesError(_ body: () throws -> Void) -> ScenarioValidationError? {
    do { try body() } catch let error as ScenarioValidationError { return error } catch {}
    return nil
}

// MARK: - Did you mean

@Test func didYouMean() {
    #expect(DidYouMean.suggestion(for: "cubicle", among: ["beds", "cubicles"]) == "cubicles")
    #expect(DidYouMean.suggestion(for: "expnential", among: Field.distributionFamilies) == "exponential")
    #expect(DidYouMean.suggestion(for: "Beds", among: ["beds"]) == "beds")
    #expect(DidYouMean.suggestion(for: "wards", among: ["beds", "cubicles"]) == nil)
    #expect(DidYouMean.distance("kitten", "sitting") == 3)
}
