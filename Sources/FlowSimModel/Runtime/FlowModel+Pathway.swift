import FlowSimCore

/// The emergency-department and bed pathway: arrival, triage, treatment,
/// decision, exit block, stay, discharge.
extension FlowModel {

    mutating func arrive(from sourceIndex: Int, now: Double, clock: inout Clock<ModelEvent>) {
        let source = sources[sourceIndex]
        clock.schedule(ModelEvent(kind: .arrival, subject: Int32(sourceIndex)),
                       at: source.rate.nextArrival(after: now, stream: source.timing), phase: .arrival)
        let group = sourceGroups[sourceIndex][source.mix.sample(source.casemix)]
        enterDepartment(site: source.site, group: group, channel: source.channel, now: now, clock: &clock)
    }

    /// A patient reaches A&E (the 4-hour clock starts now).
    mutating func enterDepartment(site: Int, group: Int, channel: UInt8, now: Double, clock: inout Clock<ModelEvent>) {
        let patient = patients.admit(arrival: now, site: site, group: group, channel: channel)
        arrivedTotal += 1
        if now >= warmupEnd {
            stats[site].arrivals += 1
            stats[site].arrivalsByChannel[Int(channel)] += 1
        }
        stats[site].inDepartment.update(to: stats[site].inDepartment.value + 1, at: now)
        let triage = layout.triagePool[site]
        if triage >= 0 {
            if pools[triage].seize(patient, now: now) { startTriage(patient, site: site, clock: &clock) }
        } else {
            requestCubicle(patient, now: now, clock: &clock)
        }
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
        let site = Int(patients.site[p]), group = Int(patients.group[p])
        if now >= warmupEnd {
            stats[site].waitForCubicle.add(now - patients.arrivalTime[p])
            if patients.waitedForCubicle[p] { stats[site].waitedForCubicle += 1 }
        }
        let duration = sampling.treatment[site * groupCount + group].sample(sampling.treatmentStream[group])
        clock.schedule(ModelEvent(kind: .treatmentDone, subject: patient), after: duration)
    }

    /// Treatment ends with a decision: home, or admit (and wait in the
    /// cubicle for a bed if none is free: exit block).
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
        let ward = layout.wardPool[site * groupCount + group]
        if pools[ward].seize(patient, priority: sampling.priority[group], now: now) {
            moveIntoBed(patient, site: site, now: now, clock: &clock)
        }
    }

    /// The patient leaves the cubicle for a bed: the 4-hour clock stops.
    mutating func moveIntoBed(_ patient: Int32, site: Int, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        if now >= warmupEnd {
            stats[site].admissions += 1
            let trolleyWait = now - patients.decisionTime[p]
            stats[site].decisionToAdmission.add(trolleyWait)
            if trolleyWait > SiteStatistics.twelveHours { stats[site].trolleyWaits12h += 1 }
        }
        updateBedLevel(site: site, now: now)
        leaveDepartment(patient, site: site, now: now, clock: &clock)
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

    mutating func dischargeFromBed(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let site = Int(patients.site[p]), group = Int(patients.group[p])
        if now >= warmupEnd {
            stats[site].discharges += 1
        }
        let ward = layout.wardPool[site * groupCount + group]
        let next = pools[ward].release(now: now)
        updateBedLevel(site: site, now: now)
        leaveSystem(patient, now: now)
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
        guard let rota = layout.rota[pool] else { return }
        pools[pool].setCapacity(rota.byHourOfWeek[CalendarTime.hourOfWeek(now)], now: now)
        clock.schedule(ModelEvent(kind: .rotaChange, subject: Int32(pool)), after: 60, phase: .capacity)
        let site = layout.siteOfPool[pool]
        while let next = pools[pool].admitNext(now: now) {
            switch layout.role[pool] {
            case .triage: startTriage(next, site: site, clock: &clock)
            case .cubicles: startTreatment(next, now: now, clock: &clock)
            case .ward: moveIntoBed(next, site: site, now: now, clock: &clock)
            }
        }
    }

    mutating func startMeasuring(now: Double) {
        for s in stats.indices { stats[s].startMeasuring(at: now, groups: groupCount) }
        for p in pools.indices { pools[p].resetStatistics(at: now) }
    }
}
