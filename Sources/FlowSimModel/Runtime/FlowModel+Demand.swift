import FlowSimCore

/// Where patients come from: direct arrivals at a site (single-site
/// scenarios), and locality demand through walk-ins, NHS 111, 999 and GP
/// referrals, plus planned admissions.
extension FlowModel {
    mutating func arrive(from sourceIndex: Int, clock: inout Clock<ModelEvent>) {
        let i = sourceIndex
        guard sources[i].kind != .nhs111 else { call111(i, clock: &clock); return }
        let now = clock.now
        clock.schedule(ModelEvent(kind: .arrival, subject: Int32(i)),
                       at: sources[i].rate.nextArrival(after: now, stream: sources[i].timing), phase: .arrival)
        let locality = sources[i].locality, channel = sources[i].channel
        switch sources[i].kind {
        case .direct:
            let group = sources[i].mix.sample(sources[i].casemix)
            walkIn(site: sources[i].site, group: group, locality: -1, channel: channel, clock: &clock)
        case .walkIn:
            let group = sources[i].mix.sample(sources[i].casemix)
            let site = walkInSite(locality: locality, group: group, at: now)
            walkIn(site: site, group: group, locality: locality, channel: channel, clock: &clock)
        case .nhs111:
            preconditionFailure("NHS 111 calls go to call111")
        case .call999:
            let group = sources[i].mix.sample(sources[i].casemix)
            call999(locality: locality, group: group, clock: &clock)
        case .gpAdmission:
            let group = sources[i].mix.sample(sources[i].casemix)
            if community != nil && tryStepUp(locality: locality, group: group, clock: &clock) { return }
            let site = routing.gpAdmission[perGroup(locality, group)]
            let patient = patients.admit(at: now, site: site, group: group, locality: locality,
                                         channel: channel, stage: .awaitingBed)
            arrivedTotal += 1
            patients[Int(patient)].decisionTime = now
            requestBed(patient, site: site, clock: &clock)
        case .elective:
            planned(site: sources[i].site, clock: &clock)
        }
    }

    @inline(__always)
    mutating func walkIn(site: Int, group: Int, locality: Int, channel: UInt8, clock: inout Clock<ModelEvent>) {
        let patient = patients.admit(at: clock.now, site: site, group: group, locality: locality, channel: channel,
                                     stage: .inDepartment)
        arrivedTotal += 1
        enterDepartment(patient, clock: &clock)
    }

    /// An NHS 111 call: NHS 111 decides where the caller goes; only those
    /// sent to A&E or sent an ambulance become patients of this model.
    ///
    /// A call resolved elsewhere (self care, primary care, another service)
    /// only adds to the counts, yet cost an event, a rate walk and a draw:
    /// 235,000 of the 289,000 calls of a year on the Mid and South Essex
    /// baseline. So after each call the source draws ahead
    /// (`scheduleNextCall`), and only a call that enters the model is an
    /// event. The draws are those the calls' own events made, in the same
    /// order: a source's timing and case-mix streams are its own.
    mutating func call111(_ i: Int, clock: inout Clock<ModelEvent>) {
        let now = clock.now
        var disposition = dispositionAhead[i]
        dispositionAhead[i] = -1
        if disposition < 0 { disposition = sources[i].dispositions!.sample(sources[i].casemix) }
        recorder.nhs111Call(disposition: disposition, at: now)
        let locality = sources[i].locality
        let outcome = NHS111Disposition.allCases[disposition]
        var group = 0
        switch outcome {
        case .emergencyDepartment: group = sources[i].edMix!.sample(sources[i].casemix)
        case .ambulance: group = sources[i].ambulanceMix!.sample(sources[i].casemix)
        case .selfCare, .primaryCare, .otherService: break
        }
        // Before anything this call schedules, as when the next call was
        // scheduled first; the case-mix stream has no other use below.
        scheduleNextCall(i, after: now, clock: &clock)
        switch outcome {
        case .emergencyDepartment:
            if community != nil && tryStepUp(locality: locality, group: group, clock: &clock) { return }
            let site = walkInSite(locality: locality, group: group, at: now)
            walkIn(site: site, group: group, locality: locality, channel: sources[i].channel, clock: &clock)
        case .ambulance:
            if community != nil && tryStepUp(locality: locality, group: group, clock: &clock) { return }
            call999(locality: locality, group: group, clock: &clock)
        case .selfCare, .primaryCare, .otherService:
            break
        }
    }

