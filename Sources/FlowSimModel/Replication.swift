import FlowSimCore

/// Runs one replication of a configuration.
///
/// Random streams are named by purpose ("demand/walk_in/L01",
/// "ae/treatment/<group>", ...) and seeded from (seed, replication, name),
/// so two configurations run with the same seed share random numbers
/// wherever they share stream names: the same people fall ill at the same
/// moments in every option.
public enum Replication {
    /// - Parameter layout: `MetricLayout(config)`, when the caller runs
    ///   many replications of `config` and works it out once for all of
    ///   them (it was 0.7-1% of a replication of R1 and R2).
    public static func run(_ config: ModelConfig, seed: UInt64, replication: Int,
                           layout: MetricLayout? = nil) -> ReplicationResult {
        let builder = modelBuilder(config, seed: seed, replication: replication)
        let (model, end, events) = simulate(config, builder: builder, recording: builder.windowRecorder())
        return ResultCollector(config: config, layout: layout)
            .collect(model, recorder: model.recorder, end: end, events: events)
    }

    /// Runs one replication of the model alone: no measure is recorded or
    /// collected, only the journeys that end in the measured window are
    /// counted. The journeys and events are those of `run` with the same
    /// arguments; the time it takes is the engine's own cost, which
    /// `flowsim bench --model-only` reports (docs/performance.md).
    public static func runModelOnly(_ config: ModelConfig, seed: UInt64,
                                    replication: Int) -> (journeys: Int, events: Int) {
        let builder = modelBuilder(config, seed: seed, replication: replication)
        let (model, _, events) = simulate(config, builder: builder, recording: JourneyCounter(warmup: config.warmup))
        return (model.recorder.journeys, events)
    }

    /// Runs one replication with its event log: the same results as `run`,
    /// and the first `limit` facts of patients' journeys, in time order.
    public static func trace(_ config: ModelConfig, seed: UInt64, replication: Int,
                             limit: Int) -> (result: ReplicationResult, trace: EventTrace) {
        let builder = modelBuilder(config, seed: seed, replication: replication)
        let recorder = TraceRecorder(passingOn: builder.windowRecorder(), limit: limit)
        let (model, end, events) = simulate(config, builder: builder, recording: recorder)
        let result = ResultCollector(config: config)
            .collect(model, recorder: model.recorder.base, end: end, events: events)
        return (result, model.recorder.trace)
    }

    /// The builder of one replication: its own random streams, seeded from
    /// (seed, replication), and its own compiled tables.
    static func modelBuilder(_ config: ModelConfig, seed: UInt64, replication: Int) -> ModelBuilder {
        ModelBuilder(config: config, streams: RandomStreams(masterSeed: seed, replication: replication),
                     tables: SamplerTables(), priorityClasses: priorityClasses(config))
    }

    /// Queue priority classes: the highest over every state of a timeline.
    static func priorityClasses(_ config: ModelConfig) -> Int {
        ([config] + config.epochs.map(\.config)).flatMap { $0.groups.map(\.priority) }.max().map { $0 + 1 } ?? 1
    }

    /// Builds the model with `recorder` and runs it to the horizon: the
    /// model, the time the run ended and the number of events handled.
    /// `drawingCallsAhead: false` gives every NHS 111 call its own event,
    /// as before calls were drawn ahead: for the test that both give the
    /// same results.
    static func simulate<Recorder: FactRecorder>(_ config: ModelConfig, builder: ModelBuilder,
                                                 recording recorder: Recorder, drawingCallsAhead: Bool = true)
        -> (model: FlowModel<Recorder>, end: Double, events: Int) {
        var model = builder.build(recording: recorder)
        model.drawsCallsAhead = drawingCallsAhead
        for (from, later) in config.epochs {
            // Built with the same streams: only parameters differ.
            let m = ModelBuilder(config: later, streams: builder.streams, tables: builder.tables,
                                 priorityClasses: builder.priorityClasses)
                .build(recording: DiscardingRecorder())
            model.epochs.append(EpochParameters(
                from: from, sources: m.sources, sampling: m.sampling, routing: m.routing, community: m.community,
                rota: m.layout.rota, capacity: m.pools.map(\.capacity)))
            for pool in m.layout.rota.indices where m.layout.rota[pool] != nil { model.layout.rotaDriven[pool] = true }
        }
        model.refreshRotaSteps()
        model.dispositionAhead = Array(repeating: -1, count: model.sources.count)
        model.callLimits = ([config.warmup, config.warmup + config.horizon] + periodEnds(config)
                            + StabilityRule.marks.map { config.warmup + config.horizon * $0 }
                            + config.epochs.map(\.from)).sorted()
        var clock = Clock<ModelEvent>(reservingCapacity: 4096)
        schedule(config, model: model, clock: &clock)
        clock.run(&model)
        withExtendedLifetime((builder.streams, builder.tables)) {}
        return (model, clock.now, clock.eventsHandled)
    }

    /// When each reporting period but the last ends: every `period` from
    /// the end of the warm-up, short of the horizon.
    static func periodEnds(_ config: ModelConfig) -> [Double] {
        var ends: [Double] = []
        var periodEnd = config.warmup + config.period
        while periodEnd < config.warmup + config.horizon - 1 {
            ends.append(periodEnd)
            periodEnd += config.period
        }
        return ends
    }

    static func schedule<Recorder>(_ config: ModelConfig, model: FlowModel<Recorder>, clock: inout Clock<ModelEvent>) {
        for (i, source) in model.sources.enumerated() {
            clock.schedule(ModelEvent(kind: .arrival, subject: Int32(i)),
                           at: source.rate.nextArrival(after: 0, stream: source.timing), phase: .arrival)
        }
        for (k, epoch) in model.epochs.enumerated() {
            clock.schedule(ModelEvent(kind: .epochChange, subject: Int32(k)), at: epoch.from, phase: .capacity)
        }
        if let first = model.nextRotaStep(after: 0) {
            clock.schedule(ModelEvent(kind: .rotaChange, subject: 0), at: first, phase: .capacity)
        }
        if let community = model.community {
            for l in community.levels.indices {
                for step in community.levels[l] where step.from > 0 && step.from < config.warmup + config.horizon {
                    clock.schedule(ModelEvent(kind: .maturityChange, subject: Int32(l)), at: step.from, phase: .capacity)
                }
            }
        }
        if config.warmup > 0 {
            clock.schedule(ModelEvent(kind: .warmupEnd, subject: 0), at: config.warmup, phase: .control)
        }
        for share in StabilityRule.marks {
            clock.schedule(ModelEvent(kind: .stabilityMark, subject: 0), at: config.warmup + config.horizon * share,
                           phase: .control)
        }
        // First at its instant (release phase, scheduled before any release
        // event): what happens at the very moment a period ends, a timeline
        // change among it, belongs to the next period.
        for end in periodEnds(config) {
            clock.schedule(ModelEvent(kind: .periodEnd, subject: 0), at: end, phase: .release)
        }
        clock.schedule(ModelEvent(kind: .horizonEnd, subject: 0), at: config.warmup + config.horizon, phase: .control)
    }
}
