import FlowSimCore

/// The emergency department and the beds: arrival or handover, triage,
/// treatment, decision, exit block, transfer, stay, discharge.
extension FlowModel {
    /// A patient is at the A&E door. Walk-ins start the 4-hour clock now;
    /// ambulance patients at handover or 15 minutes after arriving,
    /// whichever is earlier (NHS England's A&E waiting-time guidance), so a
    /// wait at the door cannot be kept off the clock.
    @inline(__always)
    mutating func enterDepartment(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients[p].site)
        patients[p].stage = .inDepartment
        patients[p].siteArrival = clock.now
        recorder.arrivedAtDepartment(patient: patient, site: site, channel: Int(patients[p].channel), at: clock.now)
        let key = perGroup(site, Int(patients[p].group))
        if patients[p].awaitingHandover {
            patients[p].arrivalTime = clock.now + Handover.clockStartsAfter
            patients[p].crewAtDoor = true
            // The crew hands over at once unless the patient needs a
            // cubicle that is not free: then the vehicle waits too.
            if layout.handoverNeedsCubicle[key] {
                requestCubicle(patient, clock: &clock)
                let limit = sampling.ambulance!.releaseAfter
                if patients[p].crewAtDoor && limit.isFinite {
                    clock.schedule(ModelEvent(kind: .handoverRelease, subject: patient, tag: patients[p].generation),
                                   after: limit)
                }
                return
            }
            completeHandover(patient, clock: &clock)
        }
        // -1 (no triage) rather than an optional: this runs for every attendance.
        let triage = layout.triagePool[site]
        if triage >= 0 {
            if pools[triage].seize(patient, now: clock.now) { startTriage(patient, site: site, clock: &clock) }
        } else {
            requestCubicle(patient, clock: &clock)
        }
    }

    /// The crew has waited as long as the service allows ("release to
    /// rescue"): the vehicle goes back on the road and A&E staff keep the
    /// patient in corridor care. That ends the crew's wait, not the
    /// patient's: their handover is still to come, when a cubicle is free.
    mutating func releaseCrew(_ patient: Int32, generation: UInt32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        guard patients[p].generation == generation, patients[p].crewAtDoor else { return }
        freeCrew(patient, clock: &clock)
    }

    /// The patient is handed over to A&E staff; if their crew is still at
    /// the door, it is free after the handover itself and cleaning.
    mutating func completeHandover(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        patients[p].awaitingHandover = false
        patients[p].arrivalTime = Swift.min(patients[p].arrivalTime, clock.now)
        recorder.handedOver(patient: patient, site: Int(patients[p].site), delay: clock.now - patients[p].siteArrival,
                            at: clock.now)
        if patients[p].crewAtDoor { freeCrew(patient, clock: &clock) }
    }

    /// The crew leaves the door: its time there is lost to the road.
    mutating func freeCrew(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        patients[p].crewAtDoor = false
        recorder.crewLeftDoor(site: Int(patients[p].site), waited: clock.now - patients[p].siteArrival, at: clock.now)
        let crew = sampling.ambulance!
        let busy = crew.handover.sample(crew.stream) + crew.clear.sample(crew.stream)
        releaseVehicle(of: patient, atSite: Int(patients[p].site), after: busy, clock: &clock)
    }

    mutating func startTriage(_ patient: Int32, site: Int, clock: inout Clock<ModelEvent>) {
        let duration = sampling.triage[site].sample(sampling.triageStream)
        clock.schedule(ModelEvent(kind: .triageDone, subject: patient), after: duration)
    }

    mutating func finishTriage(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let site = Int(patients[Int(patient)].site)
        if let next = pools[layout.triagePool[site]].release(now: clock.now) {
            startTriage(next, site: site, clock: &clock)
        }
        requestCubicle(patient, clock: &clock)
    }

    mutating func requestCubicle(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients[p].group)
        let key = perGroup(Int(patients[p].site), group)
        if pools[layout.cubiclePool[key]].seize(patient, priority: sampling.priority[group], now: clock.now) {
            startTreatment(patient, clock: &clock)
        } else {
            patients[p].waitedForCubicle = true
            // Walk-ins may give up; ambulance patients are in corridor care.
            if let patience = sampling.patience[group], patients[p].channel != UInt8(ArrivalChannel.ambulance.rawValue) {
                clock.schedule(ModelEvent(kind: .patienceEnd, subject: patient, tag: patients[p].generation),
                               after: patience.sample(sampling.patienceStream[group]))
            }
        }
    }

    /// A walk-in still queueing for a cubicle leaves without being seen:
    /// out of A&E (their time there counts), out of the model when a free
    /// cubicle reaches their place in the queue.
    mutating func leaveUnseen(_ patient: Int32, generation: UInt32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        guard patients[p].generation == generation, patients[p].stage == .inDepartment,
              patients[p].waitedForCubicle, !patients[p].leftUnseen, !patients[p].inCubicle else { return }
        patients[p].leftUnseen = true
        let site = Int(patients[p].site)
        recorder.leftBeforeTreatment(patient: patient, site: site, at: clock.now)
        recorder.leftDepartment(patient: patient, site: site, group: Int(patients[p].group),
                                channel: Int(patients[p].channel), door: patients[p].siteArrival,
                                clockStart: patients[p].arrivalTime, at: clock.now)
    }

    /// A free cubicle reached a patient who left unseen: it goes to the next
    /// in line, and the patient's slot is freed.
    mutating func passOverLeftUnseen(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let key = perGroup(Int(patients[p].site), Int(patients[p].group))
        if let next = pools[layout.cubiclePool[key]].release(now: clock.now) { startTreatment(next, clock: &clock) }
        leftTotal += 1
        patients.discharge(patient)
    }

    mutating func startTreatment(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        if patients[p].leftUnseen { passOverLeftUnseen(patient, clock: &clock); return }
        patients[p].inCubicle = true
        if patients[p].awaitingHandover { completeHandover(patient, clock: &clock) }
        let site = Int(patients[p].site), group = Int(patients[p].group)
        let arrival = patients[p].arrivalTime
        recorder.startedTreatment(patient: patient, site: site, wait: clock.now - arrival, queued: patients[p].waitedForCubicle,
                                  at: clock.now)
        var duration = sampling.treatment[perGroup(site, group)].sample(sampling.treatmentStream[group])
        if let effect = sampling.targetEffect[site] {
            duration = hastened(duration, start: clock.now, arrival: arrival, effect: effect)
        }
        clock.schedule(ModelEvent(kind: .treatmentDone, subject: patient), after: duration)
    }

    /// The 4-hour target effect: a treatment that would end past the mark
    /// is ended, with the effect's probability, within its window before it.
    @inline(__always)
    func hastened(_ duration: Double, start: Double, arrival: Double, effect: TargetEffect) -> Double {
        let mark = arrival + WaitThreshold.fourHours
        guard start + duration > mark, start < mark else { return duration }
        let u = sampling.targetStream.nextUniform()
        guard u < effect.probability else { return duration }
        // Reuse the same draw, rescaled, for the point in the window.
        let point = mark - effect.window * (u / effect.probability)
        return Swift.max(point - start, 0)
    }

    /// Treatment ends with a decision: home, admit here (waiting in the
    /// cubicle for a bed if none is free: exit block), or transfer.
    @inline(__always)
    mutating func finishTreatment(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients[p].site), group = Int(patients[p].group)
        let admit = sampling.decisionStream[group].nextBernoulli(sampling.admitProbability[group])
        guard admit else {
            leaveDepartment(patient, site: site, clock: &clock)
            leaveSystem(patient, clock: &clock)
            return
        }
        patients[p].decisionTime = clock.now
        let key = perGroup(site, group)
        guard routing.canAdmit[key] else {
            transferOut(patient, from: site, clock: &clock)
            return
        }
        requestBed(patient, site: site, clock: &clock)
    }

    mutating func requestBed(_ patient: Int32, site: Int, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients[p].group)
        let ward = layout.wardPool[perGroup(site, group)]
        patients[p].ward = Int32(ward)
        patients[p].bedRequested = clock.now
        if patients[p].stage != .inDepartment { patients[p].stage = .awaitingBed }
        if pools[ward].seize(patient, priority: sampling.priority[group], now: clock.now) {
            moveIntoBed(patient, site: site, clock: &clock)
        }
    }

    /// A bed is allocated to the patient (and counts as occupied from now);
    /// they move into it once it is ready.
    mutating func moveIntoBed(_ patient: Int32, site: Int, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let pool = Int(patients[p].ward)
        reportBedsOccupied(site: site, pool: pool, at: clock.now)
        recorder.bedAllocated(site: site, ward: layout.wardIndexOfPool[pool], wait: clock.now - patients[p].bedRequested,
                              at: clock.now)
        if let turnaround = sampling.bedTurnaround[site] {
            clock.schedule(ModelEvent(kind: .bedReady, subject: patient),
                           after: turnaround.sample(sampling.turnaroundStream))
        } else {
            occupyBed(patient, clock: &clock)
        }
    }

    /// The patient is admitted to their bed; if they were in A&E, the
    /// 4-hour clock stops and their cubicle is freed.
    mutating func occupyBed(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients[p].site)
        recorder.admitted(patient: patient, site: site, channel: Int(patients[p].channel),
                          fromDepartment: patients[p].stage == .inDepartment, decisionTime: patients[p].decisionTime,
                          at: clock.now)
        if patients[p].stage == .inDepartment { leaveDepartment(patient, site: site, clock: &clock) }
        patients[p].stage = .inBed
        let group = Int(patients[p].group)
        let stay = sampling.lengthOfStay[group].sample(sampling.stayStream[group])
        clock.schedule(ModelEvent(kind: .bedDischarge, subject: patient), after: stay, phase: .release)
    }

    /// Frees the cubicle; the 4-hour clock stops.
    @inline(__always)
    mutating func leaveDepartment(_ patient: Int32, site: Int, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients[p].group)
        recorder.leftDepartment(patient: patient, site: site, group: group, channel: Int(patients[p].channel),
                                door: patients[p].siteArrival, clockStart: patients[p].arrivalTime, at: clock.now)
        if let next = pools[layout.cubiclePool[perGroup(site, group)]].release(now: clock.now) {
            startTreatment(next, clock: &clock)
        }
    }

    /// A patient this site cannot admit goes by ambulance to the nearest
    /// site that can. They wait in A&E, in their cubicle and on the 4-hour
    /// clock, until a vehicle takes them.
    mutating func transferOut(_ patient: Int32, from site: Int, clock: inout Clock<ModelEvent>) {
        recorder.transferredOut(patient: patient, site: site, at: clock.now)
        let p = Int(patient)
        patients[p].stage = .awaitingTransfer
        if pools[layout.fleet].seize(patient, priority: sampling.vehiclePriority[Int(patients[p].group)],
                                     now: clock.now) {
            startTransfer(patient, clock: &clock)
        }
    }

    /// A vehicle takes the patient: they leave A&E for the receiving site.
    mutating func startTransfer(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        // With standby points the vehicle first comes from its point; the
        // patient waits for it in A&E, on the clock.
        let pickup = transferVehicle(for: patient, atSite: Int(patients[Int(patient)].site))
        if pickup > 0 {
            clock.schedule(ModelEvent(kind: .transferPickup, subject: patient), after: pickup)
        } else {
            departOnTransfer(patient, clock: &clock)
        }
    }

    /// The vehicle is at the sending site: the patient leaves its A&E.
    mutating func departOnTransfer(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let from = Int(patients[p].site), group = Int(patients[p].group)
        leaveDepartment(patient, site: from, clock: &clock)
        let to = routing.transfer[perGroup(from, group)]
        let minutes = travel.interSite[from * siteCount + to]
        patients[p].stage = .inTransfer
        patients[p].site = Int16(to)
        recorder.vehicleDispatched(at: clock.now)
        clock.schedule(ModelEvent(kind: .transferArrival, subject: patient), after: minutes)
        let crew = sampling.ambulance!
        let busy = minutes + crew.handover.sample(crew.stream) + crew.clear.sample(crew.stream)
        releaseVehicle(of: patient, atSite: to, after: busy, clock: &clock)
    }

    mutating func transferArrives(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        requestBed(patient, site: Int(patients[Int(patient)].site), clock: &clock)
    }

    /// Frees the patient's acute bed for the next in line.
    mutating func vacateBed(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients[p].site)
        let pool = Int(patients[p].ward)
        let next = pools[pool].release(now: clock.now)
        reportBedsOccupied(site: site, pool: pool, at: clock.now)
        // Electives are the only bed patients without a decision to admit.
        if patients[p].decisionTime < 0 { recorder.electiveLeftBed(site: site, at: clock.now) }
        if let next { moveIntoBed(next, site: site, clock: &clock) }
    }

    @inline(__always)
    mutating func leaveSystem(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        leftTotal += 1
        recorder.journeyEnded(patient: patient, at: clock.now)
        patients.discharge(patient)
    }

    /// The occupied beds of `pool`'s ward, and so of its whole site, changed.
    /// Every change of a ward's busy beds is reported here before any other
    /// bed event, so the site's total is exact (checked in debug builds).
    mutating func reportBedsOccupied(site: Int, pool: Int, at time: Double) {
        let busy = pools[pool].busy
        bedsOccupied[site] += busy - wardBusyReported[pool]
        wardBusyReported[pool] = busy
        assert(bedsOccupied[site] == layout.wardPools[site].reduce(0) { $0 + pools[$1].busy },
               "a ward's beds changed without a report")
        recorder.bedsOccupied(site: site, occupied: bedsOccupied[site], ward: layout.wardIndexOfPool[pool],
                              wardOccupied: busy, at: time)
    }

    /// A rota step, for every pool on a rota, in pool order: its capacity
    /// follows the rota for this hour, and anyone waiting starts if servers
    /// came on.
    ///
    /// One event serves every pool, and only at the hours where some rota
    /// changes (`nextRotaStep`): an hour at the same capacity changed
    /// nothing, since nobody waits while one of the pool's servers is free,
    /// yet was an event per pool per hour (66,000 a year on the Mid and
    /// South Essex baseline). The pools' steps at an hour run in the order
    /// their own events ran, so the draws and results are the same.
    mutating func changeRotas(clock: inout Clock<ModelEvent>) {
        let now = clock.now
        if let next = nextRotaStep(after: now) {
            clock.schedule(ModelEvent(kind: .rotaChange, subject: 0), at: next, phase: .capacity)
        }
        for pool in pools.indices where layout.rotaDriven[pool] {
            guard let rota = layout.rota[pool] else { continue }
            pools[pool].setCapacity(rota.byHourOfWeek[CalendarTime.hourOfWeek(now)], now: now)
            startWaiting(pool: pool, clock: &clock)
        }
    }

    /// The next whole hour after `now` at which some pool's rota differs
    /// from the hour before; or, if a later configuration of the timeline
    /// starts first, the first whole hour at or after its date (its rotas
    /// may differ); nil when neither comes.
    func nextRotaStep(after now: Double) -> Double? {
        guard let hour = CalendarTime.wholeHours(now) else { return nil }
        let epochHour = epochs.first { $0.from > now }.map { Int(($0.from / CalendarTime.minutesPerHour).rounded(.up)) }
        // A rota repeats weekly: no change within a week is no change at all.
        for h in (hour + 1)...(hour + 168) {
            if let epochHour, h >= epochHour { break }
            if rotaSteps[h % 168] { return Double(h) * CalendarTime.minutesPerHour }
        }
        return epochHour.map { Double(Swift.max($0, hour + 1)) * CalendarTime.minutesPerHour }
    }

    /// Marks the hours of the week at which some pool's rota differs from
    /// the hour before: at the start, and when a timeline date changes the rotas.
    mutating func refreshRotaSteps() {
        let rotas = pools.indices.compactMap { layout.rotaDriven[$0] ? layout.rota[$0]?.byHourOfWeek : nil }
        rotaSteps = (0..<168).map { h in rotas.contains { $0[h] != $0[(h + 167) % 168] } }
    }

    /// Gives free servers of `pool` to whoever waits for them.
    mutating func startWaiting(pool: Int, clock: inout Clock<ModelEvent>) {
        let site = layout.siteOfPool[pool]
        while let next = pools[pool].admitNext(now: clock.now) {
            switch layout.role[pool] {
            case .triage: startTriage(next, site: site, clock: &clock)
            case .cubicles: startTreatment(next, clock: &clock)
            case .ward: moveIntoBed(next, site: site, clock: &clock)
            case .fleet: assignVehicle(next, clock: &clock)
            case .mdt, .d2a: startCommunityCare(next, pool: pool, clock: &clock)
            }
        }
    }
}
