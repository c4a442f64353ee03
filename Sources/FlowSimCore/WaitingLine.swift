/// A first-come first-served line of entity indices, a server pool's
/// waiting line for one priority class: a ring in storage it owns, grown by
/// doubling and never shrunk.
///
/// A class, so a copy shares the line. As a struct over an array, every
/// join asked the runtime whether the array's buffer was shared (a call
/// per patient who waits; docs/performance.md, twelfth round). A pool
/// creates one per class and never copies one to change it.
public final class WaitingLine {
    @usableFromInline var slots: UnsafeMutablePointer<Int32>
    @usableFromInline var capacity: Int
    @usableFromInline var head = 0
    @usableFromInline var tail = 0
    @usableFromInline var _count = 0

    public init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 4)
        slots = .allocate(capacity: self.capacity)
    }

    deinit { slots.deallocate() }

    @inlinable public var count: Int { _count }
    @inlinable public var isEmpty: Bool { _count == 0 }
    @inlinable public var first: Int32? { _count > 0 ? slots[head] : nil }

    /// Joins the back of the line.
    @inlinable @inline(__always)
    public func push(_ entity: Int32) {
        if _count == capacity { grow() }
        slots[tail] = entity
        tail = tail &+ 1 == capacity ? 0 : tail &+ 1
        _count &+= 1
    }

    /// Leaves the front of the line; nil when nobody waits.
    @inlinable @inline(__always)
    public func pop() -> Int32? {
        guard _count > 0 else { return nil }
        let entity = slots[head]
        head = head &+ 1 == capacity ? 0 : head &+ 1
        _count &-= 1
        return entity
    }

    /// Twice the storage, the line moved to its front (rare: only while the
    /// line reaches a new length).
    @usableFromInline @inline(never)
    func grow() {
        let larger = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * capacity)
        for i in 0..<_count { larger[i] = slots[(head + i) % capacity] }
        slots.deallocate()
        slots = larger
        capacity *= 2
        head = 0
        tail = _count
    }

    /// The entities from front to back (for tests and traces).
    public var elements: [Int32] { (0..<_count).map { slots[(head + $0) % capacity] } }
}
