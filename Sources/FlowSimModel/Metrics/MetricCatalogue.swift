import FlowSimCore
import Foundation

/// Turns the statistics of the measured window into named metrics for a
/// scope (one site, or the whole system). Names are snake_case and stable:
/// they are the keys of the results JSON (see docs/results.md).
struct MetricCatalogue {
    let days: Double
    let groupIDs: [String]
    /// Whether the scenario has a regional network (localities, 999, 111).
    let hasNetwork: Bool

    struct Capacity {
        var cubiclesBusy = 0.0
        var cubiclesStaffed = 0.0
        var bedsOccupied = 0.0
        var beds = 0
        var bedsP95 = 0.0
        var minutesBedsFull = 0.0
        /// Resident population served (for per-1,000 rates); 0 when unknown.
        var population = 0.0
    }

    func metrics(_ s: SiteStatistics, capacity c: Capacity, end: Double) -> [(String, Double)] {
        let departures = Double(Swift.max(s.departures, 1))
        var m: [(String, Double)] = [
            ("ae_attendances_per_day", Double(s.arrivals) / days),
            ("ae_walk_in_arrivals_per_day", Double(s.arrivalsByChannel[ArrivalChannel.walkIn.rawValue]
                                                   + s.arrivalsByChannel[ArrivalChannel.nhs111.rawValue]) / days),
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
            ("cubicle_occupancy_mean", c.cubiclesBusy),
            ("cubicle_utilisation", c.cubiclesStaffed > 0 ? c.cubiclesBusy / c.cubiclesStaffed : 0),
            ("admissions_per_day", Double(s.admissions) / days),
            ("decision_to_admission_mean_min", s.decisionToAdmission.mean),
            ("trolley_waits_12h", Double(s.trolleyWaits12h)),
            ("bed_occupancy_mean", c.bedsOccupied),
            ("bed_occupancy_rate", c.beds > 0 ? c.bedsOccupied / Double(c.beds) : 0),
            ("bed_occupancy_p95", c.bedsP95),
            ("hours_beds_full", c.minutesBedsFull / 60),
        ]
        if hasNetwork {
            let perYear = 365 / days
            m += [
                ("handover_delay_mean_min", s.handoverDelay.mean),
                ("handover_delay_over_30_min", Double(s.handoverOver30)),
                ("handover_delay_over_60_min", Double(s.handoverOver60)),
                ("conveyance_travel_mean_min", s.conveyanceTravel.mean),
                ("transfers_out_per_day", Double(s.transfersOut) / days),
                ("gp_admissions_per_day", Double(s.gpAdmissions) / days),
                ("elective_admissions_per_day", Double(s.electiveAdmissions) / days),
                ("elective_cancellations_per_day", Double(s.electiveCancellations) / days),
                ("nel_admissions_per_1000", c.population > 0 ? Double(s.admissions) * perYear / c.population * 1000 : 0),
                ("bed_days_per_1000", c.population > 0 ? c.bedsOccupied * 365 / c.population * 1000 : 0),
            ]
        }
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

    /// The ambulance service and NHS 111, for the system scope only.
    func networkMetrics(_ n: NetworkStatistics, fleetBusy: Double, fleetStaffed: Double) -> [(String, Double)] {
        var m: [(String, Double)] = [
            ("ambulance_incidents_per_day", Double(n.incidents) / days),
            ("ambulance_dispatches_per_day", Double(n.dispatches) / days),
            ("ambulance_conveyances_per_day", Double(n.conveyed) / days),
            ("hear_and_treat_per_day", Double(n.hearAndTreat) / days),
            ("see_and_treat_per_day", Double(n.seeAndTreat) / days),
            ("ambulance_response_mean_min", n.response.mean),
            ("ambulance_response_p90_min", n.responseSketch.quantile(0.9)),
            ("fleet_utilisation", fleetStaffed > 0 ? fleetBusy / fleetStaffed : 0),
            ("nhs111_calls_per_day", Double(n.nhs111Calls) / days),
        ]
        for c in 0..<NetworkStatistics.categories {
            m.append(("ambulance_response_mean_min_cat\(c + 1)", n.responseByCategory[c].mean))
            m.append(("ambulance_response_p90_min_cat\(c + 1)", n.responseSketchByCategory[c].quantile(0.9)))
        }
        for (i, d) in NHS111Disposition.allCases.enumerated() {
            m.append(("nhs111_\(d.rawValue)_per_day", Double(n.nhs111Dispositions[i]) / days))
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
        handoverDelay.merge(o.handoverDelay)
        handoverOver30 += o.handoverOver30
        handoverOver60 += o.handoverOver60
        conveyanceTravel.merge(o.conveyanceTravel)
        transfersOut += o.transfersOut
        gpAdmissions += o.gpAdmissions
        electiveAdmissions += o.electiveAdmissions
        electiveDayCases += o.electiveDayCases
        electiveCancellations += o.electiveCancellations
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
