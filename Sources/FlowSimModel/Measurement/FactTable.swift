/// A fixed number of facts (one per site, ward or locality) that the
/// recorder updates in place, event after event.
///
/// An array would do, but every write to an array element first checks
/// that the buffer is uniquely referenced (a call into the runtime), and a
/// departure alone writes to three per-site arrays: on R1 these checks and
/// the code around them were about 5% of the instructions
/// (docs/performance.md, sixth round). A table writes straight to memory,
/// so it has reference semantics: a copy shares the facts. The recorder
/// owns each of its tables, never copies one to mutate it, and takes
/// snapshots for the running totals with `snapshot()`, a real copy.
///
/// Nested arrays inside an element keep their own copy-on-write: a
/// snapshot shares their buffers until the next write copies them.
struct FactTable<Element>: RandomAccessCollection {
    private let storage: Storage
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ elements: [Element]) {
        storage = Storage(elements)
        base = storage.base
        count = elements.count
    }

    init(repeating element: Element, count: Int) {
        self.init(Array(repeating: element, count: count))
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(i >= 0 && i < count, "fact index \(i) out of range")
            return UnsafePointer(base + i)
        }
        nonmutating unsafeMutableAddress {
            precondition(i >= 0 && i < count, "fact index \(i) out of range")
            return base + i
        }
    }

    /// The facts now, as an independent array.
    func snapshot() -> [Element] { Array(self) }

    /// Owns the memory: initialised from an array, deinitialised with the table.
    private final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(_ elements: [Element]) {
            count = elements.count
            base = .allocate(capacity: Swift.max(count, 1))
            _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: elements)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }
}
