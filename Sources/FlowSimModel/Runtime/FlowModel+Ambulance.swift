import FlowSimCore

/// The ambulance service: a call, a vehicle from the regional fleet (or a
/// wait for one), travel to the scene, treatment at the scene or
/// conveyance to the nearest site that accepts the patient at that hour,
/// handover, and cleaning before the vehicle is free again.
extension FlowModel {
    mutating func call999(locality: Int, group: Int, now: Double, clock: inout Clock<ModelEvent>) {
        let measuring = now >= warmupEnd
        if measuring { network.incidents += 1 }
        let outcome = sampling.ambulanceOutcome[group].sample(sampling.outcomeStream[group])
        if outcome == 0 {
            if measuring { network.hearAndTreat += 1 }
            return
        }
        let patient = patients.admit(at: now, site: -1, group: group, locality: locality,
                                     channel: UInt8(ArrivalChannel.ambulance.rawValue), stage: .awaitingVehicle)
        arrivedTotal += 1
        patients.conveyed[Int(patient)] = outcome == 2
        if pools[layout.fleet].seize(patient, priority: sampling.vehiclePriority[group], now: now) {
            dispatch(patient, now: now, clock: &clock)
        }
        // A second vehicle (backup, rapid response car, stood down en
        // route) goes only if one is free now.
        let crew = sampling.ambulance!
        if crew.stream.nextUniform() < crew.secondaryProbability,
           pools[layout.fleet].idle > 0, pools[layout.fleet].queueLength == 0 {
            _ = pools[layout.fleet].seize(-1, now: now)
            if measuring { network.dispatches += 1; network.secondaryDispatches += 1 }
            clock.schedule(ModelEvent(kind: .vehicleFree, subject: 0), after: crew.secondaryJob.sample(crew.stream),
                           phase: .release)
        }
    }

    /// A vehicle became free for a waiting patient: a 999 incident or a
    /// transfer between sites.
    mutating func assignVehicle(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        if patients.stage[Int(patient)] == .awaitingTransfer {
            startTransfer(patient, now: now, clock: &clock)
        } else {
            dispatch(patient, now: now, clock: &clock)
        }
    }

    mutating func dispatch(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        if now >= warmupEnd { network.dispatches += 1 }
        patients.stage[Int(patient)] = .withCrew
        let crew = sampling.ambulance!
        clock.schedule(ModelEvent(kind: .crewAtScene, subject: patient), after: crew.response.sample(crew.stream))
    }

    mutating func crewAtScene(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let group = Int(patients.group[p])
        if now >= warmupEnd {
            network.recordResponse(now - patients.callTime[p], category: sampling.vehiclePriority[group])
        }
        let crew = sampling.ambulance!
        if patients.conveyed[p] {
            clock.schedule(ModelEvent(kind: .crewLeavesScene, subject: patient),
                           after: crew.onSceneConveyed.sample(crew.stream))
            return
        }
        if now >= warmupEnd { network.seeAndTreat += 1 }
        let busy = crew.onSceneSeeAndTreat.sample(crew.stream) + crew.clear.sample(crew.stream)
        clock.schedule(ModelEvent(kind: .vehicleFree, subject: 0), after: busy, phase: .release)
        leaveSystem(patient, now: now)
    }

    /// The destination is chosen as the crew leaves the scene, by the
    /// routing rules in force at that hour.
    mutating func crewLeavesScene(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let locality = Int(patients.locality[p]), group = Int(patients.group[p])
        let site = routing.ambulanceSite(locality: locality, group: group, hour: CalendarTime.hourOfDay(now))
        let minutes = travel.blueLight[locality * siteCount + site]
        patients.site[p] = Int16(site)
        if now >= warmupEnd {
            network.conveyed += 1
            stats[site].conveyanceTravel.add(minutes)
        }
        clock.schedule(ModelEvent(kind: .ambulanceArrival, subject: patient), after: minutes)
    }

    mutating func ambulanceArrives(_ patient: Int32, now: Double, clock: inout Clock<ModelEvent>) {
        patients.awaitingHandover[Int(patient)] = true
        enterDepartment(patient, now: now, clock: &clock)
    }

    mutating func freeVehicle(now: Double, clock: inout Clock<ModelEvent>) {
        if let next = pools[layout.fleet].release(now: now) {
            assignVehicle(next, now: now, clock: &clock)
        }
    }
}
