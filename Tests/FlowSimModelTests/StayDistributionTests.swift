import FlowSim
import FlowSimTestSupport
import Testing

/// The distribution of time in A&E and time in A&E by hour of arrival
/// (the HTML report's views) agree with the measures they break down.
@Suite struct StayDistributionTests {
    @Test func theBinsSumToOneAndTheBreachBinsToTheBreaches() throws {
        let config = try ModelTest.load(PackagePaths.scenario("mse/baseline.yaml"), warmupDays: 2, horizonDays: 4)
        let run = Replication.run(config, seed: 5, replication: 0)
        for scope in [Scope.system] + config.sites.map({ Scope.site($0.id) }) {
            let shares = (0..<StayBins.count).map { run.value("ae_time_in_dept_share_\(StayBins.part($0))", scope: scope) ?? -1 }
            #expect(shares.allSatisfy { $0 >= 0 }, "\(scope): every bin is reported")
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9, "\(scope): the bins sum to 1")
            let within = try #require(run.value("ae_within_4h", scope: scope))
            #expect(abs(shares[16...].reduce(0, +) - (1 - within)) < 1e-9, "\(scope): the bins from 240 min are the breaches")
            // The overall mean is a mixture of the hours' means, so it lies among them.
            let hourly = (0..<24).compactMap { run.value(String(format: "ae_time_in_dept_mean_min_hour_%02d", $0), scope: scope) }
            #expect(hourly.count == 24)
            let mean = try #require(run.value("ae_time_in_dept_mean_min", scope: scope))
            #expect(hourly.min()! <= mean && mean <= hourly.max()!, "\(scope): the overall mean lies among the hours'")
        }
    }
}
