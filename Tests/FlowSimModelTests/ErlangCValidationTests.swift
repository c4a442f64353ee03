import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// R1 (M/M/9, λ = 0.5/min, mean service 15 min) against Erlang C: each
/// replication mean must lie within z standard errors of the closed form.
/// 10 replications × 25 measured days (about 18,000 patients each) after
/// a 2-day warm-up (the queue forgets its empty start within hours), run
/// once and shared by the tests of this suite.
@Suite struct ErlangCValidationTests {
    static let theory = MMcQueue(arrivalRate: 0.5, serviceRate: 1.0 / 15, servers: 9)
    static let replications = 10
    static let measuredDays = 25

    static let outcome: Result<ExperimentResult, Error> = Result {
        let config = try ModelTest.load(PackagePaths.r1, warmupDays: 2, horizonDays: measuredDays)
        return ModelTest.run(config, replications: replications, seed: 1)
    }

    @Test func theScenarioIsTheReferenceWorkload() throws {
        let config = try Scenario.load(path: PackagePaths.r1).config
        #expect(config.warmup == 7 * 1_440 && config.horizon == 365 * 1_440)
        let stream = try #require(config.sites.first?.streams.first)
        #expect(stream.treatment.servers == .constant(9))
        #expect(stream.treatment.service == .exponential(mean: 15))
        #expect(config.arrivals.count == 1)
        #expect(abs(config.arrivals[0].rate.meanPerDay - 720) < 1e-9)
        #expect(config.groups.map(\.admitProbability) == [0])
    }

    @Test func probabilityOfWaiting() throws {
        let r = try Self.outcome.get()
        expectAgrees(try Estimate(r, "ae_p_wait", theory: Self.theory.probabilityOfWaiting))
    }

    @Test func meanWaitInQueue() throws {
        let r = try Self.outcome.get()
        expectAgrees(try Estimate(r, "ae_wait_for_cubicle_mean_min", theory: Self.theory.meanWait))
    }

    @Test func meanTimeInSystem() throws {
        let r = try Self.outcome.get()
        expectAgrees(try Estimate(r, "ae_time_in_dept_mean_min", theory: Self.theory.meanSojourn))
    }

    @Test func sojournTailBeyondOneHour() throws {
        let r = try Self.outcome.get()
        // A 3.4% tail is estimated less precisely than the means.
        expectAgrees(try Estimate(r, "ae_over_1h", theory: Self.theory.sojournTail(60)), sharpness: 0.1)
        // The 4-hour tail is about 2e-7: essentially nobody breaches.
        #expect(Self.theory.sojournTail(240) < 1e-6)
        #expect(try #require(r.summary("ae_within_4h")).mean > 0.9999)
    }

    @Test func ninetyFifthPercentileOfTimeInSystem() throws {
        // Solve P(T > t) = 0.05 by bisection.
        var lo = 0.0, hi = 1_000.0
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if Self.theory.sojournTail(mid) > 0.05 { lo = mid } else { hi = mid }
        }
        let r = try Self.outcome.get()
        // The sketch adds at most 0.1% relative error on top of sampling error.
        let e = try Estimate(r, "ae_time_in_dept_p95_min", theory: lo)
        #expect(abs(e.summary.mean - e.theory) < 4 * e.standardError + 0.001 * e.theory, "\(e)")
    }

    @Test func arrivalsPerDayAndCubicleOccupancy() throws {
        let r = try Self.outcome.get()
        expectAgrees(try Estimate(r, "ae_attendances_per_day", theory: 720), sharpness: 0.01)
        // Mean busy servers = offered load λ/μ = 7.5; utilisation ρ = 0.8333.
        expectAgrees(try Estimate(r, "cubicle_occupancy_mean", theory: Self.theory.offeredLoad))
        expectAgrees(try Estimate(r, "cubicle_utilisation", theory: Self.theory.utilisation))
    }

    /// Little's law, L = λW: against theory, and as a sample-path identity
    /// within each replication (observed λ times observed W).
    @Test func littlesLaw() throws {
        let r = try Self.outcome.get()
        expectAgrees(try Estimate(r, "ae_in_dept_mean", theory: Self.theory.meanInSystem))
        let l = try #require(r.summary("ae_in_dept_mean")).perReplication
        let perDay = try #require(r.summary("ae_attendances_per_day")).perReplication
        let w = try #require(r.summary("ae_time_in_dept_mean_min")).perReplication
        #expect(l.count == Self.replications)
        for i in l.indices {
            let lambdaW = perDay[i] / 1_440 * w[i]
            #expect(abs(l[i] - lambdaW) / l[i] < 0.005, "replication \(i): L = \(l[i]), λW = \(lambdaW)")
        }
    }

    @Test func patientsAreCountedOnce() throws {
        let r = try Self.outcome.get()
        // About 720 a day, 60 days, 10 replications.
        let expected = 720.0 * Double(Self.measuredDays * Self.replications)
        #expect(abs(Double(r.patients) - expected) < 4 * expected.squareRoot() + 100)
    }
}
