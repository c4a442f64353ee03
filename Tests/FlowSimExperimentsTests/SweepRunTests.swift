import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

// Whole sweeps on a tiny R2 (one simulated day, debug-build friendly):
// shards merge to the unsharded result byte for byte, interrupted runs
// resume to the same result, and changed or mixed inputs are refused.

/// A sweep directory with a sweep file over R2 and a copy of R2 beside it
/// (so a test may change the scenario without touching the package).
private struct Fixture {
    let directory: URL
    var sweepFile: String { directory.appendingPathComponent("tiny.yaml").path }
    var scenarioFile: String { directory.appendingPathComponent("R2.yaml").path }

    init(design: String = "{latin_hypercube: {points: 5}}", extra: String = "") throws {
        directory = try makeTemporaryDirectory("flowsim-sweep-run")
        try FileManager.default.copyItem(atPath: PackagePaths.r2, toPath: directory.appendingPathComponent("R2.yaml").path)
        try """
            # A two-option sweep small enough for debug builds.
            schema: flowsim.sweep/1
            name: tiny
            scenarios: [R2.yaml, R2-more-cubicles.yaml]
            parameters:
              sites.ED.wards.general.beds: {uniform: {low: 60, high: 90}, integer: true}
              groups.all.admit_probability: {triangular: {min: 0.2, mode: 0.25, max: 0.35}}
            design: \(design)
            replications: 2
            seed: 11
            warmup: 6 hours
            horizon: 1 day
            best: {metric: ae_within_4h, scope: system, direction: max}
            \(extra)
            """.write(toFile: sweepFile, atomically: true, encoding: .utf8)
        try """
            base: R2.yaml
            name: R2 more cubicles
            sites: {ED: {streams: {cubicles: {servers: 17}}}}
            """.write(toFile: directory.appendingPathComponent("R2-more-cubicles.yaml").path, atomically: true, encoding: .utf8)
    }

    func out(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs (a shard of) the sweep into `name`; returns the outcome.
    @discardableResult
    func run(_ name: String, shard: SweepShard = .whole, threads: Int = 2,
             cancellation: CancellationFlag = CancellationFlag(),
             progress: (@Sendable (SweepProgress) -> Void)? = nil) throws -> SweepExecutor.Outcome {
        let job = try SweepRun(sweep: try Sweep.load(path: sweepFile), out: out(name), shard: shard)
        let outcome = try job.run(threads: threads, cancellation: cancellation, progress: progress)
        if job.isComplete { try job.store.writeCombinedOutputs(SweepOutputFiles()) }
        return outcome
    }

    func bytes(_ name: String, _ file: String) -> Data? {
        FileManager.default.contents(atPath: (out(name) as NSString).appendingPathComponent(file))
    }
}

private let combinedFiles = ["results.csv", "results.json", "sensitivity.csv", "sensitivity.json", "uncertainty.csv"]

@Test func mergedShardsEqualTheUnshardedRunByteForByte() throws {
    let f = try Fixture()
    try f.run("whole", threads: 2)
    try f.run("one-thread", threads: 1)
    for k in 1...3 { try f.run("shard\(k)", shard: SweepShard(index: k, count: 3), threads: 1) }
    // A shard writes its points only; the combined files come from merge.
    #expect(f.bytes("shard1", "results.csv") == nil)
    let shardPoints = (1...3).map { k in
        (try? FileManager.default.contentsOfDirectory(atPath: f.out("shard\(k)") + "/points").sorted()) ?? []
    }
    #expect(shardPoints.map(\.count) == [2, 2, 1])
    #expect(Set(shardPoints.joined()).count == 5)
    let merged = try SweepStore.merge([f.out("shard2"), f.out("shard3"), f.out("shard1")], into: f.out("merged"), format: SweepOutputFiles())
    #expect(merged.results.points.count == 5)
    for file in combinedFiles {
        let whole = try #require(f.bytes("whole", file), "\(file) missing")
        #expect(f.bytes("merged", file) == whole, "\(file) differs after merge")
        #expect(f.bytes("one-thread", file) == whole, "\(file) differs with one thread")
    }
    // Probabilistic design: outcome spread and P(best) are there and sum to 1.
    let best = try #require(merged.results.uncertainty?.best)
    #expect(abs(best.probability.values.reduce(0, +) - 1) < 1e-12)
    #expect(merged.results.options.map(\.label) == ["R2 exit block", "R2 more cubicles"])
}

@Test func commonRandomNumbersAcrossPointsAndOptions() throws {
    // Same arrivals in every (point, option): the attendances of a
    // replication do not depend on beds, admissions or cubicles.
    let f = try Fixture()
    try f.run("whole")
    let store = try SweepStore.existing(f.out("whole"))
    let points = try store.loadPoints(Array(1...5))
    let arrivals = points.flatMap { $0.options.map { $0.metrics[.system]!["ae_attendances_per_day"]!.perReplication } }
    #expect(Set(arrivals).count == 1)
}

@Test func anInterruptedRunResumesToTheSameResult() throws {
    let f = try Fixture()
    try f.run("reference")
    // Stop after two points have been saved.
    let flag = CancellationFlag()
    let first = try f.run("resumed", threads: 2, cancellation: flag) { progress in
        if progress.pointsDone >= 2 { flag.cancel() }
    }
    #expect(first.stopped)
    #expect(first.finishedPoints.count >= 2 && first.finishedPoints.count < 5)
    #expect(f.bytes("resumed", "results.csv") == nil)
    let again = try SweepRun(sweep: try Sweep.load(path: f.sweepFile), out: f.out("resumed"))
    #expect(again.finished == first.finishedPoints)
    #expect(again.pending.count == 5 - first.finishedPoints.count)
    let second = try f.run("resumed")
    #expect(!second.stopped && second.finishedPoints == again.pending)
    // Losing a point file (as if the run had stopped before it) redoes just that point.
    try FileManager.default.removeItem(atPath: f.out("resumed") + "/points/p0003.json")
    let third = try f.run("resumed")
    #expect(third.finishedPoints == [3] && third.replications == 2 * 2)
    for file in combinedFiles {
        #expect(f.bytes("resumed", file) == f.bytes("reference", file), "\(file) differs after resuming")
    }
}

@Test func resumingRefusesAChangedSweepFileOrScenario() throws {
    let f = try Fixture(design: "{random: {points: 2}}")
    try f.run("out")
    // A comment is a change too: the files are fingerprinted byte for byte.
    try (String(contentsOfFile: f.sweepFile, encoding: .utf8) + "# edited\n").write(toFile: f.sweepFile, atomically: true, encoding: .utf8)
    let sweepChanged = #expect(throws: SweepError.self) {
        _ = try SweepRun(sweep: try Sweep.load(path: f.sweepFile), out: f.out("out"))
    }
    #expect(sweepChanged?.message.contains("sweep file tiny.yaml changed since the first run") == true)
    #expect(sweepChanged?.message.contains("Use a new --out directory") == true)

