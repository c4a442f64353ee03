/// Same-time events run in phase order, then in the order they were
/// scheduled. Releasing a server comes first so that an arrival at the
/// same instant sees the freed capacity (simmer's PRIORITY_RELEASE).
public enum EventPhase: UInt8, Sendable {
    /// A server or bed is released.
    case release = 0
    /// Capacity changes from a rota.
    case capacity = 1
    /// Ordinary progress of an entity through its pathway.
    case normal = 2
    /// New arrivals into the system.
    case arrival = 3
    /// Measurement: warm-up end, horizon end.
    case control = 4
}

/// A scheduled event: when, in which order among same-time events, and a
/// model-defined payload (a small value type, usually an enum tag and an
/// entity index).
public struct Event<Payload> {
    /// The time as an unsigned integer with the same order as the time
    /// (`EventKey`), so that (time, order) compares as one 128-bit integer.
    @usableFromInline let key: UInt64
    /// `phase << 56 | sequence`: one integer comparison breaks ties.
    @usableFromInline let order: UInt64
    public let payload: Payload

    @usableFromInline
    init(time: Double, order: UInt64, payload: Payload) {
        key = EventKey.key(time)
        self.order = order
        self.payload = payload
    }

    @inlinable
    public var time: Double { EventKey.time(key) }

    @inlinable
    public var phase: EventPhase { EventPhase(rawValue: UInt8(order >> 56))! }

    /// (time, phase, sequence) compared as one 128-bit integer: a compare
    /// and a subtract-with-borrow, with no branch to mispredict.
    @inlinable @inline(__always)
    func precedes(_ other: Event) -> Bool {
        #if canImport(Darwin)
        // UInt128 needs macOS 15 there; the engine's home is Linux.
        return key < other.key || (key == other.key && order < other.order)
        #else
        return UInt128(truncatingIfNeeded: key) << 64 | UInt128(truncatingIfNeeded: order)
            < UInt128(truncatingIfNeeded: other.key) << 64 | UInt128(truncatingIfNeeded: other.order)
        #endif
    }
}

/// The order-preserving map between a finite time and a `UInt64`: a
/// non-negative double's bit pattern already sorts like the number; the
/// sign bit is flipped so that negatives sort below, and a negative's other
/// bits are inverted so that they sort in reverse. -0 is taken as +0, so
/// the two still tie and fall back on the phase and sequence.
@usableFromInline
enum EventKey {
    @inlinable @inline(__always)
    static func key(_ time: Double) -> UInt64 {
        let bits = (time + 0).bitPattern
        return bits >> 63 == 0 ? bits | 1 << 63 : ~bits
    }

    @inlinable @inline(__always)
    static func time(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }
}

/// The pending-event set: two implicit 4-ary min-heaps keyed by
/// (time, phase, insertion sequence), one for events due soon and one for
/// events far ahead.
///
/// Why this shape (measured; docs/performance.md has the method):
/// - On the hold model (pop the earliest event, push one an exponential
///   time later; Benchmarks/Benchmarks/EventQueues; median ns per
///   operation, ~15 of them for the random number) at 100 / 1,000 /
///   10,000 pending events: this queue 45 / 71 / 99, a plain binary heap
///   69 / 82 / 118, swift-collections' min-max `Heap` 77 / 106 / 155. Its
///   pop picks the smallest of four children by a two-round tournament of
///   branch-free 128-bit comparisons. The same 4-ary heap with
///   short-circuit `||`/`&&` comparisons (the first version) lost to the
///   binary heap: the children's comparisons are coin flips, so the
///   branches they compiled to were mispredicted about half the time
///   (callgrind, a million hold operations on 320 events days ahead and
///   25 minutes ahead, as in R2: 6.5 million mispredicted branches against
///   the binary heap's 5.9); fewer levels only pay once those branches are
///   gone (2.3 million).
/// - A patient-flow model keeps many events far ahead (a bed stay of days)
///   and pops mostly events due within minutes (triage, treatment,
///   arrivals). An event scheduled more than `farAhead` after the last
///   popped event goes to the far heap, anything else to the near one, and
///   a pop takes the earlier of the two tops. The near heap stays small and
///   shallow, so most pops sift through two levels instead of four or five.
///   Which heap holds an event never changes the order of pops: the earlier
///   top always wins, ties included. A whole R2 replication took 483
///   million instructions and 1.5 million mispredicted branches with the
///   two heaps, against 520 million and 2.1 million with one.
///
/// Cancelling is left to models: they tag events with a generation number
/// and ignore stale ones when popped.
public struct EventQueue<Payload> {
    /// Events due at most `farAhead` after the last pop when scheduled.
    @usableFromInline var near: ContiguousArray<Event<Payload>> = []
    /// Events due later than that.
    @usableFromInline var far: ContiguousArray<Event<Payload>> = []
    @usableFromInline var sequence: UInt64 = 0
    /// The time of the last popped event.
    @usableFromInline var lastPopped: Double = 0

