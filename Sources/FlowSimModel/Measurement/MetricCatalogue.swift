import FlowSimCore

/// Every metric flowsim reports, each declared once. Its order is the
/// report order. To add a metric: record the fact it needs (a
/// `FactRecorder` method and a field of `DepartmentFacts` or its
/// neighbours), then add one entry here; docs/results.md's tables are
/// regenerated from this list (`flowsim metrics --markdown`).
public enum MetricCatalogue {
    public static let all: [MetricDefinition] = sections.flatMap(\.metrics)

    /// The catalogue in the sections docs/results.md prints.
    public static let sections: [(title: String, metrics: [MetricDefinition])] = [
        ("A&E and beds (every scenario; sites and system)", department),
        ("Breakdowns (sites and system)", breakdowns),
        ("Network scenarios only (sites and system)", network),
        ("Ambulance service and NHS 111 (system only, network scenarios)", ambulanceService),
        ("Community (scenarios with `community`)", community),
        (MetricCatalogue.accessTitle, access),
        ("By month of year (scenarios with `run.start_date`; sites and system)", months),
    ]

    static let department: [MetricDefinition] = [
        .init("ae_attendances_per_day", "A&E attendances", .perDay, better: .neither, byPeriod: true, key: true,
              "attendances: patients arriving at an A&E door inside the window (walk-ins, NHS 111 callers sent to A&E, ambulance patients on arrival at the door, before handover, and direct `arrivals` of any channel; GP admissions and transfers go straight to a bed and are not attendances)") {
            r, _ in r.perDay(r.department.arrivals)
        },
        .init("ae_walk_in_arrivals_per_day", "Walk-in attendances", .perDay, better: .neither, byPeriod: true, key: true,
              "attendances with channel `walk_in` or `nhs_111`") { r, _ in
            r.perDay(r.department.arrivalsByChannel[ArrivalChannel.walkIn.rawValue]
                     + r.department.arrivalsByChannel[ArrivalChannel.nhs111.rawValue])
        },
        .init("ae_ambulance_arrivals_per_day", "Ambulance attendances", .perDay, better: .neither, byPeriod: true, key: true,
              "attendances with channel `ambulance` (999 and 111-ambulance conveyances; direct arrivals labelled `ambulance`)") { r, _ in
            r.perDay(r.department.arrivalsByChannel[ArrivalChannel.ambulance.rawValue])
        },
        .init("ae_within_4h", "Within 4 hours", .fraction, better: .higher, byPeriod: true, headline: true,
              "1 − `ae_breaches_4h` ÷ departures; 1 when there are no departures") { r, _ in
            r.department.departures > 0
                ? 1 - Double(r.department.breaches) / Double(r.department.departures) : 1
        },
        .init("ae_breaches_4h", "4-hour breaches", .count, better: .lower, byPeriod: true, key: true,
              "departures after more than 240 min") { r, _ in Double(r.department.breaches) },
        .init("unstable_replication", "Unstable replications", .replications, better: .lower, key: true,
              "1 in a replication whose queues kept growing over the measured window at this scope (its mean and intervals are not results: see docs/results.md, \"Unstable replications\"), else 0; its mean across replications is the share unstable. Site: the mean number in A&E or queueing for a cubicle or bed exceeds twice the earlier figure plus 10 both from the window's first half to its second and from its opening twelfth to its closing twelfth (so a busy winter alone does not trip it); system: any site, or the queue for vehicles by the same rule; every scope of a replication stopped at `run.max_in_system`") { r, _ in
            r.unstable ? 1 : 0
        },
        .init("ae_left_before_treatment_rate", "Left without being seen", .fraction, better: .lower, byPeriod: true,
              key: true,
              "walk-ins who left while queueing for a cubicle (groups with `patience`) ÷ attendances. They count as departures at the time they left, so in the 4-hour measures") { r, _ in
            r.department.arrivals > 0 ? Double(r.department.leftBeforeTreatment) / Double(r.department.arrivals) : 0
        },
        .init("ae_wait_for_cubicle_mean_min", "Wait for a cubicle, mean", .minutes, better: .lower, key: true,
              "clock start → start of treatment in a cubicle, over treatments started in the window; includes triage (queue and service). An ambulance patient's clock starts at handover or 15 min after arrival, whichever is earlier, so a patient handed over as treatment starts counts the part of the wait beyond the first 15 min") { r, _ in
            r.department.waitForCubicle.mean
        },
        .init("ae_p_wait", "Share who queued for a cubicle", .fraction, better: .lower, key: true,
              "of treatments started in the window, the share whose patient queued for a cubicle (including at the door with a crew)") { r, _ in
            Double(r.department.waitedForCubicle) / Double(Swift.max(r.department.waitForCubicle.count, 1))
        },
        .init("ae_time_in_dept_mean_min", "Time in A&E, mean", .minutes, better: .lower, byPeriod: true, headline: true,
              "mean clock start → leaving A&E, over departures in the window") { r, _ in
            r.department.timeInDepartment.mean
        },
        .init("ae_time_in_dept_median_min", "Time in A&E, median", .minutes, better: .lower, key: true,
              "median of the same") { r, _ in r.timeInDepartment!.quantile(0.5) },
        .init("ae_time_in_dept_p95_min", "Time in A&E, 95th centile", .minutes, better: .lower, key: true,
              "95th percentile of the same") { r, _ in r.timeInDepartment!.quantile(0.95) },
        .init("ae_over_1h", "Over 1 hour in A&E", .fraction, better: .lower,
              "departures after more than 60 min ÷ departures") { r, _ in
            Double(r.department.overOneHour) / Double(Swift.max(r.department.departures, 1))
        },
        .init("ae_in_dept_mean", "Patients in A&E, mean", .patients, better: .lower,
              "mean number in A&E, from arrival at the door (ambulance patients waiting with a crew included) to leaving; system: sum of sites") { r, _ in
            r.inDepartment
        },
        .init("cubicle_occupancy_mean", "Busy cubicles, mean", .cubicles, better: .neither, key: true,
              "mean busy cubicles, all streams. A patient holds a cubicle from treatment start until leaving A&E, so exit-blocked patients count") { r, _ in
            r.cubiclesBusy
        },
        .init("cubicle_utilisation", "Cubicle utilisation", .fraction, better: .neither,
              "`cubicle_occupancy_mean` ÷ mean staffed cubicles (rota averaged over the 168 hours of the week). Can exceed 1 if a rota cuts capacity below those busy (nobody is pre-empted)") { r, _ in
            r.cubiclesStaffed > 0 ? r.cubiclesBusy / r.cubiclesStaffed : 0
        },
        .init("admissions_per_day", "Emergency admissions", .perDay, better: .neither, byPeriod: true, key: true,
              "emergency patients moving into a bed at the site: from A&E, GP admissions and transfers in (counted at the receiving site). Electives excluded") { r, _ in
            r.perDay(r.department.admissions)
        },
        .init("decision_to_admission_mean_min", "Decision to admission, mean", .minutes, better: .lower,
              "decision to admit → moving into the bed (after turnaround), over admissions in the window. The decision is the end of A&E treatment; for GP admissions their arrival; for transfers the decision at the first site (so vehicle wait and travel are included)") { r, _ in
            r.department.decisionToAdmission.mean
        },
        .init("trolley_waits_12h", "12-hour trolley waits", .count, better: .lower, byPeriod: true, headline: true,
              "A&E patients admitted in the window more than 720 min after the decision to admit (NHS trolley-wait measure: GP admissions and transfers in are not counted)") { r, _ in
            Double(r.department.trolleyWaits12h)
        },
        .init("ae_over_12h_from_arrival", "Over 12 hours in A&E from arrival", .count, better: .lower, byPeriod: true,
              key: true, "departures in the window more than 720 min after arriving at the door (the newer 12-hour measure)") { r, _ in
            Double(r.department.over12HoursFromArrival)
        },
        .init("bed_occupancy_mean", "Occupied beds, mean", .beds, better: .neither, byPeriod: true, headline: true,
              "mean occupied beds, all wards of the site, elective ward and elective patients included. A bed is occupied from allocation (through its turnaround) to discharge") { r, _ in
            r.bedsOccupied
        },
        .init("bed_occupancy_rate", "Bed occupancy", .fraction, better: .neither, key: true,
              "`bed_occupancy_mean` ÷ total beds of the site (0 with no beds)") { r, _ in
            r.beds > 0 ? r.bedsOccupied / Double(r.beds) : 0
        },
        .init("bed_occupancy_p95", "Occupied beds, 95th centile", .beds, better: .neither, key: true,
              "the smallest number of occupied beds at or below which the site spent 95% of the window. **System: sum of the sites' p95s** (an upper bound on the p95 of the total)") { r, _ in
            r.bedsP95
        },
        .init("hours_beds_full", "Hours with every bed full", .hours, better: .lower, key: true,
              "time with every bed of the site occupied (all wards full together; one full ward does not count: see `ward_<ward>_hours_full`). **System: the sum of the sites' values** (site-hours full; before flowsim 0.2 it was the fullest site's)") { r, _ in
            r.minutesBedsFull / CalendarTime.minutesPerHour
        },
        .init("beds_needed_85", "Beds needed at 85% occupancy", .beds, better: .neither,
              "mean occupied beds ÷ 0.85, ward by ward, summed (Bagust, Place and Posnett 1999: planning occupancy of 85%); a small ward needs more headroom than this for the same risk of being full") { r, _ in
            r.wards.reduce(0) { $0 + $1.occupied } / 0.85
        },
        .init("beds_needed_92", "Beds needed at 92% occupancy", .beds, better: .neither, key: true,
              "mean occupied beds ÷ 0.92, ward by ward, summed (92%: the most NHS planning guidance accepts)") { r, _ in
            r.wards.reduce(0) { $0 + $1.occupied } / 0.92
        },
    ]

