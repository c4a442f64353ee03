@testable import FlowSimModel
import FlowSim
import FlowSimTestSupport
import Testing

/// The sketches of ambulance response times exist only where there are
/// responses, and there they hold every response the window measured.
@Suite struct ResponseSketchTests {
    static func simulate(_ config: ModelConfig) -> FlowModel<WindowRecorder> {
        let builder = Replication.modelBuilder(config, seed: 2016, replication: 0)
        return Replication.simulate(config, builder: builder, recording: builder.windowRecorder()).model
    }

    @Test func aScenarioWithoutANetworkKeepsNoResponseSketches() throws {
        let r1 = try ModelTest.load(PackagePaths.r1, warmupDays: 1, horizonDays: 2)
        #expect(Self.simulate(r1).recorder.networkDistributions == nil)
    }

    @Test func aNetworksSketchesHoldEveryMeasuredResponse() throws {
        let config = try MSEScenario.load(MSEScenario.baseline, warmupDays: 2, horizonDays: 5)
        let recorder = Self.simulate(config).recorder
        let sketches = try #require(recorder.networkDistributions).distributions
        #expect(recorder.network.response.count > 100)
        #expect(sketches.response.count == recorder.network.response.count)
        for c in 0..<NetworkFacts.categories {
            #expect(sketches.responseByCategory[c].count == recorder.network.responseByCategory[c].count, "C\(c + 1)")
        }
    }
}
