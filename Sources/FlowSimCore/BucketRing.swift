/// The near tier of `EventQueue`: a ring of `bucketCount` buckets, each
/// covering an equal slice of time (`width`), each holding its events in
/// order, earliest first (a calendar queue without its "years": an event
/// beyond the ring's reach is not taken, and the queue's far heap holds it).
///
/// Why (callgrind, docs/performance.md, "Fifth round"): a pop from the
/// 4-ary heap sifted through about four levels of three 128-bit comparisons
/// each, some 240 instructions with the ~200 events the Mid and South Essex
/// model keeps due within hours. Here a pop is a step past the empty
/// buckets before the earliest event and a move out of the front of its
/// bucket; a push is one multiplication to find the bucket and, nearly
/// always, an append, since events scheduled into one slice of time mostly
/// arrive in their own order.
///
/// The order of pops is exact, ties included: the bucket index, `time /
/// width` rounded, never decreases as the time increases (a product by a
/// positive constant and a rounding are both monotone), so every event of
/// an earlier bucket precedes every event of a later one, and within a
/// bucket events are kept sorted by (time, phase, sequence).
///
/// Invariant: when `count > 0`, every held event's virtual bucket index `v`
/// lies in `cursor...highest` and `highest - cursor < bucketCount`, so a
/// physical bucket (`v & mask`) never holds events of two different `v`.
/// `cursor` only moves past empty buckets, or back to take an earlier event.
@usableFromInline
struct BucketRing<Payload>: ~Copyable {
    /// The events of one slice of time, sorted, in `start..<end` of its own
    /// storage, `start >= 1`; the slots outside that range are
    /// uninitialised as events, but the slot just before `start` always
    /// holds the floor's key (`storeFloor`).
    @usableFromInline struct Bucket {
        @usableFromInline var events: UnsafeMutablePointer<Event<Payload>>?
        @usableFromInline var start = 0
        @usableFromInline var end = 0
        @usableFromInline var capacity = 0
    }

    /// A power of two, so that the physical bucket is a mask of the virtual
    /// index. 1,024 buckets of two mean gaps between pops (`EventQueue`'s
    /// rate sizing) reach some 2,000 pops ahead: seven hours of the Mid and
    /// South Essex model in the day, days at night.
    @inlinable static var bucketCount: Int { 1024 }
    @inlinable static var mask: Int { bucketCount - 1 }

    @usableFromInline let buckets: UnsafeMutablePointer<Bucket>
    @usableFromInline var count = 0
    /// A virtual bucket index at or below that of every held event.
    @usableFromInline var cursor = 0
    /// A virtual bucket index at or above that of every held event.
    @usableFromInline var highest = 0
    /// 1 / width: the bucket of a time is one multiplication away.
    @usableFromInline private(set) var inverseWidth: Double

