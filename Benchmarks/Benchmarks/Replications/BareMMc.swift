// R1's year as a bare M/M/c on FlowSimCore's own clock, event queue and
// random streams, with next to no measures: the floor under the A&E model.
// R1 through `Replication.run` is the whole model with the NHS measures;
// `Replication.runModelOnly` is the model without them; this is neither,
// only what the engine's core costs for the same queue (docs/performance.md,
// "Fourteenth round").
import FlowSim

/// R1's parameters, as in Scenarios/reference/R1-mmc.yaml: 30 arrivals an
/// hour, 9 servers, exponential service with mean 15 minutes, FCFS, a
/// 7-day warm-up and a 365-day year.
enum BareR1 {
    static let meanGap = 2.0, meanService = 15.0, servers = 9
    static let warmup = 7 * 1_440.0, end = 372 * 1_440.0
}

enum BareStep {
    case arrival
    case departure(arrived: Double)
    case stop
}

struct BareMMc: SimulationModel {
    let arrivals: RandomStream, service: RandomStream
    var busy = 0
    /// Arrival times of those waiting, in order: a ring far longer than
    /// R1's queue ever gets (its 99.99th percentile is a few dozen).
    var waiting = [Double](repeating: 0, count: 1 << 16)
    var head = 0, tail = 0
    var wait = Tally(), timeInSystem = Tally()
    var breaches = 0, journeys = 0

    init(streams: RandomStreams) {
        arrivals = streams.stream("arrivals")
        service = streams.stream("service")
    }

    mutating func handle(_ step: BareStep, clock: inout Clock<BareStep>) -> StepOutcome {
        switch step {
        case .arrival:
            clock.schedule(.arrival, after: arrivals.nextExponential(mean: BareR1.meanGap), phase: .arrival)
            if busy < BareR1.servers {
                busy += 1
                start(arrived: clock.now, clock: &clock)
            } else {
                precondition(tail - head < waiting.count, "the bare M/M/c's waiting ring is full")
                waiting[tail & (waiting.count - 1)] = clock.now
                tail += 1
            }
        case .departure(let arrived):
            if clock.now >= BareR1.warmup {
                journeys += 1
                let stay = clock.now - arrived
                timeInSystem.add(stay)
                if stay > 240 { breaches += 1 }
            }
            if head != tail {
                let next = waiting[head & (waiting.count - 1)]
                head += 1
                start(arrived: next, clock: &clock)
            } else {
                busy -= 1
            }
        case .stop:
            return .stop
        }
        return .proceed
    }

    mutating func start(arrived: Double, clock: inout Clock<BareStep>) {
        if clock.now >= BareR1.warmup { wait.add(clock.now - arrived) }
        clock.schedule(.departure(arrived: arrived), after: service.nextExponential(mean: BareR1.meanService))
    }

    /// One replication: the journeys measured, and the model to keep alive.
    static func run(seed: UInt64, replication: Int) -> BareMMc {
        let streams = RandomStreams(masterSeed: seed, replication: replication)
        var model = BareMMc(streams: streams)
        var clock = Clock<BareStep>(reservingCapacity: 4_096)
        clock.schedule(.arrival, at: 0, phase: .arrival)
        clock.schedule(.stop, at: BareR1.end, phase: .control)
        clock.run(&model)
        // The streams' state belongs to `streams`: keep it to the end.
        withExtendedLifetime(streams) {}
        return model
    }
}
