@testable import FlowSimModel
import Testing

/// The recorder's tables write in place, and a snapshot is a real copy:
/// later writes, to a field or to a nested array, do not reach it.
@Suite struct InPlaceTableTests {
    struct Counts {
        var total = 0
        var byHour = [Int](repeating: 0, count: 3)
    }

    @Test func writesInPlaceThroughAnyCopyOfTheTable() {
        let table = InPlaceTable(repeating: Counts(), count: 2)
        let alias = table
        alias[1].total += 5
        alias[1].byHour[2] += 1
        #expect(table[1].total == 5)
        #expect(table[1].byHour == [0, 0, 1])
        #expect(table[0].total == 0)
        #expect(table.map(\.total) == [0, 5])
    }

    @Test func aSnapshotKeepsItsValuesWhenTheTableChanges() {
        let table = InPlaceTable([Counts(total: 1, byHour: [1, 2, 3])])
        let before = table.snapshot()
        table[0].total += 1
        table[0].byHour[0] += 10
        #expect(before[0].total == 1)
        #expect(before[0].byHour == [1, 2, 3])
        #expect(table[0].total == 2)
        #expect(table[0].byHour == [11, 2, 3])
    }

    @Test func anEmptyTableHasNoElements() {
        let table = InPlaceTable<Counts>([])
        #expect(table.isEmpty)
        #expect(table.snapshot().isEmpty)
    }
}
