import ArgumentParser
import FlowSim
import Foundation

/// Bad command-line input is reported like a bad scenario file: one clean
/// message naming the option, exit code 2, and nothing run.
struct BadInput: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }

    /// Prints the message and gives the exit code to throw.
    static func refuse(_ command: String, _ message: String) -> ExitCode {
        Terminal.error("flowsim \(command): \(message)")
        return ExitCode(2)
    }
}

/// Numeric options take the same bounds as the scenario (or sweep) keys
/// they override, so the command line cannot ask for what a file may not.
enum NumericOption {
    /// `run.replications` and the sweep file's `replications`.
    static let replications = 1...100_000
    /// `run.seed` and the sweep file's `seed`: a non-negative integer.
    static let seed = 0...Int.max
    /// Worker threads (no scenario key): more than this is a typo.
    static let threads = 1...4096
    /// `bench --repeats`.
    static let repeats = 1...1000

    /// The value of `option` as a whole number within `range`, or why not.
    static func parse(_ text: String, option: String, range: ClosedRange<Int>) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let what = range.upperBound == Int.max
            ? "a whole number >= \(range.lowerBound)"
            : "a whole number between \(range.lowerBound) and \(range.upperBound)"
        let digits = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw BadInput("\(option) expects \(what), got '\(Escaped.text(text))'")
        }
        guard let value = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed), range.contains(value) else {
            throw BadInput("\(option) expects \(what), got \(trimmed)")
        }
        return value
    }

    /// Value-taking options whose values may start with '-' (a negative
    /// number, which the argument parser would take for an option).
    static let names: [String: String] = [
        "--replications": "--replications", "-r": "--replications",
        "--seed": "--seed", "-s": "--seed",
        "--threads": "--threads", "-t": "--threads",
        "--repeats": "--repeats", "--shard": "--shard",
    ]

    /// Rewrites `--replications -1` as `--replications=-1`, so that a
    /// negative value reaches the option's own check ("expects a whole
    /// number between 1 and 100000, got -1") instead of being taken for an
    /// unknown option and reported as a missing value.
    static func joinNegativeValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { result += arguments[i...]; break }
            if let long = names[argument], i + 1 < arguments.count, looksNegative(arguments[i + 1]) {
                result.append("\(long)=\(arguments[i + 1])")
                i += 2
                continue
            }
            result.append(argument)
            i += 1
        }
        return result
    }

    static func looksNegative(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        let next = text[text.index(after: text.startIndex)]
        return next.isNumber || next == "."
    }
}

/// Output paths are checked before anything runs: a simulation of an hour
/// must not be lost to a typo in `--json`. The check creates what a real
/// write would (missing directories, a probe file) and removes it again.
enum OutputPath {
    /// Why a file cannot be written at `path`, or nil.
    static func problemWritingFile(_ path: String) -> String? {
        if path.isEmpty { return "expected a file path, got an empty text" }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(path) is a directory; give a file name"
        }
        let parent = (path as NSString).deletingLastPathComponent
        return problemCreatingIn(parent.isEmpty ? "." : parent)
    }

    /// Why an output directory cannot be created or written at `path`, or nil.
    static func problemWritingDirectory(_ path: String) -> String? {
        if path.isEmpty { return "expected a directory path, got an empty text" }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(path) is a file, not a directory"
        }
        return problemCreatingIn(path)
    }

    /// Creates the missing directories up to `directory` and a probe file
    /// in it, then removes what it made. Shards starting together may probe
    /// the same new parent at once; `Directories` lets them share it.
    static func problemCreatingIn(_ directory: String) -> String? {
        let made: [String]
        switch Directories.createMissing(directory) {
        case .success(let dirs): made = dirs
        case .failure(let problem):
            for dir in problem.made.reversed() { rmdir(dir) }
            return problem.message
        }
        defer { for dir in made.reversed() { rmdir(dir) } }
        let probe = (directory as NSString).appendingPathComponent(".flowsim-probe-\(getpid())-\(UUID().uuidString.prefix(8))")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 { return "cannot write in \(directory): \(String(cString: strerror(errno)))" }
        close(fd)
        unlink(probe)
        return nil
    }
}
