@testable import FlowSimModel
import FlowSim
import FlowSimTestSupport
import Testing

/// `flowsim bench --model-only` times `Replication.runModelOnly`: the model
/// with no measures. Its speed is only comparable with a run's if it
/// simulates the same thing, so it must handle the same events and count
/// the same journeys, those that end after the warm-up.
@Suite struct ModelOnlyTests {
    @Test(arguments: [PackagePaths.r1, PackagePaths.r2])
    func theModelAloneHandlesTheEventsAndCountsTheJourneysOfARun(path: String) throws {
        let config = try ModelTest.load(path, warmupDays: 2, horizonDays: 5)
        for replication in 0..<2 {
            let run = Replication.run(config, seed: 7, replication: replication)
            let alone = Replication.runModelOnly(config, seed: 7, replication: replication)
            #expect(alone.events == run.eventsHandled)
            #expect(alone.journeys == run.measuredJourneys)
            // The warm-up's journeys are left out: without a warm-up there are more.
            #expect(alone.journeys > 0 && alone.journeys < run.left)
        }
    }

    @Test func theMidAndSouthEssexModelAloneMatchesItsRun() throws {
        let config = try MSEScenario.load(MSEScenario.baseline, warmupDays: 3, horizonDays: 10)
        let run = Replication.run(config, seed: 2016, replication: 0)
        let alone = Replication.runModelOnly(config, seed: 2016, replication: 0)
        #expect(alone.events == run.eventsHandled)
        #expect(alone.journeys == run.measuredJourneys)
        #expect(alone.journeys > 1_000)
    }
}
