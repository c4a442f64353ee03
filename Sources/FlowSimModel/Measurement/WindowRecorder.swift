import FlowSimCore

/// Running totals at one instant. The figures of any stretch of the
/// measured window (the whole of it, or one reporting period) are the
/// difference of two of these, so a period costs the event loop nothing.
struct RunningTotals {
    var time: Double
    var sites: [DepartmentFacts]
    var network: NetworkFacts
    var localities: [LocalityFacts]
    /// Per site and ward.
    var wards: [[WardFacts]]
    /// Patient-minutes in each site's A&E, elective bed-minutes per site,
    /// and MDT place-minutes per locality.
    var inDepartmentArea: [Double]
    var electiveBedArea: [Double]
    /// Cancelled-elective-minutes on the waiting list per site.
    var waitingListArea: [Double]
    var placesArea: [Double]
    /// Busy server-minutes of each server pool, then waiting patient-minutes of each.
    var poolArea: [Double]

    /// All zero at `time`: where the measured window starts.
    static func empty(at time: Double, wards: [Int], groups: Int, localities: Int, pools: Int) -> RunningTotals {
        let sites = wards.count
        return RunningTotals(time: time, sites: Array(repeating: DepartmentFacts(groups: groups), count: sites),
                      network: NetworkFacts(), localities: Array(repeating: LocalityFacts(), count: localities),
                      wards: wards.map { Array(repeating: WardFacts(), count: $0) },
                      inDepartmentArea: Array(repeating: 0, count: sites),
                      electiveBedArea: Array(repeating: 0, count: sites),
                      waitingListArea: Array(repeating: 0, count: sites),
                      placesArea: Array(repeating: 0, count: localities),
                      poolArea: Array(repeating: 0, count: 2 * pools))
    }
}

/// The recorder behind results: it keeps the facts of the measured window
/// (from the end of the warm-up to the horizon) and the running totals at
/// the end of each reporting period. It alone knows where the window
/// starts, so no event handler tests the time.
struct WindowRecorder: FactRecorder {
    /// Facts before this time are not counted; +infinity until the warm-up
    /// ends, so that facts at the very instant it ends, handled before the
    /// warm-up event, stay outside (as events of that instant always have).
    private(set) var windowStart: Double
    /// Per site, ward or locality: tables, written in place (`InPlaceTable`).
    let sites: InPlaceTable<DepartmentFacts>
    let distributions: InPlaceTable<SiteDistributions>
    var network = NetworkFacts()
    /// Nil without an ambulance network: five sketches of 352 KB each,
    /// zeroed and never written, were 0.6% of a replication of R2.
    let networkDistributions: NetworkDistributionRecorders?
    let localities: InPlaceTable<LocalityFacts>
    let wards: InPlaceTable<[WardFacts]>
    /// Levels tracked from time 0 and restarted when the window opens.
    let inDepartment: InPlaceTable<TimeWeighted>
    let electivesInBed: InPlaceTable<TimeWeighted>
    /// Cancelled electives waiting for their new date.
    let waitingList: InPlaceTable<TimeWeighted>
    let places: InPlaceTable<TimeWeighted>
    var periodEnds: [RunningTotals] = []
    /// The totals at the marks of `StabilityRule.marks`, in order.
    var stabilityMarks: [RunningTotals] = []
    var measuredJourneys = 0
    /// Responses by locality and category, and walk-ins diverted.
    var ambulance: AmbulanceFacts
    /// Departures and breaches by calendar month (scenarios with a start date).
    let months: MonthlyFacts

    /// - Parameters:
    ///   - maximumBeds: per site, the most beds any state of a timeline has.
    ///   - initialPlaces: per locality, its MDT places at time 0.
    ///   - maximumWardBeds: per site and ward, the most beds any state has.
    ///   - calendar: the month of each simulated day, with `run.start_date`.
    ///   - hasNetwork: whether the scenario has an ambulance network (and
    ///     so responses to record).
    init(warmup: Double, groups: Int, maximumBeds: [Int], maximumWardBeds: [[Int]], initialPlaces: [Int],
         calendar: MonthOfYear? = nil, hasNetwork: Bool) {
        windowStart = warmup > 0 ? .infinity : 0
        networkDistributions = hasNetwork ? NetworkDistributionRecorders() : nil
        sites = InPlaceTable(repeating: DepartmentFacts(groups: groups), count: maximumBeds.count)
        distributions = InPlaceTable(zip(maximumBeds, maximumWardBeds).map { SiteDistributions(beds: $0, wardBeds: $1) })
        wards = InPlaceTable(maximumWardBeds.map { Array(repeating: WardFacts(), count: $0.count) })
        electivesInBed = InPlaceTable(repeating: TimeWeighted(), count: maximumBeds.count)
        waitingList = InPlaceTable(repeating: TimeWeighted(), count: maximumBeds.count)
        localities = InPlaceTable(repeating: LocalityFacts(), count: initialPlaces.count)
        inDepartment = InPlaceTable(repeating: TimeWeighted(), count: maximumBeds.count)
        places = InPlaceTable(initialPlaces.map { TimeWeighted(value: Double($0)) })
        ambulance = AmbulanceFacts(localities: initialPlaces.count, sites: maximumBeds.count)
        months = MonthlyFacts(calendar: calendar, sites: maximumBeds.count)
    }

