import FlowSimCore
import Testing

/// The pending-event set: earliest time first; same-time events in phase
/// order, then in the order they were scheduled.
@Suite struct EventQueueTests {
    private func drain<P>(_ queue: inout EventQueue<P>) -> [Event<P>] {
        var out: [Event<P>] = []
        while let e = queue.pop() { out.append(e) }
        return out
    }

    @Test func emptyQueuePopsNil() {
        var q = EventQueue<Int>()
        // The queue is non-copyable and #expect captures the receiver of a
        // bare property or method, so the facts are read into values first.
        let isEmpty = q.isEmpty
        #expect(isEmpty)
        #expect(q.count == 0)
        #expect(q.first == nil)
        #expect(q.pop() == nil)
        let holds = q.checkInvariants()
        #expect(holds)
    }

    /// The queue owns its storage: dropping it releases every payload it
    /// still holds, those in sentinel slots included, once and only once.
    @Test func droppingTheQueueReleasesItsPayloads() {
        final class Token {}
        var watched: [Weak] = []
        do {
            var q = EventQueue<Token>(reservingCapacity: 2)
            for i in 0..<40 {
                let token = Token()
                watched.append(Weak(token))
                // Far and near events, past the first allocation's size.
                q.push(token, at: Double(i % 2 == 0 ? i : 1_000 + i))
            }
            for _ in 0..<15 { _ = q.pop() }
            let pending = q.count
            #expect(pending == 25)
        }
        #expect(watched.allSatisfy { $0.object == nil })
    }

    @Test func popsInTimeOrder() {
        var q = EventQueue<String>()
        q.push("c", at: 30)
        q.push("a", at: 10)
        q.push("d", at: 40)
        q.push("b", at: 20)
        #expect(q.count == 4)
        #expect(q.first?.payload == "a")
        #expect(drain(&q).map(\.payload) == ["a", "b", "c", "d"])
        let drained = q.isEmpty
        #expect(drained)
    }

    @Test func sameTimeTiesBreakByPhaseThenInsertionOrder() {
        var q = EventQueue<String>()
        // Scheduled in an order that is wrong for every rule.
        q.push("control", at: 5, phase: .control)
        q.push("arrival-1", at: 5, phase: .arrival)
        q.push("normal-1", at: 5, phase: .normal)
        q.push("later", at: 6, phase: .release)
        q.push("arrival-2", at: 5, phase: .arrival)
        q.push("capacity", at: 5, phase: .capacity)
        q.push("normal-2", at: 5, phase: .normal)
        q.push("release", at: 5, phase: .release)
        q.push("earlier", at: 4, phase: .control)
        let events = drain(&q)
        #expect(events.map(\.payload) == [
            "earlier", "release", "capacity", "normal-1", "normal-2", "arrival-1", "arrival-2", "control", "later",
        ])
        #expect(events.map(\.phase) == [.control, .release, .capacity, .normal, .normal, .arrival, .arrival, .control, .release])
        #expect(events.map(\.time) == [4, 5, 5, 5, 5, 5, 5, 5, 6])
    }

    @Test func manySameTimeSamePhaseEventsKeepInsertionOrder() {
        // Enough to fill several heap levels: a heap alone is not stable.
        var q = EventQueue<Int>()
        for i in 0..<1_000 { q.push(i, at: 1.0) }
        #expect(drain(&q).map(\.payload) == Array(0..<1_000))
    }

    @Test func timesKeepTheirValueAndOrderIncludingNegativesAndSignedZero() {
        var q = EventQueue<String>()
        let times: [(Double, String)] = [(3, "3"), (-0.0, "-0 first"), (-1e300, "-1e300"), (1e300, "1e300"),
                                         (0, "+0 second"), (-5, "-5"), (0.1, "0.1"), (-0.1, "-0.1"),
                                         (.leastNonzeroMagnitude, "tiny")]
        for (t, name) in times { q.push(name, at: t) }
        var popped: [Event<String>] = []
        while let e = q.pop() { popped.append(e) }
        // -0 and +0 are the same time: they tie and keep insertion order.
        #expect(popped.map(\.payload) == ["-1e300", "-5", "-0.1", "-0 first", "+0 second", "tiny", "0.1", "3", "1e300"])
        #expect(popped.map(\.time) == [-1e300, -5, -0.1, 0, 0, .leastNonzeroMagnitude, 0.1, 3, 1e300])
    }

    @Test func defaultPhaseIsNormal() {
        var q = EventQueue<Int>()
        q.push(1, at: 0)
        #expect(q.pop()?.phase == .normal)
    }

    /// Seeded random pushes and pops against a sorted reference list, with
    /// the heap property checked as the size swings up and down.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomisedAgainstSortedReference(seed: UInt64) {
        struct Key: Comparable {
            let time: Double, phase: UInt8, sequence: Int
            static func < (a: Key, b: Key) -> Bool { (a.time, a.phase, a.sequence) < (b.time, b.phase, b.sequence) }
        }
        var rng = SplitMixRNG(seed: seed)
        var q = EventQueue<Int>(reservingCapacity: 4)
        // Reference kept sorted latest-first, so the next event is the last.
        var reference: [Key] = []
        var popped: [Int] = [], expected: [Int] = []
        var poppedKeys: [Key] = [], expectedKeys: [Key] = []
        var countsAgree = true, heapHolds = true
        let phases: [EventPhase] = [.release, .capacity, .normal, .arrival, .control]
        var now = 0.0, sequence = 0
        for step in 0..<4_000 {
            // Pushes outnumber pops early, pops win late, so the size swings.
            let pushBias: UInt64 = step < 2_500 ? 65 : 35
            if rng.next() % 100 < pushBias || reference.isEmpty {
                // Coarse times so that ties are common; never before "now".
                let key = Key(time: now + Double(rng.next() % 20), phase: UInt8(rng.next() % 5), sequence: sequence)
                q.push(sequence, at: key.time, phase: phases[Int(key.phase)])
                let i = reference.firstIndex { $0 < key } ?? reference.endIndex
                reference.insert(key, at: i)
                sequence += 1
            } else {
                let next = reference.removeLast()
                expected.append(next.sequence)
                expectedKeys.append(next)
                if let event = q.pop() {
                    popped.append(event.payload)
                    poppedKeys.append(Key(time: event.time, phase: event.phase.rawValue, sequence: event.payload))
                }
                now = next.time
            }
            countsAgree = countsAgree && q.count == reference.count
            if step % 8 == 0 { heapHolds = heapHolds && q.checkInvariants() }
        }
        #expect(countsAgree)
        #expect(heapHolds)
        #expect(popped == expected)
        #expect(poppedKeys == expectedKeys)
        // Drain the rest in order.
        var rest: [Int] = []
        while let e = q.pop() { rest.append(e.payload) }
        #expect(rest == reference.reversed().map(\.sequence))
        #expect(q.isEmpty && q.checkInvariants())
    }
}

