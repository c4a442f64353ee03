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
///
/// Each field is a `PatientColumn`, a pointer into memory the pool's
/// `PatientStorage` owns, rather than a `ContiguousArray`: every write to an
/// array checks that its buffer is uniquely referenced (a call into the
/// runtime), and admitting a patient writes 22 fields, so the checks were
/// 6% of R1's instructions (docs/performance.md). The pool therefore has
/// reference semantics: a copy of it shares the patients. The model owns
/// exactly one and never copies it to mutate.
struct PatientPool {
    /// Start of the 4-hour clock: arrival, or handover for ambulances.
    var arrivalTime: PatientColumn<Double>
    /// When A&E decided to admit (for trolley waits); -1 when not admitted.
    var decisionTime: PatientColumn<Double>
    /// 999 call time, then arrival at the site (for handover delays).
    var callTime: PatientColumn<Double>
    var siteArrival: PatientColumn<Double>
    /// When the patient asked for a ward bed (for the wait for a bed).
    var bedRequested: PatientColumn<Double>
    var site: PatientColumn<Int16>
    var group: PatientColumn<Int16>
    var locality: PatientColumn<Int16>
    var channel: PatientColumn<UInt8>
    var stage: PatientColumn<PatientStage>
    /// The bed pool holding the patient, -1 when none.
    var ward: PatientColumn<Int32>
    /// When a delayed transfer of care began (-1: none), and its pathway.
    var delayedSince: PatientColumn<Double>
    var pathway: PatientColumn<UInt8>
    /// Set when the patient had to queue for a cubicle.
    var waitedForCubicle: PatientColumn<Bool>
    /// Left A&E without being seen while queueing for a cubicle: their slot
    /// stays in the queue until a free cubicle reaches it, then is freed
    /// (a pool cannot take an entry out of the middle of its queue).
    var leftUnseen: PatientColumn<Bool>
    /// Holds a cubicle (treatment has started).
    var inCubicle: PatientColumn<Bool>
    /// An ambulance patient not yet handed over to A&E staff.
    var awaitingHandover: PatientColumn<Bool>
    /// Their crew is still at the door with them (not yet released).
    var crewAtDoor: PatientColumn<Bool>
    /// Conveyed patients are treated at the scene (see and treat) when false.
    var conveyed: PatientColumn<Bool>
    /// 999 patients: response category 0-3, and the standby point of the
    /// vehicle now attending them (0 without standby points).
    var category: PatientColumn<UInt8>
    var vehiclePoint: PatientColumn<Int16>
    /// 999 patients: a first responder (crew or rapid response car) has
    /// reached them; the response is recorded once.
    var responded: PatientColumn<Bool>
    /// Incremented each time a slot is reused (for cancellable events).
    var generation: PatientColumn<UInt32>
    /// Freed slots, a stack of `freeCount` entries.
    var free: PatientColumn<Int32>
    private(set) var freeCount = 0
    private(set) var active = 0
    /// Slots ever allocated: the peak census.
    private(set) var capacity = 0
    private var allocated: Int
    private let storage = PatientStorage()

    init(reservingCapacity capacity: Int) {
        allocated = Swift.max(capacity, 16)
        arrivalTime = storage.column(Double.self, count: allocated)
        decisionTime = storage.column(Double.self, count: allocated)
        callTime = storage.column(Double.self, count: allocated)
        siteArrival = storage.column(Double.self, count: allocated)
        bedRequested = storage.column(Double.self, count: allocated)
        site = storage.column(Int16.self, count: allocated)
        group = storage.column(Int16.self, count: allocated)
        locality = storage.column(Int16.self, count: allocated)
        channel = storage.column(UInt8.self, count: allocated)
        stage = storage.column(PatientStage.self, count: allocated)
        ward = storage.column(Int32.self, count: allocated)
        delayedSince = storage.column(Double.self, count: allocated)
        pathway = storage.column(UInt8.self, count: allocated)
        waitedForCubicle = storage.column(Bool.self, count: allocated)
        leftUnseen = storage.column(Bool.self, count: allocated)
        inCubicle = storage.column(Bool.self, count: allocated)
        awaitingHandover = storage.column(Bool.self, count: allocated)
        crewAtDoor = storage.column(Bool.self, count: allocated)
        conveyed = storage.column(Bool.self, count: allocated)
        category = storage.column(UInt8.self, count: allocated)
        vehiclePoint = storage.column(Int16.self, count: allocated)
        responded = storage.column(Bool.self, count: allocated)
        generation = storage.column(UInt32.self, count: allocated)
        free = storage.column(Int32.self, count: allocated)
    }

