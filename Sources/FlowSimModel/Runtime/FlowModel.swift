import FlowSimCore

/// The running patient-flow model of one replication: every piece of state
/// the event handlers touch, laid out in flat arrays indexed by small
/// integers, so that handling an event looks nothing up by name.
///
/// The model states facts to its `recorder` and computes no statistics;
/// being generic over it, each call is specialised and inlined.
struct FlowModel<Recorder: FactRecorder>: SimulationModel {
    typealias Payload = ModelEvent

    let groupCount: Int
    let siteCount: Int
    /// Written in place (`InPlaceTable`): every seize and release writes here.
    let pools: InPlaceTable<ServerPool>
    var layout: PoolLayout
    var routing: RoutingTable
    var patients: PatientPool
    var recorder: Recorder
    var sampling: SamplingPlan
    let travel: TravelTimes
    var sources: [ArrivalSourceRuntime]
    var community: CommunityRuntime?
    /// Standby points of the ambulance fleet (none: one regional pool).
    var standby: StandbyRuntime
    /// Parameters of the later configurations of a timeline, in date order.
    var epochs: [EpochParameters] = []
    /// By hour of the week: whether some pool's rota differs from the hour
    /// before (`refreshRotaSteps`, after the rotas change).
    var rotaSteps = [Bool](repeating: false, count: 168)
    /// Per locality: share of eligible step-up referrals managed at home now.
    var effectiveness: [Double]
    /// Per site: cancelled electives awaiting a new date.
    var electiveWaiting: [ElectiveWaitingList]
    /// Per site: its occupied beds, all wards together; per pool: the busy
    /// beds a ward last reported. A bed event changes one ward, so the
    /// site's total follows that ward's change instead of being summed
    /// over the site's wards on every bed event (`reportBedsOccupied`).
    let bedsOccupied: InPlaceTable<Int>
    let wardBusyReported: InPlaceTable<Int>

    /// The index of (a site or a locality, a group) in the tables laid out
    /// place by place, a group count each (cubicle pools, treatment times,
    /// routes). Indices are small (validated counts), so the arithmetic is
    /// unchecked; the tables check the index itself.
    @inline(__always)
    func perGroup(_ place: Int, _ group: Int) -> Int {
        assert(place >= 0 && group >= 0 && group < groupCount, "no group \(group) of place \(place)")
        return place &* groupCount &+ group
    }

    /// NHS 111 calls resolved elsewhere that a source drew and counted
    /// ahead of their time (`scheduleNextCall`), kept until the clock has
    /// passed them in case the run stops first; per source, the
    /// disposition drawn ahead for its next call (-1: none); and the
    /// moments no call is drawn past (`callLimit`), in order.
    var callsAhead: [(time: Double, disposition: Int)] = []
    var dispositionAhead: [Int] = []
    var callLimits: [Double] = []
    var callLimitIndex = 0
    var drawsCallsAhead = true

    // Conservation ledger over the whole run (not only the measured window).
    var arrivedTotal = 0
    var leftTotal = 0
    /// Set when more than `maximumInSystem` patients were in the model and
    /// the replication stopped early.
    var overloaded = false
    let maximumInSystem: Int

    /// Handles one event. The switch is the model's whole dispatch.
    mutating func handle(_ event: ModelEvent, clock: inout Clock<ModelEvent>) -> StepOutcome {
        switch event.kind {
        case .arrival:
            arrive(from: Int(event.subject), clock: &clock)
            // One comparison per arrival keeps an overloaded run's time and memory bounded.
            if patients.active > maximumInSystem {
                overloaded = true
                withdrawCallsAhead(after: clock.now)
                return .stop
            }
        case .triageDone: finishTriage(event.subject, clock: &clock)
        case .treatmentDone: finishTreatment(event.subject, clock: &clock)
        case .bedDischarge: endOfStay(event.subject, clock: &clock)
        case .rotaChange: changeRotas(clock: &clock)
        case .crewAtScene: crewAtScene(event.subject, clock: &clock)
        case .crewLeavesScene: crewLeavesScene(event.subject, clock: &clock)
        case .ambulanceArrival: ambulanceArrives(event.subject, clock: &clock)
        case .vehicleFree: freeVehicle(point: Int(event.subject), clock: &clock)
        case .vehicleHome: vehicleHome(Int(event.subject))
        case .carAtScene: carAtScene(event.subject, generation: event.tag, clock: &clock)
        case .carFree: standby.carHome(Int(event.subject))
        case .transferArrival: transferArrives(event.subject, clock: &clock)
        case .transferPickup: departOnTransfer(event.subject, clock: &clock)
        case .bedReady: occupyBed(event.subject, clock: &clock)
        case .handoverRelease: releaseCrew(event.subject, generation: event.tag, clock: &clock)
        case .patienceEnd: leaveUnseen(event.subject, generation: event.tag, clock: &clock)
        case .mdtEnd:
            // Stale when the person escalated earlier and the slot was reused.
            if patients[Int(event.subject)].generation == event.tag { leaveCommunity(event.subject, clock: &clock) }
        case .d2aEnd: leaveCommunity(event.subject, clock: &clock)
        case .careHomePlaced: placeInCareHome(event.subject, clock: &clock)
        case .escalation: escalate(event.subject, generation: event.tag, clock: &clock)
        case .maturityChange: updateMaturity(Int(event.subject), clock: &clock)
        case .epochChange: applyEpoch(Int(event.subject), clock: &clock)
        case .periodEnd: recorder.endPeriod(at: clock.now, poolAreas: poolAreas(at: clock.now))
        case .stabilityMark: recorder.markStability(at: clock.now, poolAreas: poolAreas(at: clock.now))
        case .warmupEnd: startMeasuring(at: clock.now)
        case .horizonEnd: return .stop
        }
        return .proceed
    }

