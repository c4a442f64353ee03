import Foundation

/// Standard error: messages and the progress line.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// A progress line on standard error, shown only when standard error is a
/// terminal and the work has already taken more than a second.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private let lock = NSLock()
    private let enabled: Bool
    private var shown = false

    init(_ label: String, quiet: Bool) {
        self.label = label
        enabled = !quiet && Terminal.stderrIsTerminal
    }

    /// `update` as a closure the replication runner may call from any of
    /// its threads (the line takes a lock).
    var report: @Sendable (Int, Int) -> Void { { [self] done, total in update(done, total) } }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed > 1 else { return }
        shown = true
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text = String(format: "\r%@: %d/%d replications, %.1f s elapsed, ~%.0f s left   ",
                          label, done, total, elapsed, left)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