    static let network: [MetricDefinition] = [
        .init("handover_delay_mean_min", "Handover delay, mean", .minutes, better: .lower, requires: .network,
              key: true,
              "the patient's wait from arrival at the door → handover to A&E staff (a cubicle for streams with `handover_needs_cubicle`, else at once), over handovers in the window at the site. A crew released by `release_crew_after` ends the crew's wait, not the patient's") { r, _ in
            r.department.handoverDelay.mean
        },
        .init("handover_delay_over_15_min", "Handovers over 15 min", .count, better: .lower, byPeriod: true,
              requires: .network, "handovers with a delay strictly over 15 min (the national standard is within 15)") { r, _ in
            Double(r.department.handoverOver15)
        },
        .init("handover_delay_over_30_min", "Handovers over 30 min", .count, better: .lower, byPeriod: true,
              requires: .network, key: true, "handovers with a delay strictly over 30 min") { r, _ in
            Double(r.department.handoverOver30)
        },
        .init("handover_delay_over_60_min", "Handovers over 60 min", .count, better: .lower, byPeriod: true,
              requires: .network, headline: true, "handovers with a delay strictly over 60 min") { r, _ in
            Double(r.department.handoverOver60)
        },
        .init("handover_delay_over_120_min", "Handovers over 120 min", .count, better: .lower, byPeriod: true,
              requires: .network, "handovers with a delay strictly over 120 min") { r, _ in
            Double(r.department.handoverOver120)
        },
        .init("crew_hours_lost_per_day", "Crew hours lost at handover", .hoursPerDay, better: .lower, byPeriod: true,
              requires: .network, key: true,
              "crew time at the A&E door beyond the first 15 minutes, until handover or release, in hours per day") { r, _ in
            r.department.crewMinutesLost / CalendarTime.minutesPerHour / r.days
        },
        .init("conveyance_travel_mean_min", "Conveyance travel, mean", .minutes, better: .lower, requires: .network,
              key: true, "blue-light minutes from the patient's locality to the site, over crews leaving the scene in the window for this site") { r, _ in
            r.department.conveyanceTravel.mean
        },
        .init("transfers_out_per_day", "Transfers out", .perDay, better: .lower, byPeriod: true, requires: .network,
              key: true, "patients decided to admit here whose group this site does not admit, sent to another site") { r, _ in
            r.perDay(r.department.transfersOut)
        },
        .init("gp_admissions_per_day", "GP admissions", .perDay, better: .neither, byPeriod: true, requires: .network,
              "GP admissions moving into a bed here (part of `admissions_per_day`)") { r, _ in
            r.perDay(r.department.gpAdmissions)
        },
        .init("elective_admissions_per_day", "Elective admissions", .perDay, better: .higher, byPeriod: true,
              requires: .network, "elective patients admitted, day cases included, counted at admission") { r, _ in
            r.perDay(r.department.electiveAdmissions)
        },
        .init("elective_cancellations_per_day", "Elective cancellations", .perDay, better: .lower, requires: .network,
              "overnight electives cancelled on the day because their ward had no free bed (a patient cancelled twice counts twice). With `electives.rebook_after` they are rebooked: see `elective_waiting_list_mean`") { r, _ in
            r.perDay(r.department.electiveCancellations)
        },
        .init("elective_waiting_list_mean", "Cancelled electives awaiting a new date", .patients, better: .lower,
              requires: .network, key: true,
              "mean number of cancelled overnight electives waiting for a new date: each takes the first overnight slot of the planned list from `electives.rebook_after` after its cancellation (0 when the scenario does not rebook)") { r, _ in
            r.electiveWaitingList
        },
        .init("elective_rebooked_per_day", "Cancelled electives operated on", .perDay, better: .neither, requires: .network,
              "rebooked overnight electives admitted on their new date (part of `elective_admissions_per_day`)") { r, _ in
            r.perDay(r.department.electivesRebooked)
        },
        .init("elective_rebooked_after_28_days", "Rebooked more than 28 days after cancellation", .fraction, better: .lower,
              requires: .network,
              "share of rebooked operations done more than 28 days after the operation was first cancelled (NHS standard: a new date within 28 days of a last-minute cancellation); 0 with none rebooked") { r, _ in
            r.department.electivesRebooked > 0
                ? Double(r.department.electivesRebookedLate) / Double(r.department.electivesRebooked) : 0
        },
        .init("elective_deferred_per_day", "Planned electives deferred", .perDay, better: .lower, requires: .network,
              "planned overnight operations whose slot went to a rebooked patient: booking against capacity keeps the volume to the plan, so each cancellation in the end costs one planned operation, which stays on the referral list") { r, _ in
            r.perDay(r.department.electivesDeferred)
        },
        .init("nel_admissions_per_1000", "Emergency admissions per 1,000", .perThousandPerYear, better: .lower,
              byPeriod: true, requires: .network, key: true,
              "`admissions_per_day` × 365 ÷ population × 1,000. Site: its **catchment**, the people of the localities whose walk-ins go to it; system: every locality") { r, _ in
            r.population > 0 ? Double(r.department.admissions) * (365 / r.days) / r.population * 1000 : 0
        },
        .init("bed_days_per_1000", "Bed days per 1,000", .perThousandPerYear, better: .lower, byPeriod: true,
              requires: .network,
              "`bed_occupancy_mean` × 365 ÷ population × 1,000 (occupied bed-days a year; electives and turnaround included); population as above") { r, _ in
            r.population > 0 ? r.bedsOccupied * 365 / r.population * 1000 : 0
        },
        .init("nel_bed_days_per_1000", "Non-elective bed days per 1,000", .perThousandPerYear, better: .lower,
              requires: .network, key: true,
              "emergency (non-elective) occupied bed-days a year ÷ population × 1,000: `bed_days_per_1000` less overnight electives' beds; compares with the seed's 296.4 (which the seed calls hospital bed days, combined)") { r, _ in
            r.population > 0 ? (r.bedsOccupied - r.electiveBedsOccupied) * 365 / r.population * 1000 : 0
        },
        .init("elective_bed_days_per_1000", "Elective bed days per 1,000", .perThousandPerYear, better: .neither,
              requires: .network, "overnight electives' occupied bed-days a year ÷ population × 1,000") { r, _ in
            r.population > 0 ? r.electiveBedsOccupied * 365 / r.population * 1000 : 0
        },
    ]

