import FlowSimCore
import Testing

/// The event loop run with a tiny scripted model, asserting the exact
/// trace of (time, event) pairs, SimPy-style.
@Suite struct ClockTests {
    enum Step: Equatable {
        case start, tick(Int), release, echo, stop, never
    }

    struct ScriptedModel: SimulationModel {
        var trace: [String] = []

        mutating func handle(_ payload: Step, clock: inout Clock<Step>) -> StepOutcome {
            trace.append("\(format(clock.now)) \(payload)")
            switch payload {
            case .start:
                clock.schedule(.tick(1), after: 5)
                clock.schedule(.stop, at: 20, phase: .control)
                clock.schedule(.tick(99), at: 20)                 // same time as stop, earlier phase
                clock.schedule(.release, at: 5, phase: .release)  // same time as tick(1), earlier phase
                clock.schedule(.never, at: 25)                    // after the stop: never handled
            case .release:
                // Zero delay: runs at the same instant, after the already
                // scheduled same-phase tick(1).
                clock.schedule(.echo, after: 0)
            case .tick(let n) where n < 3:
                clock.schedule(.tick(n + 1), after: 5)
            case .stop:
                return .stop
            default:
                break
            }
            return .proceed
        }

        private func format(_ t: Double) -> String { t == t.rounded() ? "\(Int(t))" : "\(t)" }
    }

    @Test func runProducesTheExactTrace() {
        var clock = Clock<Step>()
        var model = ScriptedModel()
        clock.schedule(.start, at: 0)
        #expect(clock.pendingEvents == 1)
        clock.run(&model)
        #expect(model.trace == [
            "0 start",
            "5 release",
            "5 tick(1)",
            "5 echo",
            "10 tick(2)",
            "15 tick(3)",
            "20 tick(99)",
            "20 stop",
        ])
        #expect(clock.now == 20)
        #expect(clock.eventsHandled == 8)
        // The event after the stop is still pending, not handled.
        #expect(clock.pendingEvents == 1)
    }

    struct CountDown: SimulationModel {
        var left: Int
        var times: [Double] = []
        mutating func handle(_ payload: Int, clock: inout Clock<Int>) -> StepOutcome {
            times.append(clock.now)
            if left > 0 {
                left -= 1
                clock.schedule(payload + 1, after: 1.5)
            }
            return .proceed
        }
    }

    @Test func runEndsWhenNoEventIsLeft() {
        var clock = Clock<Int>()
        var model = CountDown(left: 3)
        clock.schedule(0, after: 2)
        clock.run(&model)
        #expect(model.times == [2, 3.5, 5, 6.5])
        #expect(clock.now == 6.5)
        #expect(clock.eventsHandled == 4)
        #expect(clock.pendingEvents == 0)
    }

    @Test func runCanBeResumedAfterAStop() {
        var clock = Clock<Step>()
        var model = ScriptedModel()
        clock.schedule(.start, at: 0)
        clock.run(&model)
        clock.run(&model)  // picks up the pending event after the stop
        #expect(model.trace.last == "25 never")
        #expect(clock.now == 25)
        #expect(clock.pendingEvents == 0)
    }
}
