import FlowSimCore
import Testing

@Suite struct RingBufferTests {
    @Test func fifoOrderAndEmptiness() {
        var ring = RingBuffer<Int>(capacity: 4)
        #expect(ring.isEmpty && ring.first == nil && ring.pop() == nil)
        ring.push(1)
        ring.push(2)
        #expect(ring.first == 1 && ring.count == 2)
        #expect(ring.pop() == 1)
        #expect(ring.pop() == 2)
        #expect(ring.pop() == nil)
        #expect(ring.isEmpty)
    }

    @Test func wrapsAroundWithoutGrowingAndThenGrowsWhileWrapped() {
        var ring = RingBuffer<Int>(capacity: 4)
        // Move head and tail around the ring several times.
        var next = 0, expected = 0
        for _ in 0..<10 {
            for _ in 0..<3 { ring.push(next); next += 1 }
            for _ in 0..<3 { #expect(ring.pop() == expected); expected += 1 }
        }
        // Now fill past capacity while head is in the middle of storage.
        for _ in 0..<3 { ring.push(next); next += 1 }
        #expect(ring.pop() == expected); expected += 1
        for _ in 0..<20 { ring.push(next); next += 1 }
        #expect(ring.count == 22)
        #expect(ring.elements == Array(expected..<next))
        while let x = ring.pop() { #expect(x == expected); expected += 1 }
        #expect(expected == next)
    }

    @Test func randomisedAgainstAnArray() {
        var rng = SplitMixRNG(seed: 42)
        var ring = RingBuffer<Int32>(capacity: 1)
        var reference: [Int32] = []
        for i in 0..<5_000 as Range<Int32> {
            if rng.next() % 3 != 0 {
                ring.push(i)
                reference.append(i)
            } else {
                #expect(ring.pop() == (reference.isEmpty ? nil : reference.removeFirst()))
            }
            #expect(ring.count == reference.count)
            #expect(ring.first == reference.first)
        }
        #expect(ring.elements == reference)
    }

    /// A pop leaves a trivial element in its slot (no write) but clears a
    /// reference, so a popped object is not kept alive by the buffer.
    @Test func aPoppedObjectIsReleased() {
        final class Patient {}
        var ring = RingBuffer<Patient>(capacity: 4)
        weak var popped: Patient?
        do {
            let patient = Patient()
            popped = patient
            ring.push(patient)
            ring.push(Patient())
            #expect(ring.pop() === patient)
        }
        #expect(popped == nil)
        #expect(ring.count == 1)
    }

    /// Pops that do not write still leave copies independent: a copy keeps
    /// its elements while the original is popped and pushed past them.
    @Test func copiesStayIndependentWhenPopsDoNotWrite() {
        var ring = RingBuffer<Int32>(capacity: 4)
        for i in 0..<4 as Range<Int32> { ring.push(i) }
        let copy = ring
        #expect(ring.pop() == 0 && ring.pop() == 1)
        ring.push(10)
        ring.push(11)
        #expect(copy.elements == [0, 1, 2, 3])
        #expect(ring.elements == [2, 3, 10, 11])
    }
}