    static let breakdowns: [MetricDefinition] = [
        .init("ae_breaches_4h_hour_<hh>", "4-hour breaches by hour of arrival", .count, better: .lower,
              dimension: .arrivalHour,
              "breaches by hour of day of the clock start (arrival; handover for ambulance patients), `00` to `23`") { r, k in
            Double(r.department.breachesByArrivalHour[k])
        },
        .init("ae_time_in_dept_mean_min_hour_<hh>", "Time in A&E by hour of arrival, mean", .minutes, better: .lower,
              dimension: .arrivalHour,
              "mean clock start → leaving A&E of the departures in the window whose clock started in that hour of day, `00` to `23` (0 when none did)") { r, k in
            r.department.timeByArrivalHour[k].mean
        },
        .init("ae_time_in_dept_share_<min>", "Share of departures by time in A&E", .fraction, better: .neither,
              dimension: .stayBin,
              "the distribution of time in A&E (clock start → leaving): of departures in the window, the share who stayed over `<min>` minutes and at most 15 more, in 15-minute bins from `000` to `705`; `720` holds the stays over 12 hours. The bins sum to 1 (all 0 with no departures), and those from `240` on to 1 − `ae_within_4h`") { r, k in
            r.department.departures > 0 ? Double(r.department.departuresByStay[k]) / Double(r.department.departures) : 0
        },
        .init("ae_breaches_4h_group_<group>", "4-hour breaches by patient group", .count, better: .lower,
              dimension: .group, "breaches by patient group (one per `groups` id)") { r, k in
            Double(r.department.breachesByGroup[k])
        },
        .init("ae_breaches_4h_channel_<channel>", "4-hour breaches by arrival channel", .count, better: .lower,
              dimension: .channel,
              "breaches by arrival channel: `walk_in`, `ambulance`, `gp_referral`, `transfer`, `nhs_111`. In a network, `gp_referral` and `transfer` patients bypass A&E, so these count only direct `arrivals` with those channels") { r, k in
            Double(r.department.breachesByChannel[k])
        },
        .init("stream_<stream>_occupancy_mean", "Busy cubicles of a stream, mean", .cubicles, better: .neither,
              scopes: [.site], dimension: .stream,
              "mean busy cubicles of that stream of the site (exit-blocked patients included). **Sites only**") { r, k in
            r.streams[k].busy
        },
        .init("ward_<ward>_occupancy_mean", "Occupied beds of a ward, mean", .beds, better: .neither, dimension: .ward,
              "site: mean occupied beds of that ward of the site, one metric per ward the site has (a bed counts from allocation, turnaround included); system: sum over sites of the wards with that id") { r, k in
            r.wards[k].occupied
        },
        .init("ward_<ward>_occupancy_rate", "Occupancy of a ward", .fraction, better: .neither, dimension: .ward,
              "site: the same ÷ the ward's beds (0 for a ward of 0 beds); system: summed occupancy ÷ summed beds") { r, k in
            r.wards[k].beds > 0 ? r.wards[k].occupied / r.wards[k].beds : 0
        },
        .init("ward_<ward>_occupancy_p95", "Occupied beds of a ward, 95th centile", .beds, better: .neither,
              dimension: .ward,
              "site: the smallest number of the ward's beds occupied at or below which it spent 95% of the window; system: the sum of the sites' (an upper bound)") { r, k in
            r.wards[k].p95
        },
        .init("ward_<ward>_hours_full", "Hours with every bed of a ward full", .hours, better: .lower, dimension: .ward,
              "site: time with every bed of the ward occupied; system: the sum over sites (ward-hours full)") { r, k in
            r.wards[k].minutesFull / CalendarTime.minutesPerHour
        },
        .init("ward_<ward>_bed_wait_over_4h", "Waits over 4 hours for a bed of a ward", .fraction, better: .lower,
              dimension: .ward,
              "of emergency patients allocated a bed of the ward in the window (from A&E, GP admissions and transfers in), the share who waited more than 4 hours from asking for it (the decision to admit, or arrival) to its allocation; a standard for sizing a ward (docs/sizing.md)") { r, k in
            r.wards[k].facts.allocations > 0
                ? Double(r.wards[k].facts.waitsOver4h) / Double(r.wards[k].facts.allocations) : 0
        },
    ]

