import ArgumentParser
import FlowSim
import Foundation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a Monte Carlo parameter sweep on every core; resumable, shardable (docs/sweeps.md).",
        discussion: """
        Runs every (point, option) of the sweep file with common random numbers and saves \
        each finished point in DIR/points/ as it goes. Ctrl-C stops cleanly (exit code 130): \
        finished points stay, and running the same command again resumes. When every point \
        is in DIR it writes results.csv/json, sensitivity.csv/json (SRC and PRCC) and, for \
        random and Latin hypercube designs, uncertainty.csv, and prints the ranked \
        sensitivity. With --shard K/N it runs only its share of the points; combine the \
        shards with 'flowsim merge' (docs/cluster.md).
        """)

    @Argument(help: "Sweep file (YAML, schema flowsim.sweep/1).")
    var file: String

    @Option(help: "Output directory (created; an existing one of the same sweep is resumed).")
    var out: String?

    @Option(help: ArgumentHelp("Run only shard K of N (1 <= K <= N): the points p with (p-1) mod N = K-1.",
                               valueName: "K/N"))
    var shard: String?

    @Option(name: [.customShort("t"), .customLong("threads")],
            help: ArgumentHelp("Worker threads, 1-4096 (default: every core). Results do not depend on it.", valueName: "n"))
    var threadsText: String?

    var threads: Int? { threadsText.flatMap { try? NumericOption.parse($0, option: "--threads", range: NumericOption.threads) } }

    @Flag(name: .shortAndLong, help: "No progress, no timing line.")
    var quiet = false

    @Option(help: ArgumentHelp("Also write the sweep's pictures here (HTML): tornado, outcomes per option, P(best), scatter.",
                               valueName: "path"))
    var html: String?

    @Flag(help: "Check the sweep file and every point against the scenarios, print the plan, run nothing.")
    var dryRun = false

    func validate() throws {
        if out == nil && !dryRun { throw ValidationError("missing --out DIR (where the results go)") }
        do {
            if let threadsText { _ = try NumericOption.parse(threadsText, option: "--threads", range: NumericOption.threads) }
        } catch let error as BadInput {
            throw BadInput.refuse("sweep", error.message)
        }
        if let shard {
            do { _ = try SweepShard(parsing: shard) } catch { throw BadInput.refuse("sweep", "\(error)") }
        }
        if let html, !dryRun, let problem = OutputPath.problemWritingFile(html) {
            throw BadInput.refuse("sweep", "--html \(html): \(problem); nothing was run")
        }
        if let out, !dryRun, let problem = OutputPath.problemWritingDirectory(out) {
            throw BadInput.refuse("sweep", "--out \(out): \(problem); nothing was run")
        }
    }

    func run() throws {
        let sweep: Sweep
        do {
            sweep = try Sweep.load(path: file)
        } catch let error as ScenarioValidationError {
            Self.refuse(error, file: file)
        }
        let plan = sweep.plan
        let shard = try shard.map(SweepShard.init(parsing:)) ?? .whole
        if dryRun {
            var problems: [ScenarioIssue] = []
            for number in plan.pointNumbers {
                do { _ = try sweep.configurations(forPoint: number) }
                catch let error as ScenarioValidationError { problems += error.issues }
            }
            if !problems.isEmpty { Self.refuse(ScenarioValidationError(problems), file: file) }
            print(SweepPlanReport.render(plan, shard: shard), terminator: "")
            return
        }
        let out = self.out!
        let job: SweepRun
        // One sweep at a time writes a directory: the lock is held until the
        // process ends. A directory made only for the lock is removed again
        // if the sweep is refused.
        let existed = FileManager.default.fileExists(atPath: out)
        let lock: SweepStore.Lock
        do {
            lock = try SweepStore.lock(out)
            job = try SweepRun(sweep: sweep, out: out, shard: shard)
        } catch let error as SweepError {
            if !existed { try? FileManager.default.removeItem(atPath: out) }
            Terminal.error("flowsim sweep: \(error.message)")
            throw ExitCode(2)
        } catch let error as ScenarioValidationError {
            if !existed { try? FileManager.default.removeItem(atPath: out) }
            Self.refuse(error, file: file)
        }
        defer { withExtendedLifetime(lock) {} }
        let mine = job.shardPoints, done = job.finished, pending = job.pending
        let threadCount = ReplicationRunner(threads: threads).threads
        if !quiet {
            let perPoint = plan.options.count * plan.replications
            var line = "sweep '\(plan.name)': \(plan.points.count) points × \(plan.options.count) option\(plan.options.count == 1 ? "" : "s") × \(plan.replications) replications"
            if shard.count > 1 { line += "; shard \(shard): \(mine.count) points" }
            if !done.isEmpty { line += "; resuming, \(done.count) already finished" }
            line += "; \(pending.count * perPoint) runs on \(threadCount) thread\(threadCount == 1 ? "" : "s") → \(out)"
            Terminal.error(line)
        }
        let interrupts = InterruptHandler()
        let progress = SweepProgressDisplay(quiet: quiet, alreadyDone: done.count, perPoint: plan.options.count * plan.replications)
        let outcome = try job.run(threads: threads, cancellation: interrupts.flag, progress: { progress.update($0) })
        interrupts.restore()
        progress.finish()
        if !quiet && outcome.replications > 0 {
            let rate = outcome.wallSeconds > 0 ? Double(outcome.replications) / outcome.wallSeconds : 0
            Terminal.error(String(format: "%d replications in %.2f s (%.1f replications/s on %d thread%@)",
                                  outcome.replications, outcome.wallSeconds, rate, threadCount,
                                  threadCount == 1 ? "" : "s"))
        }
        if let error = outcome.error {
            Terminal.error("flowsim sweep: cannot save a finished point: \(error.localizedDescription)")
            Terminal.error("\(done.count + outcome.finishedPoints.count) of \(mine.count) points are saved in \(out); fix the problem and run the same command again to resume")
            throw ExitCode(1)
        }
        if outcome.stopped {
            Terminal.error("interrupted: \(done.count + outcome.finishedPoints.count) of \(mine.count) points are saved in \(out); run the same command again to resume")
            throw ExitCode(interrupts.received == SIGTERM ? 143 : 130)
        }
        if shard.count > 1 {
            if !quiet {
                Terminal.error("shard \(shard) finished: \(mine.count) points in \(out); when every shard has finished, combine them with 'flowsim merge SHARD-DIR... --out DIR'")
            }
            return
        }
        let (results, sensitivity) = try job.store.writeCombinedOutputs(SweepOutputFiles())
        if !quiet {
            Terminal.error("wrote \(out)/results.csv, results.json, sensitivity.csv, sensitivity.json\(results.uncertainty != nil ? ", uncertainty.csv" : "")")
        }
        if let html {
            try AtomicFile.write(SweepHTMLReport.render(results, sensitivity, version: ReportProvenance.version), to: html)
            if !quiet { Terminal.error("wrote \(html)") }
        }
        print(SweepSummaryReport.render(results, sensitivity), terminator: "")
    }

    /// Prints every problem of a sweep file and exits with code 2.
    static func refuse(_ error: ScenarioValidationError, file: String) -> Never {
        Terminal.error(error.description)
        let count = error.issues.count
        Terminal.error("\(file): \(count) problem\(count == 1 ? "" : "s"); nothing was run")
        Foundation.exit(2)
    }
}

