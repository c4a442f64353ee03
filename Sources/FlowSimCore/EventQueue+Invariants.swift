extension EventQueue {
    /// Checks the heap property of both heaps everywhere; for tests and
    /// debugging only.
    /// - Complexity: O(n).
    public func checkInvariants() -> Bool {
        for heap in [near, far] {
            for i in 1..<max(heap.count, 1) where heap.slots[i].precedes(heap.slots[(i - 1) >> 2]) {
                return false
            }
            // The padding: at least four sentinels once anything was pushed.
            guard heap.slots.isEmpty || heap.slots.count >= heap.count + 4 else { return false }
            for slot in heap.slots[heap.count...] where slot.key != .max || slot.order != .max { return false }
        }
        return true
    }
}
