import FlowSimCore

/// The ambulance service: a call, a vehicle from the regional fleet (or a
/// wait for one), travel to the scene, treatment at the scene or
/// conveyance to the nearest site that accepts the patient at that hour,
/// handover, and cleaning before the vehicle is free again.
extension FlowModel {
    mutating func call999(locality: Int, group: Int, clock: inout Clock<ModelEvent>) {
        let now = clock.now
        recorder.incident(at: now)
        let outcome = AmbulanceOutcome(rawValue: sampling.ambulanceOutcome[group].sample(sampling.outcomeStream[group]))!
        if outcome == .hearAndTreat {
            recorder.hearAndTreat(at: now)
            return
        }
        let patient = patients.admit(at: now, site: -1, group: group, locality: locality,
                                     channel: UInt8(ArrivalChannel.ambulance.rawValue), stage: .awaitingVehicle)
        arrivedTotal += 1
        patients.conveyed[Int(patient)] = outcome == .convey
        if pools[layout.fleet].seize(patient, priority: sampling.vehiclePriority[group], now: now) {
            dispatch(patient, clock: &clock)
        }
        // A second vehicle (backup, rapid response car, stood down en
        // route) goes only if one is free now.
        let crew = sampling.ambulance!
        if crew.stream.nextUniform() < crew.secondaryProbability,
           pools[layout.fleet].idle > 0, pools[layout.fleet].queueLength == 0 {
            _ = pools[layout.fleet].seize(-1, now: now)
            recorder.vehicleDispatched(at: now)
            clock.schedule(ModelEvent(kind: .vehicleFree, subject: 0), after: crew.secondaryJob.sample(crew.stream),
                           phase: .release)
        }
    }

    /// A vehicle became free for a waiting patient: a 999 incident or a
    /// transfer between sites.
    mutating func assignVehicle(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        if patients.stage[Int(patient)] == .awaitingTransfer {
            startTransfer(patient, clock: &clock)
        } else {
            dispatch(patient, clock: &clock)
        }
    }

    mutating func dispatch(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        recorder.vehicleDispatched(at: clock.now)
        patients.stage[Int(patient)] = .withCrew
        let crew = sampling.ambulance!
        clock.schedule(ModelEvent(kind: .crewAtScene, subject: patient), after: crew.response.sample(crew.stream))
    }

    mutating func crewAtScene(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients.group[p])
        recorder.responded(patient: patient, category: sampling.vehiclePriority[group], minutes: clock.now - patients.callTime[p],
                           at: clock.now)
        let crew = sampling.ambulance!
        if patients.conveyed[p] {
            clock.schedule(ModelEvent(kind: .crewLeavesScene, subject: patient),
                           after: crew.onSceneConveyed.sample(crew.stream))
            return
        }
        recorder.seenAndTreated(at: clock.now)
        let busy = crew.onSceneSeeAndTreat.sample(crew.stream) + crew.clear.sample(crew.stream)
        clock.schedule(ModelEvent(kind: .vehicleFree, subject: 0), after: busy, phase: .release)
        leaveSystem(patient, clock: &clock)
    }

    /// The destination is chosen as the crew leaves the scene, by the
    /// routing rules in force at that hour.
    mutating func crewLeavesScene(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let locality = Int(patients.locality[p]), group = Int(patients.group[p])
        let site = routing.ambulanceSite(locality: locality, group: group, hour: CalendarTime.hourOfDay(clock.now))
        let minutes = travel.blueLight[locality * siteCount + site]
        patients.site[p] = Int16(site)
        recorder.conveyed(patient: patient, site: site, travel: minutes, at: clock.now)
        clock.schedule(ModelEvent(kind: .ambulanceArrival, subject: patient), after: minutes)
    }

    mutating func ambulanceArrives(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        patients.awaitingHandover[Int(patient)] = true
        enterDepartment(patient, clock: &clock)
    }

    mutating func freeVehicle(clock: inout Clock<ModelEvent>) {
        if let next = pools[layout.fleet].release(now: clock.now) {
            assignVehicle(next, clock: &clock)
        }
    }
}
