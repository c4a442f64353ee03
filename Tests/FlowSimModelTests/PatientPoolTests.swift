@testable import FlowSimModel
import Testing

/// The pool's records: an admission starts from a clean record, a freed
/// slot is reused with its generation advanced, and growing past the first
/// allocation keeps every record.
@Suite struct PatientPoolTests {
    @Test func anAdmissionStartsFromACleanRecordAndAReusedSlotAdvancesItsGeneration() {
        var pool = PatientPool(reservingCapacity: 16)
        let first = pool.admit(at: 12.5, site: 2, group: 3, locality: 4, channel: 1, stage: .inDepartment)
        let p = Int(first)
        #expect(pool[p].arrivalTime == 12.5 && pool[p].callTime == 12.5 && pool[p].siteArrival == 12.5)
        #expect(pool[p].bedRequested == 12.5 && pool[p].decisionTime == -1 && pool[p].delayedSince == -1)
        #expect(pool[p].site == 2 && pool[p].group == 3 && pool[p].locality == 4 && pool[p].channel == 1)
        #expect(pool[p].stage == .inDepartment && pool[p].ward == -1 && pool[p].generation == 0)
        // Dirty every field, free the slot, admit again: nothing carries over.
        pool[p].waitedForCubicle = true
        pool[p].leftUnseen = true
        pool[p].inCubicle = true
        pool[p].awaitingHandover = true
        pool[p].crewAtDoor = true
        pool[p].conveyed = true
        pool[p].responded = true
        pool[p].category = 3
        pool[p].vehiclePoint = 7
        pool[p].pathway = 2
        pool[p].ward = 9
        pool[p].decisionTime = 40
        pool.discharge(first)
        #expect(pool[p].stage == .left && pool.active == 0)
        let again = pool.admit(at: 50, site: 0, group: 1, locality: -1, channel: 0, stage: .awaitingBed)
        #expect(again == first)
        #expect(pool[p].generation == 1 && pool[p].arrivalTime == 50 && pool[p].stage == .awaitingBed)
        #expect(!pool[p].waitedForCubicle && !pool[p].leftUnseen && !pool[p].inCubicle && !pool[p].awaitingHandover)
        #expect(!pool[p].crewAtDoor && !pool[p].conveyed && !pool[p].responded)
        #expect(pool[p].category == 0 && pool[p].vehiclePoint == 0 && pool[p].pathway == 0)
        #expect(pool[p].ward == -1 && pool[p].decisionTime == -1 && pool[p].locality == -1)
    }

    @Test func growingKeepsEveryRecord() {
        var pool = PatientPool(reservingCapacity: 16)
        let patients = (0..<100).map {
            pool.admit(at: Double($0), site: $0 % 5, group: $0 % 7, locality: $0 % 3, channel: UInt8($0 % 5),
                       stage: .inDepartment)
        }
        for (k, patient) in patients.enumerated() { pool[Int(patient)].ward = Int32(k) }
        #expect(pool.capacity == 100 && pool.active == 100)
        for (k, patient) in patients.enumerated() {
            let record = pool[Int(patient)]
            #expect(record.arrivalTime == Double(k) && record.site == Int16(k % 5) && record.group == Int16(k % 7))
            #expect(record.ward == Int32(k))
        }
    }
}
