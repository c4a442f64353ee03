import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// The calibration of the baseline against NHS England's published
/// 2016/17 A&E figures of the three trusts (Scenarios/mse/data/
/// mse-ae-2016-17.csv) and the seed's other 2016/17 volumes (issue 9,
/// items 5-6; docs/calibration.md), kept fast enough for a debug
/// build on two cores: a few replications of the full year after the
/// scenario's own 28-day warm-up, paired with the scenario's seed.
///
/// The 4-hour figures need about a year to be stable (exit block comes
/// and goes over weeks); volumes are stable in far less. Each site's mean
/// over the replications must be within 2 percentage points of the
/// published type 1 annual figure, attendances within 5%, conversion to
/// admission within 1.5 points.
@Suite struct CalibrationTests {
    static let replications = 4
    static let seed: UInt64 = 2016

    struct Failure: Error, Sendable, CustomStringConvertible { let description: String }

    /// The baseline as shipped (28-day warm-up, 365 days measured).
    static let result: Result<ExperimentResult, Failure> = {
        do {
            let config = try MSEScenario.load(MSEScenario.baseline)
            return .success(ReplicationRunner(threads: 2).run(config, seed: seed, replications: replications))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    static func summary(_ metric: String, scope: String = "system") throws -> MetricSummary {
        try #require(result.get().summary(metric, scopeKey: scope), "no \(metric) in \(scope)")
    }

    @Test func theRunIsTheShippedBaselineYear() throws {
        let r = try Self.result.get()
        #expect(r.horizonDays == 365 && r.warmupDays == 28)
        #expect(r.replications == Self.replications)
    }

    /// Published type 1, April 2016 to March 2017: BTUHFT 87.0%, MEHT 80.1%, SUHFT 83.5%.
    @Test(arguments: [("BTUHFT", 0.870), ("MEHT", 0.801), ("SUHFT", 0.835)])
    func fourHourPerformancePerSite(_ site: String, _ target: Double) throws {
        let s = try Self.summary("ae_within_4h", scope: site)
        let pp = (s.mean - target) * 100
        #expect(abs(pp) <= 2, "\(site): \(String(format: "%.2f", s.mean * 100))% vs \(target * 100)% (\(String(format: "%+.2f", pp)) pp; replications \(s.perReplication))")
    }

    /// Published type 1 attendances 2016/17 (MEHT's 5,299 at its minor
    /// injury units are outside the model: docs/calibration.md).
    @Test(arguments: [("BTUHFT", 135_619.0), ("MEHT", 91_791.0), ("SUHFT", 100_454.0)])
    func typeOneAttendancesPerSite(_ site: String, _ target: Double) throws {
        let perYear = try Self.summary("ae_attendances_per_day", scope: site).mean * 365
        let off = perYear / target - 1
        #expect(abs(off) <= 0.05, "\(site): \(Int(perYear.rounded())) a year vs \(Int(target)) (\(String(format: "%+.1f", off * 100))%)")
    }

    /// Published emergency admissions via A&E ÷ type 1 attendances:
    /// BTUHFT 19.6%, MEHT 27.7%, SUHFT 27.0%. The model's: admissions less
    /// GP admissions (the baseline has no transfers), over attendances.
    @Test(arguments: [("BTUHFT", 0.196), ("MEHT", 0.277), ("SUHFT", 0.270)])
    func conversionToAdmissionPerSite(_ site: String, _ target: Double) throws {
        let admissions = try Self.summary("admissions_per_day", scope: site).mean
        let gp = try Self.summary("gp_admissions_per_day", scope: site).mean
        let attendances = try Self.summary("ae_attendances_per_day", scope: site).mean
        let conversion = (admissions - gp) / attendances
        #expect(abs(conversion - target) <= 0.015, "\(site): \(String(format: "%.1f", conversion * 100))% vs \(target * 100)%")
    }

    /// Left without being seen: England's A&E departments 3.2% (NHS Digital,
    /// Provisional A&E Quality Indicators, September 2016); the model's is
    /// lower (docs/calibration.md) but must be there and plausible.
    @Test func leftWithoutBeingSeenIsPlausible() throws {
        let s = try Self.summary("ae_left_before_treatment_rate")
        #expect(s.mean > 0.005 && s.mean < 0.05, "\(s.mean)")
    }

    /// Published type 1 attendances of the three trusts, 327,864 a year;
    /// seed S4: non-elective admissions ~110k, elective admissions ~217k,
    /// ambulance dispatches ~185k.
    @Test(arguments: [("ae_attendances_per_day", 327_864.0), ("admissions_per_day", 110_000.0),
                      ("elective_admissions_per_day", 217_000.0), ("ambulance_dispatches_per_day", 185_000.0)])
    func yearlyVolumes(_ metric: String, _ target: Double) throws {
        let perYear = try Self.summary(metric).mean * 365
        let off = perYear / target - 1
        #expect(abs(off) <= 0.05, "\(metric): \(Int(perYear.rounded())) a year vs \(Int(target)) (\(String(format: "%+.1f", off * 100))%)")
    }

    /// Ambulance Response Programme categories (docs/mse-parameters.md
    /// 2f'): category 2 near its 18-minute standard (12-24 min mean);
    /// category 1 faster than category 2, within 6-20 min (the national
    /// mean was 7-8 min in 2018/19; this model, with no rapid response cars
    /// or redeployment, is about twice that); categories 3 and 4 inside
    /// their 90th-centile standards of 120 and 180 min.
    @Test func ambulanceResponseByCategoryIsPlausible() throws {
        let c1 = try Self.summary("ambulance_response_c1_mean_min").mean
        let c2 = try Self.summary("ambulance_response_c2_mean_min").mean
        #expect(c1 < c2 && (6...20).contains(c1) && (12...24).contains(c2), "C1 \(c1), C2 \(c2)")
        #expect(try Self.summary("ambulance_response_c3_p90_min").mean < 120)
        #expect(try Self.summary("ambulance_response_c4_p90_min").mean < 180)
    }

    /// Seed S4: 91.3 emergency admissions per 1,000 population.
    @Test func emergencyAdmissionsPerThousand() throws {
        let s = try Self.summary("nel_admissions_per_1000")
        #expect(abs(s.mean / 91.3 - 1) <= 0.05, "\(s.mean) per 1,000 vs 91.3")
        // It is the system's admissions over its population.
        let population = try MSEScenario.load(MSEScenario.baseline).network!.population
        let perDay = try Self.summary("admissions_per_day").mean
        #expect(abs(s.mean - perDay * 365 / population * 1000) < 1e-6 * s.mean)
    }
}