    @inline(__always)
    mutating func admit(at time: Double, site s: Int, group g: Int, locality l: Int, channel c: UInt8,
                        stage st: PatientStage) -> Int32 {
        active += 1
        let i: Int
        if freeCount > 0 {
            freeCount -= 1
            i = Int(free[freeCount])
            generation[i] &+= 1
        } else {
            if capacity == allocated { grow() }
            i = capacity
            capacity += 1
            generation[i] = 0
        }
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
        return Int32(i)
    }

    @inline(__always)
    mutating func discharge(_ patient: Int32) {
        assert(stage[Int(patient)] != .left, "patient \(patient) discharged twice")
        stage[Int(patient)] = .left
        active -= 1
        free[freeCount] = patient
        freeCount += 1
    }

    /// Doubles every column (rare: only while the census reaches a new peak).
    @inline(never)
    private mutating func grow() {
        let old = allocated
        allocated *= 2
        arrivalTime = storage.grow(arrivalTime, from: old, to: allocated)
        decisionTime = storage.grow(decisionTime, from: old, to: allocated)
        callTime = storage.grow(callTime, from: old, to: allocated)
        siteArrival = storage.grow(siteArrival, from: old, to: allocated)
        bedRequested = storage.grow(bedRequested, from: old, to: allocated)
        site = storage.grow(site, from: old, to: allocated)
        group = storage.grow(group, from: old, to: allocated)
        locality = storage.grow(locality, from: old, to: allocated)
        channel = storage.grow(channel, from: old, to: allocated)
        stage = storage.grow(stage, from: old, to: allocated)
        ward = storage.grow(ward, from: old, to: allocated)
        delayedSince = storage.grow(delayedSince, from: old, to: allocated)
        pathway = storage.grow(pathway, from: old, to: allocated)
        waitedForCubicle = storage.grow(waitedForCubicle, from: old, to: allocated)
        leftUnseen = storage.grow(leftUnseen, from: old, to: allocated)
        inCubicle = storage.grow(inCubicle, from: old, to: allocated)
        awaitingHandover = storage.grow(awaitingHandover, from: old, to: allocated)
        crewAtDoor = storage.grow(crewAtDoor, from: old, to: allocated)
        conveyed = storage.grow(conveyed, from: old, to: allocated)
        category = storage.grow(category, from: old, to: allocated)
        vehiclePoint = storage.grow(vehiclePoint, from: old, to: allocated)
        responded = storage.grow(responded, from: old, to: allocated)
        generation = storage.grow(generation, from: old, to: allocated)
        free = storage.grow(free, from: old, to: allocated)
    }
}

/// One field of every patient: reads and writes go straight to memory.
struct PatientColumn<Value> {
    let base: UnsafeMutablePointer<Value>
    /// For the debug build's index check only.
    let count: Int

    @inline(__always)
    subscript(i: Int) -> Value {
        get {
            assert(i >= 0 && i < count, "patient index \(i) out of range")
            return base[i]
        }
        nonmutating set {
            assert(i >= 0 && i < count, "patient index \(i) out of range")
            base[i] = newValue
        }
    }
}

/// Owns the columns' memory and frees it with the pool. Every field is a
/// trivial type (numbers, Booleans, a `UInt8` enum), so memory is copied
/// and freed without initialising or deinitialising elements.
final class PatientStorage {
    private var blocks: [UnsafeMutableRawPointer] = []

    func column<Value>(_: Value.Type, count: Int) -> PatientColumn<Value> {
        precondition(_isPOD(Value.self), "patient fields must be trivial types")
        let base = UnsafeMutablePointer<Value>.allocate(capacity: count)
        blocks.append(UnsafeMutableRawPointer(base))
        return PatientColumn(base: base, count: count)
    }

    /// A column of `newCount` slots holding the first `oldCount` of `column`.
    func grow<Value>(_ column: PatientColumn<Value>, from oldCount: Int, to newCount: Int) -> PatientColumn<Value> {
        let bigger = self.column(Value.self, count: newCount)
        bigger.base.update(from: column.base, count: oldCount)
        let old = UnsafeMutableRawPointer(column.base)
        blocks.removeAll { $0 == old }
        old.deallocate()
        return bigger
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
