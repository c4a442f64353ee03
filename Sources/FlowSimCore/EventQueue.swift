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

    /// A slot past the end of a heap (`PaddedHeap`): it sorts after every
    /// event, because no finite time maps to `UInt64.max` (+infinity maps
    /// to 0xFFF0...0).
    @usableFromInline @inline(__always)
    init(sentinelWith payload: Payload) {
        key = .max
        order = .max
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
        Self.precedes(key, order, other.key, other.order)
    }

    /// Whether (`key`, `order`) goes before (`otherKey`, `otherOrder`).
    @inlinable @inline(__always)
    static func precedes(_ key: UInt64, _ order: UInt64, _ otherKey: UInt64, _ otherOrder: UInt64) -> Bool {
        #if canImport(Darwin)
        // UInt128 needs macOS 15 there; the engine's home is Linux.
        return key < otherKey || (key == otherKey && order < otherOrder)
        #else
        return UInt128(truncatingIfNeeded: key) << 64 | UInt128(truncatingIfNeeded: order)
            < UInt128(truncatingIfNeeded: otherKey) << 64 | UInt128(truncatingIfNeeded: otherOrder)
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

/// The pending-event set, ordered by (time, phase, insertion sequence): a
/// ring of time buckets (`BucketRing`) for the events due soon, and an
/// implicit 4-ary min-heap (`PaddedHeap`) for those beyond the ring's reach.
///
/// Why this shape (measured; docs/performance.md has the method):
/// - A patient-flow model keeps many events far ahead (a bed stay of days)
///   and pops mostly events due within minutes (triage, treatment,
///   arrivals). The ring holds the near ones; its buckets are sized to the
///   rate at which events are popped (`widthInGaps` mean gaps between pops,
///   reviewed every `reviewInterval` pops), so a pop steps past about one
///   empty bucket and a bucket holds a few events. A pop takes the earlier of
///   the ring's earliest event and the heap's top. Which tier holds an event
///   never changes the order of pops: the earlier one always wins, ties
///   included, and a new width only moves events between buckets.
/// - The far heap's pop picks the smallest of four children by a two-round
///   tournament of branch-free 128-bit comparisons: the children's
///   comparisons are coin flips, and short-circuit comparisons compiled to
///   branches that were mispredicted about half the time.
/// - On the hold model (Benchmarks/Benchmarks/EventQueues) the queue beats
///   a plain binary heap at 100 and 1,000 pending events and loses to it at
///   10,000: an event is scheduled about as many pops ahead as there are
///   pending events, and the ring reaches some 2,000 pops, so there nearly
///   every event goes through the far heap (docs/performance.md, seventh
///   round). The Mid and South Essex model keeps about 1,500 pending, most
///   of the far ones days ahead (bed stays); a ring four times larger saved
///   it 0.1% of its instructions and cost R2 1.3%, so the ring stays.
///
/// Cancelling is left to models: they tag events with a generation number
/// and ignore stale ones when popped.
public struct EventQueue<Payload>: ~Copyable {
    /// Events due within the ring's reach when they were scheduled.
    @usableFromInline var near: BucketRing<Payload>
    /// Events due later than that.
    @usableFromInline var far: PaddedHeap<Payload>
    @usableFromInline var sequence: UInt64 = 0
    /// Pops left before the bucket width is reviewed.
    @usableFromInline var popsUntilReview = EventQueue.reviewInterval
    /// The time of the pop that began the current review interval.
    @usableFromInline var reviewStart: Double = 0

    /// How many pops the bucket width is measured over: long enough that
    /// one busy minute does not resize the ring, short enough to follow the
    /// day and night of a hospital model (a day of the Mid and South Essex
    /// model is some 9,000 pops).
    @inlinable static var reviewInterval: Int { 4096 }
    /// A bucket's width in mean gaps between pops. Callgrind on R1, R2 and
    /// the Mid and South Essex year; docs/performance.md, "Fifth round".
    @inlinable static var widthInGaps: Double { 2 }
    /// The width before the first review: a minute, in flowsim's unit.
    @inlinable static var initialWidth: Double { 1 }

    public init(reservingCapacity capacity: Int = 1024) {
        near = BucketRing(width: Self.initialWidth)
        far = PaddedHeap(reservingCapacity: capacity)
    }

    @inlinable public var count: Int { near.count + far.count }
    @inlinable public var isEmpty: Bool { near.count == 0 && far.count == 0 }
    @inlinable public var first: Event<Payload>? {
        guard let a = near.earliest else { return far.top }
        guard let b = far.top else { return a }
        return b.precedes(a) ? b : a
    }

    /// - Complexity: O(1) for an event within the ring's reach (amortised,
    ///   when it is the latest of its bucket), O(log₄ n) beyond it.
    @inlinable
    public mutating func push(_ payload: Payload, at time: Double, phase: EventPhase = .normal) {
        let order = UInt64(phase.rawValue) << 56 | sequence
        sequence &+= 1
        // The ring turns away NaN and the infinities, so only the heap's
        // path needs the check.
        guard !near.push(Event(time: time, order: order, payload: payload), time: time) else { return }
        pushFar(payload, at: time, order: order)
    }

    /// The far heap's push, out of line and given the event's parts, not
    /// the event: inlined, or given the event, it made every push store
    /// the event on the stack for it (docs/performance.md, ninth round).
    /// Inlinable all the same, so that the model's module specialises it;
    /// unspecialised, each call looked up the generic type's metadata.
    @inlinable @inline(never)
    mutating func pushFar(_ payload: Payload, at time: Double, order: UInt64) {
        precondition(time.isFinite, "event time must be finite")
        far.push(Event(time: time, order: order, payload: payload))
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(1) amortised from the ring, O(log₄ n) from the heap.
    @inlinable
    public mutating func pop() -> Event<Payload>? {
        let event: Event<Payload>
        if near.count > 0 {
            let bucket = near.earliestBucket()
            let nearest = bucket.pointee.events.unsafelyUnwrapped + bucket.pointee.start
            if far.count > 0 && far.slots[0].precedes(nearest.pointee) {
                event = popFar()
            } else {
                event = near.removeFirst(of: bucket)
            }
        } else if far.count > 0 {
            event = popFar()
        } else {
            return nil
        }
        popsUntilReview &-= 1
        if popsUntilReview == 0 { return reviewingWidth(after: event) }
        return event
    }

    /// The review every `reviewInterval` pops, out of line and handed the
    /// popped event to return: with the call in `pop` itself, the event
    /// was live across it, and every pop saved and restored the registers
    /// that keep a value across a call.
    @inlinable @inline(never)
    mutating func reviewingWidth(after event: Event<Payload>) -> Event<Payload> {
        reviewWidth(now: event.time)
        return event
    }

    /// The far heap's pop, out of line as `pushFar` is.
    @inlinable @inline(never)
    mutating func popFar() -> Event<Payload> { far.removeTop() }

    /// Resizes the ring's buckets when the mean gap between pops over the
    /// last interval calls for a width at least twice, or at most half, the
    /// present one. The factor of two keeps the width from chasing noise.
    @inline(never) @usableFromInline
    mutating func reviewWidth(now: Double) {
        let gap = (now - reviewStart) / Double(Self.reviewInterval)
        reviewStart = now
        popsUntilReview = Self.reviewInterval
        let ideal = Self.widthInGaps * gap
        guard ideal > 0, (1 / ideal).isFinite, ideal.isFinite else { return }
        let ratio = ideal / near.width
        guard ratio < 0.5 || ratio > 2 else { return }
        resize(toWidth: ideal)
    }

    /// Moves every ring event into buckets of `width`, or to the far heap if
    /// it is now beyond the ring's reach.
    mutating func resize(toWidth width: Double) {
        var moved: [Event<Payload>] = []
        moved.reserveCapacity(near.count)
        near.drain(resizingTo: width) { moved.append($0) }
        for event in moved {
            if !near.push(event, time: event.time) { far.push(event) }
        }
    }

    /// The present bucket width; for tests and diagnostics.
    public var bucketWidth: Double { near.width }
}
