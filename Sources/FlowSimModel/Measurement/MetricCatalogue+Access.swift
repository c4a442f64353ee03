import FlowSimCore

/// Ambulance response by category (Ambulance Response Programme), travel
/// and access per locality, walk-ins diverted and fleet load.
extension MetricCatalogue {
    static let accessTitle = "Ambulance response, travel and access (network scenarios; system, sites and localities)"

    /// The national standards (NHS England, Ambulance Response Programme,
    /// 2017): mean and 90th centile in minutes; nil where none is set.
    static let responseStandards: [(mean: Double?, p90: Double)] = [(7, 15), (18, 40), (nil, 120), (nil, 180)]

    static let roadTimeNote = "road times are approximations from coordinates (great-circle distance × road factor at a set speed) unless `network.travel.matrix` gives them"

    static let access: [MetricDefinition] = responseByCategory + [
        .init("rapid_response_dispatches_per_day", "Rapid response cars dispatched", .perDay, better: .neither,
              scopes: [.system], requires: .network,
              "rapid response cars (solo responders, `network.ambulance.rapid_response`) sent to calls of their categories, when one was free at a standby point at the call; not in `ambulance_dispatches_per_day`; 0 without cars") { r, _ in
            r.perDay(r.network!.carDispatches)
        },
        .init("ambulance_response_c1_car_first", "Category 1 responses first reached by a car", .fraction,
              better: .neither, scopes: [.system], requires: .network,
              "share of category 1 responses in the window where a rapid response car, not the ambulance crew, was the first responder at the scene (and so stopped the response clock); 0 without cars or responses") { r, _ in
            let n = r.network!.responseByCategory[0].count
            return n > 0 ? Double(r.network!.carFirstByCategory[0]) / Double(n) : 0
        },
        .init("walk_ins_diverted_per_day", "Walk-ins diverted", .perDay, better: .neither,
              scopes: [.system, .site, .locality], requires: .network,
              "walk-ins and NHS 111 callers sent to A&E who follow the emergency services (`network.walk_ins_follow_ambulance`) to a site other than their nearest A&E; site: those arriving there; locality: those leaving it") { r, _ in
            r.perDay(r.access!.walkInsDiverted)
        },
        .init("ambulance_jobs_per_vehicle_shift", "Jobs per vehicle per 12-hour shift", .count, better: .neither,
              scopes: [.system], requires: .network,
              "`ambulance_dispatches_per_day` ÷ (mean rostered vehicles × 2): a 12-hour shift (assumption); transfers and secondary vehicles included") { r, _ in
            r.fleetStaffed > 0 ? r.perDay(r.network!.dispatches) / (r.fleetStaffed * 2) : 0
        },
        .init("travel_ambulance_<group>_min", "Conveyance travel by patient group", .minutes, better: .lower,
              scopes: [.system, .locality], requires: .network, dimension: .group,
              "blue-light minutes from the locality to the site its ambulances take that group to, averaged over the 24 hours of the day (the site can change with the hour); system: population-weighted mean over localities. \(roadTimeNote)") { r, k in
            r.access!.ambulanceTravelByGroup[k]
        },
        .init("travel_to_nearest_ae_min", "Travel to the nearest A&E", .minutes, better: .lower,
              scopes: [.system, .locality], requires: .network, key: true,
              "road minutes from the locality to the nearest site that takes walk-ins; system: population-weighted mean. \(roadTimeNote)") { r, _ in
            r.access!.toNearestAE
        },
        .init("travel_to_specialist_mean_min", "Travel to a specialist emergency hospital", .minutes, better: .lower,
              scopes: [.system, .locality], requires: .network, key: true,
              "road minutes from the locality to the nearest specialist emergency hospital, a site whose role takes every ambulance at every hour (`ambulances: all`; today every district general hospital); system: population-weighted mean. \(roadTimeNote)") { r, _ in
            r.access!.toSpecialist
        },
    ] + populationWithin

    /// `ambulance_response_c<n>_mean_min` and `_p90_min` for the four categories.
    static let responseByCategory: [MetricDefinition] = (0..<NetworkFacts.categories).flatMap { c -> [MetricDefinition] in
        let n = c + 1, standard = responseStandards[c]
        let meanStandard = standard.mean.map { "standard: mean \(Int($0)) min" } ?? "no national standard for the mean"
        return [
            .init("ambulance_response_c\(n)_mean_min", "Category \(n) response, mean", .minutes, better: .lower,
                  scopes: [.system, .site, .locality], requires: .network, key: n <= 2,
                  "call → first responder at the scene (the ambulance crew, or a rapid response car when one was sent and arrived first: the Ambulance Response Programme's clock stop) for calls of category \(n) (the call's category is drawn from its group's `ambulance.categories`), over responses in the window, waiting for a free vehicle included; site: the localities of its catchment (whose walk-ins go there); 0 with no responses; \(meanStandard)") { r, _ in
                r.access!.responses.mean[c].mean
            },
            .init("ambulance_response_c\(n)_p90_min", "Category \(n) response, 90th centile", .minutes, better: .lower,
                  scopes: [.system, .site, .locality], requires: .network, key: n <= 2,
                  "90th centile of the same (to a quarter of a minute); standard: \(Int(standard.p90)) min") { r, _ in
                r.access!.responses.times[c].quantile(0.9)
            },
        ]
    }

    static let populationWithin: [MetricDefinition] = AccessReading.thresholds.indices.flatMap { k -> [MetricDefinition] in
        let minutes = Int(AccessReading.thresholds[k])
        return [
            .init("population_within_\(minutes)min_specialist", "Population within \(minutes) min of a specialist emergency hospital",
                  .people, better: .higher, scopes: [.system, .locality], requires: .network, key: minutes == 45,
                  "residents whose locality is at most \(minutes) road minutes from a specialist emergency hospital (as in `travel_to_specialist_mean_min`); locality: its population or 0. \(roadTimeNote)") { r, _ in
                r.access!.populationWithinSpecialist[k]
            },
            .init("population_within_\(minutes)min_ae", "Population within \(minutes) min of a 24/7 A&E",
                  .people, better: .higher, scopes: [.system, .locality], requires: .network,
                  "residents whose locality is at most \(minutes) road minutes from a site that takes walk-ins (as in `travel_to_nearest_ae_min`). \(roadTimeNote)") { r, _ in
                r.access!.populationWithinAE[k]
            },
        ]
    }
}