    let g = try Fixture(design: "{random: {points: 2}}")
    try g.run("out")
    try (String(contentsOfFile: g.scenarioFile, encoding: .utf8) + "# edited\n").write(toFile: g.scenarioFile, atomically: true, encoding: .utf8)
    let scenarioChanged = #expect(throws: SweepError.self) {
        _ = try SweepRun(sweep: try Sweep.load(path: g.sweepFile), out: g.out("out"))
    }
    #expect(scenarioChanged?.message.contains("scenario R2.yaml changed since the first run") == true)

    // Another shard in the same directory is refused too.
    let h = try Fixture(design: "{random: {points: 2}}")
    try h.run("out")
    let otherShard = #expect(throws: SweepError.self) {
        _ = try SweepRun(sweep: try Sweep.load(path: h.sweepFile), out: h.out("out"), shard: SweepShard(index: 1, count: 2))
    }
    #expect(otherShard?.message.contains("was started as shard 1/1 of this sweep, not 1/2") == true)
}

@Test func mergeRefusesMissingDuplicateUnfinishedAndForeignShards() throws {
    let f = try Fixture(design: "{random: {points: 3}}")
    for k in 1...3 { try f.run("s\(k)", shard: SweepShard(index: k, count: 3), threads: 1) }

    let missing = #expect(throws: SweepError.self) { try SweepStore.merge([f.out("s1"), f.out("s3")], into: f.out("m1"), format: SweepOutputFiles()) }
    #expect(missing?.message == "missing shard 2/3: a merge needs all 3 shards of the sweep")

    let duplicate = #expect(throws: SweepError.self) {
        try SweepStore.merge([f.out("s1"), f.out("s2"), f.out("s2")], into: f.out("m2"), format: SweepOutputFiles())
    }
    #expect(duplicate?.message.hasPrefix("shard 2/3 is given twice") == true)

    try FileManager.default.removeItem(atPath: f.out("s2") + "/points/p0002.json")
    let unfinished = #expect(throws: SweepError.self) {
        try SweepStore.merge([f.out("s1"), f.out("s2"), f.out("s3")], into: f.out("m3"), format: SweepOutputFiles())
    }
    #expect(unfinished?.message.contains("shard 2/3 in \(f.out("s2")) is unfinished: 1 of its 1 points have no results (p0002)") == true)

    let other = try Fixture(design: "{random: {points: 3}}", extra: "# another sweep")
    try other.run("s2", shard: SweepShard(index: 2, count: 3), threads: 1)
    let foreign = #expect(throws: SweepError.self) {
        try SweepStore.merge([f.out("s1"), other.out("s2"), f.out("s3")], into: f.out("m4"), format: SweepOutputFiles())
    }
    #expect(foreign?.message.contains("are shards of different sweeps") == true)

    let split = try Fixture(design: "{random: {points: 3}}")
    try split.run("h1", shard: SweepShard(index: 1, count: 2), threads: 1)
    let mixed = #expect(throws: SweepError.self) {
        try SweepStore.merge([split.out("h1"), f.out("s3")], into: f.out("m5"), format: SweepOutputFiles())
    }
    #expect(mixed?.message.contains("the shards come from runs split differently") == true)

    let notSweep = #expect(throws: SweepError.self) { try SweepStore.merge([f.directory.path], into: f.out("m6"), format: SweepOutputFiles()) }
    #expect(notSweep?.message.contains("has no manifest.json") == true)
}
