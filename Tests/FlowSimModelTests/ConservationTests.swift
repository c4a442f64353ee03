import FlowSim
import FlowSimTestSupport
import Testing

/// Patients are neither created nor lost: arrived = left + still inside,
/// and a system whose arrivals stop drains completely.
@Suite struct ConservationTests {
    static func configs() throws -> [(String, ModelConfig)] {
        [
            ("R1", try ModelTest.load(PackagePaths.r1, warmupDays: 2, horizonDays: 6)),
            ("R2", try ModelTest.load(PackagePaths.r2, warmupDays: 3, horizonDays: 6)),
            // Heavy exit block: far too few beds, the department fills up.
            ("R2 with 150 beds", try ModelTest.load(PackagePaths.r2, warmupDays: 3, horizonDays: 6,
                                                   [("sites.ED.wards.general.beds", "150")])),
            // Triage on a rota, so capacity changes all day.
            ("R2 with a triage rota", try ModelTest.load(PackagePaths.r2, warmupDays: 3, horizonDays: 6,
                [("sites.ED.triage.servers", "[1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1]")])),
        ]
    }

    @Test func arrivedEqualsLeftPlusStillInside() throws {
        for (label, config) in try Self.configs() {
            for replication in 0..<2 {
                let r = Replication.run(config, seed: 1, replication: replication)
                #expect(r.conservesPatients, "\(label): arrived \(r.arrived), left \(r.left), inside \(r.stillInside)")
                #expect(r.arrived == r.left + r.stillInside)
                #expect(r.arrived > 0 && r.left > 0 && r.stillInside >= 0, "\(label)")
                #expect(r.measuredJourneys <= r.left, "\(label)")
            }
        }
    }

    @Test func heavyExitBlockLeavesPatientsInside() throws {
        let config = try ModelTest.load(PackagePaths.r2, warmupDays: 3, horizonDays: 6,
                                        [("sites.ED.wards.general.beds", "150")])
        let r = Replication.run(config, seed: 1, replication: 0)
        // 150 beds hold 150 patients, and more wait in A&E.
        #expect(r.stillInside > 150)
        #expect(r.conservesPatients)
    }

    /// Arrivals only on Monday 00:00-01:00; six days later everyone has
    /// been treated, admitted, and discharged: nobody is left inside.
    @Test(arguments: [1_000, 2])
    func aSystemWithoutNewArrivalsDrains(beds: Int) {
        var perHour = [Double](repeating: 0, count: 24)
        perHour[0] = 30
        let config = ModelTest.singleSite(
            horizonDays: 6,
            triage: StageConfig(servers: .constant(1), service: .exponential(mean: 3)),
            cubicles: StageConfig(servers: .constant(3), service: .lognormal(mean: 30, sd: 20)),
            beds: beds,
            groups: [PatientGroupConfig(id: "all", stream: "cubicles", admitProbability: 0.5, ward: "general",
                                        lengthOfStay: .uniform(low: 60, high: 600))],
            rate: .hourly(perHour: perHour, dayFactors: [1, 0, 0, 0, 0, 0, 0]),
            mix: [("all", 1)])
        for replication in 0..<3 {
            let r = Replication.run(config, seed: 7, replication: replication)
            #expect(r.arrived > 10)
            #expect(r.stillInside == 0)
            #expect(r.left == r.arrived)
            // No warm-up: every journey is measured.
            #expect(r.measuredJourneys == r.left)
            // Every attendance was seen to the end of its A&E stay.
            #expect(r.value("ae_attendances_per_day").map { Int(($0 * 6).rounded()) } == r.arrived)
            // About half were admitted; with 2 beds some waited for one, with plenty nobody did.
            let admitted = (r.value("admissions_per_day") ?? 0) * 6
            #expect(admitted > 0.2 * Double(r.arrived) && admitted < 0.8 * Double(r.arrived))
            let trolleyWait = r.value("decision_to_admission_mean_min") ?? .nan
            #expect(beds == 2 ? trolleyWait > 0 : trolleyWait == 0)
        }
    }
}
