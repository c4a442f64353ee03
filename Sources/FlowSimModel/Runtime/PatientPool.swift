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

/// One patient's state: every field the event handlers read or write,
/// together in memory, so that a handler touching several fields of one
/// patient reads one or two cache lines and admitting a patient writes one
/// record (`PatientPool`).
struct Patient {
    /// Start of the 4-hour clock: arrival, or handover for ambulances.
    var arrivalTime: Double
    /// When A&E decided to admit (for trolley waits); -1 when not admitted.
    var decisionTime: Double
    /// 999 call time, then arrival at the site (for handover delays).
    var callTime: Double
    var siteArrival: Double
    /// When the patient asked for a ward bed (for the wait for a bed).
    var bedRequested: Double
    /// When a delayed transfer of care began (-1: none), and its pathway.
    var delayedSince: Double
    var pathway: UInt8
    /// The bed pool holding the patient, -1 when none.
    var ward: Int32
    /// Incremented each time a slot is reused (for cancellable events).
    var generation: UInt32
    var site: Int16
    var group: Int16
    var locality: Int16
    /// 999 patients: the standby point of the vehicle now attending them
    /// (0 without standby points), and their response category 0-3.
    var vehiclePoint: Int16
    var category: UInt8
    var channel: UInt8
    var stage: PatientStage
    /// Set when the patient had to queue for a cubicle.
    var waitedForCubicle: Bool
    /// Left A&E without being seen while queueing for a cubicle: their slot
    /// stays in the queue until a free cubicle reaches it, then is freed
    /// (a pool cannot take an entry out of the middle of its queue).
    var leftUnseen: Bool
    /// Holds a cubicle (treatment has started).
    var inCubicle: Bool
    /// An ambulance patient not yet handed over to A&E staff.
    var awaitingHandover: Bool
    /// Their crew is still at the door with them (not yet released).
    var crewAtDoor: Bool
    /// Conveyed patients are treated at the scene (see and treat) when false.
    var conveyed: Bool
    /// 999 patients: a first responder (crew or rapid response car) has
    /// reached them; the response is recorded once.
    var responded: Bool
}

/// Patients as an array of records with a free list: a patient is an
/// index, so events carry four bytes, nothing is allocated per patient once
/// the pool has grown to the peak census, and no reference is counted.
///
/// The records live in memory the pool's `PatientStorage` owns, rather than
/// in a `ContiguousArray`: every write to an array checks that its buffer
/// is uniquely referenced (a call into the runtime). `patients[p].site = s`
/// writes straight into the record. The pool therefore has reference
/// semantics: a copy of it shares the patients. The model owns exactly one
/// and never copies it to mutate.
///
/// Why records and not a column per field (docs/performance.md, twelfth
/// round): admitting a patient wrote 22 columns, each through its own
/// pointer, and a handler reading five fields of a patient touched five
/// cache lines.
struct PatientPool {
    /// `allocated` records, the first `capacity` of them admitted at some
    /// time; and the freed slots, a stack of `freeCount` entries. Both are
    /// owned by `storage`; kept here too, so that a record is one load away.
    private var records: UnsafeMutablePointer<Patient>
    private var free: UnsafeMutablePointer<Int32>
    private(set) var freeCount = 0
    /// Slots ever allocated: the peak census.
    private(set) var capacity = 0
    /// Patients in the model now: every slot ever allocated that is not free.
    var active: Int { capacity - freeCount }
    private var allocated: Int
    private let storage: PatientStorage

    init(reservingCapacity capacity: Int) {
        allocated = Swift.max(capacity, 16)
        storage = PatientStorage(capacity: allocated)
        records = storage.records
        free = storage.free
    }

    /// Patient `i`'s record, read and written in place. `InPlaceTable`'s
    /// subscript has the same shape but checks its index in release builds
    /// too; here the check is debug-only, as the column's was, since a
    /// journey reads and writes its patient some fifty times.
    @inline(__always)
    subscript(i: Int) -> Patient {
        unsafeAddress {
            assert(i >= 0 && i < capacity, "patient index \(i) out of range")
            return UnsafePointer(records + i)
        }
        nonmutating unsafeMutableAddress {
            assert(i >= 0 && i < capacity, "patient index \(i) out of range")
            return records + i
        }
    }

    @inline(__always)
    mutating func admit(at time: Double, site s: Int, group g: Int, locality l: Int, channel c: UInt8,
                        stage st: PatientStage) -> Int32 {
        let i: Int
        let generation: UInt32
        if freeCount > 0 {
            freeCount -= 1
            i = Int(free[freeCount])
            generation = records[i].generation &+ 1
        } else {
            if capacity == allocated { grow() }
            i = capacity
            capacity += 1
            generation = 0
        }
        (records + i).initialize(to: Patient(
            arrivalTime: time, decisionTime: -1, callTime: time, siteArrival: time, bedRequested: time,
            delayedSince: -1, pathway: 0, ward: -1, generation: generation, site: Int16(s), group: Int16(g),
            locality: Int16(l), vehiclePoint: 0, category: 0, channel: c, stage: st, waitedForCubicle: false,
            leftUnseen: false, inCubicle: false, awaitingHandover: false, crewAtDoor: false, conveyed: false,
            responded: false))
        return Int32(i)
    }

    @inline(__always)
    mutating func discharge(_ patient: Int32) {
        let p = Int(patient)
        assert(records[p].stage != .left, "patient \(patient) discharged twice")
        records[p].stage = .left
        free[freeCount] = patient
        freeCount += 1
    }

    /// Doubles the slots (rare: only while the census reaches a new peak).
    @inline(never)
    private mutating func grow() {
        allocated *= 2
        storage.grow(to: allocated)
        records = storage.records
        free = storage.free
    }
}

/// Owns the records and the free list, and frees them with the pool. A
/// record is a trivial type (numbers, Booleans, a `UInt8` enum), so memory
/// is moved and freed without deinitialising anything.
final class PatientStorage {
    private(set) var records: UnsafeMutablePointer<Patient>
    private(set) var free: UnsafeMutablePointer<Int32>
    private var allocated: Int

    init(capacity: Int) {
        precondition(_isPOD(Patient.self), "a patient record must be a trivial type")
        allocated = capacity
        records = .allocate(capacity: capacity)
        free = .allocate(capacity: capacity)
    }

    /// Moves everything to `newCount` slots.
    func grow(to newCount: Int) {
        let moved = UnsafeMutablePointer<Patient>.allocate(capacity: newCount)
        moved.moveInitialize(from: records, count: allocated)
        records.deallocate()
        records = moved
        let freeList = UnsafeMutablePointer<Int32>.allocate(capacity: newCount)
        freeList.moveInitialize(from: free, count: allocated)
        free.deallocate()
        free = freeList
        allocated = newCount
    }

    deinit {
        records.deallocate()
        free.deallocate()
    }
}