    static let ambulanceService: [MetricDefinition] = [
        .init("ambulance_incidents_per_day", "999 incidents", .perDay, better: .neither, scopes: [.system],
              byPeriod: true, requires: .network,
              "999 calls, including 111 calls sent an ambulance and hear-and-treat calls, at call time") { r, _ in
            r.perDay(r.network!.incidents)
        },
        .init("ambulance_dispatches_per_day", "Vehicles dispatched", .perDay, better: .neither, scopes: [.system],
              byPeriod: true, requires: .network,
              "vehicles sent: the primary vehicle when assigned to an incident, secondary dispatches, and inter-site transfers") { r, _ in
            r.perDay(r.network!.dispatches)
        },
        .init("ambulance_conveyances_per_day", "Conveyances", .perDay, better: .neither, scopes: [.system],
              byPeriod: true, requires: .network, "crews leaving a scene with the patient") { r, _ in
            r.perDay(r.network!.conveyed)
        },
        .init("hear_and_treat_per_day", "Hear and treat", .perDay, better: .neither, scopes: [.system],
              requires: .network, "calls resolved by telephone (no vehicle)") { r, _ in
            r.perDay(r.network!.hearAndTreat)
        },
        .init("see_and_treat_per_day", "See and treat", .perDay, better: .neither, scopes: [.system],
              requires: .network, "patients treated at the scene, counted when the crew arrives") { r, _ in
            r.perDay(r.network!.seeAndTreat)
        },
        .init("ambulance_response_mean_min", "Ambulance response, mean", .minutes, better: .lower, scopes: [.system],
              requires: .network, key: true,
              "call → first responder at the scene (the crew, or a rapid response car that arrived first; waiting for a free vehicle included), over responses in the window; see and treat and conveyed") { r, _ in
            r.network!.response.mean
        },
        .init("ambulance_response_p90_min", "Ambulance response, 90th centile", .minutes, better: .lower,
              scopes: [.system], requires: .network, "90th percentile of the same") { r, _ in
            r.responseTimes!.response.quantile(0.9)
        },
        .init("fleet_utilisation", "Fleet utilisation", .fraction, better: .neither, scopes: [.system],
              requires: .network,
              "mean busy vehicles ÷ mean rostered vehicles (168-hour rota mean). A vehicle is busy from assignment until free: travel, scene, conveyance, waiting at the door, handover, clear, secondary jobs and transfers") { r, _ in
            r.fleetStaffed > 0 ? r.fleetBusy / r.fleetStaffed : 0
        },
        .init("nhs111_calls_per_day", "NHS 111 calls", .perDay, better: .neither, scopes: [.system], byPeriod: true,
              requires: .network, "NHS 111 calls, at call time") { r, _ in
            r.perDay(r.network!.nhs111Calls)
        },
        .init("nhs111_<disposition>_per_day", "NHS 111 calls by disposition", .perDay, better: .neither,
              scopes: [.system], requires: .network, dimension: .disposition,
              "calls by disposition: `self_care`, `primary_care`, `other_service`, `emergency_department`, `ambulance`") { r, k in
            r.perDay(r.network!.nhs111Dispositions[k])
        },
    ]

