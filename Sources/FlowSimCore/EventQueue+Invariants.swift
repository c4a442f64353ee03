extension EventQueue {
    /// Checks the heap property of both heaps everywhere; for tests and
    /// debugging only.
    /// - Complexity: O(n).
    public func checkInvariants() -> Bool {
        near.satisfiesInvariants() && far.satisfiesInvariants()
    }
}
