/// Where a patient is in their journey; decides what a freed vehicle or
/// bed does with them.
enum PatientStage: UInt8 {
    case awaitingVehicle, withCrew, inDepartment, awaitingTransfer, inTransfer, awaitingBed, inBed
    /// Medically fit, still in the acute bed, waiting for a pathway place.
    case delayedDischarge
    /// Cared for at home by a locality MDT, or in a discharge-to-assess bed.
    case withMDT, inD2A
    /// Gone; the slot waits on the free list.
    case left
}

/// Patients as a struct of arrays with a free list: a patient is an index,
/// so events carry four bytes, nothing is allocated per patient once the
/// pool has grown to the peak census, and no reference is counted.
struct PatientPool {
    /// Start of the 4-hour clock: arrival, or handover for ambulances.
    var arrivalTime: ContiguousArray<Double> = []
    /// When A&E decided to admit (for trolley waits); -1 when not admitted.
    var decisionTime: ContiguousArray<Double> = []
    /// 999 call time, then arrival at the site (for handover delays).
    var callTime: ContiguousArray<Double> = []
    var siteArrival: ContiguousArray<Double> = []
    /// When the patient asked for a ward bed (for the wait for a bed).
    var bedRequested: ContiguousArray<Double> = []
    var site: ContiguousArray<Int16> = []
    var group: ContiguousArray<Int16> = []
    var locality: ContiguousArray<Int16> = []
    var channel: ContiguousArray<UInt8> = []
    var stage: ContiguousArray<PatientStage> = []
    /// The bed pool holding the patient, -1 when none.
    var ward: ContiguousArray<Int32> = []
    /// When a delayed transfer of care began (-1: none), and its pathway.
    var delayedSince: ContiguousArray<Double> = []
    var pathway: ContiguousArray<UInt8> = []
    /// Set when the patient had to queue for a cubicle.
    var waitedForCubicle: ContiguousArray<Bool> = []
    /// Left A&E without being seen while queueing for a cubicle: their slot
    /// stays in the queue until a free cubicle reaches it, then is freed
    /// (a pool cannot take an entry out of the middle of its queue).
    var leftUnseen: ContiguousArray<Bool> = []
    /// Holds a cubicle (treatment has started).
    var inCubicle: ContiguousArray<Bool> = []
    /// An ambulance patient not yet handed over to A&E staff.
    var awaitingHandover: ContiguousArray<Bool> = []
    /// Their crew is still at the door with them (not yet released).
    var crewAtDoor: ContiguousArray<Bool> = []
    /// Conveyed patients are treated at the scene (see and treat) when false.
    var conveyed: ContiguousArray<Bool> = []
    /// 999 patients: response category 0-3, and the standby point of the
    /// vehicle now attending them (0 without standby points).
    var category: ContiguousArray<UInt8> = []
    var vehiclePoint: ContiguousArray<Int16> = []
    /// 999 patients: a first responder (crew or rapid response car) has
    /// reached them; the response is recorded once.
    var responded: ContiguousArray<Bool> = []
    /// Incremented each time a slot is reused (for cancellable events).
    var generation: ContiguousArray<UInt32> = []
    var free: ContiguousArray<Int32> = []
    private(set) var active = 0

    init(reservingCapacity capacity: Int) {
        arrivalTime.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func admit(at time: Double, site s: Int, group g: Int, locality l: Int, channel c: UInt8,
                        stage st: PatientStage) -> Int32 {
        active += 1
        if let index = free.popLast() {
            let i = Int(index)
            arrivalTime[i] = time
            decisionTime[i] = -1
            callTime[i] = time
            siteArrival[i] = time
            bedRequested[i] = time
            site[i] = Int16(s)
            group[i] = Int16(g)
            locality[i] = Int16(l)
            channel[i] = c
            stage[i] = st
            ward[i] = -1
            delayedSince[i] = -1
            pathway[i] = 0
            waitedForCubicle[i] = false
            leftUnseen[i] = false
            inCubicle[i] = false
            awaitingHandover[i] = false
            crewAtDoor[i] = false
            conveyed[i] = false
            category[i] = 0
            vehiclePoint[i] = 0
            responded[i] = false
            generation[i] &+= 1
            return index
        }
        arrivalTime.append(time)
        decisionTime.append(-1)
        callTime.append(time)
        siteArrival.append(time)
        bedRequested.append(time)
        site.append(Int16(s))
        group.append(Int16(g))
        locality.append(Int16(l))
        channel.append(c)
        stage.append(st)
        ward.append(-1)
        delayedSince.append(-1)
        pathway.append(0)
        waitedForCubicle.append(false)
        leftUnseen.append(false)
        inCubicle.append(false)
        awaitingHandover.append(false)
        crewAtDoor.append(false)
        conveyed.append(false)
        category.append(0)
        vehiclePoint.append(0)
        responded.append(false)
        generation.append(0)
        return Int32(arrivalTime.count - 1)
    }

    @inline(__always)
    mutating func discharge(_ patient: Int32) {
        assert(stage[Int(patient)] != .left, "patient \(patient) discharged twice")
        stage[Int(patient)] = .left
        active -= 1
        free.append(patient)
    }

    /// Slots ever allocated: the peak census.
    var capacity: Int { arrivalTime.count }
}
