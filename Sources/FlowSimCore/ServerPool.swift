/// A pool of identical servers (cubicles, triage nurses, beds, vehicles)
/// with a waiting line, priority classes served first-come first-served
/// within a class, and a capacity that a rota may change over time.
///
/// The pool holds entity indices, not entities; the model keeps the
/// entities. When capacity falls below the number busy, nobody is
/// pre-empted: servers retire as they become free.
///
/// The waiting lines are `WaitingLine`s, which have reference semantics: a
/// copy of a pool shares its lines. The model keeps each pool in place
/// (`InPlaceTable`) and never copies one to change it.
public struct ServerPool {
    @usableFromInline var _capacity: Int
    @inlinable public var capacity: Int { _capacity }
    @usableFromInline var _busy: Int = 0
    @inlinable public var busy: Int { _busy }
    /// The waiting line of class 0, held apart from the others: most pools
    /// have a single class, and it is then one load away.
    @usableFromInline let firstClass: WaitingLine
    /// Classes 1, 2, ...
    @usableFromInline let otherClasses: [WaitingLine]
    @usableFromInline var _queueLength: Int = 0
    @inlinable public var queueLength: Int { _queueLength }
    /// Time-weighted number of busy servers.
    public var busyLevel = TimeWeighted()
    /// Time-weighted number waiting.
    public var queueLevel = TimeWeighted()

    /// - Parameters:
    ///   - capacity: servers available at time 0.
    ///   - priorityClasses: class 0 is served first.
    public init(capacity: Int, priorityClasses: Int = 1) {
        precondition(capacity >= 0 && priorityClasses >= 1)
        _capacity = capacity
        firstClass = WaitingLine(capacity: 64)
        // One line each: `Array(repeating:)` would share one line between them.
        otherClasses = (1..<priorityClasses).map { _ in WaitingLine(capacity: 64) }
    }

    @inlinable public var idle: Int { Swift.max(capacity - busy, 0) }
    public var priorityClasses: Int { otherClasses.count + 1 }

    /// Asks for a server. Returns true if `entity` holds one now; otherwise
    /// it joins the waiting line of its priority class.
    ///
    /// Forced inline, as is `admitNext`, into the model's handlers: called,
    /// they saved and restored up to six registers and reloaded the pool for a
    /// few lines of work (2-3% of R1, R2 and the MSE year's instructions;
    /// docs/performance.md, tenth round).
    @inlinable @inline(__always)
    public mutating func seize(_ entity: Int32, priority: Int = 0, now: Double) -> Bool {
        if busy < capacity && queueLength == 0 {
            _busy += 1
            busyLevel.update(to: Double(busy), at: now)
            return true
        }
        if priority == 0 { firstClass.push(entity) } else { otherClasses[priority - 1].push(entity) }
        _queueLength += 1
        queueLevel.update(to: Double(queueLength), at: now)
        return false
    }

    /// Frees one server. If someone is waiting and capacity allows, the
    /// next in line takes the server at once and is returned, so the model
    /// can start their service.
    @inlinable
    public mutating func release(now: Double) -> Int32? {
        precondition(busy > 0, "release of an idle server pool")
        _busy -= 1
        if let next = admitNext(now: now) { return next }
        busyLevel.update(to: Double(busy), at: now)
        return nil
    }

    /// If a server is free and someone waits, gives the server to the
    /// first in line and returns them. Call repeatedly after raising the
    /// capacity.
    @inlinable @inline(__always)
    public mutating func admitNext(now: Double) -> Int32? {
        guard busy < capacity, queueLength > 0 else { return nil }
        let next: Int32
        if let first = firstClass.pop() {
            next = first
        } else {
            var p = 0
            while otherClasses[p].isEmpty { p += 1 }
            next = otherClasses[p].pop()!
        }
        _queueLength -= 1
        _busy += 1
        queueLevel.update(to: Double(queueLength), at: now)
        busyLevel.update(to: Double(busy), at: now)
        return next
    }

    /// Changes the number of servers (a rota step). Raising it lets queued
    /// entities in: follow with `admitNext(now:)` until it returns nil.
    public mutating func setCapacity(_ newCapacity: Int, now: Double) {
        precondition(newCapacity >= 0)
        _capacity = newCapacity
    }

    /// Starts the measurement window: keeps the current state, forgets the
    /// accumulated averages.
    public mutating func resetStatistics(at now: Double) {
        busyLevel.reset(at: now)
        queueLevel.reset(at: now)
    }

    /// Entities waiting, in the order they would be served (for tests).
    public var waitingEntities: [Int32] { firstClass.elements + otherClasses.flatMap { $0.elements } }
}
