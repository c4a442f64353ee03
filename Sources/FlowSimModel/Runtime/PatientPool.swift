/// Patients as a struct of arrays with a free list: a patient is an index,
/// so events carry four bytes, nothing is allocated per patient once the
/// pool has grown to the peak census, and no reference is counted.
struct PatientPool {
    var arrivalTime: ContiguousArray<Double> = []
    /// When A&E decided to admit (for trolley waits); -1 when not admitted.
    var decisionTime: ContiguousArray<Double> = []
    var site: ContiguousArray<Int16> = []
    var group: ContiguousArray<Int16> = []
    var channel: ContiguousArray<UInt8> = []
    /// Set when the patient had to queue for a cubicle.
    var waitedForCubicle: ContiguousArray<Bool> = []
    var free: ContiguousArray<Int32> = []
    private(set) var active = 0

    init(reservingCapacity capacity: Int) {
        arrivalTime.reserveCapacity(capacity)
        decisionTime.reserveCapacity(capacity)
        site.reserveCapacity(capacity)
        group.reserveCapacity(capacity)
        channel.reserveCapacity(capacity)
        waitedForCubicle.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func admit(arrival: Double, site s: Int, group g: Int, channel c: UInt8) -> Int32 {
        active += 1
        if let index = free.popLast() {
            let i = Int(index)
            arrivalTime[i] = arrival
            decisionTime[i] = -1
            site[i] = Int16(s)
            group[i] = Int16(g)
            channel[i] = c
            waitedForCubicle[i] = false
            return index
        }
        arrivalTime.append(arrival)
        decisionTime.append(-1)
        site.append(Int16(s))
        group.append(Int16(g))
        channel.append(c)
        waitedForCubicle.append(false)
        return Int32(arrivalTime.count - 1)
    }

    @inline(__always)
    mutating func discharge(_ patient: Int32) {
        active -= 1
        free.append(patient)
    }

    /// Slots ever allocated: the peak census.
    var capacity: Int { arrivalTime.count }
}