extension EventQueueTests {
    /// The ring's bucket width follows the rate of pops, from gaps of
    /// hours to gaps of a fraction of a second and back, and every resize
    /// keeps the exact order: pops are checked against a sorted reference
    /// throughout, and the ring's invariants as the width changes.
    @Test func bucketWidthFollowsThePopRateAndKeepsTheOrder() {
        var rng = SplitMixRNG(seed: 11)
        var q = EventQueue<Int>()
        // Pending events as (time, sequence), kept sorted latest-first.
        var reference: [(time: Double, sequence: Int)] = []
        var now = 0.0, sequence = 0, mismatches = 0, invariantsHold = true
        var widths: [Double] = []
        for (gap, steps) in [(300.0, 30_000), (0.002, 30_000), (300.0, 30_000)] {
            for step in 0..<steps {
                // About 50 pending events; delays up to 100 mean gaps, with
                // coarse steps so that same-time ties occur.
                if reference.count < 50 || rng.next() % 2 == 0 {
                    let delay = Double(rng.next() % 101) * gap
                    let time = now + delay
                    q.push(sequence, at: time)
                    let i = reference.firstIndex { ($0.time, $0.sequence) < (time, sequence) } ?? reference.endIndex
                    reference.insert((time, sequence), at: i)
                    sequence += 1
                } else {
                    let next = reference.removeLast()
                    let event = q.pop()
                    if event?.payload != next.sequence || event?.time != next.time { mismatches += 1 }
                    now = next.time
                }
                if step % 997 == 0 { invariantsHold = invariantsHold && q.checkInvariants() }
            }
            widths.append(q.bucketWidth)
        }
        #expect(mismatches == 0)
        #expect(invariantsHold)
        // The width is some mean gaps between pops and is only changed when
        // it is off by more than a factor of two, so it is known to within
        // a few times; the phases' rates differ 150,000-fold. (Measured:
        // 445, 0.0023 and 98.)
        #expect(widths[0] > 50 && widths[2] > 50)
        #expect(widths[1] < 0.01)
        var rest: [Int] = []
        while let e = q.pop() { rest.append(e.payload) }
        #expect(rest == reference.reversed().map(\.sequence))
    }

    /// A pop leaves its bucket's first slot free; an event pushed at the
    /// instant just popped, in an earlier phase, goes before every event
    /// left in that bucket and must not be walked into that slot.
    @Test func anEarlierPhaseAtTheInstantJustPoppedStillComesFirst() {
        var q = EventQueue<String>()
        // One bucket (the first width is a minute), past its first storage
        // so that the pushes below find room without moving its events.
        let left = (1...5).map { "left \($0)" }
        q.push("popped", at: 5)
        for (i, name) in left.enumerated() { q.push(name, at: 5 + 0.01 * Double(i + 1)) }
        #expect(q.pop()?.payload == "popped")
        q.push("release", at: 5, phase: .release)
        q.push("capacity", at: 5, phase: .capacity)
        let holds = q.checkInvariants()
        #expect(holds)
        #expect(drain(&q).map(\.payload) == ["release", "capacity"] + left)
    }

    /// Events beyond the ring's reach of those it holds go to the far heap
    /// and still pop in order with the near ones, on either side of them.
    @Test func eventsBeyondTheRingsReachPopInOrder() {
        var q = EventQueue<Int>()
        let width = q.bucketWidth
        let reach = width * Double(1_024)
        // A near event, then events well past the ring's reach after it and
        // well before it (the ring spans at most 1,024 buckets at once).
        let times = [10 * reach, 10 * reach + 1, 25 * reach, 10 * reach - 0.5, 3 * reach, 10 * reach, 0.25]
        for (i, t) in times.enumerated() { q.push(i, at: t) }
        let holds = q.checkInvariants()
        #expect(holds)
        let order = times.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.map(\.offset)
        var popped: [Int] = []
        while let e = q.pop() { popped.append(e.payload) }
        #expect(popped == order)
    }
}

/// A tiny deterministic generator for test data (SplitMix64), independent
/// of the engine's own streams.
struct SplitMixRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 { splitMix64(&state) }
}

/// A weak reference, to see whether an object is still alive.
private struct Weak {
    weak var object: AnyObject?
    init(_ object: AnyObject) { self.object = object }
}