/// SIGINT (Ctrl-C) and SIGTERM (scancel, a Slurm time limit) ask the sweep
/// to stop after the replications in progress; a second signal stops at
/// once, which is also safe because every file is written atomically.
final class InterruptHandler: @unchecked Sendable {
    let flag = CancellationFlag()
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private var receivedSignal: Int32 = 0
    private static let signals = [SIGINT, SIGTERM]

    init() {
        // A queue of its own: the global queues' threads may all be busy
        // running replications.
        let queue = DispatchQueue(label: "flowsim.sweep.signals")
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.received(number) }
            source.resume()
            sources.append(source)
        }
    }

    var received: Int32 {
        lock.lock(); defer { lock.unlock() }
        return receivedSignal
    }

    private func received(_ number: Int32) {
        lock.lock()
        let second = receivedSignal != 0
        receivedSignal = number
        lock.unlock()
        if second { _exit(128 + number) }
        flag.cancel()
        Terminal.error("\nstopping after the replications in progress (finished points are kept); press Ctrl-C again to stop at once")
    }

    func restore() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}

/// Progress on standard error: a live bar when it is a terminal, a plain
/// line every 10 seconds when it is not (Slurm logs), nothing with --quiet.
final class SweepProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private let quiet: Bool
    private let live: Bool
    private let alreadyDone: Int
    private let perPoint: Int
    private var lastShown = Date.distantPast
    private var shown = false
    private var latest: SweepProgress?

    init(quiet: Bool, alreadyDone: Int, perPoint: Int) {
        self.quiet = quiet
        live = Terminal.stderrIsTerminal
        self.alreadyDone = alreadyDone
        self.perPoint = perPoint
    }

    func update(_ p: SweepProgress) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        latest = p
        let now = Date()
        let interval = live ? 0.2 : 10
        guard now.timeIntervalSince(lastShown) >= interval, now.timeIntervalSince(start) >= (live ? 0.5 : 10) else { return }
        lastShown = now
        show(p, now: now)
    }

    func finish() {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        if live {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        } else if shown, let p = latest {
            show(p, now: Date())
        }
    }

    private func show(_ p: SweepProgress, now: Date) {
        shown = true
        let elapsed = now.timeIntervalSince(start)
        let runHere = p.replicationsDone - alreadyDone * perPoint
        let rate = elapsed > 0 ? Double(runHere) / elapsed : 0
        let left = rate > 0 ? Double(p.replicationsTotal - p.replicationsDone) / rate : 0
        if live {
            let width = 24
            let filled = p.replicationsTotal > 0 ? width * p.replicationsDone / p.replicationsTotal : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let text = String(format: "\r\u{1B}[K[%@] %d/%d points · %d/%d replications · %.1f/s · %@ left",
                              bar, p.pointsDone, p.pointsTotal, p.replicationsDone, p.replicationsTotal, rate,
                              Self.duration(left))
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            Terminal.error(String(format: "sweep: %d/%d points, %d/%d replications, %.1f replications/s, about %@ left",
                                  p.pointsDone, p.pointsTotal, p.replicationsDone, p.replicationsTotal, rate,
                                  Self.duration(left)))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d:%02d", s / 60, s % 60) }
        return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
    }
}