    @inline(__always) private func measuring(_ at: Double) -> Bool { at >= windowStart }

    mutating func arrivedAtDepartment(patient: Int32, site: Int, channel: Int, at: Double) {
        if measuring(at) {
            sites[site].arrivals += 1
            sites[site].arrivalsByChannel[channel] += 1
        }
        inDepartment[site].update(to: inDepartment[site].value + 1, at: at)
    }

    mutating func handedOver(patient: Int32, site: Int, delay: Double, at: Double) {
        guard measuring(at) else { return }
        sites[site].handoverDelay.add(delay)
        if delay > WaitThreshold.quarterHour { sites[site].handoverOver15 += 1 }
        if delay > WaitThreshold.halfHour { sites[site].handoverOver30 += 1 }
        if delay > WaitThreshold.oneHour { sites[site].handoverOver60 += 1 }
        if delay > WaitThreshold.twoHours { sites[site].handoverOver120 += 1 }
    }

    mutating func leftBeforeTreatment(patient: Int32, site: Int, at: Double) {
        if measuring(at) { sites[site].leftBeforeTreatment += 1 }
    }

    mutating func crewLeftDoor(site: Int, waited: Double, at: Double) {
        if measuring(at) { sites[site].crewMinutesLost += Swift.max(waited - Handover.clockStartsAfter, 0) }
    }

    mutating func startedTreatment(patient: Int32, site: Int, wait: Double, queued: Bool, at: Double) {
        guard measuring(at) else { return }
        sites[site].waitForCubicle.add(wait)
        if queued { sites[site].waitedForCubicle += 1 }
    }

    mutating func leftDepartment(patient: Int32, site: Int, group: Int, channel: Int, door: Double,
                                 clockStart: Double, at: Double) {
        inDepartment[site].update(to: inDepartment[site].value - 1, at: at)
        guard measuring(at) else { return }
        if at - door > WaitThreshold.twelveHours { sites[site].over12HoursFromArrival += 1 }
        sites[site].recordDeparture(duration: at - clockStart, arrivalTime: clockStart, group: group, channel: channel)
        distributions[site].timeInDepartment.record(minutes: at - clockStart)
        months.departed(site: site, duration: at - clockStart, at: at)
    }

    mutating func admitted(patient: Int32, site: Int, channel: Int, fromDepartment: Bool, decisionTime: Double,
                           at: Double) {
        guard measuring(at) else { return }
        sites[site].admissions += 1
        if channel == ArrivalChannel.gpReferral.rawValue { sites[site].gpAdmissions += 1 }
        let wait = at - decisionTime
        sites[site].decisionToAdmission.add(wait)
        // The trolley wait is an A&E measure: GP admissions and transfers in are not counted.
        if fromDepartment && wait > WaitThreshold.twelveHours { sites[site].trolleyWaits12h += 1 }
    }

    mutating func transferredOut(patient: Int32, site: Int, at: Double) {
        if measuring(at) { sites[site].transfersOut += 1 }
    }

    mutating func bedsOccupied(site: Int, occupied: Int, ward: Int, wardOccupied: Int, at: Double) {
        distributions[site].bedLevels.update(to: occupied, at: at)
        distributions[site].wardLevels[ward].update(to: wardOccupied, at: at)
    }

    mutating func bedAllocated(site: Int, ward: Int, wait: Double, at: Double) {
        guard measuring(at) else { return }
        wards[site][ward].allocations += 1
        if wait > WaitThreshold.fourHours { wards[site][ward].waitsOver4h += 1 }
    }

    mutating func electiveInBed(site: Int, at: Double) {
        electivesInBed[site].update(to: electivesInBed[site].value + 1, at: at)
    }

    mutating func electiveLeftBed(site: Int, at: Double) {
        electivesInBed[site].update(to: electivesInBed[site].value - 1, at: at)
    }

    mutating func electiveAdmitted(site: Int, at: Double) {
        if measuring(at) { sites[site].electiveAdmissions += 1 }
    }

    mutating func electiveCancelled(site: Int, rebooked: Bool, onWaitingList: Bool, at: Double) {
        if measuring(at) { sites[site].electiveCancellations += 1 }
        if onWaitingList && !rebooked { waitingList[site].update(to: waitingList[site].value + 1, at: at) }
    }

