/// What a model tells the loop after handling an event.
public enum StepOutcome {
    case proceed
    /// The model handled its stop event; the loop returns.
    case stop
}

/// A discrete-event model: it reacts to its own events and schedules more.
///
/// The loop is generic over the model, so the compiler specialises it and
/// every `handle` call is a direct call: no existential or dynamic dispatch
/// per event.
public protocol SimulationModel {
    associatedtype Payload
    mutating func handle(_ payload: Payload, clock: inout Clock<Payload>) -> StepOutcome
}

/// The simulation clock together with the pending-event set: "now" only
/// ever advances by popping the next event. Non-copyable, as its queue is:
/// one clock, one owner of the pending events.
public struct Clock<Payload>: ~Copyable {
    @usableFromInline var _now: Double = 0
    @usableFromInline var _eventsHandled: Int = 0
    @inlinable public var now: Double { _now }
    @inlinable public var eventsHandled: Int { _eventsHandled }
    @usableFromInline var queue: EventQueue<Payload>

    public init(reservingCapacity capacity: Int = 1024) {
        queue = EventQueue(reservingCapacity: capacity)
    }

    /// Schedules `payload` `delay` minutes from now.
    @inlinable
    public mutating func schedule(_ payload: Payload, after delay: Double, phase: EventPhase = .normal) {
        precondition(delay >= 0, "cannot schedule into the past (delay \(delay) at t=\(now))")
        queue.push(payload, at: now + delay, phase: phase)
    }

    /// Schedules `payload` at absolute time `time` (not before now).
    @inlinable
    public mutating func schedule(_ payload: Payload, at time: Double, phase: EventPhase = .normal) {
        precondition(time >= now, "cannot schedule into the past (t=\(time) at t=\(now))")
        queue.push(payload, at: time, phase: phase)
    }

    public var pendingEvents: Int { queue.count }

    /// Runs the model until it reports `.stop` or no event is left.
    /// The stop is itself a scheduled event, so nothing is tested per step
    /// beyond the model's own answer.
    @inlinable
    public mutating func run<Model: SimulationModel>(_ model: inout Model) where Model.Payload == Payload {
        while let event = queue.pop() {
            _now = event.time
            _eventsHandled &+= 1
            if case .stop = model.handle(event.payload, clock: &self) { return }
        }
    }
}
