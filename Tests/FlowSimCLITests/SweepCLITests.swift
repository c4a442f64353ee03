import FlowSimTestSupport
import Foundation
import Testing

// The built `flowsim` binary on small sweeps: sharded runs merged equal an
// unsharded run byte for byte, bad input exits 2 with file:line messages,
// and Ctrl-C stops with exit code 130 leaving only whole point files.

private func run(_ arguments: [String]) throws -> FlowSimTool.Output { try FlowSimTool.run(arguments) }

/// A sweep over R2 in a fresh directory; returns (directory, sweep file).
private func sweepFile(points design: String, horizon: String = "1 day", replications: Int = 2) throws -> (URL, String) {
    let directory = try makeTemporaryDirectory("flowsim-sweep-cli")
    let file = directory.appendingPathComponent("sweep.yaml").path
    try """
        schema: flowsim.sweep/1
        name: CLI test
        scenarios: [\(PackagePaths.r2)]
        parameters:
          sites.ED.wards.general.beds: {values: [70, 90]}
          groups.all.admit_probability: {range: {from: 0.2, to: 0.3, step: 0.05}}
          sites.ED.streams.cubicles.servers: {values: [14, 16]}
        design: \(design)
        replications: \(replications)
        seed: 3
        warmup: 6 hours
        horizon: \(horizon)
        """.write(toFile: file, atomically: true, encoding: .utf8)
    return (directory, file)
}

private let outputs = ["results.csv", "results.json", "sensitivity.csv", "sensitivity.json"]

@Test func shardedSweepMergedEqualsTheUnshardedRun() throws {
    let (dir, file) = try sweepFile(points: "grid")
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    let whole = try run(["sweep", file, "--out", path("whole"), "--threads", "2"])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(whole.stdout.contains("Sensitivity of each metric's point mean"))
    #expect(whole.stderr.contains("replications/s on 2 threads"))
    for k in 1...2 {
        let shard = try run(["sweep", file, "--out", path("shard\(k)"), "--shard", "\(k)/2", "--threads", "1", "--quiet"])
        #expect(shard.status == 0, "\(shard.stderr)")
        #expect(shard.stdout.isEmpty && shard.stderr.isEmpty)
    }
    let merge = try run(["merge", path("shard1"), path("shard2"), "--out", path("merged")])
    #expect(merge.status == 0, "\(merge.stderr)")
    for name in outputs {
        let a = FileManager.default.contents(atPath: path("whole") + "/" + name)
        #expect(a != nil && a == FileManager.default.contents(atPath: path("merged") + "/" + name), "\(name)")
    }
    let csv = try String(contentsOfFile: path("merged") + "/results.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 1 + 12)
    #expect(lines[0].hasPrefix("point,id,option,sites.ED.wards.general.beds,groups.all.admit_probability,sites.ED.streams.cubicles.servers,ae_within_4h.system.mean,ae_within_4h.system.ci95_low"))

    // Running again resumes: nothing left to do, same files.
    let again = try run(["sweep", file, "--out", path("whole"), "--quiet"])
    #expect(again.status == 0)
    let missing = try run(["merge", path("shard1"), "--out", path("merged-again")])
    #expect(missing.status == 2 && missing.stderr.contains("missing shard 2/2"))
}

@Test func badSweepFilesAndArgumentsExitWithCode2() throws {
    let (dir, file) = try sweepFile(points: "{latin_hypercube: {points: 1}}")
    let bad = try run(["sweep", file, "--out", dir.appendingPathComponent("out").path])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("\(file):8:36: design.latin_hypercube.points: a Latin hypercube needs at least 2 points"))
    #expect(bad.stderr.contains("1 problem; nothing was run"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))

    let (_, good) = try sweepFile(points: "grid")
    let shard = try run(["sweep", good, "--out", dir.appendingPathComponent("o").path, "--shard", "3/2"])
    #expect(shard.status != 0 && shard.stderr.contains("expected 1 <= K <= N"))
}

@Test func interruptStopsCleanlyAndTheSameCommandResumes() throws {
    // Enough work that the signal lands mid-run even in a debug build.
    let (dir, file) = try sweepFile(points: "{random: {points: 60}}", horizon: "2 days", replications: 1)
    let out = dir.appendingPathComponent("out").path
    let points = out + "/points"
    let process = Process()
    process.executableURL = try FlowSimTool.executable.get()
    process.arguments = ["sweep", file, "--out", out, "--threads", "2"]
    process.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    process.standardError = err
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline,
          ((try? FileManager.default.contentsOfDirectory(atPath: points))?.filter { $0.hasSuffix(".json") }.count ?? 0) < 3 {
        usleep(5_000)
    }
    kill(process.processIdentifier, SIGINT)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130, "\(stderr)")
    #expect(stderr.contains("interrupted:") && stderr.contains("run the same command again to resume"))
    let saved = try FileManager.default.contentsOfDirectory(atPath: points)
    #expect(saved.allSatisfy { $0.hasSuffix(".json") && !$0.hasPrefix(".") }, "leftover temporary files: \(saved)")
    #expect(saved.count >= 3 && saved.count < 60)
    #expect(!FileManager.default.fileExists(atPath: out + "/results.csv"))

    let resumed = try run(["sweep", file, "--out", out, "--threads", "2"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming, \(saved.count) already finished"))
    let reference = try run(["sweep", file, "--out", dir.appendingPathComponent("reference").path, "--quiet"])
    #expect(reference.status == 0)
    for name in outputs + ["uncertainty.csv"] {
        let a = FileManager.default.contents(atPath: out + "/" + name)
        #expect(a != nil && a == FileManager.default.contents(atPath: dir.appendingPathComponent("reference/\(name)").path), "\(name)")
    }
}
