/// A growable FIFO queue of small values, used for waiting lines.
/// Amortised O(1) push and pop without shifting elements.
public struct RingBuffer<Element> {
    @usableFromInline var storage: ContiguousArray<Element?>
    @usableFromInline var head = 0
    @usableFromInline var tail = 0
    @usableFromInline var _count = 0
    @inlinable public var count: Int { _count }

    public init(capacity: Int = 16) {
        storage = ContiguousArray(repeating: nil, count: Swift.max(capacity, 4))
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable @inline(__always)
    public mutating func push(_ element: Element) {
        if _count == storage.count { grow() }
        storage[tail] = element
        tail = tail + 1 == storage.count ? 0 : tail + 1
        _count += 1
    }

    @inlinable @inline(__always)
    public mutating func pop() -> Element? {
        guard _count > 0 else { return nil }
        let element = storage[head]
        // A trivial element (an entity index) stays in its slot until a
        // push overwrites it: clearing it was a write, and a write to the
        // array asks the runtime whether its buffer is shared, once a pop
        // (docs/performance.md, eleventh round). Anything else is cleared,
        // so that the buffer does not keep an object alive.
        if !_isPOD(Element.self) { storage[head] = nil }
        head = head + 1 == storage.count ? 0 : head + 1
        _count -= 1
        return element
    }

    @inlinable public var first: Element? { _count > 0 ? storage[head] : nil }

    @usableFromInline
    mutating func grow() {
        var larger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for i in 0..<count { larger[i] = storage[(head + i) % storage.count] }
        storage = larger
        head = 0
        tail = count
    }

    /// Elements from first to last (for tests and traces).
    public var elements: [Element] {
        (0..<count).map { storage[(head + $0) % storage.count]! }
    }
}
