// A plain implicit binary min-heap keyed by (time, insertion sequence), the
// textbook pending-event set (SimPy's heapq, simmer's std::priority_queue):
// the baseline the engine's queue must beat.
struct BinaryHeapQueue: HoldQueue {
    struct Entry {
        var time: Double
        var sequence: UInt64
        var token: Token
        @inline(__always) func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }
    var heap: ContiguousArray<Entry> = []
    var sequence: UInt64 = 0

    init(reservingCapacity capacity: Int) { heap.reserveCapacity(capacity) }

    @inline(__always)
    mutating func insert(_ token: Token, at time: Double) {
        heap.append(Entry(time: time, sequence: sequence, token: token))
        sequence &+= 1
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            let moving = h[i]
            while i > 0 {
                let parent = (i - 1) >> 1
                guard moving.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = moving
        }
    }

    @inline(__always)
    mutating func removeEarliest() -> (time: Double, token: Token) {
        let last = heap.removeLast()
        let top = heap.withUnsafeMutableBufferPointer { h -> Entry in
            let n = h.count
            guard n > 0 else { return last }
            let top = h[0]
            var i = 0
            while true {
                let left = 2 * i + 1
                if left >= n { break }
                let right = left + 1
                let child = right < n && h[right].precedes(h[left]) ? right : left
                guard h[child].precedes(last) else { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
            return top
        }
        return (top.time, top.token)
    }
}
