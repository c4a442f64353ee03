extension EventQueue {
    /// Checks the heap property of both heaps everywhere; for tests and
    /// debugging only.
    /// - Complexity: O(n).
    public func checkInvariants() -> Bool {
        for heap in [near, far] {
            for i in 1..<max(heap.count, 1) where heap[i].precedes(heap[(i - 1) >> 2]) {
                return false
            }
        }
        return true
    }
}