    static let community: [MetricDefinition] = [
        .init("dtoc_bed_days", "Delayed transfers of care", .bedDays, better: .lower, byPeriod: true,
              requires: .community, "the sum of the three pathways' delayed bed-days (pathway 0 never waits)") { r, _ in
            r.department.delayedBedDays[1] + r.department.delayedBedDays[2] + r.department.delayedBedDays[3]
        },
        .init("dtoc_bed_days_pathway_<pathway>", "Delayed transfers of care by pathway", .bedDays, better: .lower,
              requires: .community, dimension: .pathway,
              "acute bed-days spent waiting for an **MDT place** (pathway 1), a **D2A bed** (pathway 2) or a **care-home placement** (pathway 3, `care_home_wait`)") { r, k in
            r.department.delayedBedDays[k + 1]
        },
        .init("mdt_caseload_mean", "MDT caseload, mean", .patients, better: .neither, scopes: [.system, .locality],
              byPeriod: true, requires: .community,
              "mean number on the locality MDT's caseload: step-up people managed at home and step-down patients discharged by pathway 1; system: sum over localities") { r, _ in
            r.mdtCaseload
        },
        .init("mdt_utilisation", "MDT utilisation", .fraction, better: .neither, scopes: [.system, .locality],
              requires: .community,
              "`mdt_caseload_mean` ÷ `mdt_places_mean` (0 with no places); system: summed caseload ÷ summed places. Can pass 1 after places are cut: nobody is discharged early") { r, _ in
            r.mdtPlaces > 0 ? r.mdtCaseload / r.mdtPlaces : 0
        },
        .init("mdt_places_mean", "MDT places, mean", .places, better: .neither, scopes: [.system, .locality],
              byPeriod: true, requires: .community,
              "mean MDT places: round(`caseload_per_100k` × population ÷ 100,000 × `capacity_by_level[level]`), following maturity steps and timeline changes; system: sum over localities") { r, _ in
            r.mdtPlaces
        },
        .init("mdt_referrals_accepted_per_day", "MDT referrals accepted", .perDay, better: .higher,
              scopes: [.system, .locality], byPeriod: true, requires: .community,
              "referrals **managed at home**: identified as frail (`frailty_share`), a free place, and taken on (`effectiveness_by_level`)") { r, _ in
            r.perDay(r.mdt.accepted)
        },
        .init("mdt_referrals_declined_per_day", "MDT referrals declined", .perDay, better: .lower,
              scopes: [.system, .locality], byPeriod: true, requires: .community,
              "referrals identified as frail for which the MDT had **no free place** (every place taken, or step-down patients already waiting for one); they go on to A&E, 999 or the bed. Referrals that found a place but were not taken on (the effectiveness draw) are neither accepted nor declined") { r, _ in
            r.perDay(r.mdt.declined)
        },
        .init("admissions_avoided_per_day", "Admissions avoided", .perDay, better: .higher,
              scopes: [.system, .locality], byPeriod: true, requires: .community,
              "accepted referrals that do **not escalate** to a 999 call (escalation is drawn at acceptance, so they are counted then)") { r, _ in
            r.perDay(r.mdt.avoided)
        },
        .init("d2a_<unit>_occupancy_mean", "Occupied D2A beds of a unit, mean", .beds, better: .neither,
              scopes: [.system], requires: .community, dimension: .dischargeToAssessUnit,
              "mean occupied beds of that discharge-to-assess unit (one per `community.discharge_to_assess` id)") { r, k in
            r.dischargeToAssess[k].occupied
        },
        .init("d2a_occupancy_mean", "Occupied D2A beds, mean", .beds, better: .neither, scopes: [.system],
              requires: .community, "sum over the discharge-to-assess units") { r, _ in
            r.dischargeToAssess.reduce(0) { $0 + $1.occupied }
        },
    ]

