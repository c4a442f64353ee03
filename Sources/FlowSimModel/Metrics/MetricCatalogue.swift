import FlowSimCore

/// Turns the statistics of the measured window into named metrics for a
/// scope (one site, or the whole system). Names are snake_case and stable:
/// they are the keys of the results JSON (see docs/results.md).
struct MetricCatalogue {
    let days: Double
    let groupIDs: [String]

    func metrics(_ s: SiteStatistics, cubicles: (busy: Double, staffed: Double),
                 beds: (occupied: Double, capacity: Int, p95: Double, fullMinutes: Double),
                 end: Double) -> [(String, Double)] {
        let departures = Double(Swift.max(s.departures, 1))
        var m: [(String, Double)] = [
            ("ae_attendances_per_day", Double(s.arrivals) / days),
            ("ae_walk_in_arrivals_per_day", Double(s.arrivalsByChannel[ArrivalChannel.walkIn.rawValue]) / days),
            ("ae_ambulance_arrivals_per_day", Double(s.arrivalsByChannel[ArrivalChannel.ambulance.rawValue]) / days),
            ("ae_wait_for_cubicle_mean_min", s.waitForCubicle.mean),
            ("ae_p_wait", Double(s.waitedForCubicle) / Double(Swift.max(s.waitForCubicle.count, 1))),
            ("ae_time_in_dept_mean_min", s.timeInDepartment.mean),
            ("ae_time_in_dept_median_min", s.timeInDepartmentSketch.quantile(0.5)),
            ("ae_time_in_dept_p95_min", s.timeInDepartmentSketch.quantile(0.95)),
            ("ae_within_4h", s.departures > 0 ? 1 - Double(s.breaches) / departures : 1),
            ("ae_breaches_4h", Double(s.breaches)),
            ("ae_over_1h", Double(s.overOneHour) / departures),
            ("ae_in_dept_mean", s.inDepartment.mean(at: end)),
            ("cubicle_occupancy_mean", cubicles.busy),
            ("cubicle_utilisation", cubicles.staffed > 0 ? cubicles.busy / cubicles.staffed : 0),
            ("admissions_per_day", Double(s.admissions) / days),
            ("decision_to_admission_mean_min", s.decisionToAdmission.mean),
            ("trolley_waits_12h", Double(s.trolleyWaits12h)),
            ("bed_occupancy_mean", beds.occupied),
            ("bed_occupancy_rate", beds.capacity > 0 ? beds.occupied / Double(beds.capacity) : 0),
            ("bed_occupancy_p95", beds.p95),
            ("hours_beds_full", beds.fullMinutes / 60),
        ]
        for hour in 0..<24 {
            m.append((String(format: "ae_breaches_4h_hour_%02d", hour), Double(s.breachesByArrivalHour[hour])))
        }
        for (g, id) in groupIDs.enumerated() {
            m.append(("ae_breaches_4h_group_\(id)", Double(s.breachesByGroup[g])))
        }
        for channel in ArrivalChannel.allCases {
            m.append(("ae_breaches_4h_channel_\(channel.id)", Double(s.breachesByChannel[channel.rawValue])))
        }
        return m
    }
}

extension SiteStatistics {
    /// Adds another site's window into this one (for the system scope).
    mutating func absorb(_ o: SiteStatistics) {
        arrivals += o.arrivals
        for i in arrivalsByChannel.indices { arrivalsByChannel[i] += o.arrivalsByChannel[i] }
        departures += o.departures
        breaches += o.breaches
        overOneHour += o.overOneHour
        timeInDepartment.merge(o.timeInDepartment)
        timeInDepartmentSketch.add(o.timeInDepartmentSketch)
        waitForCubicle.merge(o.waitForCubicle)
        waitedForCubicle += o.waitedForCubicle
        admissions += o.admissions
        trolleyWaits12h += o.trolleyWaits12h
        decisionToAdmission.merge(o.decisionToAdmission)
        discharges += o.discharges
        for i in 0..<24 {
            departuresByArrivalHour[i] += o.departuresByArrivalHour[i]
            breachesByArrivalHour[i] += o.breachesByArrivalHour[i]
        }
        for i in departuresByGroup.indices {
            departuresByGroup[i] += o.departuresByGroup[i]
            breachesByGroup[i] += o.breachesByGroup[i]
        }
        for i in departuresByChannel.indices {
            departuresByChannel[i] += o.departuresByChannel[i]
            breachesByChannel[i] += o.breachesByChannel[i]
        }
    }
}
