import FlowSim
import Testing

/// Priority classes in A&E: under overload the urgent group (priority 0)
/// is served first and does not breach; the routine group takes the wait.
@Suite struct PriorityTests {
    static func config(urgentPriority: Int, routinePriority: Int) -> ModelConfig {
        // 5 cubicles × 6 an hour = 30 an hour; 33 arrive: 10% overload.
        ModelTest.singleSite(
            horizonDays: 7,
            cubicles: StageConfig(servers: .constant(5), service: .exponential(mean: 10)),
            groups: [
                PatientGroupConfig(id: "urgent", stream: "cubicles", priority: urgentPriority, admitProbability: 0,
                                   ward: nil, lengthOfStay: nil),
                PatientGroupConfig(id: "routine", stream: "cubicles", priority: routinePriority, admitProbability: 0,
                                   ward: nil, lengthOfStay: nil),
            ],
            rate: .constant(perHour: 33), mix: [("urgent", 0.5), ("routine", 0.5)])
    }

    @Test func urgentPatientsAreServedFirst() throws {
        let r = Replication.run(Self.config(urgentPriority: 0, routinePriority: 1), seed: 1, replication: 0)
        let urgent = try #require(r.value("ae_breaches_4h_group_urgent"))
        let routine = try #require(r.value("ae_breaches_4h_group_routine"))
        #expect(urgent == 0)
        #expect(routine > 500)
        #expect(r.value("ae_breaches_4h") == urgent + routine)
    }

    @Test func swappingPrioritiesSwapsWhoWaits() throws {
        let r = Replication.run(Self.config(urgentPriority: 1, routinePriority: 0), seed: 1, replication: 0)
        #expect(try #require(r.value("ae_breaches_4h_group_routine")) == 0)
        #expect(try #require(r.value("ae_breaches_4h_group_urgent")) > 500)
    }

    @Test func equalPrioritiesShareTheWait() throws {
        let r = Replication.run(Self.config(urgentPriority: 0, routinePriority: 0), seed: 1, replication: 0)
        let urgent = try #require(r.value("ae_breaches_4h_group_urgent"))
        let routine = try #require(r.value("ae_breaches_4h_group_routine"))
        #expect(urgent > 100 && routine > 100)
        #expect(abs(urgent - routine) < 0.2 * (urgent + routine))
    }
}
