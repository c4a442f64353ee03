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
