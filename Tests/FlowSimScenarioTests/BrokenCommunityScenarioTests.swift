import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Broken timelines and community sections: each is a small file that
/// inherits a shipped Mid and South Essex scenario (`base:` with an
/// absolute path, written by `BrokenNetworkScenarioTests.write`, so the
/// first line of the fixture's own text is line 3) and gets one thing
/// wrong. Loading must fail with an issue naming the file, line, column
/// and field path, and saying what is wrong.
@Suite struct BrokenCommunityScenarioTests {
    typealias Broken = BrokenNetworkScenarioTests
    static var baseline: String { Broken.shipped("baseline") }
    static var doNothing: String { Broken.shipped("stp-do-nothing") }

    /// A 90-day measured period from 1 April 2016 (to 29 June inclusive).
    static let dated = [
        "run:",                                                           // 3
        "  start_date: 2016-04-01",                                       // 4
        "  warmup: 7 days",                                               // 5
        "  horizon: 90 days",                                             // 6
    ]

    @Test func theShippedCommunityScenariosAreValid() throws {
        for name in ["stp-do-nothing", "stp-plan"] {
            let scenario = try Scenario.load(path: Broken.shipped(name))
            #expect(scenario.config.community != nil && scenario.config.epochs.count == 4, "\(name)")
        }
        for name in ["baseline", "option-1A", "option-1B", "option-1C", "option-2A", "option-2B"] {
            let scenario = try Scenario.load(path: PackagePaths.scenario("mse/plan-2020-21/\(name).yaml"))
            #expect(scenario.config.community != nil && scenario.config.epochs.isEmpty, "\(name)")
        }
        // A well-formed timeline, its last entry on the last measured day.
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016-05-01",                                       // 8
            "    note: fewer walk-ins",                                   // 9
            "    set: {network.demand.walk_in.per_1000_per_year: 140}",   // 10
            "  - date: 2016-06-29",                                       // 11
            "    set:",                                                   // 12
            "      network.ambulance.vehicles: 40",                       // 13
            "      groups.minor.ambulance.hear_and_treat: 0.3",           // 14
        ])
        let config = try Scenario.load(path: path).config
        let expected: [Double] = [37 * 1_440, 96 * 1_440]   // days 30 and 89 of the measured period
        #expect(config.epochs.map { $0.from } == expected)
        #expect(config.epochs.last?.config.network?.demand.first { $0.channel == .walkIn }?.perThousandPerYear == 140)
    }

    // MARK: timelines

    @Test func datesOutOfOrder() throws {
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016-06-01",                                       // 8
            "    set:",                                                   // 9
            "      network.demand.walk_in.per_1000_per_year: 140",        // 10
            "  - date: 2016-05-01",                                       // 11
            "    set:",                                                   // 12
            "      network.demand.walk_in.per_1000_per_year: 120",        // 13
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 11, column: 11, fieldPath: "timeline[1].date",
                           mentions: ["timeline dates must be in order", "before the previous entry"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    /// After the measured period, on its end, and before its start (by more
    /// than the warm-up, and on the start date itself).
    @Test func datesOutsideTheMeasuredPeriod() throws {
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016-03-01",                                       // 8
            "    set: {network.demand.walk_in.per_1000_per_year: 140}",   // 9
            "  - date: 2016-05-01",                                       // 10
            "    set: {network.demand.walk_in.per_1000_per_year: 130}",   // 11
            "  - date: 2016-06-30",                                       // 12
            "    set: {network.demand.walk_in.per_1000_per_year: 120}",   // 13
            "  - date: 2016-09-01",                                       // 14
            "    set: {network.demand.walk_in.per_1000_per_year: 110}",   // 15
        ])
        let error = try #require(Broken.error(loading: path))
        for (line, k) in [(8, 0), (12, 2), (14, 3)] {
            Broken.expectIssue(error, file: path, line: line, column: 11, fieldPath: "timeline[\(k)].date",
                               mentions: ["the date is outside the measured period"])
        }
        #expect(error.issues.count == 3, "\(error.description)")
        #expect(!error.issues.contains { $0.message.contains("in order") }, "\(error.description)")
    }

    @Test func theStartDateItselfIsOutsideTheTimeline() throws {
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016/17 Q1",                                       // 8
            "    set: {network.demand.walk_in.per_1000_per_year: 140}",   // 9
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 8, column: 11, fieldPath: "timeline[0].date",
                           mentions: ["outside the measured period", "after run.start_date"])
    }

    /// An unknown path in `set`, as the second of two values: reported once,
    /// at that entry, naming the path and what was meant; the later entry
    /// (which repeats the earlier changes internally) is not blamed.
    @Test func anUnknownParameterPath() throws {
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016-05-01",                                       // 8
            "    set:",                                                   // 9
            "      network.demand.walk_in.per_1000_per_year: 140",        // 10
            "      network.demand.walk_in.per_1000_per_yr: 120",          // 11
            "  - date: 2016-06-01",                                       // 12
            "    set:",                                                   // 13
            "      network.ambulance.vehicles: 40",                       // 14
        ])
        let error = try #require(Broken.error(loading: path))
        let issue = error.issues.first { $0.message.contains("per_1000_per_yr'") }
        #expect(issue?.location?.file == path, "\(error.description)")
        #expect(issue?.fieldPath.hasPrefix("timeline[0].set") == true, "\(error.description)")
        #expect(issue?.message.contains("unknown parameter path 'network.demand.walk_in.per_1000_per_yr'") == true)
        #expect(issue?.message.contains("did you mean 'per_1000_per_year'?") == true, "\(error.description)")
        // The line of the wrong key, not of the first key of `set`.
        #expect(issue?.location?.line == 11, "\(error.description)")
        #expect(error.issues.count == 1, "\(error.description)")
        #expect(!error.issues.contains { $0.fieldPath.hasPrefix("timeline[1]") }, "\(error.description)")
    }

    /// A value the scenario format refuses, set by a timeline (as the
    /// second of two values): reported once, at its own line, and not
    /// again at the later entry (whose state includes it).
    @Test func anInvalidValueAfterAChange() throws {
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016-05-01",                                       // 8
            "    set:",                                                   // 9
            "      network.demand.walk_in.per_1000_per_year: 140",        // 10
            "      network.ambulance.secondary_dispatch.probability: 1.5", // 11
            "  - date: 2016-06-01",                                       // 12
            "    set:",                                                   // 13
            "      network.ambulance.vehicles: 40",                       // 14
        ])
        let error = try #require(Broken.error(loading: path))
        #expect(error.issues.count == 1, "\(error.description)")
        let issue = try #require(error.issues.first, "\(error.description)")
        #expect(issue.location?.file == path, "\(error.description)")
        #expect(issue.location?.line == 11, "the line of the wrong value, not of the first key of `set`: \(error.description)")
        #expect(issue.fieldPath.hasPrefix("timeline[0].set"), "\(error.description)")
        #expect(issue.message.contains("after this change, network.ambulance.secondary_dispatch.probability"),
                "\(error.description)")
        #expect(issue.message.contains("1.5"), "\(error.description)")
    }

    /// Setting a site's wards to a mapping without one of them removes a
    /// ward: a timeline changes values, not what exists.
    @Test func aChangeOfStructure() throws {
        let path = try Broken.write(base: Self.baseline, Self.dated + [
            "timeline:",                                                  // 7
            "  - date: 2016-05-01",                                       // 8
            "    set:",                                                   // 9
            "      sites.BTUHFT.wards: {medical: {beds: 318}, surgical: {beds: 191}, stroke: {beds: 28}, paediatric: {beds: 6}}",  // 10
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 10, fieldPath: "timeline[0].set",
                           mentions: ["a timeline may change values, not structure", "the wards of site 'BTUHFT' differ"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    /// Lines 3-10 of a child: no start date, and none of the baseline's
    /// month-of-year factors (which need one).
    static let withoutMonthlyFactors = [
        "run: {start_date: ~}", "arrivals: ~", "network:", "  demand:",
        "    walk_in: {monthly_factor: ~}", "    nhs_111: {monthly_factor: ~}",
        "    ambulance_999: {monthly_factor: ~}", "    gp_admission: {monthly_factor: ~}",
    ]

    @Test func aDateWithoutAStartDate() throws {
        // The baseline's monthly factors need the start date too: removed here.
        let path = try Broken.write(base: Self.baseline, Self.withoutMonthlyFactors + [
            "timeline:",                                                  // 11
            "  - date: 2016-05-01",                                       // 12
            "    set: {network.demand.walk_in.per_1000_per_year: 140}",   // 13
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 12, column: 11, fieldPath: "timeline[0].date",
                           mentions: ["dates need run.start_date"])
        #expect(error.issues.count == 1, "\(error.description)")

        // Removing the start date of a scenario with a timeline: reported
        // at the first date, in the base file.
        let removed = try Broken.write(base: Self.doNothing, Self.withoutMonthlyFactors)
        let second = try #require(Broken.error(loading: removed))
        Broken.expectIssue(second, file: Self.doNothing, line: 52, column: 11, fieldPath: "timeline[0].date",
                           mentions: ["dates need run.start_date"])
        #expect(second.issues.count == 1, "\(second.description)")
    }

    /// Month 13, 30 February, and a fifth quarter.
    @Test func malformedDates() throws {
        let path = try Broken.write(base: Self.baseline, [
            "run:",                                                       // 3
            "  start_date: 2016-04-01",                                   // 4
            "  warmup: 7 days",                                           // 5
            "  horizon: 365 days",                                        // 6
            "timeline:",                                                  // 7
            "  - date: 2017-13-45",                                       // 8
            "    set: {network.demand.walk_in.per_1000_per_year: 140}",   // 9
            "  - date: 2016/17 Q5",                                       // 10
            "    set: {network.demand.walk_in.per_1000_per_year: 130}",   // 11
            "  - date: 2017-02-30",                                       // 12
            "    set: {network.demand.walk_in.per_1000_per_year: 120}",   // 13
        ])
        let error = try #require(Broken.error(loading: path))
        for (line, k, text) in [(8, 0, "2017-13-45"), (10, 1, "2016/17 Q5"), (12, 2, "2017-02-30")] {
            Broken.expectIssue(error, file: path, line: line, column: 11, fieldPath: "timeline[\(k)].date",
                               mentions: ["expected a date such as 2017-04-01 or a financial quarter such as '2017/18 Q3'",
                                          "got '\(text)'"])
        }
        #expect(error.issues.count == 3, "\(error.description)")

        let start = try Broken.write(base: Self.doNothing, ["run: {start_date: 2016/17 Q0}"])
        let second = try #require(Broken.error(loading: start))
        Broken.expectIssue(second, file: start, line: 3, fieldPath: "run.start_date",
                           mentions: ["expected a date", "got '2016/17 Q0'"])
    }

    // MARK: community

    @Test func maturityForAnUnknownLocality() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "community:",                                                 // 3
            "  maturity:",                                                // 4
            "    L01: [{from: 2016/17 Q3, level: 1}]",                    // 5
            "    L99: [{from: 2016/17 Q3, level: 1}]",                    // 6
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "community.maturity.L99",
                           mentions: ["unknown locality 'L99'"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func badMaturitySteps() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "community:",                                                 // 3
            "  maturity:",                                                // 4
            "    L01: [{from: 2016/17 Q5, level: 1}, {from: 2017-13-45, level: 2}]",  // 5
            "    L02: [{from: 2017/18 Q3, level: 2}, {from: 2016/17 Q3, level: 1}]",  // 6
            "    L03: [{from: 2016/17 Q3, level: 5}]",                    // 7
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "community.maturity.L01[0].from",
                           mentions: ["expected a date", "got '2016/17 Q5'"])
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "community.maturity.L01[1].from",
                           mentions: ["expected a date", "got '2017-13-45'"])
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "community.maturity.L02[1].from",
                           mentions: ["maturity steps must be in date order"])
        Broken.expectIssue(error, file: path, line: 7, fieldPath: "community.maturity.L03[0].level", mentions: ["5"])
        #expect(error.issues.count == 4, "\(error.description)")
    }

    @Test func maturityWithoutAStartDate() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "run: {start_date: ~}",                                       // 3
            "community:",                                                 // 4
            "  maturity:",                                                // 5
            "    L01: [{from: 2016/17 Q3, level: 1}]",                    // 6
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "community.maturity.L01[0].from",
                           mentions: ["dates need run.start_date"])
        #expect(error.issues.filter { !$0.message.contains("monthly_factor needs run.start_date") }.count == 1,
                "\(error.description)")
    }

    @Test func pathwaySharesNotSummingToOne() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "community:",                                                 // 3
            "  pathways:",                                                // 4
            "    minor: {home: 0.7, home_with_mdt: 0.2}",                 // 5
            "    default: {home: 0.8}",                                   // 6: merged over 0.86/0.08/0.04/0.02
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "community.pathways.minor",
                           mentions: ["probabilities must sum to 1, got 0.9"])
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "community.pathways.default",
                           mentions: ["probabilities must sum to 1, got 0.94"])
        #expect(error.issues.count == 2, "\(error.description)")
    }

    @Test func anUnknownPathway() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "community:",                                                 // 3
            "  pathways:",                                                // 4
            "    paediatric: {home: 0.9, hospice: 0.1}",                  // 5
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "community.pathways.paediatric",
                           mentions: ["unknown pathway 'hospice'",
                                      "(pathways: home, home_with_mdt, discharge_to_assess, care_home)"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func effectivenessAboveOne() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "community:",                                                 // 3
            "  mdt:",                                                     // 4
            "    effectiveness_by_level: [0.2, 0.3, 0.4, 0.5, 1.2]",      // 5
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, column: 29, fieldPath: "community.mdt.effectiveness_by_level",
                           mentions: ["expected shares between 0 and 1, got 1.2"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func aDischargeToAssessUnitForAnUnknownLocality() throws {
        let path = try Broken.write(base: Self.doNothing, [
            "community:",                                                 // 3
            "  discharge_to_assess:",                                     // 4
            "    SE: {localities: [L23, L24, L25, L62]}",                 // 5
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, column: 38,
                           fieldPath: "community.discharge_to_assess.SE.localities[3]",
                           mentions: ["unknown locality 'L62'"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    /// A community side in a single-site scenario (R2): MDTs belong to
    /// localities, which only a network has.
    @Test func aCommunityWithoutANetwork() throws {
        let path = try Broken.write(base: PackagePaths.r2, [
            "community:",                                                 // 3
            "  mdt:",                                                     // 4
            "    caseload_per_100k: 45",                                  // 5
            "    capacity_by_level: [0.65, 0.72, 0.82, 0.92, 1.0]",       // 6
            "    effectiveness_by_level: [0.2, 0.3, 0.4, 0.5, 0.6]",      // 7
            "    eligible_groups: [all]",                                 // 8
            "    frailty_share: 0.5",                                     // 9
            "    step_up_episode: {lognormal: {mean: 14 days, sd: 7 days}}",  // 10
            "    step_down_episode: {lognormal: {mean: 7 days, sd: 4 days}}", // 11
            "  pathways:",                                                // 12
            "    default: {home: 0.9, home_with_mdt: 0.1}",               // 13
            "  care_home_wait: {lognormal: {mean: 4 days, sd: 3 days}}",  // 14
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 4, fieldPath: "community",
                           mentions: ["a community side needs 'localities' and 'network'"])
        #expect(error.issues.count == 1, "\(error.description)")
    }
}

/// `base:` as a list: the files are merged in order, later ones winning,
/// and the child over all of them. (Nested so that it runs with the
/// community tests: plan-world files are option + plan fragment.)
extension BrokenCommunityScenarioTests {
    @Suite struct BaseLists {
        /// Writes `files` (name: lines) into one fresh directory; returns it.
        static func directory(_ files: [String: [String]]) throws -> URL {
            let dir = try makeTemporaryDirectory("flowsim-base-list")
            for (name, lines) in files {
                try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent(name),
                                                                 atomically: true, encoding: .utf8)
            }
            return dir
        }

        static func files() throws -> URL {
            try directory([
                "A.yaml": [
                    "base: \(BrokenNetworkScenarioTests.shipped("baseline"))",
                    "name: A",
                    "run: {seed: 11, horizon: 100 days}",
                    "sites:",
                    "  BTUHFT: {wards: {medical: {beds: 300}, stroke: {beds: 30}}}",
                ],
                // A fragment, not a scenario: no name, no sites of its own.
                "B.yaml": [
                    "run: {horizon: 200 days}",
                    "sites:",
                    "  BTUHFT: {wards: {medical: {beds: 333}}}",
                    "network:",
                    "  demand:",
                    "    walk_in: {per_1000_per_year: 140}",
                ],
                "AB.yaml": ["base: [A.yaml, B.yaml]", "name: A then B"],
                "BA.yaml": ["base: [B.yaml, A.yaml]", "name: B then A"],
                "child.yaml": ["base: [A.yaml, B.yaml]", "name: child", "run: {horizon: 50 days}"],
            ])
        }

        static func beds(_ config: ModelConfig, _ site: String, _ ward: String) -> Int? {
            config.sites.first { $0.id == site }?.wards.first { $0.id == ward }?.beds
        }

        @Test func laterBasesWinAndEarlierValuesSurvive() throws {
            let dir = try Self.files()
            let ab = try Scenario.load(path: dir.appendingPathComponent("AB.yaml").path)
            #expect(Self.beds(ab.config, "BTUHFT", "medical") == 333)      // set in both: B wins
            #expect(Self.beds(ab.config, "BTUHFT", "stroke") == 30)        // only in A: survives
            #expect(Self.beds(ab.config, "MEHT", "medical") == 294)        // from A's own base
            #expect(ab.run.seed == 11)                                     // only in A
            #expect(ab.config.horizon == 200 * 1_440)                      // B wins
            #expect(ab.config.network?.demand.first { $0.channel == .walkIn }?.perThousandPerYear == 140)
            #expect(ab.config.name == "A then B")
            #expect(ab.files.map { ($0 as NSString).lastPathComponent } == ["AB.yaml", "A.yaml", "baseline.yaml", "B.yaml"])

            let ba = try Scenario.load(path: dir.appendingPathComponent("BA.yaml").path)
            #expect(Self.beds(ba.config, "BTUHFT", "medical") == 300)      // now A wins
            #expect(ba.config.horizon == 100 * 1_440)
            // A's own base (the baseline) is part of A, so it wins over B too.
            #expect(ba.config.network?.demand.first { $0.channel == .walkIn }?.perThousandPerYear == 153.3)

            let child = try Scenario.load(path: dir.appendingPathComponent("child.yaml").path)
            #expect(child.config.horizon == 50 * 1_440)                    // the child wins over both
            #expect(Self.beds(child.config, "BTUHFT", "medical") == 333)
        }

        /// The shipped plan-2020-21 files: an option with the plan fragment on top.
        @Test func theShippedPlanWorldCombinesAnOptionWithThePlan() throws {
            let option = try Scenario.load(path: PackagePaths.scenario("mse/option-1A.yaml")).config
            let combined = try Scenario.load(path: PackagePaths.scenario("mse/plan-2020-21/option-1A.yaml"))
            #expect(combined.run.seed == 2016)
            #expect(combined.config.sites.map(\.role) == option.sites.map(\.role))
            #expect(combined.config.network?.demand.first { $0.channel == .walkIn }?.perThousandPerYear == 157.9)
            #expect(combined.config.community?.mdt.caseloadPer100k == 45)
            #expect(combined.config.firstPeriodLabel == "2020/21")
        }

        @Test func aMissingSecondBaseIsReportedAtItsListItem() throws {
            let dir = try Self.files()
            let block = dir.appendingPathComponent("block.yaml").path
            try ["base:", "  - A.yaml", "  - missing.yaml", "name: block"].joined(separator: "\n")
                .write(toFile: block, atomically: true, encoding: .utf8)
            let flow = dir.appendingPathComponent("flow.yaml").path
            try ["base: [A.yaml, missing.yaml]", "name: flow"].joined(separator: "\n")
                .write(toFile: flow, atomically: true, encoding: .utf8)
            for (path, line, column) in [(block, 3, 5), (flow, 1, 16)] {
                let error = try #require(BrokenNetworkScenarioTests.error(loading: path))
                BrokenNetworkScenarioTests.expectIssue(error, file: path, line: line, column: column, fieldPath: "base",
                                                       mentions: ["base file", "missing.yaml' not found"])
                #expect(error.issues.count == 1, "\(error.description)")
            }
        }
    }
}
