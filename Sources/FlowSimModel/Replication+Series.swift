import FlowSimCore

extension Replication {
    /// Runs one replication recording the requested time series from time 0
    /// (warm-up included): the same results as `run`, and the series.
    public static func runWithSeries(_ config: ModelConfig, seed: UInt64, replication: Int,
                                     series request: SeriesRequest) -> (result: ReplicationResult, series: ReplicationSeries) {
        let builder = modelBuilder(config, seed: seed, replication: replication)
        let recorder = SeriesRecorder(passingOn: builder.windowRecorder(), request: request, sites: config.sites.count)
        let (model, end, events) = simulate(config, builder: builder, recording: recorder)
        let result = ResultCollector(config: config)
            .collect(model, recorder: model.recorder.base, end: end, events: events)
        return (result, model.recorder.collected(end: end, siteIDs: config.sites.map(\.id)))
    }
}