    /// The metrics tables and reports show by default, in report order.
    public static var keyMetrics: [MetricDefinition] { all.filter(\.isKey) }
    /// The few a sweep summarises when its file names none.
    public static var headlineMetrics: [MetricDefinition] { all.filter(\.isHeadline) }

    /// The definition with this id (a family's id holds its `<part>`).
    public static func definition(id: String) -> MetricDefinition? { all.first { $0.id == id } }

    /// The metrics a scenario reports in a scope: the catalogue entries
    /// that exist there, expanded over the reading's entities.
    static func metrics(at scope: Scope, in reading: ScopeReading, has: (MetricRequirement) -> Bool) -> [Metric] {
        var out: [Metric] = []
        for d in all where d.scopes.contains(scope.kind) {
            // A reporting period carries every period metric of its kind,
            // whatever the scenario has (docs/results.md).
            if scope.isPeriod ? !d.byPeriod : !has(d.requirement) { continue }
            if let dimension = d.dimension {
                out += reading.parts(dimension).enumerated().map { Metric(d, part: $1, partIndex: $0) }
            } else {
                out.append(Metric(d, part: nil))
            }
        }
        return out
    }

    /// The value of `metric` in `reading`, a reading of the scope the
    /// metric was listed for when it has a `partIndex`.
    static func value(_ metric: Metric, in reading: ScopeReading) -> Double {
        guard let dimension = metric.definition.dimension else { return metric.definition.formula(reading, 0) }
        if let index = metric.partIndex {
            assert(reading.parts(dimension)[index] == metric.part, "\(metric.name) read in a scope it was not listed for")
            return metric.definition.formula(reading, index)
        }
        return metric.definition.formula(reading, reading.parts(dimension).firstIndex(of: metric.part ?? "") ?? 0)
    }
}

extension MetricDefinition {
    /// Builds the `Metric` for a concrete name in result files, when the
    /// name is one of this definition's.
    public func metric(named name: String) -> Metric? {
        guard dimension != nil else { return name == id ? Metric(self, part: nil) : nil }
        let pieces = idPieces
        guard pieces.count == 2, name.hasPrefix(pieces[0]), name.hasSuffix(pieces[1]),
              name.count > pieces[0].count + pieces[1].count else { return nil }
        let part = String(name.dropFirst(pieces[0].count).dropLast(pieces[1].count))
        return Metric(self, part: part)
    }
}

extension MetricCatalogue {
    /// The metric a result file names `name`, if the catalogue has it:
    /// a plain id first, then the families (`ward_<ward>_occupancy_mean`).
    public static func metric(named name: String) -> Metric? {
        if let d = all.first(where: { $0.dimension == nil && $0.id == name }) { return Metric(d, part: nil) }
        for d in all where d.dimension != nil {
            if let m = d.metric(named: name) { return m }
        }
        return nil
    }
}
