import FlowSim
import Foundation
import Testing

/// Replications run on any number of threads give bit-for-bit the same
/// results, in replication order.
@Suite struct ReplicationRunnerTests {
    @Test func jsonIsIdenticalWhateverTheNumberOfThreads() throws {
        let config = try ExperimentTest.r2()
        var documents: [Data] = []
        for threads in [1, 2, 3] {
            var result = ReplicationRunner(threads: threads).run(config, seed: 11, replications: 4)
            #expect(result.wallSeconds > 0)
            result.wallSeconds = 0
            documents.append(try JSONReport.encode(result))
        }
        #expect(documents[0] == documents[1])
        #expect(documents[0] == documents[2])
        // The documents are real results, not empty shells.
        let text = String(decoding: documents[0], as: UTF8.self)
        #expect(text.contains("\"ae_time_in_dept_mean_min\""))
        #expect(text.contains("\"per_replication\""))
    }

    /// The batch that compare uses: one pool for every (configuration,
    /// replication) job, each configuration's result the same as its own run.
    @Test func aBatchGivesEachConfigurationItsOwnRun() throws {
        let base = try ExperimentTest.r2()
        let more = try ExperimentTest.r2([("sites.ED.streams.cubicles.servers", "17")])
        let batch = ReplicationRunner(threads: 3).run(configs: [base, more], seed: 9, replications: 2)
        #expect(batch.count == 2)
        for (result, config) in zip(batch, [base, more]) {
            var alone = ReplicationRunner(threads: 1).run(config, seed: 9, replications: 2)
            var batched = result
            alone.wallSeconds = 0
            batched.wallSeconds = 0
            #expect(try JSONReport.encode(batched) == JSONReport.encode(alone))
        }
        #expect(batch[0].summary("ae_wait_for_cubicle_mean_min") != batch[1].summary("ae_wait_for_cubicle_mean_min"))
    }

    @Test func eachReplicationIsTheReplicationOfItsIndex() throws {
        let config = try ExperimentTest.r2()
        let result = ReplicationRunner(threads: 2).run(config, seed: 5, replications: 3)
        let direct = (0..<3).map { Replication.run(config, seed: 5, replication: $0) }
        for scope in ["system", "ED"] {
            for name in requiredAEMetrics {
                let summary = try #require(result.summary(name, scopeKey: scope))
                #expect(summary.perReplication == direct.map { $0.value(name, scopeKey: scope)! }, "\(scope) \(name)")
            }
        }
        #expect(result.patients == direct.reduce(0) { $0 + $1.measuredJourneys })
        #expect(result.events == direct.reduce(0) { $0 + $1.eventsHandled })
        #expect(result.replications == 3 && result.seed == 5)
        #expect(result.warmupDays == 3 && result.horizonDays == 5)
        #expect(result.scenario == config.name)
    }

    @Test func mapKeepsJobOrderAndReportsProgress() {
        final class Progress: @unchecked Sendable {
            let lock = NSLock()
            var calls: [(Int, Int)] = []
            func record(_ done: Int, _ total: Int) { lock.lock(); calls.append((done, total)); lock.unlock() }
        }
        let progress = Progress()
        let squares = ReplicationRunner(threads: 4).map(100, progress: { progress.record($0, $1) }) { $0 * $0 }
        #expect(squares == (0..<100).map { $0 * $0 })
        #expect(progress.calls.count == 100)
        #expect(progress.calls.allSatisfy { $0.1 == 100 && (1...100).contains($0.0) })
        #expect(progress.calls.map(\.0).max() == 100)
        // More threads than jobs, and no jobs at all.
        #expect(ReplicationRunner(threads: 8).map(3) { $0 + 1 } == [1, 2, 3])
        #expect(ReplicationRunner(threads: 2).map(0) { $0 }.isEmpty)
    }

    @Test func threadCountDefaultsToEveryCoreAndIsAtLeastOne() {
        #expect(ReplicationRunner(threads: 0).threads == 1)
        #expect(ReplicationRunner(threads: -3).threads == 1)
        #expect(ReplicationRunner(threads: 5).threads == 5)
        #expect(ReplicationRunner().threads == ProcessInfo.processInfo.activeProcessorCount)
    }
}
