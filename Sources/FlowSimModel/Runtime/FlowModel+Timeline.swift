import FlowSimCore

/// What changes at a timeline date: the compiled parameters of the next
/// configuration. The random streams are the same objects throughout, so
/// a change of parameters never changes which numbers are drawn for what.
struct EpochParameters {
    let from: Double
    let sources: [ArrivalSourceRuntime]
    let sampling: SamplingPlan
    let routing: RoutingTable
    let community: CommunityRuntime?
    let rota: [Rota?]
    /// Capacity of each pool that has no rota.
    let capacity: [Int]
}

extension FlowModel {
    mutating func applyEpoch(_ k: Int, clock: inout Clock<ModelEvent>) {
        let e = epochs[k]
        let now = clock.now
        sources = e.sources
        sampling = e.sampling
        routing = e.routing
        community = e.community
        for pool in pools.indices {
            layout.rota[pool] = e.rota[pool]
            guard layout.role[pool] != .mdt else { continue }
            let capacity = e.rota[pool].map { $0.byHourOfWeek[CalendarTime.hourOfWeek(now)] } ?? e.capacity[pool]
            pools[pool].setCapacity(capacity, now: now)
            startWaiting(pool: pool, clock: &clock)
        }
        refreshRotaSteps()
        // MDT places and effectiveness follow the new parameters at each
        // locality's current maturity level.
        if let c = community {
            for l in c.mdtPool.indices { updateMaturity(l, clock: &clock) }
        }
    }
}