    /// The busy server-minutes of every pool since the measured window
    /// opened, then the waiting patient-minutes of every pool.
    func poolAreas(at time: Double) -> [Double] {
        pools.map { $0.busyLevel.area(upTo: time) } + pools.map { $0.queueLevel.area(upTo: time) }
    }

    /// The warm-up is over: pools restart their levels and the recorder
    /// opens the measured window.
    mutating func startMeasuring(at time: Double) {
        for p in pools.indices { pools[p].resetStatistics(at: time) }
        recorder.openWindow(at: time)
    }
}

/// Which server pool serves what: resolved once from the configuration.
struct PoolLayout {
    enum Role: UInt8 { case triage, cubicles, ward, fleet, mdt, d2a }
    /// Per pool.
    let role: [Role]
    let siteOfPool: [Int]
    var rota: [Rota?]
    /// Pools whose capacity follows a rota in some configuration of the timeline.
    var rotaDriven: [Bool]
    /// Per site; -1 when the site has no triage.
    let triagePool: [Int]
    /// Per (site × group): the cubicle pool and ward pool; -1 when none.
    let cubiclePool: [Int]
    let wardPool: [Int]
    /// Per (site × group): must an ambulance crew wait for a cubicle?
    let handoverNeedsCubicle: [Bool]
    /// Per site: its ward pools, its cubicle pools, and the ward its
    /// electives use (-1 when none).
    let wardPools: [[Int]]
    /// Per pool: its place among its site's wards; -1 for other pools.
    let wardIndexOfPool: [Int]
    let cubiclePools: [[Int]]
    let electiveWard: [Int]
    /// The regional ambulance fleet; -1 without a network (the handlers
    /// that read it run only in a network, so no optional is unwrapped per event).
    let fleet: Int
    /// Discharge-to-assess pools, in configuration order.
    let d2aPools: [Int]
}

/// Compiled distributions and the random streams that drive them.
struct SamplingPlan {
    /// Per site.
    let triage: [Sampler]
    let targetEffect: [TargetEffect?]
    let bedTurnaround: [Sampler?]
    /// Per (site × group).
    let treatment: [Sampler]
    /// Per group.
    let admitProbability: [Double]
    let lengthOfStay: [Sampler]
    let priority: [Int]
    /// Per group: how long a walk-in waits for a cubicle before leaving
    /// unseen (nil: as long as it takes), and its stream.
    let patience: [Sampler?]
    let patienceStream: [RandomStream]
    /// Per group: vehicle queue priority, and [hear and treat, see and treat, convey].
    let vehiclePriority: [Int]
    /// Per group: draws an `AmbulanceOutcome` raw value.
    let ambulanceOutcome: [Categorical]
    /// Per group: its response category (0-3) when it has one, else -1
    /// and the category is drawn from `categoryDraw`.
    let fixedCategory: [Int]
    let categoryDraw: [Categorical]
    let categoryStream: [RandomStream]
    /// Per site.
    let electiveStay: [Sampler]
    let electiveDayCase: [Double]
    /// Per site: how long after a cancellation the patient may take a slot
    /// again; -1: not rebooked (a sentinel: read once per cancellation).
    let electiveRebookAfter: [Double]
    let ambulance: AmbulanceSamplers?
    let triageStream: RandomStream
    let targetStream: RandomStream
    /// Per group: treatment times, admission decisions, lengths of stay,
    /// 999 outcomes.
    let treatmentStream: [RandomStream]
    let decisionStream: [RandomStream]
    let stayStream: [RandomStream]
    let outcomeStream: [RandomStream]
    let electiveStream: RandomStream
    let turnaroundStream: RandomStream
}

struct AmbulanceSamplers {
    let response: Sampler
    let onSceneConveyed: Sampler
    let onSceneSeeAndTreat: Sampler
    let handover: Sampler
    let clear: Sampler
    let secondaryProbability: Double
    let secondaryJob: Sampler
    /// Crews leave a patient waiting for a cubicle to corridor care after this wait.
    let releaseAfter: Double
    let stream: RandomStream
}

/// Travel minutes: [locality × sites + site] and [site × sites + site].
struct TravelTimes {
    let blueLight: [Double]
    let interSite: [Double]
}

/// One arrival source, compiled: its rate and case mixes are tables in the
/// replication's `SamplerTables`, so an arrival retains nothing.
struct ArrivalSourceRuntime {
    enum Kind: UInt8 { case direct, walkIn, nhs111, call999, gpAdmission, elective }
    let kind: Kind
    /// The site for direct and elective sources; -1 otherwise.
    let site: Int
    /// The locality for network sources; -1 otherwise.
    let locality: Int
    let channel: UInt8
    let rate: ArrivalRate
    /// Draws the group of a patient from the case mix.
    let mix: Choice
    let timing: RandomStream
    let casemix: RandomStream
    /// NHS 111 only: the disposition (an `NHS111Disposition` index), and
    /// the group of those sent to A&E or an ambulance.
    let dispositions: Choice?
    let edMix: Choice?
    let ambulanceMix: Choice?
}

/// What a 999 call ends in; the raw value is the index drawn from a
/// group's outcome shares.
enum AmbulanceOutcome: Int {
    case hearAndTreat = 0, seeAndTreat, convey
}
