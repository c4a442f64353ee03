/// What the model tells its recorder: one method per fact of a patient's
/// journey, each with the simulated time it happened (`at`, minutes).
///
/// The model computes no statistics: it states facts, and the recorder
/// decides what to keep (a measured window and reporting periods for
/// results, a bounded list for an event log, nothing at all). The model is
/// generic over its recorder, so the compiler specialises every call; a
/// recorder whose methods are empty costs nothing. Indices are the model's
/// own: sites, groups and localities in configuration order, channels as
/// `ArrivalChannel` raw values.
protocol FactRecorder {
    // A&E
    /// A patient is at the A&E door (an ambulance patient before handover).
    mutating func arrivedAtDepartment(patient: Int32, site: Int, channel: Int, at: Double)
    /// An ambulance patient was handed over to A&E staff `delay` minutes
    /// after arriving at the door.
    mutating func handedOver(patient: Int32, site: Int, delay: Double, at: Double)
    /// An ambulance crew left the door after `waited` minutes there (at
    /// handover, or released before it).
    mutating func crewLeftDoor(site: Int, waited: Double, at: Double)
    /// Treatment in a cubicle started `wait` minutes after the clock started.
    mutating func startedTreatment(patient: Int32, site: Int, wait: Double, queued: Bool, at: Double)
    /// A patient left A&E (home, into a bed or to another site); they
    /// arrived at the door at `door`, and their 4-hour clock started at `clockStart`.
    mutating func leftDepartment(patient: Int32, site: Int, group: Int, channel: Int, door: Double,
                                 clockStart: Double, at: Double)
    /// A walk-in left A&E without being seen, while queueing for a cubicle.
    mutating func leftBeforeTreatment(patient: Int32, site: Int, at: Double)
    /// An emergency patient moved into a bed, decided to admit at
    /// `decisionTime`; `fromDepartment` when they came from this site's A&E.
    mutating func admitted(patient: Int32, site: Int, channel: Int, fromDepartment: Bool, decisionTime: Double,
                           at: Double)
    /// A patient this site cannot admit is sent to another.
    mutating func transferredOut(patient: Int32, site: Int, at: Double)
    /// The occupied beds of one ward (its place among the site's wards)
    /// and so of its site changed.
    mutating func bedsOccupied(site: Int, occupied: Int, ward: Int, wardOccupied: Int, at: Double)
    /// A ward bed was allocated to an emergency patient `wait` minutes after they asked for one.
    mutating func bedAllocated(site: Int, ward: Int, wait: Double, at: Double)
    /// An overnight elective patient took, or left, a bed.
    mutating func electiveInBed(site: Int, at: Double)
    mutating func electiveLeftBed(site: Int, at: Double)
    mutating func electiveAdmitted(site: Int, at: Double)
    /// An overnight elective was cancelled for want of a bed (`rebooked`:
    /// the patient was already on the waiting list; `onWaitingList`: the
    /// operation is rebooked, not lost).
    mutating func electiveCancelled(site: Int, rebooked: Bool, onWaitingList: Bool, at: Double)
    /// A rebooked elective was admitted, `waited` after the operation was
    /// first cancelled: off the waiting list.
    mutating func electiveOffWaitingList(site: Int, waited: Double, at: Double)
    /// An overnight slot went to a rebooked patient: the operation planned
    /// for it is deferred.
    mutating func electiveDeferred(site: Int, at: Double)

    // Ambulance service and NHS 111
    mutating func incident(at: Double)
    mutating func hearAndTreat(at: Double)
    /// A vehicle was sent: to an incident (first or second vehicle) or for a transfer.
    mutating func vehicleDispatched(at: Double)
    mutating func responded(patient: Int32, category: Int, minutes: Double, at: Double)
    mutating func seenAndTreated(at: Double)
    /// A crew left the scene with its patient for `site`, `travel` minutes away.
    mutating func conveyed(patient: Int32, site: Int, travel: Double, at: Double)
    mutating func nhs111Call(disposition: Int, at: Double)
    /// A call counted ahead of its time (`nhs111Call` at a later `at`) that
    /// never came: the run stopped first.
    mutating func nhs111CallWithdrawn(disposition: Int, at: Double)

    // Community
    mutating func stepUpDeclined(locality: Int, at: Double)
    /// An MDT took a step-up referral on; `escalates` when it will end in a 999 call.
    mutating func stepUpAccepted(locality: Int, escalates: Bool, at: Double)
    /// A delayed transfer of care that began at `since` ended.
    mutating func delayEnded(patient: Int32, site: Int, pathway: DischargePathway, since: Double, at: Double)
    mutating func mdtPlacesChanged(locality: Int, places: Int, at: Double)

    /// A patient left the model.
    mutating func journeyEnded(patient: Int32, at: Double)

