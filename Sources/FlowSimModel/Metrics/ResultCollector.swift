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
        var wardOccupied: [String: Double] = [:], wardBeds: [String: Int] = [:]
        var values: [String: [String: Double]] = [:]
        for (s, site) in config.sites.enumerated() {
            let stats = model.stats[s]
            var c = MetricCatalogue.Capacity()
            for (k, pool) in model.layout.cubiclePools[s].enumerated() {
                c.cubiclesBusy += model.pools[pool].busyLevel.mean(at: end)
                c.cubiclesStaffed += site.streams[k].treatment.servers.meanServers
            }
            for pool in model.layout.wardPools[s] { c.bedsOccupied += model.pools[pool].busyLevel.mean(at: end) }
            c.beds = model.layout.beds[s]
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
                siteMetrics.append(("ward_\(ward.id)_occupancy_rate", ward.beds > 0 ? occupied / Double(ward.beds) : 0))
                wardOccupied[ward.id, default: 0] += occupied
                wardBeds[ward.id, default: 0] += ward.beds
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
            systemMetrics.append(("ward_\(ward)_occupancy_rate", beds > 0 ? occupied / Double(beds) : 0))
        }
        if let network = config.network, model.layout.fleet >= 0 {
            let fleet = model.pools[model.layout.fleet]
            systemMetrics += catalogue.networkMetrics(model.network, fleetBusy: fleet.busyLevel.mean(at: end),
                                                      fleetStaffed: network.ambulance.vehicles.meanServers)
        }
        values["system"] = Dictionary(uniqueKeysWithValues: systemMetrics)
        // Report order: the system's metrics, then those only sites have.
        var names = systemMetrics.map(\.0)
        var known = Set(names)
        for site in config.sites {
            for name in (values[site.id] ?? [:]).keys.sorted() where known.insert(name).inserted { names.append(name) }
        }
        return ReplicationResult(
            scopes: ["system"] + config.sites.map(\.id), metricNames: names, values: values,
            measuredJourneys: model.measuredJourneys, eventsHandled: events,
            arrived: model.arrivedTotal, left: model.leftTotal, stillInside: model.patients.active)
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
