import FlowSimCore

/// Runs one replication of a configuration.
///
/// Random streams are named by purpose ("arrivals/<source>",
/// "ae/treatment/<group>", ...) and seeded from (seed, replication, name),
/// so two configurations run with the same seed share random numbers
/// wherever they share stream names.
public enum Replication {
    public static func run(_ config: ModelConfig, seed: UInt64, replication: Int) -> ReplicationResult {
        let streams = RandomStreams(masterSeed: seed, replication: replication)
        let tables = SamplerTables()
        var model = build(config, streams: streams, tables: tables)
        var clock = Clock<ModelEvent>(reservingCapacity: 4096)
        schedule(config, model: model, clock: &clock)
        clock.run(&model)
        let result = collect(model, config: config, clock: clock)
        withExtendedLifetime((streams, tables)) {}
        return result
    }

    static func build(_ config: ModelConfig, streams: RandomStreams, tables: SamplerTables) -> FlowModel {
        let groupCount = config.groups.count
        var pools = ContiguousArray<ServerPool>()
        var role: [PoolLayout.Role] = [], siteOfPool: [Int] = [], rota: [Rota?] = []
        var triagePool: [Int] = [], cubiclePool: [Int] = [], wardPool: [Int] = []
        var beds: [Int] = [], wardPools: [[Int]] = [], cubiclePools: [[Int]] = []
        var triageSamplers: [Sampler] = [], treatment: [Sampler] = []

        func addPool(_ servers: Rota, _ r: PoolLayout.Role, site: Int, priorities: Int) -> Int {
            pools.append(ServerPool(capacity: servers.byHourOfWeek[0], priorityClasses: priorities))
            role.append(r)
            siteOfPool.append(site)
            rota.append(servers.isConstant ? nil : servers)
            return pools.count - 1
        }
        let priorities = (config.groups.map(\.priority).max() ?? 0) + 1
        for (s, site) in config.sites.enumerated() {
            if let triage = site.triage {
                triagePool.append(addPool(triage.servers, .triage, site: s, priorities: 1))
                triageSamplers.append(Sampler(triage.service, tables: tables))
            } else {
                triagePool.append(-1)
                triageSamplers.append(Sampler(.constant(0), tables: tables))
            }
            let streamPools = site.streams.map { addPool($0.treatment.servers, .cubicles, site: s, priorities: priorities) }
            let wards = site.wards.map { addPool(.constant($0.beds), .ward, site: s, priorities: priorities) }
            cubiclePools.append(streamPools)
            wardPools.append(wards)
            beds.append(site.wards.reduce(0) { $0 + $1.beds })
            for group in config.groups {
                let k = site.streamIndex(group.stream)
                cubiclePool.append(k.map { streamPools[$0] } ?? -1)
                let service = group.treatment ?? k.map { site.streams[$0].treatment.service } ?? .constant(0)
                treatment.append(Sampler(service, tables: tables))
                wardPool.append(group.ward.flatMap { site.wardIndex($0) }.map { wards[$0] } ?? -1)
            }
        }
        let layout = PoolLayout(role: role, siteOfPool: siteOfPool, rota: rota, triagePool: triagePool,
                                cubiclePool: cubiclePool, wardPool: wardPool, beds: beds,
                                wardPools: wardPools, cubiclePools: cubiclePools)
        let sampling = SamplingPlan(
            triage: triageSamplers,
            treatment: treatment,
            admitProbability: config.groups.map(\.admitProbability),
            lengthOfStay: config.groups.map { Sampler($0.lengthOfStay ?? .constant(0), tables: tables) },
            priority: config.groups.map(\.priority),
            triageStream: streams.stream("ae/triage"),
            treatmentStream: config.groups.map { streams.stream("ae/treatment/\($0.id)") },
            decisionStream: config.groups.map { streams.stream("ae/decision/\($0.id)") },
            stayStream: config.groups.map { streams.stream("beds/stay/\($0.id)") })
        let sources = config.arrivals.map { source in
            ArrivalSourceRuntime(
                site: config.siteIndex(source.site)!,
                channel: UInt8(source.channel.rawValue),
                rate: source.rate,
                mix: Categorical(source.mix.map(\.share)),
                timing: streams.stream("arrivals/\(source.id)"),
                casemix: streams.stream("casemix/\(source.id)"))
        }
        return FlowModel(
            groupCount: groupCount, siteCount: config.sites.count, pools: pools, layout: layout,
            patients: PatientPool(reservingCapacity: 4096),
            stats: config.sites.enumerated().map { SiteStatistics(groups: groupCount, beds: beds[$0.offset]) },
            sampling: sampling, sources: sources,
            sourceGroups: config.arrivals.map { $0.mix.map { config.groupIndex($0.group)! } },
            warmupEnd: config.warmup, horizonEnd: config.warmup + config.horizon)
    }

