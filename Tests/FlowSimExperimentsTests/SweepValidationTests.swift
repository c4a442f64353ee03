import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

// Bad sweep files are refused before anything runs, with file, line, field
// path and what was expected.

/// Writes `body` (after a header naming R2 as the option) to a sweep file
/// and returns the issues `Sweep.load` throws, with the file's path.
private func problems(_ body: String, header: Bool = true) throws -> (issues: [ScenarioIssue], file: String) {
    let directory = try makeTemporaryDirectory("flowsim-sweep-validation")
    let file = directory.appendingPathComponent("bad.yaml").path
    let text = (header ? "schema: flowsim.sweep/1\nscenarios: [\(PackagePaths.r2)]\n" : "") + body
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    do {
        _ = try Sweep.load(path: file)
        Issue.record("expected the sweep file to be refused:\n\(text)")
        return ([], file)
    } catch let error as ScenarioValidationError {
        return (error.issues, file)
    }
}

private func only(_ r: (issues: [ScenarioIssue], file: String)) -> ScenarioIssue? {
    #expect(r.issues.count == 1, "\(r.issues)")
    return r.issues.first
}

@Test func unknownParameterPathIsRefusedAtItsLineWithASuggestion() throws {
    let r = try problems("""
        parameters:
          sites.ED.wards.genral.beds: {values: [300, 320]}
        design: grid
        """)
    let issue = try #require(only(r))
    #expect(issue.location == SourceLocation(file: r.file, line: 4, column: 3))
    #expect(issue.fieldPath == "parameters.sites.ED.wards.genral.beds")
    #expect(issue.message.contains("unknown parameter path 'sites.ED.wards.genral.beds'"))
    #expect(issue.message.contains("'sites.ED.wards' has no key 'genral'; did you mean 'general'?"))
}

@Test func emptyRangeIsRefused() throws {
    let r = try problems("""
        parameters:
          sites.ED.wards.general.beds:
            range: {from: 340, to: 300, step: 20}
        design: grid
        """)
    let issue = try #require(only(r))
    #expect(issue.location?.line == 5)
    #expect(issue.fieldPath == "parameters.sites.ED.wards.general.beds.range")
    #expect(issue.message == "empty range: from 340 is above to 300; expected from <= to")
    let zeroStep = try problems("""
        parameters:
          sites.ED.wards.general.beds: {range: {from: 300, to: 340, step: 0}}
        design: grid
        """)
    #expect(only(zeroStep)?.message == "expected a step > 0, got 0")
    let emptyList = try problems("""
        parameters:
          sites.ED.wards.general.beds: {values: []}
        design: grid
        """)
    #expect(only(emptyList)?.message == "expected at least one value, got an empty list")
}

@Test func latinHypercubeWithFewerThanTwoPointsIsRefused() throws {
    let r = try problems("""
        parameters:
          groups.all.admit_probability: {uniform: {low: 0.2, high: 0.3}}
        design:
          latin_hypercube: {points: 1}
        """)
    let issue = try #require(only(r))
    #expect(issue.location?.line == 6)
    #expect(issue.fieldPath == "design.latin_hypercube.points")
    #expect(issue.message == "a Latin hypercube needs at least 2 points (one per stratum), got 1")
}

@Test func distributionsWithInvalidParametersAreRefused() throws {
    let r = try problems("""
        parameters:
          groups.all.admit_probability: {uniform: {low: 0.3, high: 0.2}}
          sites.ED.wards.general.beds: {normal: {mean: 320, sd: -4}, integer: true}
          groups.all.length_of_stay.lognormal.mean: {triangular: {min: 3, mode: 6, max: 5}, unit: days}
          groups.all.length_of_stay.lognormal.sd: {lognormal: {mean: 0, sd: 1}, unit: days}
        design: {random: {points: 10}}
        """)
    #expect(r.issues.map(\.location?.line) == [4, 5, 6, 7])
    #expect(r.issues.map(\.message) == [
        "uniform needs low < high, got low 0.3, high 0.2",
        "normal needs sd > 0, got sd -4",
        "triangular needs min <= mode <= max and min < max, got min 3, mode 6, max 5",
        "lognormal needs mean > 0 and sd > 0, got mean 0, sd 1",
    ])
    #expect(r.issues[0].fieldPath == "parameters.groups.all.admit_probability.uniform")
}

@Test func gridDesignsRefuseDistributions() throws {
    let r = try problems("""
        parameters:
          groups.all.admit_probability: {uniform: {low: 0.2, high: 0.3}}
        design: grid
        """)
    #expect(only(r)?.message.hasPrefix("'uniform' is a distribution: it needs design") == true)
}

@Test func valuesTheScenarioRefusesAreReportedBeforeAnyRun() throws {
    let r = try problems("""
        parameters:
          sites.ED.wards.general.beds: {values: [300, -5]}
          groups.all.admit_probability: {uniform: {low: 0.2, high: 1.5}}
          sites.ED.streams.cubicles.servers: {uniform: {low: 12, high: 18}}
        design: {latin_hypercube: {points: 4}}
        """)
    #expect(r.issues.count == 3)
    #expect(r.issues[0].location?.line == 4)
    #expect(r.issues[0].message.contains("value -5 is refused by scenario"))
    #expect(r.issues[0].message.contains("expected an integer >= 0, got -5"))
    #expect(r.issues[1].message.contains("value 1.5 is refused"))
    #expect(r.issues[2].message.hasSuffix("add 'integer: true' to round drawn values"))
}

@Test func unknownKeysMetricsScopesAndMissingScenariosAreRefused() throws {
    let r = try problems("""
        scenarios: [nowhere.yaml]
        parameters:
          sites.ED.wards.general.beds: {values: [300]}
        design: grid
        replicatons: 3
        """, header: false)
    #expect(r.issues.map(\.message) == ["unknown key 'replicatons'; did you mean 'replications'?"])

    let missing = try problems("""
        scenarios: [nowhere.yaml]
        parameters:
          sites.ED.wards.general.beds: {values: [300]}
        design: grid
        """, header: false)
    #expect(only(missing)?.message.hasPrefix("scenario file 'nowhere.yaml' not found") == true)
    #expect(missing.issues.first?.location?.line == 1)

    let names = try problems("""
        parameters:
          sites.ED.wards.general.beds: {values: [300]}
        design: grid
        metrics: [ae_within_4h, ae_within_4hrs]
        scopes: [system, EDD]
        """)
    #expect(names.issues.map(\.message) == [
        "unknown metric 'ae_within_4hrs'; did you mean 'ae_within_4h'? (see docs/results.md for the metric names)",
        "unknown scope 'EDD'; did you mean 'ED'? (scopes: system, ED)",
    ])
    #expect(names.issues.map(\.location?.line) == [6, 7])
}

@Test func bestNeedsASampledDesign() throws {
    let r = try problems("""
        parameters:
          sites.ED.wards.general.beds: {values: [300, 320]}
        design: grid
        best: {metric: ae_within_4h, direction: max}
        """)
    #expect(only(r)?.message.hasPrefix("'best' ranks options over parameter uncertainty") == true)
}

@Test func theShippedExampleSweepsAreValid() throws {
    let directory = PackagePaths.scenario("sweeps")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        .map { directory + "/" + $0 }
        .filter { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("schema: flowsim.sweep/1") == true }
    #expect(files.count >= 2)
    for file in files {
        do {
            let sweep = try Sweep.load(path: file)
            #expect(sweep.plan.points.count >= 2, "\(file)")
        } catch {
            Issue.record("\(file) is refused:\n\(error)")
        }
    }
}
