import FlowSimCore

/// Reads a finished replication into a `ReplicationResult`: a reading of
/// every scope, from the recorder's running totals and the model's pools,
/// then every catalogue metric of the scope over it.
struct ResultCollector {
    let config: ModelConfig
    let layout: MetricLayout

    /// - Parameter layout: `MetricLayout(config)` if the caller has it.
    init(config: ModelConfig, layout: MetricLayout? = nil) {
        self.config = config
        self.layout = layout ?? MetricLayout(config)
    }

    /// - Parameter recorder: the window recorder the model reported to
    ///   (the model's own recorder, or the one a trace passes facts on to).
    func collect<Recorder>(_ model: FlowModel<Recorder>, recorder: WindowRecorder, end: Double,
                           events: Int) -> ReplicationResult {
        let skeleton = ReadingSkeleton(config)
        // A replication stopped as overloaded before its warm-up ended has
        // an empty window.
        let start = RunningTotals.empty(at: min(config.warmup > 0 ? config.warmup : 0, end),
                                        wards: config.sites.map(\.wards.count),
                                        groups: config.groups.count, localities: recorder.localities.count,
                                        pools: model.pools.count)
        let finish = recorder.totals(at: end, poolAreas: model.poolAreas(at: end))
        let readings = Readings(config: config, skeleton: skeleton, model: model, recorder: recorder,
                                catchment: catchmentPopulations(model.routing))
        var byScope = readings.wholeWindow(from: start, to: finish)
        var from = start
        for (k, to) in (recorder.periodEnds + [finish]).enumerated() where !layout.periods.isEmpty {
            for (scope, reading) in readings.period(from: from, to: to) { byScope[scope.during(layout.periods[k])] = reading }
            from = to
        }
        var values: [Scope: [String: Double]] = [:]
        for scope in layout.scopes {
            guard let reading = byScope[scope] else { continue }
            var named: [String: Double] = [:]
            for metric in layout.metrics(at: scope) { named[metric.name] = MetricCatalogue.value(metric, in: reading) }
            values[scope] = named
        }
        return ReplicationResult(
            layout: layout, values: values, measuredJourneys: recorder.measuredJourneys, eventsHandled: events,
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

/// Builds the readings of a stretch of the window from two running totals.
private struct Readings<Recorder: FactRecorder> {
    let config: ModelConfig
    let skeleton: ReadingSkeleton
    let model: FlowModel<Recorder>
    let recorder: WindowRecorder
    let catchment: [Double]

    /// The whole measured window: the sites, the system and the localities,
    /// with the quantiles and capacities a period does not have.
    func wholeWindow(from a: RunningTotals, to b: RunningTotals) -> [Scope: ScopeReading] {
        // A replication stopped as overloaded measured less than the horizon.
        let days = model.overloaded ? max(b.time - a.time, 1) / CalendarTime.minutesPerDay
                                    : config.horizon / CalendarTime.minutesPerDay
        let stability = Stability(model: model, recorder: recorder, start: a, end: b)
        var out: [Scope: ScopeReading] = [:]
        var sites: [ScopeReading] = []
        for (s, site) in config.sites.enumerated() {
            var r = siteReading(s, from: a, to: b, days: days)
            let distributions = recorder.distributions[s]
            r.timeInDepartment = distributions.timeInDepartment.sketch
            r.cubiclesStaffed = model.layout.cubiclePools[s].indices.reduce(0) { total, k in
                total + averaged { $0.sites[s].streams[k].treatment.servers.meanServers }
            }
            r.beds = Int(averaged { Double($0.sites[s].wards.reduce(0) { $0 + $1.beds }) }.rounded())
            r.bedsP95 = distributions.bedLevels.quantile(0.95, at: b.time)
            r.minutesBedsFull = r.beds > 0 ? distributions.bedLevels.time(atOrAbove: r.beds, at: b.time) : 0
            for k in r.wards.indices {
                r.wards[k].beds = averaged { Double($0.sites[s].wards[k].beds) }
                let level = distributions.wardLevels[k]
                r.wards[k].p95 = level.quantile(0.95, at: b.time)
                let beds = Int(r.wards[k].beds.rounded())
                r.wards[k].minutesFull = beds > 0 ? level.time(atOrAbove: beds, at: b.time) : 0
            }
            r.unstable = stability.siteIsUnstable(s)
            r.months = recorder.months.counts(site: s)
            sites.append(r)
            out[.site(site.id)] = r
        }
        var system = systemReading(sites, from: a, to: b, days: days)
        var sketch = QuantileSketch()
        for r in sites { sketch.add(r.timeInDepartment!) }
        system.timeInDepartment = sketch
        system.cubiclesStaffed = sites.reduce(0) { $0 + $1.cubiclesStaffed }
        system.beds = sites.reduce(0) { $0 + $1.beds }
        // The system's bed p95 is the sum of the sites' (an upper bound on
        // the p95 of the total) and its hours full the sum of the sites'
        // (site-hours with every bed full): docs/results.md.
        system.bedsP95 = sites.reduce(0) { $0 + $1.bedsP95 }
        system.minutesBedsFull = sites.reduce(0) { $0 + $1.minutesBedsFull }
        system.unstable = sites.contains(where: \.unstable) || stability.fleetIsUnstable
        system.months = sites.reduce(MonthCounts()) { $0 + $1.months }
        if config.network != nil {
            system.responseTimes = recorder.networkDistributions?.distributions
            system.fleetStaffed = averaged { $0.network?.ambulance.vehicles.meanServers ?? 0 }
        }
        out[.system] = system
        if let network = config.network {
            let access = AccessReadings(config: config, routing: model.routing, facts: recorder.ambulance)
            out[.system]!.access = access.system
            for (s, site) in config.sites.enumerated() { out[.site(site.id)]!.access = access.site(s) }
            for (l, locality) in network.localities.enumerated() {
                var r = skeleton.reading(for: .locality(locality.id), days: days)
                r.access = access.localities[l]
                if skeleton.hasCommunity, let community = model.community {
                    r.mdt = b.localities[l] - a.localities[l]
                    r.mdtCaseload = poolMean(community.mdtPool[l], from: a, to: b)
                    r.mdtPlaces = b.time > a.time ? (b.placesArea[l] - a.placesArea[l]) / (b.time - a.time) : 0
                }
                out[.locality(locality.id)] = r
            }
        }
        return out
    }

    /// One reporting period: the sites and the system.
    func period(from a: RunningTotals, to b: RunningTotals) -> [Scope: ScopeReading] {
        let days = (b.time - a.time) / CalendarTime.minutesPerDay
        var out: [Scope: ScopeReading] = [:]
        let sites = config.sites.indices.map { siteReading($0, from: a, to: b, days: days) }
        for (s, r) in sites.enumerated() { out[.site(config.sites[s].id)] = r }
        out[.system] = systemReading(sites, from: a, to: b, days: days)
        return out
    }

    private func siteReading(_ s: Int, from a: RunningTotals, to b: RunningTotals, days: Double) -> ScopeReading {
        var r = skeleton.reading(for: .site(config.sites[s].id), days: days)
        r.department = b.sites[s] - a.sites[s]
        r.inDepartment = b.time > a.time ? (b.inDepartmentArea[s] - a.inDepartmentArea[s]) / (b.time - a.time) : 0
        for (k, pool) in model.layout.cubiclePools[s].enumerated() {
            let busy = poolMean(pool, from: a, to: b)
            r.cubiclesBusy += busy
            r.streams[k].busy = busy
        }
        for (k, pool) in model.layout.wardPools[s].enumerated() {
            let occupied = poolMean(pool, from: a, to: b)
            r.bedsOccupied += occupied
            r.wards[k].occupied = occupied
            r.wards[k].facts = b.wards[s][k] - a.wards[s][k]
        }
        r.electiveBedsOccupied = b.time > a.time ? (b.electiveBedArea[s] - a.electiveBedArea[s]) / (b.time - a.time) : 0
        r.electiveWaitingList = b.time > a.time ? (b.waitingListArea[s] - a.waitingListArea[s]) / (b.time - a.time) : 0
        r.population = catchment[s]
        return r
    }

    /// The wards of each id summed over the sites.
    private func wardsBySite(_ sites: [ScopeReading]) -> [WardReading] {
        skeleton.systemWards.map { ward in
            var total = WardReading(id: ward)
            for r in sites {
                for w in r.wards where w.id == ward {
                    total.occupied += w.occupied
                    total.beds += w.beds
                    total.p95 += w.p95
                    total.minutesFull += w.minutesFull
                    total.facts = total.facts + w.facts
                }
            }
            return total
        }
    }

    private func systemReading(_ sites: [ScopeReading], from a: RunningTotals, to b: RunningTotals,
                               days: Double) -> ScopeReading {
        var r = skeleton.reading(for: .system, days: days)
        r.wards = wardsBySite(sites)
        r.electiveBedsOccupied = sites.reduce(0) { $0 + $1.electiveBedsOccupied }
        r.electiveWaitingList = sites.reduce(0) { $0 + $1.electiveWaitingList }
        r.department = sites.reduce(DepartmentFacts(groups: config.groups.count)) { $0 + $1.department }
        r.inDepartment = sites.reduce(0) { $0 + $1.inDepartment }
        r.cubiclesBusy = sites.reduce(0) { $0 + $1.cubiclesBusy }
        r.bedsOccupied = sites.reduce(0) { $0 + $1.bedsOccupied }
        r.population = config.network?.population ?? 0
        // Zero without a network: a reporting period carries its metrics whatever the scenario has.
        r.network = b.network - a.network
        if model.layout.fleet >= 0 { r.fleetBusy = poolMean(model.layout.fleet, from: a, to: b) }
        if let community = model.community {
            r.mdt = zip(b.localities, a.localities).reduce(LocalityFacts()) { $0 + ($1.0 - $1.1) }
            for l in community.mdtPool.indices {
                r.mdtCaseload += poolMean(community.mdtPool[l], from: a, to: b)
                r.mdtPlaces += b.time > a.time ? (b.placesArea[l] - a.placesArea[l]) / (b.time - a.time) : 0
            }
            for (k, pool) in model.layout.d2aPools.enumerated() where k < r.dischargeToAssess.count {
                r.dischargeToAssess[k].occupied = poolMean(pool, from: a, to: b)
            }
        }
        return r
    }

    /// A pool's mean busy servers over the stretch.
    private func poolMean(_ pool: Int, from a: RunningTotals, to b: RunningTotals) -> Double {
        b.time > a.time ? (b.poolArea[pool] - a.poolArea[pool]) / (b.time - a.time) : 0
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
}

/// The rule that says a replication's queues kept growing over the
/// measured window.
///
/// A site's *waiting* over a stretch of the window is the mean number of
/// its patients in A&E (the census) plus those queueing for a cubicle or a
/// bed. The site is unstable when its waiting grows both
/// - from the first half of the window to the second, and
/// - from the opening twelfth of the window to the closing twelfth,
/// where "grows" is "more than twice plus 10 patients". The system is
/// unstable when any site is, or when the queue for vehicles grows by the
/// same rule. A replication stopped at `run.max_in_system` is unstable
/// everywhere.
///
/// Why two views: a gridlock that builds through the window shows both (a
/// queue growing in a line from near 0 has a second half three times its
/// first and a closing twelfth over twenty times its opening one). Each
/// view alone has a false alarm the other does not: with seasonal demand
/// the halves of a year are different seasons (an April start puts the
/// winter in the second half, and a ward near its limit can double its
/// queue there without growing without bound), while the two ends of a
/// year are alike; and a congested spell of a few weeks that happens to
/// fall at the end raises the closing twelfth but hardly the second half.
public enum StabilityRule {
    /// Where the window is marked, as shares of it: the opening twelfth's
    /// end, the middle, the closing twelfth's start.
    static let marks = [1.0 / 12, 0.5, 11.0 / 12]
    public static let growthFactor = 2.0
    public static let margin = 10.0

    public static func grows(from earlier: Double, to later: Double) -> Bool {
        later > growthFactor * earlier + margin
    }
}

/// Applies `StabilityRule` to a finished replication.
struct Stability<Recorder: FactRecorder> {
    let model: FlowModel<Recorder>
    let recorder: WindowRecorder
    let start: RunningTotals
    let end: RunningTotals

    func siteIsUnstable(_ s: Int) -> Bool {
        if model.overloaded { return true }
        let pools = model.layout.cubiclePools[s] + model.layout.wardPools[s]
        return grows { a, b in
            guard b.time > a.time else { return 0 }
            let queued = pools.reduce(0.0) { $0 + queueArea($1, b) - queueArea($1, a) }
            return (b.inDepartmentArea[s] - a.inDepartmentArea[s] + queued) / (b.time - a.time)
        }
    }

    var fleetIsUnstable: Bool {
        if model.overloaded { return true }
        guard model.layout.fleet >= 0 else { return false }
        let fleet = model.layout.fleet
        return grows { a, b in b.time > a.time ? (queueArea(fleet, b) - queueArea(fleet, a)) / (b.time - a.time) : 0 }
    }

    /// Both views of the rule, given the mean waiting between two totals.
    private func grows(_ waiting: (RunningTotals, RunningTotals) -> Double) -> Bool {
        let marks = recorder.stabilityMarks
        guard marks.count == StabilityRule.marks.count else { return false }
        let (openingEnd, middle, closingStart) = (marks[0], marks[1], marks[2])
        return StabilityRule.grows(from: waiting(start, middle), to: waiting(middle, end))
            && StabilityRule.grows(from: waiting(start, openingEnd), to: waiting(closingStart, end))
    }

    private func queueArea(_ pool: Int, _ totals: RunningTotals) -> Double {
        totals.poolArea[model.pools.count + pool]
    }
}
