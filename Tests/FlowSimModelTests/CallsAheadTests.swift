@testable import FlowSimModel
import FlowSim
import Testing

/// NHS 111 calls resolved elsewhere are drawn and counted ahead of their
/// time, without an event each (`FlowModel.scheduleNextCall`). A run that
/// stops early, overloaded, must not count the calls after its stop: it
/// counts exactly what the same run counts when its horizon ends there.
@Suite struct CallsAheadTests {
    static func simulate(_ config: ModelConfig, replication: Int,
                         drawingCallsAhead: Bool = true) -> (model: FlowModel<WindowRecorder>, end: Double) {
        let builder = Replication.modelBuilder(config, seed: 2016, replication: replication)
        let (model, end, _) = Replication.simulate(config, builder: builder, recording: builder.windowRecorder(),
                                                   drawingCallsAhead: drawingCallsAhead)
        return (model, end)
    }

    /// Every measure of every scope and period, bit for bit, with calls
    /// drawn ahead and with an event per call: across a warm-up end, period
    /// ends, stability marks and, in the second case, an early stop.
    @Test(arguments: [ModelConfig.defaultMaximumInSystem, 1_600])
    func callsDrawnAheadGiveTheResultsOfAnEventPerCall(maximumInSystem: Int) throws {
        var config = try MSEScenario.load(MSEScenario.baseline, warmupDays: 7, horizonDays: 90)
        config.period = 30 * 1_440
        config.maximumInSystem = maximumInSystem
        for replication in 0..<2 {
            let results = [true, false].map { ahead in
                let (model, end) = Self.simulate(config, replication: replication, drawingCallsAhead: ahead)
                return (ResultCollector(config: config).collect(model, recorder: model.recorder, end: end, events: 0),
                        model.overloaded)
            }
            #expect(results[0].1 == results[1].1)
            var differing = 0, compared = 0
            for (scope, values) in results[1].0.values {
                for (name, value) in values {
                    compared += 1
                    let other = results[0].0.values[scope]?[name]
                    if other?.bitPattern != value.bitPattern && !(value.isNaN && other?.isNaN == true) { differing += 1 }
                }
            }
            #expect(compared > 1_000)
            #expect(differing == 0, "replication \(replication): \(differing) of \(compared) values differ")
            #expect((results[0].0.value("nhs111_calls_per_day") ?? 0) > 100)
        }
    }

    @Test func anOverloadedRunCountsNoCallAfterItsStop() throws {
        var config = try MSEScenario.load(MSEScenario.baseline, warmupDays: 7, horizonDays: 150)
        config.maximumInSystem = 1_600
        for replication in 0..<8 {
            let (stopped, end) = Self.simulate(config, replication: replication)
            guard stopped.overloaded, end > config.warmup + 1_440 else { continue }
            var ended = config
            ended.maximumInSystem = ModelConfig.defaultMaximumInSystem
            ended.horizon = end - config.warmup
            let (reference, referenceEnd) = Self.simulate(ended, replication: replication)
            #expect(!reference.overloaded)
            #expect(abs(referenceEnd - end) <= end.ulp * 4)
            let counted = stopped.recorder.network.nhs111Calls, expected = reference.recorder.network.nhs111Calls
            #expect(expected > 1_000)
            // The stopping arrival itself may fall either side of a horizon
            // rounded by an ulp; the calls a source had drawn ahead (dozens)
            // may not.
            #expect(abs(counted - expected) <= 1, "counted \(counted), the run ended there \(expected)")
            return
        }
        Issue.record("no replication overloaded after its first measured day")
    }
}