    /// How far ahead (in time units, minutes in flowsim) an event must be
    /// to go to the far heap: four hours. Any value gives the same pops;
    /// this one keeps bed stays (days) out of the heap that serves the A&E
    /// (minutes to hours). On R2 it took 3% fewer instructions than one day.
    @inlinable static var farAhead: Double { 240 }

    public init(reservingCapacity capacity: Int = 1024) {
        near.reserveCapacity(capacity)
        far.reserveCapacity(capacity)
    }

    @inlinable public var count: Int { near.count + far.count }
    @inlinable public var isEmpty: Bool { near.isEmpty && far.isEmpty }
    @inlinable public var first: Event<Payload>? {
        guard let a = near.first else { return far.first }
        guard let b = far.first else { return a }
        return b.precedes(a) ? b : a
    }

    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func push(_ payload: Payload, at time: Double, phase: EventPhase = .normal) {
        precondition(time.isFinite, "event time must be finite")
        let event = Event(time: time, order: UInt64(phase.rawValue) << 56 | sequence, payload: payload)
        sequence &+= 1
        if time - lastPopped > Self.farAhead {
            Self.push(event, into: &far)
        } else {
            Self.push(event, into: &near)
        }
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func pop() -> Event<Payload>? {
        let event: Event<Payload>?
        if let a = near.first {
            if let b = far.first, b.precedes(a) {
                event = Self.pop(from: &far)
            } else {
                event = Self.pop(from: &near)
            }
        } else {
            event = Self.pop(from: &far)
        }
        if let event { lastPopped = event.time }
        return event
    }

    @inlinable @inline(__always)
    static func push(_ event: Event<Payload>, into heap: inout ContiguousArray<Event<Payload>>) {
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let parent = (i - 1) >> 2
                guard event.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = event
        }
    }

    @inlinable @inline(__always)
    static func pop(from heap: inout ContiguousArray<Event<Payload>>) -> Event<Payload>? {
        let n = heap.count
        guard n > 0 else { return nil }
        let top = heap.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            if n > 1 { siftDown(h[n - 1], from: 0, in: UnsafeMutableBufferPointer(rebasing: h[..<(n - 1)])) }
            return top
        }
        heap.removeLast()
        return top
    }

    /// Places `moving` into the hole at `start`, moving the hole down past
    /// every smaller child.
    @inlinable @inline(__always)
    static func siftDown(_ moving: Event<Payload>, from start: Int, in h: UnsafeMutableBufferPointer<Event<Payload>>) {
        let n = h.count
        var i = start
        while true {
            let first = 4 * i + 1
            let best: Int
            if first + 3 < n {
                // Two rounds of a tournament; each `?:` becomes a
                // conditional move.
                let a = h[first + 1].precedes(h[first]) ? first + 1 : first
                let b = h[first + 3].precedes(h[first + 2]) ? first + 3 : first + 2
                best = h[b].precedes(h[a]) ? b : a
            } else if first < n {
                // The one node with fewer than four children.
                var smallest = first
                var c = first + 1
                while c < n {
                    if h[c].precedes(h[smallest]) { smallest = c }
                    c += 1
                }
                best = smallest
            } else {
                break
            }
            guard h[best].precedes(moving) else { break }
            h[i] = h[best]
            i = best
        }
        h[i] = moving
    }
}