    @usableFromInline init(width: Double) {
        precondition(width > 0 && width.isFinite, "bucket width must be positive and finite")
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: Bucket(), count: Self.bucketCount)
        inverseWidth = 1 / width
    }

    @inlinable deinit {
        for i in 0..<Self.bucketCount {
            let bucket = buckets[i]
            guard let events = bucket.events else { continue }
            (events + bucket.start).deinitialize(count: bucket.end - bucket.start)
            events.deallocate()
        }
        buckets.deallocate()
    }

    @usableFromInline var width: Double { 1 / inverseWidth }

    /// Times at or beyond this many widths are left to the far heap.
    @inlinable static var largestScaledTime: Double { 0x1p51 }

    /// The virtual bucket of a scaled time in `0 ..< largestScaledTime`:
    /// the nearest integer, read from the mantissa of `scaled + 2⁵²`. Like
    /// truncation it never decreases as the time increases (rounding is
    /// monotone), which is all the order needs, and it takes two
    /// instructions where `Int(_:)` adds range checks for the trap.
    @inlinable @inline(__always)
    static func virtualIndex(_ scaled: Double) -> Int {
        Int(bitPattern: UInt((scaled + 0x1p52).bitPattern) &- UInt(0x1p52.bitPattern))
    }

    /// Takes `event` if its time falls within the ring's reach of the events
    /// it holds; returns false, and holds nothing more, if not (negative or
    /// very distant times included).
    @inlinable @inline(__always)
    mutating func push(_ event: Event<Payload>, time: Double) -> Bool {
        let scaled = time * inverseWidth
        // Also turns away NaN and the infinities.
        guard scaled >= 0, scaled < Self.largestScaledTime else { return false }
        let v = Self.virtualIndex(scaled)
        if count == 0 {
            cursor = v
            highest = v
        } else {
            guard v &- cursor < Self.bucketCount, highest &- v < Self.bucketCount else { return false }
            if v < cursor { cursor = v }
            if v > highest { highest = v }
        }
        count &+= 1
        Self.insert(event, into: buckets + (v & Self.mask))
        return true
    }

    /// Inserts in order, from the back: a new event is nearly always the
    /// latest of its bucket. The floor's key before the first event stops
    /// the walk, so an empty bucket needs no test of its own: that test was
    /// the push's most mispredicted branch (docs/performance.md, ninth round).
    @inlinable @inline(__always)
    static func insert(_ event: Event<Payload>, into bucket: UnsafeMutablePointer<Bucket>) {
        guard bucket.pointee.end != bucket.pointee.capacity else { return insertMakingRoom(event, into: bucket) }
        insertWithRoom(event, into: bucket)
    }

    /// The rare insert into a full bucket, out of line: with the call to
    /// `makeRoom` in the push itself, every push saved and restored the
    /// registers that call needs, some 14 instructions a push.
    @inlinable @inline(never)
    static func insertMakingRoom(_ event: Event<Payload>, into bucket: UnsafeMutablePointer<Bucket>) {
        makeRoom(in: bucket)
        insertWithRoom(event, into: bucket)
    }

    /// `insert` into a bucket with a free slot at its end.
    @inlinable @inline(__always)
    static func insertWithRoom(_ event: Event<Payload>, into bucket: UnsafeMutablePointer<Bucket>) {
        let events = bucket.pointee.events.unsafelyUnwrapped
        var j = bucket.pointee.end
        bucket.pointee.end = j &+ 1
        while precedesKey(event, at: events + (j &- 1)) {
            (events + j).moveInitialize(from: events + (j &- 1), count: 1)
            j &-= 1
        }
        (events + j).initialize(to: event)
    }

    /// Whether `event` goes before the key held in `slot`: a held event's,
    /// or the floor's. Read as raw bytes, since the floor's slot holds no
    /// payload.
    @inlinable @inline(__always)
    static func precedesKey(_ event: Event<Payload>, at slot: UnsafeMutablePointer<Event<Payload>>) -> Bool {
        let raw = UnsafeRawPointer(slot)
        return Event<Payload>.precedes(event.key, event.order,
                                       raw.load(fromByteOffset: keyOffset, as: UInt64.self),
                                       raw.load(fromByteOffset: orderOffset, as: UInt64.self))
    }

    /// Writes the floor's key, (0, 0), into `slot`, whose event, if any, has
    /// been moved out. No event in the ring precedes it: a time the ring
    /// takes is at least +0, whose key has the top bit set (`EventKey`).
    @inlinable @inline(__always)
    static func storeFloor(at slot: UnsafeMutablePointer<Event<Payload>>) {
        let raw = UnsafeMutableRawPointer(slot)
        raw.storeBytes(of: 0, toByteOffset: keyOffset, as: UInt64.self)
        raw.storeBytes(of: 0, toByteOffset: orderOffset, as: UInt64.self)
    }

    @inlinable static var keyOffset: Int { MemoryLayout<Event<Payload>>.offset(of: \.key)! }
    @inlinable static var orderOffset: Int { MemoryLayout<Event<Payload>>.offset(of: \.order)! }

    /// Makes room for one more event at the back: moves the events down to
    /// the front of their storage (just after the floor) if it has room
    /// there, or to storage twice as large (rare, and never once every
    /// bucket has seen its busiest slice of time).
    @inline(never) @usableFromInline
    static func makeRoom(in bucket: UnsafeMutablePointer<Bucket>) {
        let start = bucket.pointee.start, held = bucket.pointee.end - start
        if let events = bucket.pointee.events, start > 1 {
            (events + 1).moveInitialize(from: events + start, count: held)
        } else {
            let capacity = Swift.max(4, 2 * bucket.pointee.capacity)
            let larger = UnsafeMutablePointer<Event<Payload>>.allocate(capacity: capacity)
            if let events = bucket.pointee.events {
                (larger + 1).moveInitialize(from: events + start, count: held)
                events.deallocate()
            }
            storeFloor(at: larger)
            bucket.pointee.events = larger
            bucket.pointee.capacity = capacity
        }
        bucket.pointee.start = 1
        bucket.pointee.end = 1 + held
    }

    /// The bucket holding the earliest event, found by stepping `cursor`
    /// past empty buckets; `count > 0`.
    @inlinable @inline(__always)
    mutating func earliestBucket() -> UnsafeMutablePointer<Bucket> {
        let v = firstNonEmpty(from: cursor)
        cursor = v
        return buckets + (v & Self.mask)
    }

    /// The first virtual index at or after `v` whose bucket holds events;
    /// `count > 0`, so one is at most `bucketCount` away.
    @inlinable @inline(__always)
    func firstNonEmpty(from v: Int) -> Int {
        var v = v
        while buckets[v & Self.mask].start == buckets[v & Self.mask].end { v &+= 1 }
        return v
    }

    /// The earliest event, without moving anything; nil when empty.
    @inlinable var earliest: Event<Payload>? {
        guard count > 0 else { return nil }
        let bucket = buckets[firstNonEmpty(from: cursor) & Self.mask]
        return bucket.events.unsafelyUnwrapped[bucket.start]
    }

    /// Removes and returns the first event of `bucket`, from `earliestBucket()`.
    /// Its slot takes the floor's key, since it now comes just before the
    /// first event (needlessly when the pop empties the bucket: two stores
    /// cost less than a branch). A bucket it empties goes back to the front
    /// of its storage, where the first slot holds the floor's key for good.
    /// Whether it does is a coin flip to the processor (about one pop in two
    /// on R1 was mispredicted when it was a branch: cachegrind's branch
    /// model), so both bounds are selected, which the compiler turns into
    /// conditional moves.
    @inlinable @inline(__always)
    mutating func removeFirst(of bucket: UnsafeMutablePointer<Bucket>) -> Event<Payload> {
        let start = bucket.pointee.start, end = bucket.pointee.end
        let slot = bucket.pointee.events.unsafelyUnwrapped + start
        let event = slot.move()
        Self.storeFloor(at: slot)
        let next = start &+ 1
        let emptied = next == end
        bucket.pointee.start = emptied ? 1 : next
        bucket.pointee.end = emptied ? 1 : end
        count &-= 1
        return event
    }

    /// Empties the ring, earliest event first, and sets a new width.
    mutating func drain(resizingTo width: Double, _ body: (Event<Payload>) -> Void) {
        precondition(width > 0 && width.isFinite, "bucket width must be positive and finite")
        while count > 0 { body(removeFirst(of: earliestBucket())) }
        inverseWidth = 1 / width
    }

    /// Whether `slot` holds the floor's key; for tests only.
    static func holdsFloor(_ slot: UnsafeMutablePointer<Event<Payload>>) -> Bool {
        let raw = UnsafeRawPointer(slot)
        return raw.load(fromByteOffset: keyOffset, as: UInt64.self) == 0
            && raw.load(fromByteOffset: orderOffset, as: UInt64.self) == 0
    }

    /// Every event in its own bucket, in order, within `cursor...highest`;
    /// for tests only.
    func satisfiesInvariants() -> Bool {
        var held = 0
        for i in 0..<Self.bucketCount {
            let bucket = buckets[i]
            guard bucket.start <= bucket.end, bucket.end <= bucket.capacity else { return false }
            guard let events = bucket.events else { continue }
            // The floor's key before the first event, and in slot 0, where
            // an emptied bucket starts again.
            guard bucket.start >= 1, Self.holdsFloor(events + (bucket.start - 1)), Self.holdsFloor(events)
            else { return false }
            guard bucket.start < bucket.end else { continue }
            held += bucket.end - bucket.start
            for j in bucket.start..<bucket.end {
                let v = Self.virtualIndex(events[j].time * inverseWidth)
                guard v & Self.mask == i, v >= cursor, v <= highest else { return false }
                if j > bucket.start && !events[j - 1].precedes(events[j]) { return false }
            }
        }
        return held == count && (count == 0 || highest - cursor < Self.bucketCount)
    }
}
