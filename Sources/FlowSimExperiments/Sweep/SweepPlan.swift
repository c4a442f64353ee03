import Foundation

/// Everything needed to run a sweep's points and to summarise them, fixed
/// when the sweep is loaded: the options, the parameters, every point's
/// values, and the fingerprints of the files it came from.
///
/// The plan is stored in each output directory's manifest, so that a
/// resumed run, a shard and a merge all work from the same, checked
/// description, and a merge needs no access to the sweep file.
public struct SweepPlan: Sendable, Codable, Equatable {
    public static let schemaID = "flowsim.sweep-plan/1"

    public var schema = SweepPlan.schemaID
    public var name: String
    /// SHA-256 over the contents of the sweep file and of every scenario
    /// file involved (base chains included), in order: equal identities
    /// mean the same sweep, wherever the files sit.
    public var identity: String
    public var files: [FileFingerprint]
    public var options: [SweepOption]
    public var parameters: [SweepParameter]
    public var design: SweepDesign
    public var replications: Int
    public var seed: UInt64
    /// Run-length overrides applied to every option, in days.
    public var warmupDays: Double?
    public var horizonDays: Double?
    public var metrics: [String]
    public var scopes: [String]
    public var best: BestCriterion?
    /// points[i] holds the parameter values of point i + 1, in parameter order.
    public var points: [[Double]]

    enum CodingKeys: String, CodingKey {
        case schema, name, identity, files, options, parameters, design, replications, seed,
             warmupDays = "warmup_days", horizonDays = "horizon_days", metrics, scopes, best, points
    }

    /// Point numbers run from 1.
    public var pointNumbers: ClosedRange<Int> { 1...points.count }

    /// `p0007`: zero-padded to at least four digits, so files sort in order.
    public func pointID(_ number: Int) -> String {
        let width = max(4, String(points.count).count)
        let digits = String(number)
        return "p" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Parameter values of a point by parameter name.
    public func values(ofPoint number: Int) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(parameters.map(\.name), points[number - 1]))
    }

    /// The scenario overrides that make a point: `(path, yaml)` pairs.
    public func overrides(forPoint number: Int) -> [(path: String, yaml: String)] {
        zip(parameters, points[number - 1]).map { ($0.name, $0.yaml($1)) }
    }
}

/// One input file and the SHA-256 of its contents.
public struct FileFingerprint: Sendable, Codable, Equatable {
    /// "sweep", or "scenario" (an option's file or one of its base files).
    public var role: String
    /// Relative to the sweep file's directory.
    public var path: String
    public var sha256: String
}

/// One option: a scenario file, labelled by its scenario name (made unique
/// with the file name where two names agree).
public struct SweepOption: Sendable, Codable, Equatable {
    public var label: String
    /// As written in the sweep file.
    public var file: String
}

/// Which part of a sweep one run does: `--shard K/N` runs the points whose
/// number p has (p - 1) mod N = K - 1. Round robin spreads neighbouring
/// (similar-cost) grid points over all shards.
public struct SweepShard: Sendable, Codable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = SweepShard(index: 1, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (1...count).contains(index))
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 1 <= K <= N.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw SweepError("--shard expects K/N, e.g. 2/8, got '\(text)'")
        }
        guard n <= 1_000_000 else {
            throw SweepError("--shard \(text): expected N <= 1000000 (a sweep has at most 1000000 points), got N = \(n)")
        }
        guard n >= 1, (1...n).contains(k) else {
            throw SweepError("--shard \(text): expected 1 <= K <= N (shards are numbered from 1, as Slurm array tasks with --array=1-N), got K = \(k), N = \(n)")
        }
        self.init(index: k, count: n)
    }

    public func contains(point number: Int) -> Bool { (number - 1) % count == index - 1 }

    public func points(of plan: SweepPlan) -> [Int] { plan.pointNumbers.filter(contains(point:)) }

    public var description: String { "\(index)/\(count)" }
}

/// A sweep-level problem that is not about a position in a file: a
/// refused resume, an inconsistent set of shards, an unreadable result.
public struct SweepError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
    public var errorDescription: String? { message }
}
