import FlowSimCore
import Testing

/// Server pools: FCFS within a priority class, class 0 first, release
/// hands the server straight to the next in line, and capacity changes
/// never pre-empt anyone.
@Suite struct ServerPoolTests {
    @Test func seizesUntilFullThenQueuesFCFS() {
        var pool = ServerPool(capacity: 2)
        #expect(pool.request(1, now: 0) == .started)
        #expect(pool.request(2, now: 1) == .started)
        #expect(pool.request(3, now: 2) == .queued)
        #expect(pool.request(4, now: 3) == .queued)
        #expect(pool.request(5, now: 4) == .queued)
        #expect(pool.busy == 2 && pool.idle == 0 && pool.queueLength == 3)
        #expect(pool.waitingEntities == [3, 4, 5])
        // Each release hands the server to the head of the line.
        #expect(pool.release(now: 5) == 3)
        #expect(pool.release(now: 6) == 4)
        #expect(pool.release(now: 7) == 5)
        #expect(pool.busy == 2 && pool.queueLength == 0)
        // Nobody left waiting: the server goes idle.
        #expect(pool.release(now: 8) == nil)
        #expect(pool.busy == 1 && pool.idle == 1)
        #expect(pool.release(now: 9) == nil)
        #expect(pool.busy == 0 && pool.idle == 2)
    }

    @Test func priorityClassesAreServedInOrderAndFCFSWithinAClass() {
        var pool = ServerPool(capacity: 1, priorityClasses: 3)
        #expect(pool.priorityClasses == 3)
        #expect(pool.request(100, priority: 2, now: 0) == .started)
        // Arrivals in a mixed order of classes.
        let arrivals: [(Int32, Int)] = [(1, 2), (2, 1), (3, 0), (4, 2), (5, 0), (6, 1), (7, 0)]
        for (entity, priority) in arrivals { #expect(pool.request(entity, priority: priority, now: 1) == .queued) }
        #expect(pool.waitingEntities == [3, 5, 7, 2, 6, 1, 4])
        var served: [Int32] = []
        var t = 2.0
        while let next = pool.release(now: t) {
            served.append(next)
            t += 1
            // A late urgent arrival overtakes everyone still waiting in lower classes.
            if next == 5 { #expect(pool.request(8, priority: 0, now: t) == .queued) }
        }
        #expect(served == [3, 5, 7, 8, 2, 6, 1, 4])
    }

    @Test func newArrivalQueuesBehindWaitersEvenIfAServerIsFree() {
        // After a capacity rise without admitNext, an arrival must not jump the line.
        var pool = ServerPool(capacity: 1)
        #expect(pool.request(1, now: 0) == .started)
        #expect(pool.request(2, now: 0) == .queued)
        pool.setCapacity(2, now: 1)
        #expect(pool.request(3, now: 1) == .queued)
        #expect(pool.admitNext(now: 1) == 2)
        #expect(pool.admitNext(now: 1) == nil)
        #expect(pool.waitingEntities == [3])
    }

    @Test func loweringCapacityDoesNotPreemptAndServersRetireAsTheyFree() {
        var pool = ServerPool(capacity: 3)
        for e in 1...3 as ClosedRange<Int32> { #expect(pool.request(e, now: 0) == .started) }
        #expect(pool.request(4, now: 0) == .queued)
        #expect(pool.request(5, now: 0) == .queued)
        pool.setCapacity(1, now: 10)
        #expect(pool.capacity == 1)
        #expect(pool.busy == 3)           // nobody thrown out
        #expect(pool.idle == 0)
        #expect(pool.admitNext(now: 10) == nil)
        // Two releases retire servers; nobody is admitted.
        #expect(pool.release(now: 11) == nil)
        #expect(pool.busy == 2)
        #expect(pool.release(now: 12) == nil)
        #expect(pool.busy == 1)
        // Back within capacity: the next release hands over.
        #expect(pool.release(now: 13) == 4)
        #expect(pool.busy == 1 && pool.waitingEntities == [5])
        // Capacity 0: nobody starts, even with everyone free.
        pool.setCapacity(0, now: 14)
        #expect(pool.release(now: 15) == nil)
        #expect(pool.busy == 0)
        #expect(pool.request(6, now: 16) == .queued)
        #expect(pool.admitNext(now: 16) == nil)
        #expect(pool.waitingEntities == [5, 6])
    }

    @Test func raisingCapacityThenAdmitNextLetsTheLineIn() {
        var pool = ServerPool(capacity: 0, priorityClasses: 2)
        #expect(pool.request(1, priority: 1, now: 0) == .queued)
        #expect(pool.request(2, priority: 0, now: 0) == .queued)
        #expect(pool.request(3, priority: 1, now: 0) == .queued)
        #expect(pool.request(4, priority: 0, now: 0) == .queued)
        pool.setCapacity(3, now: 60)
        var admitted: [Int32] = []
        while let next = pool.admitNext(now: 60) { admitted.append(next) }
        #expect(admitted == [2, 4, 1])
        #expect(pool.busy == 3 && pool.queueLength == 1 && pool.waitingEntities == [3])
    }

    @Test func busyAndQueueLevelsAreTimeWeighted() {
        var pool = ServerPool(capacity: 2)
        _ = pool.seize(1, now: 0)    // busy 1 on [0, 10)
        _ = pool.seize(2, now: 10)   // busy 2 on [10, 40)
        _ = pool.seize(3, now: 20)   // queue 1 on [20, 30)
        #expect(pool.release(now: 30) == 3)
        _ = pool.release(now: 40)    // busy 1 on [40, 50)
        _ = pool.release(now: 50)    // busy 0 on [50, 100)
        #expect(abs(pool.busyLevel.mean(at: 100) - (10 + 60 + 10) / 100.0) < 1e-12)
        #expect(abs(pool.queueLevel.mean(at: 100) - 10 / 100.0) < 1e-12)
        #expect(pool.busyLevel.maximum == 2)
        pool.resetStatistics(at: 100)
        _ = pool.seize(4, now: 150)
        #expect(abs(pool.busyLevel.mean(at: 200) - 0.5) < 1e-12)
        #expect(pool.queueLevel.mean(at: 200) == 0)
    }
}

extension ServerPool {
    enum Outcome { case started, queued }

    /// `seize`, as an outcome that reads well in expectations.
    mutating func request(_ entity: Int32, priority: Int = 0, now: Double) -> Outcome {
        seize(entity, priority: priority, now: now) ? .started : .queued
    }
}
