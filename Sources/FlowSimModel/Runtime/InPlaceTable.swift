/// A fixed number of values updated in place, event after event: the
/// recorder's facts per site, ward and locality, and the model's server
/// pools.
///
/// An array would do, but every write to an array element first checks
/// that the buffer is uniquely referenced (a call into the runtime); a
/// departure alone wrote to three per-site arrays of the recorder, and a
/// seize or release writes to the array of pools. A table writes straight
/// to memory, so it has reference semantics: a copy shares the values.
/// Like the patient pool, each table has one owner that never copies it to
/// mutate it; the recorder takes its snapshots for the running totals with
/// `snapshot()`, a real copy (docs/performance.md, sixth round).
///
/// Nested arrays inside an element keep their own copy-on-write: a
/// snapshot shares their buffers until the next write copies them.
struct InPlaceTable<Element>: RandomAccessCollection {
    private let storage: Storage
    /// The storage's pointer and count, held here too so that an access
    /// reads them from the table itself, not through the class.
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init<Elements: Collection>(_ elements: Elements) where Elements.Element == Element {
        storage = Storage(elements)
        base = storage.base
        count = storage.count
    }

    init(repeating element: Element, count: Int) {
        self.init(repeatElement(element, count: count))
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(i >= 0 && i < count, "table index \(i) out of range")
            return UnsafePointer(base + i)
        }
        nonmutating unsafeMutableAddress {
            precondition(i >= 0 && i < count, "table index \(i) out of range")
            return base + i
        }
    }

    /// The values now, as an independent array.
    func snapshot() -> [Element] { Array(self) }

    /// Owns the memory: initialised from the elements, deinitialised with the table.
    private final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init<Elements: Collection>(_ elements: Elements) where Elements.Element == Element {
            count = elements.count
            base = .allocate(capacity: Swift.max(count, 1))
            let (_, initialised) = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: elements)
            precondition(initialised == count, "the collection gave fewer elements than its count")
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }
}
