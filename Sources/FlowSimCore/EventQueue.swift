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
///   10,000 pending events: this queue 41 / 60 / 69, a plain binary heap
///   69 / 86 / 110, swift-collections' min-max `Heap` 78 / 113 / 156. Its
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
public struct EventQueue<Payload>: ~Copyable {
    /// Events due at most `farAhead` after the last pop when scheduled.
    @usableFromInline var near: PaddedHeap<Payload>
    /// Events due later than that.
    @usableFromInline var far: PaddedHeap<Payload>
    @usableFromInline var sequence: UInt64 = 0
    /// The time of the last popped event.
    @usableFromInline var lastPopped: Double = 0

    /// How far ahead (in time units, minutes in flowsim) an event must be
    /// to go to the far heap: four hours. Any value gives the same pops;
    /// this one keeps bed stays (days) out of the heap that serves the A&E
    /// (minutes to hours). On R2 it took 3% fewer instructions than one day.
    @inlinable static var farAhead: Double { 240 }

    public init(reservingCapacity capacity: Int = 1024) {
        near = PaddedHeap(reservingCapacity: capacity)
        far = PaddedHeap(reservingCapacity: capacity)
    }

    @inlinable public var count: Int { near.count + far.count }
    @inlinable public var isEmpty: Bool { near.count == 0 && far.count == 0 }
    @inlinable public var first: Event<Payload>? {
        guard let a = near.top else { return far.top }
        guard let b = far.top else { return a }
        return b.precedes(a) ? b : a
    }

    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func push(_ payload: Payload, at time: Double, phase: EventPhase = .normal) {
        precondition(time.isFinite, "event time must be finite")
        let event = Event(time: time, order: UInt64(phase.rawValue) << 56 | sequence, payload: payload)
        sequence &+= 1
        if time - lastPopped > Self.farAhead {
            far.push(event)
        } else {
            near.push(event)
        }
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func pop() -> Event<Payload>? {
        let event: Event<Payload>
        if near.count > 0 {
            if far.count > 0 && far.slots[0].precedes(near.slots[0]) {
                event = far.removeTop()
            } else {
                event = near.removeTop()
            }
        } else if far.count > 0 {
            event = far.removeTop()
        } else {
            return nil
        }
        lastPopped = event.time
        return event
    }
}

/// An implicit 4-ary min-heap whose storage is padded past its end with
/// sentinels that sort after every event, and which owns that storage
/// itself instead of through an array.
///
/// Why (callgrind, R1, R2 and the Mid and South Essex year;
/// docs/performance.md, "What each change bought"): with the padding every
/// node that has a first child has all four, so the sift-down loop needs no
/// short-node path and no bounds test beyond "has a first child". Owning
/// the storage, and being non-copyable, a heap has exactly one owner, so a
/// push or a pop writes straight into it: an array's copy-on-write asked
/// the runtime whether its buffer was shared (`swift_isUniquelyReferenced`)
/// on every push and every pop, one call each. Index arithmetic is
/// unchecked (`&+`, `&*`): indices stay below `capacity`, which is far
/// below `Int.max / 4`. The order of pops is that of (time, phase,
/// sequence), which is total (sequences are unique), so it is the same as
/// with any correct heap.
///
/// Invariant: `capacity >= count + 4` once anything was pushed, every slot
/// below `capacity` is initialised, and every slot at or after `count` is a
/// sentinel. A sentinel carries a copy of some earlier payload (the type
/// has no value of its own to put there); for a class payload that keeps
/// one object alive longer, which is harmless.
@usableFromInline
struct PaddedHeap<Payload>: ~Copyable {
    /// `capacity` initialised slots (none before the first push).
    @usableFromInline var slots: UnsafeMutablePointer<Event<Payload>>
    @usableFromInline var capacity = 0
    @usableFromInline var count = 0
    /// Slots for the first allocation (`EventQueue(reservingCapacity:)`).
    @usableFromInline let reserved: Int

    @usableFromInline init(reservingCapacity reserved: Int) {
        slots = .allocate(capacity: 0)
        self.reserved = reserved
    }

    @inlinable deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    @inlinable var top: Event<Payload>? { count > 0 ? slots[0] : nil }

    @inlinable @inline(__always)
    mutating func push(_ event: Event<Payload>) {
        // After the push, `count + 1` events and at least 4 sentinels.
        if capacity &- count < 5 { grow(filler: event.payload) }
        var i = count
        count = i &+ 1
        let h = slots
        while i > 0 {
            let parent = (i &- 1) >> 2
            guard event.precedes(h[parent]) else { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = event
    }

    /// Moves the slots to storage at least twice as large and pads it with
    /// sentinels (rare: amortised, and never once the run has reached its
    /// largest number of pending events).
    @inline(never) @usableFromInline
    mutating func grow(filler: Payload) {
        let target = Swift.max(2 * capacity, count + 5, 16, reserved)
        let larger = UnsafeMutablePointer<Event<Payload>>.allocate(capacity: target)
        larger.moveInitialize(from: slots, count: capacity)
        (larger + capacity).initialize(repeating: Event(sentinelWith: filler), count: target - capacity)
        slots.deallocate()
        slots = larger
        capacity = target
    }

    /// Removes and returns the earliest event; `count > 0`.
    @inlinable @inline(__always)
    mutating func removeTop() -> Event<Payload> {
        let n = count &- 1
        count = n
        let h = slots
        let top = h[0]
        let moving = h[n]
        h[n] = Event(sentinelWith: moving.payload)
        if n > 0 { Self.siftDown(moving, count: n, in: h) }
        return top
    }

    /// Places `moving` into the hole at the root, moving the hole down past
    /// every smaller child. `base` holds `count` events and then sentinels.
    @inlinable @inline(__always)
    static func siftDown(_ moving: Event<Payload>, count n: Int, in base: UnsafeMutablePointer<Event<Payload>>) {
        var i = 0
        while true {
            let first = 4 &* i &+ 1
            guard first < n else { break }
            // Two rounds of a tournament; each `?:` becomes a conditional
            // move. Children past the end are sentinels and never win
            // against the real child at `first`. The four children are
            // read at fixed offsets from one pointer.
            let c = base + first
            let a = c[1].precedes(c[0]) ? 1 : 0
            let b = c[3].precedes(c[2]) ? 3 : 2
            let offset = c[b].precedes(c[a]) ? b : a
            guard c[offset].precedes(moving) else { break }
            base[i] = c[offset]
            i = first &+ offset
        }
        base[i] = moving
    }

    /// The heap property everywhere and the padding; for tests only.
    func satisfiesInvariants() -> Bool {
        for i in 1..<Swift.max(count, 1) where slots[i].precedes(slots[(i - 1) >> 2]) { return false }
        // The padding: at least four sentinels once anything was pushed.
        guard capacity == 0 || capacity >= count + 4 else { return false }
        for i in count..<capacity where slots[i].key != .max || slots[i].order != .max { return false }
        return true
    }
}
