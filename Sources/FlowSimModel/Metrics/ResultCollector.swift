import FlowSimCore

/// Reads a finished replication into a `ReplicationResult`.
struct ResultCollector {
    let config: ModelConfig

    func collect(_ model: FlowModel, end: Double, events: Int) -> ReplicationResult {
        let catalogue = MetricCatalogue(days: config.horizon / CalendarTime.minutesPerDay,
                                        groupIDs: config.groups.map(\.id), hasNetwork: config.network != nil)
        let catchment = catchmentPopulations(model.routing)
        var system = SiteStatistics(groups: config.groups.count, beds: 0)
        var systemCapacity = MetricCatalogue.Capacity()
        systemCapacity.population = config.network?.population ?? 0
        var systemInDepartment = 0.0
        var wardOccupied: [String: Double] = [:], wardBeds: [String: Double] = [:]
        var systemDelays = [Double](repeating: 0, count: 4)
        var values: [String: [String: Double]] = [:]
        for (s, site) in config.sites.enumerated() {
            let stats = model.stats[s]
            var c = MetricCatalogue.Capacity()
            for (k, pool) in model.layout.cubiclePools[s].enumerated() {
                c.cubiclesBusy += model.pools[pool].busyLevel.mean(at: end)
                c.cubiclesStaffed += averaged { $0.sites[s].streams[k].treatment.servers.meanServers }
            }
            for pool in model.layout.wardPools[s] { c.bedsOccupied += model.pools[pool].busyLevel.mean(at: end) }
            c.beds = Int(averaged { Double($0.sites[s].wards.reduce(0) { $0 + $1.beds }) }.rounded())
            c.bedsP95 = stats.bedLevels.quantile(0.95, at: end)
            c.minutesBedsFull = c.beds > 0 ? stats.bedLevels.time(atOrAbove: c.beds, at: end) : 0
            c.population = catchment[s]
            var siteMetrics = catalogue.metrics(stats, capacity: c, end: end)
            for (k, stream) in site.streams.enumerated() {
                let busy = model.pools[model.layout.cubiclePools[s][k]].busyLevel.mean(at: end)
                siteMetrics.append(("stream_\(stream.id)_occupancy_mean", busy))
            }
            for (k, ward) in site.wards.enumerated() {
                let occupied = model.pools[model.layout.wardPools[s][k]].busyLevel.mean(at: end)
                siteMetrics.append(("ward_\(ward.id)_occupancy_mean", occupied))
                let beds = averaged { Double($0.sites[s].wards[k].beds) }
                siteMetrics.append(("ward_\(ward.id)_occupancy_rate", beds > 0 ? occupied / beds : 0))
                wardOccupied[ward.id, default: 0] += occupied
                wardBeds[ward.id, default: 0] += beds
            }
            if config.community != nil {
                siteMetrics += delayMetrics(stats.delayedBedDays)
                for p in 1...3 { systemDelays[p] += stats.delayedBedDays[p] }
            }
            values[site.id] = Dictionary(uniqueKeysWithValues: siteMetrics)
            system.absorb(stats)
            systemInDepartment += stats.inDepartment.mean(at: end)
            systemCapacity.cubiclesBusy += c.cubiclesBusy
            systemCapacity.cubiclesStaffed += c.cubiclesStaffed
            systemCapacity.bedsOccupied += c.bedsOccupied
            systemCapacity.beds += c.beds
            // The system's bed p95 is the sum of the sites' (an upper bound on
            // the p95 of the total) and its hours full those of the fullest
            // site: both documented in docs/results.md.
            systemCapacity.bedsP95 += c.bedsP95
            systemCapacity.minutesBedsFull = max(systemCapacity.minutesBedsFull, c.minutesBedsFull)
        }
        system.inDepartment = TimeWeighted(value: systemInDepartment, at: end)
        var systemMetrics = catalogue.metrics(system, capacity: systemCapacity, end: end)
        for ward in config.sites.flatMap({ $0.wards.map(\.id) }).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let occupied = wardOccupied[ward] ?? 0, beds = wardBeds[ward] ?? 0
            systemMetrics.append(("ward_\(ward)_occupancy_mean", occupied))
            systemMetrics.append(("ward_\(ward)_occupancy_rate", beds > 0 ? occupied / beds : 0))
        }
        if let network = config.network, model.layout.fleet >= 0 {
            let fleet = model.pools[model.layout.fleet]
            systemMetrics += catalogue.networkMetrics(model.network, fleetBusy: fleet.busyLevel.mean(at: end),
                                                      fleetStaffed: averaged { $0.network?.ambulance.vehicles.meanServers ?? 0 })
        }
        var scopes = ["system"] + config.sites.map(\.id)
        var periodScopes: [String] = []
        if let c = config.community, let community = model.community, let network = config.network {
            systemMetrics += delayMetrics(systemDelays)
            let days = config.horizon / CalendarTime.minutesPerDay
            var total = LocalityStatistics(), busyTotal = 0.0, placesTotal = 0.0
            for (l, locality) in network.localities.enumerated() {
                let s = model.localityStats[l]
                let busy = model.pools[community.mdtPool[l]].busyLevel.mean(at: end)
                let places = s.places.mean(at: end)
                values[locality.id] = Dictionary(uniqueKeysWithValues: communityMetrics(s, busy: busy, places: places, days: days))
                scopes.append(locality.id)
                total.accepted += s.accepted
                total.declined += s.declined
                total.avoided += s.avoided
                busyTotal += busy
                placesTotal += places
            }
            systemMetrics += communityMetrics(total, busy: busyTotal, places: placesTotal, days: days)
            var d2aTotal = 0.0
            for (k, unit) in c.d2aPools.enumerated() {
                let pool = model.layout.d2aPools[k]
                let occupied = model.pools[pool].busyLevel.mean(at: end)
                d2aTotal += occupied
                systemMetrics.append(("d2a_\(unit.id)_occupancy_mean", occupied))
            }
            systemMetrics.append(("d2a_occupancy_mean", d2aTotal))
        }
        values["system"] = Dictionary(uniqueKeysWithValues: systemMetrics)
        // Multi-year runs: the same figures by reporting period, in scopes
        // "<scope>@<period>" (docs/results.md).
        if !model.periodEnds.isEmpty {
            var start = PeriodSnapshot()
            start.time = config.warmup
            start.sites = Array(repeating: PeriodSnapshot.Site(), count: config.sites.count)
            let ends = model.periodEnds + [model.snapshot(at: end)]
            for (k, finish) in ends.enumerated() {
                let label = periodLabel(k)
                let period = PeriodMetrics(from: start, to: finish, population: config.network?.population ?? 0,
                                           catchment: catchment)
                values["system@\(label)"] = Dictionary(uniqueKeysWithValues: period.system())
                periodScopes.append("system@\(label)")
                for (s, site) in config.sites.enumerated() {
                    values["\(site.id)@\(label)"] = Dictionary(uniqueKeysWithValues: period.site(s))
                    periodScopes.append("\(site.id)@\(label)")
                }
                start = finish
            }
        }
        scopes += periodScopes
        // Report order: the system's metrics, then those only sites have.
        var names = systemMetrics.map(\.0)
        var known = Set(names)
        for scope in scopes.dropFirst() {
            for name in (values[scope] ?? [:]).keys.sorted() where known.insert(name).inserted { names.append(name) }
        }
        var result = ReplicationResult(
            scopes: scopes, metricNames: names, values: values,
            measuredJourneys: model.measuredJourneys, eventsHandled: events,
            arrived: model.arrivedTotal, left: model.leftTotal, stillInside: model.patients.active)
        result.mainScopes = ["system"] + config.sites.map(\.id)
        return result
    }

    /// A capacity averaged over the measured window, weighting each state
    /// of a timeline by how long it was in force.
    func averaged(_ value: (ModelConfig) -> Double) -> Double {
        let start = config.warmup, end = config.warmup + config.horizon
        let states = [(from: start, config: config)] + config.epochs
        var total = 0.0
        for (k, state) in states.enumerated() {
            let from = max(state.from, start)
            let to = k + 1 < states.count ? min(states[k + 1].from, end) : end
            if to > from { total += value(state.config) * (to - from) }
        }
        return total / (end - start)
    }

    /// "2016/17", "2017/18", ... from the scenario's start date, or "year 1", ...
    func periodLabel(_ k: Int) -> String {
        guard let first = config.firstPeriodLabel, let year = Int(first.prefix(4)) else { return "year \(k + 1)" }
        return String(format: "%04d/%02d", year + k, (year + k + 1) % 100)
    }

    /// Delayed transfers of care, in bed days, in all and by pathway.
    func delayMetrics(_ byPathway: [Double]) -> [(String, Double)] {
        [("dtoc_bed_days", byPathway[1] + byPathway[2] + byPathway[3]),
         ("dtoc_bed_days_pathway_1", byPathway[1]),
         ("dtoc_bed_days_pathway_2", byPathway[2]),
         ("dtoc_bed_days_pathway_3", byPathway[3])]
    }

    func communityMetrics(_ s: LocalityStatistics, busy: Double, places: Double, days: Double) -> [(String, Double)] {
        [("mdt_caseload_mean", busy),
         ("mdt_utilisation", places > 0 ? busy / places : 0),
         ("mdt_places_mean", places),
         ("mdt_referrals_accepted_per_day", Double(s.accepted) / days),
         ("mdt_referrals_declined_per_day", Double(s.declined) / days),
         ("admissions_avoided_per_day", Double(s.avoided) / days)]
    }

    /// Each site's catchment: the people of the localities whose walk-ins
    /// go there (per-1,000 rates of a site are per head of its catchment).
    func catchmentPopulations(_ routing: RoutingTable) -> [Double] {
        var population = [Double](repeating: 0, count: config.sites.count)
        guard let network = config.network, !config.groups.isEmpty else { return population }
        for (l, locality) in network.localities.enumerated() {
            let site = routing.walkIn[l * config.groups.count]
            if site >= 0 { population[site] += locality.population }
        }
        return population
    }
}
