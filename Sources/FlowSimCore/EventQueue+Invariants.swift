extension EventQueue {
    /// Checks the ring's order and bounds and the far heap's heap property; for tests and
    /// debugging only.
    /// - Complexity: O(n).
    public func checkInvariants() -> Bool {
        near.satisfiesInvariants() && far.satisfiesInvariants()
    }
}
