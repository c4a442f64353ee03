import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Scenario files written for a test: children of shipped Mid and South
/// Essex scenarios (`base:` with an absolute path) in a fresh temporary
/// directory.
enum CommunityFixture {
    static func shipped(_ name: String) -> String { PackagePaths.scenario("mse/\(name).yaml") }

    /// Writes `base: <base>` followed by `lines` and returns the file's path.
    static func write(base: String, _ lines: [String]) throws -> String {
        let url = try makeTemporaryDirectory("flowsim-community").appendingPathComponent("fixture.yaml")
        try ((["base: \(base)"] + lines).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A run shortened for debug-mode tests (7 days of warm-up).
    static func short(days: Int) -> [(path: String, yaml: String)] {
        [("run.warmup", "7 days"), ("run.horizon", "\(days) days")]
    }

    /// The baseline plus a community side that does nothing: MDTs with no
    /// places (so every step-up referral is declined and pathway 1 falls
    /// back to home), no discharge-to-assess units, everyone discharged
    /// home. The referral logic still runs and draws its random numbers.
    static func baselineWithCommunitySwitchedOff(pathways: String = "{home: 1}") throws -> String {
        try write(base: shipped("baseline"), [
            "name: baseline with the community switched off",
            "community:",
            "  mdt:",
            "    caseload_per_100k: 0",
            "    capacity_by_level: [0.65, 0.72, 0.82, 0.92, 1.0]",
            "    effectiveness_by_level: [0.2, 0.3, 0.4, 0.5, 0.6]",
            "    eligible_groups: [frail_elderly, acute_medical]",
            "    frailty_share: 0.5",
            "    step_up_episode: {lognormal: {mean: 14 days, sd: 7 days}}",
            "    step_down_episode: {lognormal: {mean: 7 days, sd: 4 days}}",
            "    escalation: 0.2",
            "  pathways:",
            "    default: \(pathways)",
            "  care_home_wait: {lognormal: {mean: 4 days, sd: 3 days}}",
        ])
    }
}

/// stp-do-nothing without its timeline, with locality MDTs of three sizes,
/// replication by replication with the same seed (common random numbers),
/// run once and shared by the tests below. The do-nothing world keeps
/// every locality at maturity level 0 (65% of the level-4 caseload).
enum CommunityRuns {
    static let warmupDays = 7
    static let horizonDays = 45
    static let replications = 3
    static let seed: UInt64 = 2016
    /// MDT places per 100,000 at level 4: the shipped 45, double that, and
    /// so few that pathway-1 discharges queue without end in acute beds.
    static let tinyMDT = 20.0, shippedMDT = 45.0, largeMDT = 90.0

    struct Failure: Error, Sendable, CustomStringConvertible { let description: String }

    static func doNothing(caseloadPer100k: Double) throws -> ModelConfig {
        try Scenario.load(path: CommunityFixture.shipped("stp-do-nothing"), overrides: [
            ("timeline", "~"), ("run.warmup", "\(warmupDays) days"), ("run.horizon", "\(horizonDays) days"),
            ("community.mdt.caseload_per_100k", "\(caseloadPer100k)"),
        ]).config
    }

    struct Runs: Sendable {
        /// Replications 0..<replications.
        let shipped: [ReplicationResult]
        let large: [ReplicationResult]
        /// Replication 0 only.
        let tiny: ReplicationResult
    }

    /// The baseline (no community side), 7 + 28 days, replication 0.
    static let baseline: Result<ReplicationResult, Failure> = {
        do {
            let config = try Scenario.load(path: CommunityFixture.shipped("baseline"),
                                           overrides: CommunityFixture.short(days: 28)).config
            return .success(Replication.run(config, seed: seed, replication: 0))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    static let mdt: Result<Runs, Failure> = {
        do {
            let configs = [try doNothing(caseloadPer100k: shippedMDT), try doNothing(caseloadPer100k: largeMDT),
                           try doNothing(caseloadPer100k: tinyMDT)]
            let runs = ReplicationRunner(threads: 2).map(2 * replications + 1) { job in
                Replication.run(configs[job / replications], seed: seed, replication: job % replications)
            }
            return .success(Runs(shipped: Array(runs[..<replications]),
                                 large: Array(runs[replications..<(2 * replications)]), tiny: runs[2 * replications]))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()
}

@Suite struct CommunityTests {
    static let seed = CommunityRuns.seed

    // MARK: switched off

    /// With every MDT at zero places, no D2A unit and everyone going home,
    /// the community side must not change a single number of the model
    /// without it: community code draws only from its own streams
    /// ("community/care", "community/step-up") and adds no events. The
    /// same holds when some discharges choose pathways 1 and 2: with no
    /// MDT places and no D2A unit they leave by pathway 0 (home) at once.
    @Test(arguments: ["{home: 1}", "{home: 0.8, home_with_mdt: 0.15, discharge_to_assess: 0.05}"])
    func aCommunitySwitchedOffReproducesTheModelWithoutOne(pathways: String) throws {
        let without = try Scenario.load(path: CommunityFixture.shipped("baseline"),
                                        overrides: CommunityFixture.short(days: 28)).config
        let with = try Scenario.load(path: CommunityFixture.baselineWithCommunitySwitchedOff(pathways: pathways),
                                     overrides: CommunityFixture.short(days: 28)).config
        #expect(without.community == nil)
        let community = try #require(with.community)
        #expect(community.mdt.caseloadPer100k == 0 && community.d2aPools.isEmpty)
        #expect(with.epochs.isEmpty && without.epochs.isEmpty)

        let b = Replication.run(with, seed: Self.seed, replication: 0)
        let a = try CommunityRuns.baseline.get()

        var compared = 0
        var differences: [String] = []
        for scope in [Scope.system] + without.sites.map({ Scope.site($0.id) }) {
            let mine = try #require(a.values[scope], "no scope \(scope)")
            let theirs = try #require(b.values[scope], "no scope \(scope) with the community side")
            for (name, value) in mine.sorted(by: { $0.key < $1.key }) {
                guard let other = theirs[name] else {
                    differences.append("\(scope).\(name): missing with the community side")
                    continue
                }
                compared += 1
                if value.bitPattern != other.bitPattern && !(value.isNaN && other.isNaN) {
                    differences.append("\(scope).\(name): \(value) without, \(other) with (difference \(other - value))")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) of \(compared) metrics differ:\n\(differences.joined(separator: "\n"))")
        #expect(compared > 100)
        #expect(a.arrived == b.arrived && a.left == b.left && a.stillInside == b.stillInside,
                "ledger without: \(a.arrived)/\(a.left)/\(a.stillInside), with: \(b.arrived)/\(b.left)/\(b.stillInside)")
        #expect(a.measuredJourneys == b.measuredJourneys)
        #expect(a.eventsHandled == b.eventsHandled, "events without \(a.eventsHandled), with \(b.eventsHandled)")

        // The community side ran: every eligible referral found no place.
        #expect((b.value("mdt_referrals_declined_per_day") ?? 0) > 1)
        for name in ["mdt_referrals_accepted_per_day", "admissions_avoided_per_day", "mdt_caseload_mean",
                     "mdt_places_mean", "dtoc_bed_days", "d2a_occupancy_mean"] {
            #expect(b.value(name) == 0, "\(name) = \(b.value(name).map(String.init(describing:)) ?? "missing")")
        }
        #expect(b.value("mdt_referrals_declined_per_day", scopeKey: "L01") != nil)
        // Locality scopes exist in every network scenario, without MDT metrics unless there is a community side.
        #expect(a.scope(key: "L01") != nil && a.value("mdt_referrals_declined_per_day", scopeKey: "L01") == nil)
        #expect(a.value("mdt_referrals_declined_per_day") == nil)
    }

    // MARK: more MDT capacity

    /// A larger MDT takes more step-up referrals (admissions avoided), so
    /// fewer people are admitted, and takes pathway-1 discharges sooner, so
    /// fewer acute bed days are lost to delayed transfers of care. Paired:
    /// the same seed and replication, so the same people fall ill. (Across
    /// six replications of this design the differences were: admissions
    /// -2.1 to -2.9 a day, DTOC -540 to -810 bed days, avoided +2.7 to +3.4
    /// a day; the margins below are well inside those.)
    @Test func moreMDTCapacityGivesFewerAdmissionsAndFewerDelayedBedDays() throws {
        let runs = try CommunityRuns.mdt.get()
        var admissionDifferences: [Double] = [], delayDifferences: [Double] = []
        for (k, (s, l)) in zip(runs.shipped, runs.large).enumerated() {
            let placesRatio = try v(l, "mdt_places_mean") / v(s, "mdt_places_mean")
            #expect(placesRatio > 1.9 && placesRatio < 2.1, "replication \(k): places ratio \(placesRatio)")

            let avoided = (try v(s, "admissions_avoided_per_day"), try v(l, "admissions_avoided_per_day"))
            let accepted = (try v(s, "mdt_referrals_accepted_per_day"), try v(l, "mdt_referrals_accepted_per_day"))
            let admissions = (try v(s, "admissions_per_day"), try v(l, "admissions_per_day"))
            let delays = (try v(s, "dtoc_bed_days"), try v(l, "dtoc_bed_days"))
            let delays1 = (try v(s, "dtoc_bed_days_pathway_1"), try v(l, "dtoc_bed_days_pathway_1"))
            let summary = """
                replication \(k), MDT \(CommunityRuns.shippedMDT) vs \(CommunityRuns.largeMDT) per 100k: \
                avoided/day \(avoided), accepted/day \(accepted), admissions/day \(admissions), \
                DTOC bed days \(delays), pathway 1 \(delays1)
                """
            #expect(avoided.1 > avoided.0 + 1.5, "\(summary)")
            #expect(accepted.1 > accepted.0 + 1.5, "\(summary)")
            #expect(admissions.1 < admissions.0 - 1, "\(summary)")
            #expect(delays.1 < delays.0 - 300, "\(summary)")
            #expect(delays1.1 < 0.2 * delays1.0, "\(summary)")
            admissionDifferences.append(admissions.1 - admissions.0)
            delayDifferences.append(delays.1 - delays.0)
        }
        // The paired 95% CIs of the differences lie below zero.
        let admissions = MetricSummary(admissionDifferences), delays = MetricSummary(delayDifferences)
        #expect(admissions.ci95High < 0, "admissions/day, large minus shipped MDT: \(admissions.mean) [\(admissions.ci95Low), \(admissions.ci95High)]")
        #expect(delays.ci95High < 0, "DTOC bed days, large minus shipped MDT: \(delays.mean) [\(delays.ci95Low), \(delays.ci95High)]")
    }

    /// The link from community capacity to exit block: with an MDT too
    /// small for the pathway-1 discharges, patients wait for it in acute
    /// beds, the beds fill, admitted patients wait in A&E, and 4-hour
    /// performance falls. Completed admissions then fall too (admissions
    /// count patients reaching a bed, so in gridlock they measure bed
    /// throughput, not the need for admission).
    @Test func aTooSmallMDTBlocksBedsAndTheEmergencyDepartment() throws {
        let runs = try CommunityRuns.mdt.get()
        let (tiny, large) = (runs.tiny, runs.large[0])
        func both(_ name: String) throws -> (tiny: Double, large: Double) { (try v(tiny, name), try v(large, name)) }
        let delays = try both("dtoc_bed_days_pathway_1"), within4h = try both("ae_within_4h")
        let wait = try both("decision_to_admission_mean_min"), admissions = try both("admissions_per_day")
        let summary = "MDT \(CommunityRuns.tinyMDT) vs \(CommunityRuns.largeMDT) per 100k: pathway-1 DTOC \(delays), within 4h \(within4h), decision to admission \(wait), admissions/day \(admissions)"
        #expect(delays.tiny > 5 * max(delays.large, 100), "\(summary)")
        #expect(try v(tiny, "mdt_utilisation") > 0.95, "\(summary)")
        #expect(within4h.tiny < within4h.large - 0.1, "\(summary)")
        #expect(wait.tiny > 2 * wait.large, "\(summary)")
        #expect(admissions.tiny < admissions.large, "\(summary)")
    }

    func v(_ r: ReplicationResult, _ name: String, _ scope: String = "system") throws -> Double {
        try #require(r.value(name, scopeKey: scope), "no \(name) in \(scope)")
    }

    // MARK: conservation

    /// Every patient is in A&E, in an acute bed (admitted or delayed), in
    /// an MDT caseload or a D2A bed, waiting for an ambulance, or has left:
    /// arrived = left + still inside, with the community side busy.
    @Test func conservationIncludesTheCommunity() throws {
        let mdt = try CommunityRuns.mdt.get()
        let plan = try Scenario.load(path: CommunityFixture.shipped("stp-plan"),
                                     overrides: [("timeline", "~")] + CommunityFixture.short(days: 21)).config
        let option = try Scenario.load(path: PackagePaths.scenario("mse/plan-2020-21/option-1A.yaml"),
                                       overrides: CommunityFixture.short(days: 21)).config
        let configs = [plan, option]
        let more = ReplicationRunner(threads: 2).map(2) { Replication.run(configs[$0], seed: 7, replication: 0) }
        var runs = [("do-nothing, tiny MDT", mdt.tiny), ("stp-plan", more[0]), ("option-1A in the 2020/21 plan", more[1])]
        for k in 0..<CommunityRuns.replications {
            runs += [("do-nothing, replication \(k)", mdt.shipped[k]), ("do-nothing, large MDT, replication \(k)", mdt.large[k])]
        }
        for (label, r) in runs {
            #expect(r.conservesPatients && r.arrived == r.left + r.stillInside,
                    "\(label): arrived \(r.arrived), left \(r.left), inside \(r.stillInside)")
            #expect(r.arrived > 0 && r.left > 0 && r.stillInside > 0, "\(label)")
            #expect(r.measuredJourneys <= r.left, "\(label)")
            // The community side was in use: people at home with an MDT,
            // in D2A beds, and (with a small MDT) waiting in acute beds.
            #expect((r.value("mdt_caseload_mean") ?? 0) > 10, "\(label)")
            #expect((r.value("d2a_occupancy_mean") ?? 0) > 10, "\(label)")
            #expect((r.value("mdt_referrals_accepted_per_day") ?? 0) > 0, "\(label)")
        }
        // Many of those inside are waiting in acute beds for the tiny MDT.
        #expect((mdt.tiny.value("dtoc_bed_days") ?? 0) > 1_000)
    }
}
