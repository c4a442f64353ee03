import FlowSimCore

/// Runs one replication of a configuration.
///
/// Random streams are named by purpose ("demand/walk_in/L01",
/// "ae/treatment/<group>", ...) and seeded from (seed, replication, name),
/// so two configurations run with the same seed share random numbers
/// wherever they share stream names: the same people fall ill at the same
/// moments in every option.
public enum Replication {
    public static func run(_ config: ModelConfig, seed: UInt64, replication: Int) -> ReplicationResult {
        let streams = RandomStreams(masterSeed: seed, replication: replication)
        let tables = SamplerTables()
        var model = ModelBuilder(config: config, streams: streams, tables: tables).build()
        var clock = Clock<ModelEvent>(reservingCapacity: 4096)
        schedule(config, model: model, clock: &clock)
        clock.run(&model)
        let result = ResultCollector(config: config).collect(model, end: clock.now, events: clock.eventsHandled)
        withExtendedLifetime((streams, tables)) {}
        return result
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
}