    mutating func electiveOffWaitingList(site: Int, waited: Double, at: Double) {
        waitingList[site].update(to: waitingList[site].value - 1, at: at)
        guard measuring(at) else { return }
        sites[site].electivesRebooked += 1
        if waited > 28 * CalendarTime.minutesPerDay { sites[site].electivesRebookedLate += 1 }
    }

    mutating func electiveDeferred(site: Int, at: Double) {
        if measuring(at) { sites[site].electivesDeferred += 1 }
    }

    mutating func incident(at: Double) {
        if measuring(at) { network.incidents += 1 }
    }

    mutating func hearAndTreat(at: Double) {
        if measuring(at) { network.hearAndTreat += 1 }
    }

    mutating func vehicleDispatched(at: Double) {
        if measuring(at) { network.dispatches += 1 }
    }

    mutating func carDispatched(at: Double) {
        if measuring(at) { network.carDispatches += 1 }
    }

    mutating func carFirstOnScene(category: Int, at: Double) {
        if measuring(at) { network.carFirstByCategory[category] += 1 }
    }

    mutating func responded(patient: Int32, category: Int, minutes: Double, at: Double) {
        guard measuring(at) else { return }
        network.response.add(minutes)
        network.responseByCategory[category].add(minutes)
        // Read in place: `guard let` copied the recorders, two retains and
        // releases per response.
        assert(networkDistributions != nil, "an ambulance response without a network")
        networkDistributions?.response.record(minutes: minutes)
        networkDistributions?.responseByCategory[category].record(minutes: minutes)
    }

    mutating func seenAndTreated(at: Double) {
        if measuring(at) { network.seeAndTreat += 1 }
    }

    mutating func conveyed(patient: Int32, site: Int, travel: Double, at: Double) {
        guard measuring(at) else { return }
        network.conveyed += 1
        sites[site].conveyanceTravel.add(travel)
    }

    mutating func nhs111Call(disposition: Int, at: Double) {
        guard measuring(at) else { return }
        network.nhs111Calls += 1
        network.nhs111Dispositions[disposition] += 1
    }

    mutating func nhs111CallWithdrawn(disposition: Int, at: Double) {
        guard measuring(at) else { return }
        network.nhs111Calls -= 1
        network.nhs111Dispositions[disposition] -= 1
    }

    mutating func stepUpDeclined(locality: Int, at: Double) {
        if measuring(at) { localities[locality].declined += 1 }
    }

    mutating func stepUpAccepted(locality: Int, escalates: Bool, at: Double) {
        guard measuring(at) else { return }
        localities[locality].accepted += 1
        if escalates { localities[locality].escalated += 1 } else { localities[locality].avoided += 1 }
    }

    mutating func delayEnded(patient: Int32, site: Int, pathway: DischargePathway, since: Double, at: Double) {
        guard measuring(at) else { return }
        sites[site].delayedBedDays[pathway.rawValue] += (at - max(since, windowStart)) / CalendarTime.minutesPerDay
    }

    mutating func mdtPlacesChanged(locality: Int, places count: Int, at: Double) {
        places[locality].update(to: Double(count), at: at)
    }

    mutating func journeyEnded(patient: Int32, at: Double) {
        if measuring(at) { measuredJourneys += 1 }
    }

    mutating func openWindow(at: Double) {
        windowStart = at
        for s in inDepartment.indices { inDepartment[s].reset(at: at) }
        for s in distributions.indices {
            distributions[s].bedLevels.reset(at: at)
            for k in distributions[s].wardLevels.indices { distributions[s].wardLevels[k].reset(at: at) }
            electivesInBed[s].reset(at: at)
            waitingList[s].reset(at: at)
        }
        for l in places.indices { places[l].reset(at: at) }
    }

    mutating func endPeriod(at: Double, poolAreas: [Double]) {
        periodEnds.append(totals(at: at, poolAreas: poolAreas))
    }

    mutating func markStability(at: Double, poolAreas: [Double]) {
        stabilityMarks.append(totals(at: at, poolAreas: poolAreas))
    }

    mutating func ambulanceResponded(locality: Int, category: Int, minutes: Double, at: Double) {
        if measuring(at) { ambulance.responded(locality: locality, category: category, minutes: minutes) }
    }

    mutating func walkInDiverted(locality: Int, site: Int, at: Double) {
        guard measuring(at) else { return }
        ambulance.walkInsDiverted[locality] += 1
        ambulance.walkInsDivertedTo[site] += 1
    }

    /// The running totals now.
    func totals(at time: Double, poolAreas: [Double]) -> RunningTotals {
        RunningTotals(time: time, sites: sites.snapshot(), network: network, localities: localities.snapshot(),
                      wards: wards.snapshot(),
                      inDepartmentArea: inDepartment.map { $0.area(upTo: time) },
                      electiveBedArea: electivesInBed.map { $0.area(upTo: time) },
                      waitingListArea: waitingList.map { $0.area(upTo: time) },
                      placesArea: places.map { $0.area(upTo: time) }, poolArea: poolAreas)
    }
}
