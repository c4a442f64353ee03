import FlowSimCore

/// The emergency department and the beds: arrival or handover, triage,
/// treatment, decision, exit block, transfer, stay, discharge.
extension FlowModel {
    /// A patient is at the A&E door. Walk-ins start the 4-hour clock now;
    /// ambulance patients start it at handover.
    mutating func enterDepartment(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients.site[p])
        let channel = Int(patients.channel[p])
        patients.stage[p] = .inDepartment
        patients.siteArrival[p] = now
        if now >= warmupEnd {
            stats[site].arrivals += 1
            stats[site].arrivalsByChannel[channel] += 1
        }
        stats[site].inDepartment.update(to: stats[site].inDepartment.value + 1, at: now)
        let key = site * groupCount + Int(patients.group[p])
        if patients.awaitingHandover[p] {
            // The crew hands over at once unless the patient needs a
            // cubicle that is not free: then the vehicle waits too.
            if layout.handoverNeedsCubicle[key] {
                requestCubicle(patient, now: now, clock: &clock)
                let limit = sampling.ambulance!.releaseAfter
                if patients.awaitingHandover[p] && limit.isFinite {
                    clock.schedule(ModelEvent(kind: .handoverRelease, subject: patient, tag: patients.generation[p]),
                                   after: limit)
                }
                return
            }
            completeHandover(patient, now: now, clock: &clock)
        }
        let triage = layout.triagePool[site]
        if triage >= 0 {
            if pools[triage].seize(patient, now: now) { startTriage(patient, site: site, clock: &clock) }
        } else {
            requestCubicle(patient, now: now, clock: &clock)
        }
    }

    /// The crew has waited as long as the service allows: A&E staff take
    /// the patient into corridor care (the 4-hour clock starts) while they
    /// wait on for a cubicle, and the vehicle goes back on the road.
    mutating func releaseCrew(_ patient: Int32, generation: UInt32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        guard patients.generation[p] == generation, patients.awaitingHandover[p] else { return }
        completeHandover(patient, now: now, clock: &clock)
    }

    /// The crew hands the patient over: the 4-hour clock starts, and the
    /// vehicle is free after the handover itself and cleaning.
    mutating func completeHandover(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        patients.awaitingHandover[p] = false
        patients.arrivalTime[p] = now
        let delay = now - patients.siteArrival[p]
        if now >= warmupEnd {
            let site = Int(patients.site[p])
            stats[site].handoverDelay.add(delay)
            // The tolerance keeps a crew released at exactly 60 minutes (by
            // release_crew_after) out of "over 60" despite rounding.
            if delay > 30 + 1e-6 { stats[site].handoverOver30 += 1 }
            if delay > 60 + 1e-6 { stats[site].handoverOver60 += 1 }
        }
        let crew = sampling.ambulance!
        let busy = crew.handover.sample(crew.stream) + crew.clear.sample(crew.stream)
        clock.schedule(ModelEvent(kind: .vehicleFree, subject: 0), after: busy, phase: .release)
    }

    mutating func startTriage(_ patient: Int32, site: Int, clock: inout Clock<ModelEvent>) {
        let duration = sampling.triage[site].sample(sampling.triageStream)
        clock.schedule(ModelEvent(kind: .triageDone, subject: patient), after: duration)
    }

    mutating func finishTriage(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let site = Int(patients.site[Int(patient)])
        if let next = pools[layout.triagePool[site]].release(now: now) {
            startTriage(next, site: site, clock: &clock)
        }
        requestCubicle(patient, now: now, clock: &clock)
    }

    mutating func requestCubicle(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients.group[p])
        let key = Int(patients.site[p]) * groupCount + group
        if pools[layout.cubiclePool[key]].seize(patient, priority: sampling.priority[group], now: now) {
            startTreatment(patient, now: now, clock: &clock)
        } else {
            patients.waitedForCubicle[p] = true
        }
    }

    mutating func startTreatment(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        if patients.awaitingHandover[p] { completeHandover(patient, now: now, clock: &clock) }
        let site = Int(patients.site[p]), group = Int(patients.group[p])
        let arrival = patients.arrivalTime[p]
        if now >= warmupEnd {
            stats[site].waitForCubicle.add(now - arrival)
            if patients.waitedForCubicle[p] { stats[site].waitedForCubicle += 1 }
        }
        var duration = sampling.treatment[site * groupCount + group].sample(sampling.treatmentStream[group])
        if let effect = sampling.targetEffect[site] {
            duration = hastened(duration, start: now, arrival: arrival, effect: effect)
        }
        clock.schedule(ModelEvent(kind: .treatmentDone, subject: patient), after: duration)
    }

    /// The 4-hour target effect: a treatment that would end past the mark
    /// is ended, with the effect's probability, within its window before it.
    @inline(__always)
    func hastened(_ duration: Double, start: Double, arrival: Double, effect: TargetEffect) -> Double {
        let mark = arrival + SiteStatistics.fourHours
        guard start + duration > mark, start < mark else { return duration }
        let u = sampling.targetStream.nextUniform()
        guard u < effect.probability else { return duration }
        // Reuse the same draw, rescaled, for the point in the window.
        let point = mark - effect.window * (u / effect.probability)
        return Swift.max(point - start, 0)
    }

    /// Treatment ends with a decision: home, admit here (waiting in the
    /// cubicle for a bed if none is free: exit block), or transfer.
    mutating func finishTreatment(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients.site[p]), group = Int(patients.group[p])
        let admit = sampling.decisionStream[group].nextBernoulli(sampling.admitProbability[group])
        guard admit else {
            leaveDepartment(patient, site: site, now: now, clock: &clock)
            leaveSystem(patient, now: now)
            return
        }
        patients.decisionTime[p] = now
        let key = site * groupCount + group
        guard routing.canAdmit[key] else {
            transferOut(patient, from: site, now: now, clock: &clock)
            return
        }
        requestBed(patient, site: site, now: now, clock: &clock)
    }

    mutating func requestBed(_ patient: Int32, site: Int, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients.group[p])
        let ward = layout.wardPool[site * groupCount + group]
        patients.ward[p] = Int32(ward)
        if patients.stage[p] != .inDepartment { patients.stage[p] = .awaitingBed }
        if pools[ward].seize(patient, priority: sampling.priority[group], now: now) {
            moveIntoBed(patient, site: site, now: now, clock: &clock)
        }
    }

    /// A bed is allocated to the patient (and counts as occupied from now);
    /// they move into it once it is ready.
    mutating func moveIntoBed(_ patient: Int32, site: Int, now: Double, clock: inout Clock<ModelEvent>) {
        updateBedLevel(site: site, now: now)
        if let turnaround = sampling.bedTurnaround[site] {
            clock.schedule(ModelEvent(kind: .bedReady, subject: patient),
                           after: turnaround.sample(sampling.turnaroundStream))
        } else {
            occupyBed(patient, now: now, clock: &clock)
        }
    }

    /// The patient is admitted to their bed; if they were in A&E, the
    /// 4-hour clock stops and their cubicle is freed.
    mutating func occupyBed(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients.site[p])
        if now >= warmupEnd {
            stats[site].admissions += 1
            if patients.channel[p] == UInt8(ArrivalChannel.gpReferral.rawValue) { stats[site].gpAdmissions += 1 }
            let trolleyWait = now - patients.decisionTime[p]
            stats[site].decisionToAdmission.add(trolleyWait)
            if trolleyWait > SiteStatistics.twelveHours { stats[site].trolleyWaits12h += 1 }
        }
        if patients.stage[p] == .inDepartment { leaveDepartment(patient, site: site, now: now, clock: &clock) }
        patients.stage[p] = .inBed
        let group = Int(patients.group[p])
        let stay = sampling.lengthOfStay[group].sample(sampling.stayStream[group])
        clock.schedule(ModelEvent(kind: .bedDischarge, subject: patient), after: stay, phase: .release)
    }

    /// Frees the cubicle and records the time in the department.
    mutating func leaveDepartment(_ patient: Int32, site: Int, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients.group[p])
        stats[site].inDepartment.update(to: stats[site].inDepartment.value - 1, at: now)
        if now >= warmupEnd {
            let arrival = patients.arrivalTime[p]
            stats[site].recordDeparture(duration: now - arrival, arrivalTime: arrival,
                                        group: group, channel: Int(patients.channel[p]))
        }
        if let next = pools[layout.cubiclePool[site * groupCount + group]].release(now: now) {
            startTreatment(next, now: now, clock: &clock)
        }
    }

    /// A patient this site cannot admit leaves A&E for the nearest site
    /// that can, by ambulance.
    mutating func transferOut(_ patient: Int32, from site: Int, now: Double, clock: inout Clock<ModelEvent>) {
        if now >= warmupEnd { stats[site].transfersOut += 1 }
        leaveDepartment(patient, site: site, now: now, clock: &clock)
        let p = Int(patient)
        patients.stage[p] = .awaitingTransfer
        if pools[layout.fleet].seize(patient, priority: sampling.vehiclePriority[Int(patients.group[p])], now: now) {
            startTransfer(patient, now: now, clock: &clock)
        }
    }

    mutating func startTransfer(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let from = Int(patients.site[p]), group = Int(patients.group[p])
        let to = routing.transfer[from * groupCount + group]
        let minutes = travel.interSite[from * siteCount + to]
        patients.stage[p] = .inTransfer
        patients.site[p] = Int16(to)
        if now >= warmupEnd { network.dispatches += 1 }
        clock.schedule(ModelEvent(kind: .transferArrival, subject: patient), after: minutes)
        let crew = sampling.ambulance!
        let busy = minutes + crew.handover.sample(crew.stream) + crew.clear.sample(crew.stream)
        clock.schedule(ModelEvent(kind: .vehicleFree, subject: 0), after: busy, phase: .release)
    }

    mutating func transferArrives(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        requestBed(patient, site: Int(patients.site[Int(patient)]), now: now, clock: &clock)
    }

    /// The acute stay is over (for electives and without a community
    /// side, the patient goes home).
    mutating func dischargeFromBed(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let site = Int(patients.site[Int(patient)])
        if now >= warmupEnd { stats[site].discharges += 1 }
        endOfStay(patient, now: now, clock: &clock)
    }

    /// Frees the patient's acute bed for the next in line.
    mutating func vacateBed(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients.site[p])
        let next = pools[Int(patients.ward[p])].release(now: now)
        updateBedLevel(site: site, now: now)
        if let next { moveIntoBed(next, site: site, now: now, clock: &clock) }
    }

    mutating func leaveSystem(_ patient: Int32, now: Double) {
        leftTotal += 1
        if now >= warmupEnd { measuredJourneys += 1 }
        patients.discharge(patient)
    }

    mutating func updateBedLevel(site: Int, now: Double) {
        var occupied = 0
        for ward in layout.wardPools[site] { occupied += pools[ward].busy }
        stats[site].bedLevels.update(to: occupied, at: now)
    }

    /// A rota step: the pool's capacity follows the rota for this hour, and
    /// anyone waiting starts if servers came on.
    mutating func changeRota(_ pool: Int, now: Double, clock: inout Clock<ModelEvent>) {
        guard layout.rotaDriven[pool] else { return }
        clock.schedule(ModelEvent(kind: .rotaChange, subject: Int32(pool)), after: 60, phase: .capacity)
        guard let rota = layout.rota[pool] else { return }
        pools[pool].setCapacity(rota.byHourOfWeek[CalendarTime.hourOfWeek(now)], now: now)
        startWaiting(pool: pool, now: now, clock: &clock)
    }

    /// Gives free servers of `pool` to whoever waits for them.
    mutating func startWaiting(pool: Int, now: Double, clock: inout Clock<ModelEvent>) {
        let site = layout.siteOfPool[pool]
        while let next = pools[pool].admitNext(now: now) {
            switch layout.role[pool] {
            case .triage: startTriage(next, site: site, clock: &clock)
            case .cubicles: startTreatment(next, now: now, clock: &clock)
            case .ward: moveIntoBed(next, site: site, now: now, clock: &clock)
            case .fleet: assignVehicle(next, now: now, clock: &clock)
            case .mdt, .d2a: startCommunityCare(next, pool: pool, now: now, clock: &clock)
            }
        }
    }

    mutating func startMeasuring(now: Double) {
        for s in stats.indices { stats[s].startMeasuring(at: now, groups: groupCount) }
        for p in pools.indices { pools[p].resetStatistics(at: now) }
        network = NetworkStatistics()
        for l in localityStats.indices {
            let places = localityStats[l].places
            localityStats[l] = LocalityStatistics()
            localityStats[l].places = places
            localityStats[l].places.reset(at: now)
        }
    }
}
