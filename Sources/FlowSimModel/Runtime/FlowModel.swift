import FlowSimCore

/// The running patient-flow model of one replication: every piece of state
/// the event handlers touch, laid out in flat arrays indexed by small
/// integers, so that handling an event looks nothing up by name.
struct FlowModel: SimulationModel {
    typealias Payload = ModelEvent

    let groupCount: Int
    let siteCount: Int
    var pools: ContiguousArray<ServerPool>
    let layout: PoolLayout
    var patients: PatientPool
    var stats: [SiteStatistics]
    let sampling: SamplingPlan
    let sources: [ArrivalSourceRuntime]
    /// Per source: the group index of each entry of its case mix.
    let sourceGroups: [[Int]]
    let warmupEnd: Double
    let horizonEnd: Double

    // Conservation ledger over the whole run (not only the window).
    var arrivedTotal = 0
    var leftTotal = 0
    var measuredJourneys = 0

    /// Handles one event. The switch is the model's whole dispatch.
    mutating func handle(_ event: ModelEvent, clock: inout Clock<ModelEvent>) -> StepOutcome {
        let now = clock.now
        switch event.kind {
        case .arrival: arrive(from: Int(event.subject), now: now, clock: &clock)
        case .triageDone: finishTriage(event.subject, now: now, clock: &clock)
        case .treatmentDone: finishTreatment(event.subject, now: now, clock: &clock)
        case .bedDischarge: dischargeFromBed(event.subject, now: now, clock: &clock)
        case .rotaChange: changeRota(Int(event.subject), now: now, clock: &clock)
        case .warmupEnd: startMeasuring(now: now)
        case .horizonEnd: return .stop
        }
        return .proceed
    }

}

/// Which server pool serves what: resolved once from the configuration.
struct PoolLayout {
    enum Role: UInt8 { case triage, cubicles, ward }
    /// Per pool.
    let role: [Role]
    let siteOfPool: [Int]
    let rota: [Rota?]
    /// Per site; -1 when the site has no triage.
    let triagePool: [Int]
    /// Per (site × group): the cubicle pool and ward pool; -1 when none.
    let cubiclePool: [Int]
    let wardPool: [Int]
    /// Per site: total beds, and its ward pools.
    let beds: [Int]
    let wardPools: [[Int]]
    let cubiclePools: [[Int]]
}

/// Compiled distributions and the random streams that drive them.
struct SamplingPlan {
    /// Per site.
    let triage: [Sampler]
    /// Per (site × group).
    let treatment: [Sampler]
    /// Per group.
    let admitProbability: [Double]
    let lengthOfStay: [Sampler]
    let priority: [Int]
    let triageStream: RandomStream
    /// Per group: treatment times, admission decisions, lengths of stay.
    let treatmentStream: [RandomStream]
    let decisionStream: [RandomStream]
    let stayStream: [RandomStream]
}

struct ArrivalSourceRuntime {
    let site: Int
    let channel: UInt8
    let rate: RateProfile
    let mix: Categorical
    let timing: RandomStream
    let casemix: RandomStream
}
