import FlowSim
import FlowSimTestSupport
import Testing

/// R2 (triage, cubicles, 25% admitted, 320 beds, exit block): long-run
/// rates against their values by construction, and the effect of beds on
/// A&E, compared pairwise with common random numbers.
@Suite struct ExitBlockTests {
    static let replications = 6

    /// R2 with its 30-day warm-up (the beds start empty and take weeks to
    /// fill: the stay has a long tail) and 31 measured days; shared by the
    /// tests of this suite.
    static let reference: Result<ExperimentResult, Error> = Result {
        let config = try ModelTest.load(PackagePaths.r2, horizonDays: 31)
        return ModelTest.run(config, replications: replications, seed: 1)
    }

    @Test func theScenarioIsTheReferenceWorkload() throws {
        let config = try Scenario.load(path: PackagePaths.r2).config
        #expect(config.warmup == 30 * 1_440 && config.horizon == 365 * 1_440)
        let site = try #require(config.sites.first)
        #expect(site.triage == StageConfig(servers: .constant(2), service: .exponential(mean: 5)))
        #expect(site.streams.map(\.treatment) == [StageConfig(servers: .constant(15), service: .lognormal(mean: 60, sd: 45))])
        #expect(site.wards.map(\.beds) == [320])
        #expect(config.groups.map(\.admitProbability) == [0.25])
        #expect(config.groups.first?.lengthOfStay == .lognormal(mean: 5_760, sd: 7_200))
        #expect(abs(config.arrivals[0].rate.meanPerDay - 288) < 1e-9)
        #expect(config.arrivals[0].rate.rate(at: 10.5 * 60) == 19.5 / 60)
    }

    @Test func attendancesAndAdmissionsPerDay() throws {
        let r = try Self.reference.get()
        expectAgrees(try Estimate(r, "ae_attendances_per_day", theory: 288), sharpness: 0.01)
        // 25% of 288 a day are admitted.
        expectAgrees(try Estimate(r, "admissions_per_day", theory: 0.25 * 288), sharpness: 0.02)
    }

    @Test func bedOccupancyFollowsLittlesLaw() throws {
        let r = try Self.reference.get()
        // 72 admissions a day × 4 days mean stay = 288 beds occupied.
        let e = try Estimate(r, "bed_occupancy_mean", theory: 72 * 4)
        expectAgrees(e, sharpness: 0.02)
        // The 95% confidence interval itself covers 288.
        #expect(e.summary.ci95Low <= 288 && 288 <= e.summary.ci95High, "\(e)")
        let rate = try Estimate(r, "bed_occupancy_rate", theory: 288.0 / 320)
        #expect(abs(rate.summary.mean - e.summary.mean / 320) < 1e-9)
    }

    @Test func cubiclesAreBusyForTreatmentPlusExitBlock() throws {
        let r = try Self.reference.get()
        // 12 an hour × 1 hour of treatment = 12 cubicles busy, plus admitted
        // patients held in a cubicle while waiting for a bed.
        let occupancy = try #require(r.summary("cubicle_occupancy_mean"))
        let blocked = try #require(r.summary("decision_to_admission_mean_min"))
        let expected = 12 + 0.25 * 12 / 60 * blocked.mean
        #expect(abs(occupancy.mean - expected) < 0.05 * expected, "occupancy \(occupancy.mean), expected ≈ \(expected)")
        #expect(occupancy.mean <= 15)
    }

    /// Fewer beds, same seed: admitted patients hold their cubicles longer,
    /// so every replication has longer trolley waits and longer stays in A&E.
    @Test func fewerBedsMeanLongerWaitsInEveryReplication() throws {
        let plenty = try ModelTest.load(PackagePaths.r2, warmupDays: 10, horizonDays: 15)
        let few = try ModelTest.load(PackagePaths.r2, warmupDays: 10, horizonDays: 15,
                                     [("sites.ED.wards.general.beds", "260")])
        let a = ModelTest.run(plenty, replications: 3)
        let b = ModelTest.run(few, replications: 3)
        func values(_ r: ExperimentResult, _ m: String) throws -> [Double] {
            try #require(r.summary(m)).perReplication
        }
        // Common random numbers: the same patients arrive in both.
        #expect(try values(a, "ae_attendances_per_day") == values(b, "ae_attendances_per_day"))
        let higherIsWorse = ["ae_time_in_dept_mean_min", "decision_to_admission_mean_min",
                             "ae_wait_for_cubicle_mean_min", "ae_time_in_dept_p95_min"]
        for metric in higherIsWorse + ["ae_within_4h"] {
            let sign: Double = metric == "ae_within_4h" ? -1 : 1
            for (x, y) in zip(try values(b, metric), try values(a, metric)) {
                #expect(sign * (x - y) > 0, "\(metric): \(x) with 260 beds vs \(y) with 320")
            }
        }
        for (x, y) in zip(try values(b, "trolley_waits_12h"), try values(a, "trolley_waits_12h")) { #expect(x >= y) }
        #expect(try values(b, "bed_occupancy_rate").allSatisfy { $0 > 0.95 })
    }

    @Test func withUnlimitedBedsNobodyWaitsForOne() throws {
        let config = try ModelTest.load(PackagePaths.r2, warmupDays: 5, horizonDays: 10,
                                        [("sites.ED.wards.general.beds", "100000")])
        let r = ModelTest.run(config, replications: 2)
        #expect(try #require(r.summary("decision_to_admission_mean_min")).perReplication == [0, 0])
        #expect(try #require(r.summary("trolley_waits_12h")).perReplication == [0, 0])
        #expect(try #require(r.summary("hours_beds_full")).perReplication == [0, 0])
        #expect(try #require(r.summary("admissions_per_day")).mean > 60)
    }
}
