import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

// The shards of one Slurm array job start together and each makes
// OUT/shards/K-of-N, first probing that it can (making and removing the
// directories), then for real. None may fail because another made or
// removed the shared parent a moment earlier.
@Suite struct DirectoriesTests {
    @Test func shardsStartingTogetherShareTheirNewParent() throws {
        let root = try makeTemporaryDirectory("flowsim-directories")
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = 16
        for round in 0..<25 {
            let parent = root.appendingPathComponent("run-\(round)/shards").path
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: shards) { k in
                let path = "\(parent)/\(k + 1)-of-\(shards)"
                // The probe: make what is missing, then remove it again.
                switch Directories.createMissing(path) {
                case .success(let made): for dir in made.reversed() { rmdir(dir) }
                case .failure(let problem): failures.add(problem.message)
                }
                do { try Directories.create(path) } catch { failures.add("\(error)") }
            }
            #expect(failures.messages.isEmpty, "round \(round): \(failures.messages)")
            let made = try FileManager.default.contentsOfDirectory(atPath: parent)
            #expect(made.count == shards)
        }
    }

    @Test func aFileInTheWayIsNamed() throws {
        let root = try makeTemporaryDirectory("flowsim-directories")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("results").path
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        guard case .failure(let problem) = Directories.createMissing("\(file)/shards/1-of-2") else {
            Issue.record("a directory was made under a file")
            return
        }
        #expect(problem.message == "\(file) is a file, so nothing can be created under it")
        #expect(throws: (any Error).self) { try Directories.create("\(file)/shards") }
    }
}

/// Messages gathered from concurrent work.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ message: String) { lock.lock(); stored.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