    // The measured window
    /// The warm-up is over: what happens from now on counts.
    mutating func openWindow(at: Double)
    /// A reporting period ended; `poolAreas` are each server pool's busy
    /// area (server-minutes) since the window opened.
    mutating func endPeriod(at: Double, poolAreas: [Double])
    /// Half the measured window has passed (`poolAreas` as for `endPeriod`).
    mutating func markStability(at: Double, poolAreas: [Double])

    // Ambulance response by locality and access
    /// A crew reached a patient of `locality` with a call of `category` (0-3).
    mutating func ambulanceResponded(locality: Int, category: Int, minutes: Double, at: Double)
    /// A walk-in from `locality` followed the emergency services to `site`
    /// instead of going to the nearest A&E.
    mutating func walkInDiverted(locality: Int, site: Int, at: Double)
    /// A rapid response car was sent to a call.
    mutating func carDispatched(at: Double)
    /// A rapid response car was the first responder at a call of `category` (0-3).
    mutating func carFirstOnScene(category: Int, at: Double)
}

/// A recorder that keeps nothing: the model's own cost, measured alone.
struct DiscardingRecorder: FactRecorder {
    func arrivedAtDepartment(patient: Int32, site: Int, channel: Int, at: Double) {}
    func handedOver(patient: Int32, site: Int, delay: Double, at: Double) {}
    func crewLeftDoor(site: Int, waited: Double, at: Double) {}
    func leftBeforeTreatment(patient: Int32, site: Int, at: Double) {}
    func startedTreatment(patient: Int32, site: Int, wait: Double, queued: Bool, at: Double) {}
    func leftDepartment(patient: Int32, site: Int, group: Int, channel: Int, door: Double, clockStart: Double,
                        at: Double) {}
    func admitted(patient: Int32, site: Int, channel: Int, fromDepartment: Bool, decisionTime: Double, at: Double) {}
    func transferredOut(patient: Int32, site: Int, at: Double) {}
    func bedsOccupied(site: Int, occupied: Int, ward: Int, wardOccupied: Int, at: Double) {}
    func bedAllocated(site: Int, ward: Int, wait: Double, at: Double) {}
    func electiveInBed(site: Int, at: Double) {}
    func electiveLeftBed(site: Int, at: Double) {}
    func electiveAdmitted(site: Int, at: Double) {}
    func electiveCancelled(site: Int, rebooked: Bool, onWaitingList: Bool, at: Double) {}
    func electiveOffWaitingList(site: Int, waited: Double, at: Double) {}
    func electiveDeferred(site: Int, at: Double) {}
    func incident(at: Double) {}
    func hearAndTreat(at: Double) {}
    func vehicleDispatched(at: Double) {}
    func responded(patient: Int32, category: Int, minutes: Double, at: Double) {}
    func seenAndTreated(at: Double) {}
    func conveyed(patient: Int32, site: Int, travel: Double, at: Double) {}
    func nhs111Call(disposition: Int, at: Double) {}
    func nhs111CallWithdrawn(disposition: Int, at: Double) {}
    func stepUpDeclined(locality: Int, at: Double) {}
    func stepUpAccepted(locality: Int, escalates: Bool, at: Double) {}
    func delayEnded(patient: Int32, site: Int, pathway: DischargePathway, since: Double, at: Double) {}
    func mdtPlacesChanged(locality: Int, places: Int, at: Double) {}
    func journeyEnded(patient: Int32, at: Double) {}
    func openWindow(at: Double) {}
    func endPeriod(at: Double, poolAreas: [Double]) {}
    func markStability(at: Double, poolAreas: [Double]) {}
    func ambulanceResponded(locality: Int, category: Int, minutes: Double, at: Double) {}
    func walkInDiverted(locality: Int, site: Int, at: Double) {}
    func carDispatched(at: Double) {}
    func carFirstOnScene(category: Int, at: Double) {}
}

/// A recorder that keeps one number, the journeys that ended in the
/// measured window, and nothing else: the engine's own cost without the
/// measures (`flowsim bench --model-only`), in the same journeys as a run.
struct JourneyCounter: ForwardingRecorder {
    var base = DiscardingRecorder()
    private(set) var journeys = 0
    /// As `WindowRecorder`'s: nothing is measured before the warm-up ends.
    private var windowStart: Double

    init(warmup: Double) {
        windowStart = warmup > 0 ? .infinity : 0
    }

    mutating func openWindow(at: Double) { windowStart = at }

    mutating func journeyEnded(patient: Int32, at: Double) {
        if at >= windowStart { journeys += 1 }
    }
}

/// A recorder that passes every fact on to another (`base`) and does its
/// own work on some: each fact it does not implement simply goes on, so a
/// new fact needs no edit in every such recorder.
protocol ForwardingRecorder: FactRecorder {
    associatedtype Base: FactRecorder
    var base: Base { get set }
}

