import FlowSimCore
import FlowSimModel

/// Which option is best on one measure: subset selection with common
/// random numbers and an indifference zone (the screening procedure of
/// Nelson, Swann, Goldsman and Song 2001, with the Bonferroni t that stays
/// valid under common random numbers). The document added as `selection`
/// to a comparison (docs/output-analysis.md).
///
/// With Y the measure signed so that larger is better, n paired
/// replications and S²_ij the sample variance of Y_i - Y_j replication by
/// replication, option i is kept when, for every other j,
///
///     Ȳ_i ≥ Ȳ_j - max(0, W_ij - δ),   W_ij = t(1 - α/(k-1), n-1) · S_ij / √n.
///
/// With probability at least 1 - α the kept subset holds the best option
/// whenever it is at least δ better than the rest; an option dropped can be
/// separated from the best with that confidence.
public struct Selection: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public let option: String
        public let mean: Double
        /// Kept in the subset that holds the best (not separated from it).
        public let retained: Bool
        /// The option minus the sample best, replication by replication,
        /// with its Bonferroni interval (the same t as the screening).
        public let differenceFromLeader: Double
        public let differenceLow: Double
        public let differenceHigh: Double

        enum CodingKeys: String, CodingKey {
            case option, mean, retained, differenceFromLeader = "difference_from_leader",
                 differenceLow = "difference_low", differenceHigh = "difference_high"
        }
    }

    public static let procedureName =
        "subset selection with common random numbers and an indifference zone (Nelson, Swann, Goldsman and Song 2001), Bonferroni t"

    public let procedure: String
    public let metric: String
    public let scope: String
    public let better: BetterDirection
    public let delta: Double
    public let confidence: Double
    public let replications: Int
    /// The sample best (highest or lowest mean as `better` says).
    public let leader: String
    /// The one option left, when all others are separated from it.
    public let best: String?
    public let entries: [Entry]
    /// One sentence: the best, or which options cannot be separated.
    public let verdict: String

    enum CodingKeys: String, CodingKey {
        case procedure, metric, scope, better, delta, confidence, replications, leader, best, entries, verdict
    }

    /// Options kept in the subset, in order.
    public var retained: [String] { entries.filter(\.retained).map(\.option) }

    /// - Parameters:
    ///   - values: per option, the measure per replication (paired: the
    ///     same replication index in every option).
    public init(metric: String, scope: String = "system", better: BetterDirection, delta: Double,
                options: [String], values: [[Double]], confidence: Double = 0.95) {
        precondition(better != .neither, "a metric with no better direction cannot choose a best")
        precondition(options.count == values.count && options.count >= 2)
        let n = values[0].count
        precondition(n >= 2 && values.allSatisfy { $0.count == n }, "at least two paired replications")
        precondition(delta >= 0)
        let k = options.count
        let sign = better == .higher ? 1.0 : -1.0
        let y = values.map { $0.map { $0 * sign } }
        let means = y.map { $0.reduce(0, +) / Double(n) }
        let t = ConfidenceInterval.tCritical(confidence: 1 - 2 * (1 - confidence) / Double(k - 1), degreesOfFreedom: n - 1)
        func w(_ i: Int, _ j: Int) -> Double {
            var tally = Tally()
            for r in 0..<n { tally.add(y[i][r] - y[j][r]) }
            return t * tally.standardError
        }
        var kept = Array(repeating: true, count: k)
        for i in 0..<k {
            for j in 0..<k where j != i && means[i] < means[j] - max(0, w(i, j) - delta) { kept[i] = false }
        }
        let leaderIndex = means.indices.max { means[$0] < means[$1] }!
        let entries = (0..<k).map { i -> Entry in
            let d = (means[i] - means[leaderIndex]) * sign
            let half = i == leaderIndex ? 0 : w(i, leaderIndex)
            return Entry(option: options[i], mean: means[i] * sign, retained: kept[i], differenceFromLeader: d,
                         differenceLow: d - half, differenceHigh: d + half)
        }
        procedure = Self.procedureName
        self.metric = metric
        self.scope = scope
        self.better = better
        self.delta = delta
        self.confidence = confidence
        replications = n
        leader = options[leaderIndex]
        self.entries = entries
        let keptNames = entries.filter(\.retained).map(\.option)
        let pct = Self.percent(confidence)
        let what = "\(better == .higher ? "highest" : "lowest") \(metric)\(scope == "system" ? "" : " at \(scope)")"
        if keptNames.count == 1 {
            best = keptNames[0]
            verdict = "\(keptNames[0]) is best (\(what)): every other option is separated from it with \(pct) confidence (indifference zone \(delta))."
        } else if keptNames.count == k {
            best = nil
            verdict = "No option can be separated from the best (\(what)) with \(pct) confidence (indifference zone \(delta)); the sample best is \(options[leaderIndex])."
        } else {
            best = nil
            let dropped = entries.filter { !$0.retained }.map(\.option)
            verdict = "The best (\(what)) is one of \(keptNames.joined(separator: ", ")) with \(pct) confidence (indifference zone \(delta)); separated from it: \(dropped.joined(separator: ", "))."
        }
    }

    static func percent(_ confidence: Double) -> String {
        let p = confidence * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }

    /// Selection on a comparison's results: the measure's per-replication
    /// values of every option. Nil with a reason when the measure cannot be
    /// used (unknown, no direction, missing from an option).
    public static func on(_ options: [(label: String, result: ExperimentResult)], metric: String, scopeKey: String = "system",
                          delta: Double) -> Result<Selection, SelectionError> {
        guard let definition = MetricCatalogue.metric(named: metric)?.definition else {
            return .failure(.init("'\(metric)' is not a metric"))
        }
        guard definition.better != .neither else {
            return .failure(.init("'\(metric)' is neither better higher nor lower (the metric catalogue says 'neither'): choose a measure with a direction"))
        }
        var values: [[Double]] = []
        for option in options {
            guard let summary = option.result.summary(metric, scopeKey: scopeKey) else {
                return .failure(.init("'\(metric)' is not reported at \(scopeKey) by \(option.label)"))
            }
            values.append(summary.perReplication)
        }
        guard let n = values.first?.count, n >= 2 else {
            return .failure(.init("selection needs at least two replications"))
        }
        return .success(Selection(metric: metric, scope: scopeKey, better: definition.better, delta: delta,
                                  options: options.map(\.label), values: values))
    }
}

public struct SelectionError: Error, Sendable {
    public let message: String
    init(_ message: String) { self.message = message }
}

extension Comparison {
    /// The comparison with a selection of the best on `metric` (its
    /// `selection`, for the terminal, the JSON and the HTML report).
    public func selectingBest(metric: String, scopeKey: String = "system", delta: Double) -> Result<Comparison, SelectionError> {
        Selection.on(labelled.map { ($0.id.label, $0.result) }, metric: metric, scopeKey: scopeKey, delta: delta).map { s in
            var copy = self
            copy.selection = s
            return copy
        }
    }
}
