import FlowSimCore

/// Locality MDTs and discharge pathways: step-up care at home that avoids
/// an attendance or admission, and step-down discharge by pathway, where a
/// full pathway keeps the patient in the acute bed (a delayed transfer of
/// care) and so links community capacity to exit block and A&E waits.
extension FlowModel {
    /// A referral that an MDT may take instead of A&E or admission. Returns
    /// true when the person is cared for at home.
    mutating func tryStepUp(locality: Int, group: Int, clock: inout Clock<ModelEvent>) -> Bool {
        guard let c = community, locality >= 0, c.eligible[group],
              c.stepUpStream.nextUniform() < c.frailtyShare else { return false }
        let now = clock.now
        let pool = c.mdtPool[locality]
        guard pools[pool].idle > 0, pools[pool].queueLength == 0 else {
            recorder.stepUpDeclined(locality: locality, at: now)
            return false
        }
        guard c.stepUpStream.nextUniform() < effectiveness[locality] else { return false }
        let patient = patients.admit(at: now, site: -1, group: group, locality: locality,
                                     channel: UInt8(ArrivalChannel.gpReferral.rawValue), stage: .withMDT)
        arrivedTotal += 1
        _ = pools[pool].seize(patient, now: now)
        let episode = c.stepUp.sample(c.stream)
        let escalates = c.stepUpStream.nextUniform() < c.escalation
        recorder.stepUpAccepted(locality: locality, escalates: escalates, at: now)
        if escalates {
            let p = Int(patient)
            clock.schedule(ModelEvent(kind: .escalation, subject: patient, tag: patients[p].generation),
                           after: episode * c.stepUpStream.nextUniform())
        }
        clock.schedule(ModelEvent(kind: .mdtEnd, subject: patient, tag: patients[Int(patient)].generation),
                       after: episode)
        return true
    }

    /// Someone cared for at home gets worse: they leave the caseload and
    /// call 999.
    mutating func escalate(_ patient: Int32, generation: UInt32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        guard patients[p].generation == generation, patients[p].stage == .withMDT else { return }
        let locality = Int(patients[p].locality), group = Int(patients[p].group)
        leaveCommunity(patient, clock: &clock)
        call999(locality: locality, group: group, clock: &clock)
    }

    /// The end of the acute stay: the patient leaves by a pathway, or waits
    /// in the bed for one (for electives and without a community side, the
    /// patient goes home).
    mutating func endOfStay(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let locality = Int(patients[p].locality)
        guard let c = community, locality >= 0, let choice = c.pathway[Int(patients[p].group)] else {
            vacateBed(patient, clock: &clock)
            leaveSystem(patient, clock: &clock)
            return
        }
        var pathway = DischargePathway(rawValue: choice.sample(c.stream))!
        // Where a pathway has no capacity at all (no D2A unit, or an MDT at
        // zero places), patients leave by the next simpler one instead of
        // waiting for a place that will never come.
        if pathway == .dischargeToAssess && (c.d2aPool[locality] < 0 || pools[c.d2aPool[locality]].capacity == 0) {
            pathway = .mdt
        }
        if pathway == .mdt && pools[c.mdtPool[locality]].capacity == 0 { pathway = .home }
        patients[p].pathway = UInt8(pathway.rawValue)
        switch pathway {
        case .mdt, .dischargeToAssess:
            let pool = pathway == .mdt ? c.mdtPool[locality] : c.d2aPool[locality]
            if pools[pool].seize(patient, now: clock.now) {
                startCommunityCare(patient, pool: pool, clock: &clock)
            } else {
                patients[p].stage = .delayedDischarge
                patients[p].delayedSince = clock.now
            }
        case .careHome:
            patients[p].stage = .delayedDischarge
            patients[p].delayedSince = clock.now
            clock.schedule(ModelEvent(kind: .careHomePlaced, subject: patient), after: c.careHomeWait.sample(c.stream))
        case .home:
            vacateBed(patient, clock: &clock)
            leaveSystem(patient, clock: &clock)
        }
    }

    /// A community place is ready: the patient leaves the acute bed.
    mutating func startCommunityCare(_ patient: Int32, pool: Int, clock: inout Clock<ModelEvent>) {
        let c = community!
        endDelay(patient, clock: &clock)
        vacateBed(patient, clock: &clock)
        let p = Int(patient)
        if layout.role[pool] == .mdt {
            patients[p].stage = .withMDT
            clock.schedule(ModelEvent(kind: .mdtEnd, subject: patient, tag: patients[p].generation),
                           after: c.stepDown.sample(c.stream))
        } else {
            patients[p].stage = .inD2A
            patients[p].ward = Int32(pool)
            clock.schedule(ModelEvent(kind: .d2aEnd, subject: patient), after: c.d2aStay[pool]!.sample(c.stream))
        }
    }

    mutating func placeInCareHome(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        endDelay(patient, clock: &clock)
        vacateBed(patient, clock: &clock)
        leaveSystem(patient, clock: &clock)
    }

    /// A delayed transfer of care, if there was one, is over.
    mutating func endDelay(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let since = patients[p].delayedSince
        // -1 in the struct-of-arrays pool: no delay under way.
        guard since >= 0 else { return }
        recorder.delayEnded(patient: patient, site: Int(patients[p].site), pathway: DischargePathway(rawValue: Int(patients[p].pathway))!,
                            since: since, at: clock.now)
        patients[p].delayedSince = -1
    }

    /// Leaves an MDT caseload or a D2A bed; the place goes to the next
    /// patient waiting for it in an acute bed.
    mutating func leaveCommunity(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        guard patients[p].stage == .withMDT || patients[p].stage == .inD2A else { return }
        let c = community!
        let locality = Int(patients[p].locality)
        let pool = patients[p].stage == .withMDT ? c.mdtPool[locality] : Int(patients[p].ward)
        leaveSystem(patient, clock: &clock)
        if let next = pools[pool].release(now: clock.now) {
            startCommunityCare(next, pool: pool, clock: &clock)
        }
    }

    /// A locality moves to its next maturity level: MDT places and
    /// effectiveness follow.
    mutating func updateMaturity(_ locality: Int, clock: inout Clock<ModelEvent>) {
        guard let c = community else { return }
        var level = 0
        for step in c.levels[locality] where step.from <= clock.now { level = step.level }
        effectiveness[locality] = c.mdt.effectivenessByLevel[level]
        let places = c.mdt.places(population: c.population[locality], level: level)
        let pool = c.mdtPool[locality]
        pools[pool].setCapacity(places, now: clock.now)
        recorder.mdtPlacesChanged(locality: locality, places: places, at: clock.now)
        while let next = pools[pool].admitNext(now: clock.now) {
            startCommunityCare(next, pool: pool, clock: &clock)
        }
    }
}
