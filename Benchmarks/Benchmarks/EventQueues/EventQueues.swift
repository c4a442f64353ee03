// Pending-event sets on the hold model, sizes 100, 1,000 and 10,000.
// R2 holds about 350 events (320 bed stays plus the A&E in flight); the
// Mid and South Essex system a few thousand.
import Benchmark
import FlowSimCore

/// Hold operations per measured iteration; throughput is per operation.
let operationsPerIteration = 100_000

func register<Queue: HoldQueue & ~Copyable>(_ label: String, _: Queue.Type, size: Int) {
    Benchmark("hold n=\(size): \(label)", configuration: .init(
        metrics: [.wallClock, .throughput, .instructions],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 200
    )) { benchmark in
        var random = HoldRandom(seed: 42)
        var queue = Queue.filled(size: size, random: &random)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(queue.hold(operationsPerIteration, random: &random))
        }
        benchmark.stopMeasurement()
    }
}

let benchmarks: @Sendable () -> Void = {
    for size in [100, 1_000, 10_000] {
        register("FlowSimCore EventQueue (ring + 4-ary heap)", EventQueue<Token>.self, size: size)
        register("binary heap", BinaryHeapQueue.self, size: size)
        register("swift-collections Heap", CollectionsHeapQueue.self, size: size)
    }
}