    /// Schedules source `i`'s next call that enters the model. Calls
    /// resolved elsewhere before it are drawn now, in their order, and
    /// counted at their own times; the first call that enters is scheduled
    /// with its disposition drawn. Nothing is drawn past the next moment at
    /// which counts are read or parameters change (`callLimit`), so each
    /// call falls in the period and window it did as an event; the call
    /// there is scheduled as before, undrawn.
    mutating func scheduleNextCall(_ i: Int, after now: Double, clock: inout Clock<ModelEvent>) {
        var next = sources[i].rate.nextArrival(after: now, stream: sources[i].timing)
        let limit = drawsCallsAhead ? callLimit(after: now) : now
        while next < limit {
            let disposition = sources[i].dispositions!.sample(sources[i].casemix)
            switch NHS111Disposition.allCases[disposition] {
            case .emergencyDepartment, .ambulance:
                dispositionAhead[i] = disposition
                clock.schedule(ModelEvent(kind: .arrival, subject: Int32(i)), at: next, phase: .arrival)
                return
            case .selfCare, .primaryCare, .otherService:
                recorder.nhs111Call(disposition: disposition, at: next)
                // Kept while the clock has not passed it (see `withdrawCallsAhead`).
                if callsAhead.count >= 1_024 { callsAhead.removeAll { $0.time < now } }
                callsAhead.append((next, disposition))
                next = sources[i].rate.nextArrival(after: next, stream: sources[i].timing)
            }
        }
        clock.schedule(ModelEvent(kind: .arrival, subject: Int32(i)), at: next, phase: .arrival)
    }

    /// The first of `callLimits` at or after `now`: warm-up end, period
    /// ends, stability marks, timeline dates and the horizon.
    mutating func callLimit(after now: Double) -> Double {
        while callLimitIndex < callLimits.count && callLimits[callLimitIndex] < now { callLimitIndex += 1 }
        return callLimitIndex < callLimits.count ? callLimits[callLimitIndex] : .infinity
    }

    /// The run stops early (overloaded) at `now`: the calls counted ahead
    /// of their time that have not come never happened, so their counts are
    /// taken back. (No period end or warm-up end lies between a call's
    /// counting and its time, so the window it was counted in is this one.)
    mutating func withdrawCallsAhead(after now: Double) {
        for call in callsAhead where call.time > now {
            recorder.nhs111CallWithdrawn(disposition: call.disposition, at: call.time)
        }
        callsAhead.removeAll()
    }

    /// An elective admission: day cases need no ward bed; an overnight
    /// patient who finds no free bed is cancelled on the day. Where the site
    /// rebooks, an overnight slot goes first to the longest-waiting
    /// cancelled patient whose new date has come, and the operation planned
    /// for it is deferred (it stays on the referral list, which the model
    /// does not hold).
    mutating func planned(site: Int, clock: inout Clock<ModelEvent>) {
        if sampling.electiveStream.nextUniform() < sampling.electiveDayCase[site] {
            recorder.electiveAdmitted(site: site, at: clock.now)
            return
        }
        let firstCancelled = electiveWaiting[site].takeReady(at: clock.now)
        if firstCancelled != nil { recorder.electiveDeferred(site: site, at: clock.now) }
        admitOvernightElective(site: site, firstCancelled: firstCancelled, clock: &clock)
    }

    /// An overnight elective on the day of their operation: into a bed of
    /// the elective ward, or (cancelled) onto the waiting list for a new
    /// date. `firstCancelled`: when a rebooked patient's operation was first cancelled.
    mutating func admitOvernightElective(site: Int, firstCancelled: Double?, clock: inout Clock<ModelEvent>) {
        let now = clock.now
        let ward = layout.electiveWard[site]
        guard pools[ward].idle > 0, pools[ward].queueLength == 0 else {
            let rebookAfter = sampling.electiveRebookAfter[site]
            recorder.electiveCancelled(site: site, rebooked: firstCancelled != nil, onWaitingList: rebookAfter >= 0, at: now)
            if rebookAfter >= 0 { electiveWaiting[site].add(earliest: ElectiveWaitingList.newDate(cancelledAt: now, after: rebookAfter),
                                          firstCancelled: firstCancelled ?? now) }
            return
        }
        if let firstCancelled { recorder.electiveOffWaitingList(site: site, waited: now - firstCancelled, at: now) }
        let patient = patients.admit(at: now, site: site, group: 0, locality: -1, channel: 0, stage: .inBed)
        arrivedTotal += 1
        _ = pools[ward].seize(patient, now: now)
        patients[Int(patient)].ward = Int32(ward)
        recorder.electiveAdmitted(site: site, at: now)
        recorder.electiveInBed(site: site, at: now)
        reportBedsOccupied(site: site, pool: ward, at: now)
        let stay = sampling.electiveStay[site].sample(sampling.electiveStream)
        clock.schedule(ModelEvent(kind: .bedDischarge, subject: patient), after: stay, phase: .release)
    }
}
