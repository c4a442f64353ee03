import FlowSim
import FlowSimTestSupport
import Testing

/// A replication is a pure function of (configuration, seed, replication).
@Suite struct DeterminismTests {
    static func r2() throws -> ModelConfig {
        try ModelTest.load(PackagePaths.r2, warmupDays: 3, horizonDays: 7)
    }

    @Test func sameSeedGivesIdenticalResults() throws {
        let config = try Self.r2()
        let a = Replication.run(config, seed: 42, replication: 3)
        let b = Replication.run(config, seed: 42, replication: 3)
        #expect(a.values == b.values)
        #expect(a.metrics == b.metrics && a.scopes == b.scopes)
        #expect(a.arrived == b.arrived && a.left == b.left && a.eventsHandled == b.eventsHandled)
    }

    @Test func differentSeedOrReplicationGivesDifferentResults() throws {
        let config = try Self.r2()
        let a = Replication.run(config, seed: 42, replication: 3)
        let otherSeed = Replication.run(config, seed: 43, replication: 3)
        let otherReplication = Replication.run(config, seed: 42, replication: 4)
        for other in [otherSeed, otherReplication] {
            #expect(a.value("ae_time_in_dept_mean_min") != other.value("ae_time_in_dept_mean_min"))
            #expect(a.value("bed_occupancy_mean") != other.value("bed_occupancy_mean"))
            #expect(a.eventsHandled != other.eventsHandled)
        }
    }

    /// Common random numbers: a change that does not touch arrivals (here
    /// the number of cubicles) leaves every arrival unchanged.
    @Test func changingCapacityKeepsTheSameArrivals() throws {
        let base = try Self.r2()
        let more = try ModelTest.load(PackagePaths.r2, warmupDays: 3, horizonDays: 7,
                                      [("sites.ED.streams.cubicles.servers", "20")])
        for replication in 0..<3 {
            let a = Replication.run(base, seed: 9, replication: replication)
            let b = Replication.run(more, seed: 9, replication: replication)
            #expect(a.value("ae_attendances_per_day") == b.value("ae_attendances_per_day"))
            #expect(a.value("ae_wait_for_cubicle_mean_min")! > b.value("ae_wait_for_cubicle_mean_min")!)
        }
    }
}
