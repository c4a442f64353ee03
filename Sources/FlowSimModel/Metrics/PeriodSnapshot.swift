import FlowSimCore

/// Running totals at one instant. The difference of two snapshots gives a
/// reporting period's figures (a financial year of a multi-year run) with
/// no cost in the event loop; quantiles are not broken down by period.
struct PeriodSnapshot {
    struct Site {
        var arrivals = 0, ambulance = 0, walkIn = 0, departures = 0, breaches = 0
        var timeInDepartment = 0.0
        var admissions = 0, gpAdmissions = 0, electives = 0, trolley = 0, transfers = 0
        var handover30 = 0, handover60 = 0
        var delayedBedDays = 0.0
        /// Occupied-bed minutes.
        var bedArea = 0.0
    }
    var time = 0.0
    var sites: [Site] = []
    var incidents = 0, dispatches = 0, conveyed = 0, calls111 = 0
    var accepted = 0, declined = 0, avoided = 0
    var caseloadArea = 0.0, placesArea = 0.0
}

extension FlowModel {
    func snapshot(at now: Double) -> PeriodSnapshot {
        var s = PeriodSnapshot()
        s.time = now
        for (i, st) in stats.enumerated() {
            var site = PeriodSnapshot.Site()
            site.arrivals = st.arrivals
            site.ambulance = st.arrivalsByChannel[ArrivalChannel.ambulance.rawValue]
            site.walkIn = st.arrivalsByChannel[ArrivalChannel.walkIn.rawValue] + st.arrivalsByChannel[ArrivalChannel.nhs111.rawValue]
            site.departures = st.departures
            site.breaches = st.breaches
            site.timeInDepartment = st.timeInDepartment.mean * Double(st.timeInDepartment.count)
            site.admissions = st.admissions
            site.gpAdmissions = st.gpAdmissions
            site.electives = st.electiveAdmissions
            site.trolley = st.trolleyWaits12h
            site.transfers = st.transfersOut
            site.handover30 = st.handoverOver30
            site.handover60 = st.handoverOver60
            site.delayedBedDays = st.delayedBedDays.reduce(0, +)
            for pool in layout.wardPools[i] { site.bedArea += area(pools[pool].busyLevel, at: now) }
            s.sites.append(site)
        }
        s.incidents = network.incidents
        s.dispatches = network.dispatches
        s.conveyed = network.conveyed
        s.calls111 = network.nhs111Calls
        for (l, ls) in localityStats.enumerated() {
            s.accepted += ls.accepted
            s.declined += ls.declined
            s.avoided += ls.avoided
            s.placesArea += area(ls.places, at: now)
            if let c = community { s.caseloadArea += area(pools[c.mdtPool[l]].busyLevel, at: now) }
        }
        return s
    }

    private func area(_ level: TimeWeighted, at now: Double) -> Double {
        level.mean(at: now) * (now - level.startTime)
    }

    /// Records the running totals at the end of a reporting period.
    mutating func endPeriod(now: Double) {
        periodEnds.append(snapshot(at: now))
    }
}

/// The figures of one period, from two snapshots.
struct PeriodMetrics {
    let from: PeriodSnapshot
    let to: PeriodSnapshot
    let population: Double
    let catchment: [Double]

    var days: Double { (to.time - from.time) / 1_440 }

    func site(_ i: Int) -> [(String, Double)] {
        metrics(to.sites[i], minus: from.sites[i], population: catchment[i])
    }

    func system() -> [(String, Double)] {
        var a = PeriodSnapshot.Site(), b = PeriodSnapshot.Site()
        for s in to.sites { a = add(a, s) }
        for s in from.sites { b = add(b, s) }
        var m = metrics(a, minus: b, population: population)
        m += [
            ("ambulance_incidents_per_day", Double(to.incidents - from.incidents) / days),
            ("ambulance_dispatches_per_day", Double(to.dispatches - from.dispatches) / days),
            ("ambulance_conveyances_per_day", Double(to.conveyed - from.conveyed) / days),
            ("nhs111_calls_per_day", Double(to.calls111 - from.calls111) / days),
            ("mdt_referrals_accepted_per_day", Double(to.accepted - from.accepted) / days),
            ("mdt_referrals_declined_per_day", Double(to.declined - from.declined) / days),
            ("admissions_avoided_per_day", Double(to.avoided - from.avoided) / days),
            ("mdt_caseload_mean", (to.caseloadArea - from.caseloadArea) / (to.time - from.time)),
            ("mdt_places_mean", (to.placesArea - from.placesArea) / (to.time - from.time)),
        ]
        return m
    }

    private func add(_ a: PeriodSnapshot.Site, _ b: PeriodSnapshot.Site) -> PeriodSnapshot.Site {
        var s = a
        s.arrivals += b.arrivals; s.ambulance += b.ambulance; s.walkIn += b.walkIn
        s.departures += b.departures; s.breaches += b.breaches; s.timeInDepartment += b.timeInDepartment
        s.admissions += b.admissions; s.gpAdmissions += b.gpAdmissions; s.electives += b.electives
        s.trolley += b.trolley; s.transfers += b.transfers; s.handover30 += b.handover30
        s.handover60 += b.handover60; s.delayedBedDays += b.delayedBedDays; s.bedArea += b.bedArea
        return s
    }

    private func metrics(_ a: PeriodSnapshot.Site, minus b: PeriodSnapshot.Site, population: Double) -> [(String, Double)] {
        let departures = Double(a.departures - b.departures)
        let admissions = Double(a.admissions - b.admissions)
        let bedDays = (a.bedArea - b.bedArea) / 1_440
        return [
            ("ae_attendances_per_day", Double(a.arrivals - b.arrivals) / days),
            ("ae_ambulance_arrivals_per_day", Double(a.ambulance - b.ambulance) / days),
            ("ae_walk_in_arrivals_per_day", Double(a.walkIn - b.walkIn) / days),
            ("ae_within_4h", departures > 0 ? 1 - Double(a.breaches - b.breaches) / departures : 1),
            ("ae_breaches_4h", Double(a.breaches - b.breaches)),
            ("ae_time_in_dept_mean_min", departures > 0 ? (a.timeInDepartment - b.timeInDepartment) / departures : 0),
            ("admissions_per_day", admissions / days),
            ("gp_admissions_per_day", Double(a.gpAdmissions - b.gpAdmissions) / days),
            ("elective_admissions_per_day", Double(a.electives - b.electives) / days),
            ("trolley_waits_12h", Double(a.trolley - b.trolley)),
            ("transfers_out_per_day", Double(a.transfers - b.transfers) / days),
            ("handover_delay_over_30_min", Double(a.handover30 - b.handover30)),
            ("handover_delay_over_60_min", Double(a.handover60 - b.handover60)),
            ("dtoc_bed_days", a.delayedBedDays - b.delayedBedDays),
            ("bed_occupancy_mean", bedDays / days),
            ("nel_admissions_per_1000", population > 0 ? admissions * 365 / days / population * 1000 : 0),
            ("bed_days_per_1000", population > 0 ? bedDays * 365 / days / population * 1000 : 0),
        ]
    }
}
