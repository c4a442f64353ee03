// swift-collections' `Heap` (a min-max heap) holding the same entries.
import HeapModule

struct CollectionsHeapQueue: HoldQueue {
    struct Entry: Comparable {
        var time: Double
        var sequence: UInt64
        var token: Token
        static func < (a: Entry, b: Entry) -> Bool {
            a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
        }
        static func == (a: Entry, b: Entry) -> Bool { a.time == b.time && a.sequence == b.sequence }
    }
    var heap = Heap<Entry>()
    var sequence: UInt64 = 0

    init(reservingCapacity capacity: Int) { heap.reserveCapacity(capacity) }

    @inline(__always)
    mutating func insert(_ token: Token, at time: Double) {
        heap.insert(Entry(time: time, sequence: sequence, token: token))
        sequence &+= 1
    }

    @inline(__always)
    mutating func removeEarliest() -> (time: Double, token: Token) {
        let entry = heap.removeMin()
        return (entry.time, entry.token)
    }
}
