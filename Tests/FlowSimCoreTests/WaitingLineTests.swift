import FlowSimCore
import Testing

/// A server pool's waiting line: first come, first served, through wrap-arounds and growth.
@Suite struct WaitingLineTests {
    @Test func fifoOrderAndEmptiness() {
        let line = WaitingLine(capacity: 4)
        #expect(line.isEmpty && line.first == nil && line.pop() == nil)
        line.push(1)
        line.push(2)
        #expect(line.first == 1 && line.count == 2)
        #expect(line.pop() == 1)
        #expect(line.pop() == 2)
        #expect(line.pop() == nil)
        #expect(line.isEmpty)
    }

    @Test func wrapsAroundWithoutGrowingAndThenGrowsWhileWrapped() {
        let line = WaitingLine(capacity: 4)
        // Move head and tail around the line several times.
        var next: Int32 = 0, expected: Int32 = 0
        for _ in 0..<10 {
            for _ in 0..<3 { line.push(next); next += 1 }
            for _ in 0..<3 { #expect(line.pop() == expected); expected += 1 }
        }
        // Now fill past capacity while head is in the middle of storage.
        for _ in 0..<3 { line.push(next); next += 1 }
        #expect(line.pop() == expected); expected += 1
        for _ in 0..<20 { line.push(next); next += 1 }
        #expect(line.count == 22)
        #expect(line.elements == Array(expected..<next))
        while let x = line.pop() { #expect(x == expected); expected += 1 }
        #expect(expected == next)
    }

    @Test func randomisedAgainstAnArray() {
        var rng = SplitMixRNG(seed: 42)
        let line = WaitingLine(capacity: 1)
        var reference: [Int32] = []
        for i in 0..<5_000 as Range<Int32> {
            if rng.next() % 3 != 0 {
                line.push(i)
                reference.append(i)
            } else {
                #expect(line.pop() == (reference.isEmpty ? nil : reference.removeFirst()))
            }
            #expect(line.count == reference.count)
            #expect(line.first == reference.first)
        }
        #expect(line.elements == reference)
    }

    /// A pool's lines are its own: classes do not share a line, and two
    /// pools do not share theirs.
    @Test func eachClassAndEachPoolHasItsOwnLine() {
        var a = ServerPool(capacity: 0, priorityClasses: 3)
        var b = ServerPool(capacity: 0, priorityClasses: 3)
        _ = a.seize(1, priority: 1, now: 0)
        _ = a.seize(2, priority: 2, now: 0)
        _ = b.seize(3, priority: 2, now: 0)
        #expect(a.waitingEntities == [1, 2])
        #expect(b.waitingEntities == [3])
    }
}