extension ForwardingRecorder {
    mutating func arrivedAtDepartment(patient: Int32, site: Int, channel: Int, at: Double) { base.arrivedAtDepartment(patient: patient, site: site, channel: channel, at: at) }
    mutating func handedOver(patient: Int32, site: Int, delay: Double, at: Double) { base.handedOver(patient: patient, site: site, delay: delay, at: at) }
    mutating func crewLeftDoor(site: Int, waited: Double, at: Double) { base.crewLeftDoor(site: site, waited: waited, at: at) }
    mutating func startedTreatment(patient: Int32, site: Int, wait: Double, queued: Bool, at: Double) { base.startedTreatment(patient: patient, site: site, wait: wait, queued: queued, at: at) }
    mutating func leftDepartment(patient: Int32, site: Int, group: Int, channel: Int, door: Double, clockStart: Double, at: Double) { base.leftDepartment(patient: patient, site: site, group: group, channel: channel, door: door, clockStart: clockStart, at: at) }
    mutating func leftBeforeTreatment(patient: Int32, site: Int, at: Double) { base.leftBeforeTreatment(patient: patient, site: site, at: at) }
    mutating func admitted(patient: Int32, site: Int, channel: Int, fromDepartment: Bool, decisionTime: Double, at: Double) { base.admitted(patient: patient, site: site, channel: channel, fromDepartment: fromDepartment, decisionTime: decisionTime, at: at) }
    mutating func transferredOut(patient: Int32, site: Int, at: Double) { base.transferredOut(patient: patient, site: site, at: at) }
    mutating func bedsOccupied(site: Int, occupied: Int, ward: Int, wardOccupied: Int, at: Double) { base.bedsOccupied(site: site, occupied: occupied, ward: ward, wardOccupied: wardOccupied, at: at) }
    mutating func bedAllocated(site: Int, ward: Int, wait: Double, at: Double) { base.bedAllocated(site: site, ward: ward, wait: wait, at: at) }
    mutating func electiveInBed(site: Int, at: Double) { base.electiveInBed(site: site, at: at) }
    mutating func electiveLeftBed(site: Int, at: Double) { base.electiveLeftBed(site: site, at: at) }
    mutating func electiveAdmitted(site: Int, at: Double) { base.electiveAdmitted(site: site, at: at) }
    mutating func electiveCancelled(site: Int, rebooked: Bool, onWaitingList: Bool, at: Double) { base.electiveCancelled(site: site, rebooked: rebooked, onWaitingList: onWaitingList, at: at) }
    mutating func electiveOffWaitingList(site: Int, waited: Double, at: Double) { base.electiveOffWaitingList(site: site, waited: waited, at: at) }
    mutating func electiveDeferred(site: Int, at: Double) { base.electiveDeferred(site: site, at: at) }
    mutating func incident(at: Double) { base.incident(at: at) }
    mutating func hearAndTreat(at: Double) { base.hearAndTreat(at: at) }
    mutating func vehicleDispatched(at: Double) { base.vehicleDispatched(at: at) }
    mutating func responded(patient: Int32, category: Int, minutes: Double, at: Double) { base.responded(patient: patient, category: category, minutes: minutes, at: at) }
    mutating func seenAndTreated(at: Double) { base.seenAndTreated(at: at) }
    mutating func conveyed(patient: Int32, site: Int, travel: Double, at: Double) { base.conveyed(patient: patient, site: site, travel: travel, at: at) }
    mutating func nhs111Call(disposition: Int, at: Double) { base.nhs111Call(disposition: disposition, at: at) }
    mutating func nhs111CallWithdrawn(disposition: Int, at: Double) { base.nhs111CallWithdrawn(disposition: disposition, at: at) }
    mutating func stepUpDeclined(locality: Int, at: Double) { base.stepUpDeclined(locality: locality, at: at) }
    mutating func stepUpAccepted(locality: Int, escalates: Bool, at: Double) { base.stepUpAccepted(locality: locality, escalates: escalates, at: at) }
    mutating func delayEnded(patient: Int32, site: Int, pathway: DischargePathway, since: Double, at: Double) { base.delayEnded(patient: patient, site: site, pathway: pathway, since: since, at: at) }
    mutating func mdtPlacesChanged(locality: Int, places: Int, at: Double) { base.mdtPlacesChanged(locality: locality, places: places, at: at) }
    mutating func journeyEnded(patient: Int32, at: Double) { base.journeyEnded(patient: patient, at: at) }
    mutating func openWindow(at: Double) { base.openWindow(at: at) }
    mutating func endPeriod(at: Double, poolAreas: [Double]) { base.endPeriod(at: at, poolAreas: poolAreas) }
    mutating func markStability(at: Double, poolAreas: [Double]) { base.markStability(at: at, poolAreas: poolAreas) }
    mutating func ambulanceResponded(locality: Int, category: Int, minutes: Double, at: Double) { base.ambulanceResponded(locality: locality, category: category, minutes: minutes, at: at) }
    mutating func walkInDiverted(locality: Int, site: Int, at: Double) { base.walkInDiverted(locality: locality, site: site, at: at) }
    mutating func carDispatched(at: Double) { base.carDispatched(at: at) }
    mutating func carFirstOnScene(category: Int, at: Double) { base.carFirstOnScene(category: category, at: at) }
}