    static func schedule(_ config: ModelConfig, model: FlowModel, clock: inout Clock<ModelEvent>) {
        for (i, source) in model.sources.enumerated() {
            clock.schedule(ModelEvent(kind: .arrival, subject: Int32(i)),
                           at: source.rate.nextArrival(after: 0, stream: source.timing), phase: .arrival)
        }
        for (p, rota) in model.layout.rota.enumerated() where rota != nil {
            clock.schedule(ModelEvent(kind: .rotaChange, subject: Int32(p)), at: 60, phase: .capacity)
        }
        if config.warmup > 0 {
            clock.schedule(ModelEvent(kind: .warmupEnd, subject: 0), at: config.warmup, phase: .control)
        }
        clock.schedule(ModelEvent(kind: .horizonEnd, subject: 0), at: config.warmup + config.horizon, phase: .control)
    }

    static func collect(_ model: FlowModel, config: ModelConfig, clock: Clock<ModelEvent>) -> ReplicationResult {
        let end = clock.now
        let catalogue = MetricCatalogue(days: config.horizon / CalendarTime.minutesPerDay, groupIDs: config.groups.map(\.id))
        var values: [String: [String: Double]] = [:]
        var names: [String] = []
        var system = SiteStatistics(groups: config.groups.count, beds: 0)
        var systemCubicles = (busy: 0.0, staffed: 0.0)
        var systemBeds = (occupied: 0.0, capacity: 0, p95: 0.0, fullMinutes: 0.0)
        var systemInDepartment = 0.0
        var perSite: [(String, [(String, Double)])] = []
        for (s, site) in config.sites.enumerated() {
            let stats = model.stats[s]
            var cubicles = (busy: 0.0, staffed: 0.0)
            for (k, pool) in model.layout.cubiclePools[s].enumerated() {
                cubicles.busy += model.pools[pool].busyLevel.mean(at: end)
                cubicles.staffed += site.streams[k].treatment.servers.meanServers
            }
            var occupied = 0.0
            for pool in model.layout.wardPools[s] { occupied += model.pools[pool].busyLevel.mean(at: end) }
            let capacity = model.layout.beds[s]
            let beds = (occupied: occupied, capacity: capacity,
                        p95: stats.bedLevels.quantile(0.95, at: end),
                        fullMinutes: capacity > 0 ? stats.bedLevels.time(atOrAbove: capacity, at: end) : 0)
            perSite.append((site.id, catalogue.metrics(stats, cubicles: cubicles, beds: beds, end: end)))
            system.absorb(stats)
            systemInDepartment += stats.inDepartment.mean(at: end)
            systemCubicles.busy += cubicles.busy
            systemCubicles.staffed += cubicles.staffed
            systemBeds.occupied += occupied
            systemBeds.capacity += capacity
            systemBeds.p95 += beds.p95
            systemBeds.fullMinutes = max(systemBeds.fullMinutes, beds.fullMinutes)
        }
        system.inDepartment = TimeWeighted(value: systemInDepartment, at: end)
        // The system's bed p95 is the sum of the sites' (an upper bound) and
        // its hours full is that of the fullest site; both documented.
        let systemMetrics = catalogue.metrics(system, cubicles: systemCubicles, beds: systemBeds, end: end)
        names = systemMetrics.map(\.0)
        values["system"] = Dictionary(uniqueKeysWithValues: systemMetrics)
        for (id, metrics) in perSite { values[id] = Dictionary(uniqueKeysWithValues: metrics) }
        return ReplicationResult(
            scopes: ["system"] + config.sites.map(\.id), metricNames: names, values: values,
            measuredJourneys: model.measuredJourneys, eventsHandled: clock.eventsHandled,
            arrived: model.arrivedTotal, left: model.leftTotal, stillInside: model.patients.active)
    }
}
