import FlowSimTestSupport
import Foundation
import Testing

// Issue 13, defects 5 and 9: sweep output directories are trusted only as
// written (checksummed point files), a merge is all or nothing, and one
// sweep at a time writes a directory.

private func run(_ arguments: [String]) throws -> FlowSimTool.Output { try FlowSimTool.run(arguments) }

/// A two-point grid sweep over R2, one simulated day, in a fresh directory.
private func smallSweep() throws -> (URL, String) {
    let directory = try makeTemporaryDirectory("flowsim-sweep-output")
    let file = directory.appendingPathComponent("sweep.yaml").path
    try """
        schema: flowsim.sweep/1
        name: output test
        scenarios: [\(PackagePaths.r2)]
        parameters:
          sites.ED.wards.general.beds: {values: [70, 90]}
        design: grid
        replications: 2
        seed: 3
        warmup: 6 hours
        horizon: 1 day
        """.write(toFile: file, atomically: true, encoding: .utf8)
    return (directory, file)
}

/// Changes the first `"mean":<number>` of a point file by hand (still valid JSON).
private func editMean(_ path: String) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    let range = try #require(text.range(of: #""mean":[0-9.e+-]+"#, options: .regularExpression))
    text.replaceSubrange(range, with: #""mean":0.5"#)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
}

@Suite(.serialized) struct SweepOutputCLITests {
    @Test func anEditedPointFileIsRefusedByResumeAndMerge() throws {
        let (dir, file) = try smallSweep()
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let whole = try run(["sweep", file, "--out", path("whole"), "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let point = path("whole") + "/points/p0001.json"
        try editMean(point)
        let resumed = try run(["sweep", file, "--out", path("whole"), "--quiet"])
        #expect(resumed.status == 2, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(point) does not match its checksum"), "\(resumed.stderr)")

        for k in 1...2 {
            let shard = try run(["sweep", file, "--out", path("s\(k)"), "--shard", "\(k)/2", "--quiet"])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let edited = path("s2") + "/points/p0002.json"
        try editMean(edited)
        let merge = try run(["merge", path("s1"), path("s2"), "--out", path("merged")])
        #expect(merge.status == 2, "\(merge.stderr)")
        #expect(merge.stderr.contains("\(edited) does not match its checksum"), "\(merge.stderr)")
        // Defect 9: the failed merge leaves no half-built --out, and no staging directory.
        #expect(!FileManager.default.fileExists(atPath: path("merged")))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aPointFileWithoutChecksumIsRefused() throws {
        let (dir, file) = try smallSweep()
        let out = dir.appendingPathComponent("out").path
        #expect(try run(["sweep", file, "--out", out, "--quiet"]).status == 0)
        let point = out + "/points/p0002.json"
        // Re-serialised without the checksum: the content is the same, the seal is gone.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: point))) as? [String: Any])
        var stripped = object
        stripped["checksum"] = nil
        try JSONSerialization.data(withJSONObject: stripped).write(to: URL(fileURLWithPath: point))
        let resumed = try run(["sweep", file, "--out", out, "--quiet"])
        #expect(resumed.status == 2)
        #expect(resumed.stderr.contains("\(point) has no checksum"), "\(resumed.stderr)")
    }

    @Test func aSecondSweepIntoALockedDirectoryIsRefused() throws {
        let (dir, file) = try smallSweep()
        let out = dir.appendingPathComponent("busy").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // This process plays the first sweep: it holds the directory's lock.
        let fd = open(out + "/.flowsim.lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let second = try run(["sweep", file, "--out", out, "--quiet"])
        #expect(second.status == 2, "\(second.stderr)")
        #expect(second.stderr.contains("\(out) is being written by another flowsim sweep"), "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/points"))
        // Once the first one is done, the directory is free again.
        flock(fd, LOCK_UN)
        let later = try run(["sweep", file, "--out", out, "--quiet"])
        #expect(later.status == 0, "\(later.stderr)")
    }
}
