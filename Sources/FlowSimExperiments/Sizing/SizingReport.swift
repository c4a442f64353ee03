import Foundation
import FlowSimModel

/// The document behind `flowsim size --json` (schema "flowsim.sizing/1",
/// docs/sizing.md), its terminal table and the sized scenario file.
public struct SizingReport: Sendable, Codable {
    public static let schemaID = "flowsim.sizing/1"

    public struct Knob: Sendable, Codable {
        public let path: String
        public let kind: CapacityKnob.Kind
        public let site: String?
        public let id: String
        /// Beds, or the rota's peak hour.
        public let today: Int
        public let sized: Int
        public let change: Int
        public let ceiling: Int
        /// False when no standard bears on it (kept at today's level).
        public let constrained: Bool
        /// The sized rota, hour by hour, for a rota knob.
        public let hours: [Int]?
    }

    public struct StandardReading: Sendable, Codable {
        public let standard: String
        public let scope: String
        public let metric: String
        public let relation: String
        /// The target (for a baseline-relative standard, the offset from the baseline).
        public let target: Double
        public let relativeToBaseline: Bool
        /// The mean at the sized levels (of the difference from the baseline if relative).
        public let mean: Double
        /// Its one-sided bound at `confidence`.
        public let bound: Double
        public let verdict: Sizer.Verdict

        enum CodingKeys: String, CodingKey {
            case standard, scope, metric, relation, target, relativeToBaseline = "relative_to_baseline", mean, bound, verdict
        }
    }

    public struct Total: Sendable, Codable {
        public let today: Int
        public let sized: Int
        public let change: Int
    }

    public struct Objective: Sendable, Codable {
        public let scope: String
        public let metric: String
        public let direction: String
        public let today: Double
        public let found: Double
        public let moves: [String]
    }

    public struct Cost: Sendable, Codable {
        /// Distinct capacity candidates run.
        public let candidates: Int
        /// Replications run, and replications a candidate needed again and found already run.
        public let replicationsRun: Int
        public let replicationsReused: Int
        public let wallSeconds: Double

        enum CodingKeys: String, CodingKey {
            case candidates, replicationsRun = "replications_run", replicationsReused = "replications_reused",
                 wallSeconds = "wall_seconds"
        }
    }

    public var schema = SizingReport.schemaID
    /// `need` (least capacity) or `allocate` (best use of today's beds).
    public let question: String
    public let scenario: String
    public let file: String
    public let baseline: String?
    public let seed: UInt64
    public let replications: Int
    public let confidence: Double
    public let warmupDays: Double
    public let horizonDays: Double
    public let knobs: [Knob]
    /// Totals by kind (`beds`, `cubicles` as the sum of peaks, `vehicles`).
    public let totals: [String: Total]
    public let standards: [StandardReading]
    public let objective: Objective?
    public let cost: Cost

    enum CodingKeys: String, CodingKey {
        case schema, question, scenario, file, baseline, seed, replications, confidence,
             warmupDays = "warmup_days", horizonDays = "horizon_days", knobs, totals, standards, objective, cost
    }

    public init(question: String, scenario: String, file: String, baseline: String?, config: ModelConfig,
                sizer: Sizer, outcome: SizingOutcome, objective: (scope: Scope, metric: String, higher: Bool)? = nil) {
        self.question = question
        self.scenario = scenario
        self.file = file
        self.baseline = baseline
        seed = sizer.settings.seed
        replications = sizer.settings.replications
        confidence = sizer.settings.confidence
        warmupDays = config.warmup / 1_440
        horizonDays = config.horizon / 1_440
        knobs = sizer.knobs.enumerated().map { i, k in
            Knob(path: k.path, kind: k.kind, site: k.site, id: k.id, today: k.today, sized: outcome.levels[i],
                 change: outcome.levels[i] - k.today, ceiling: sizer.ceiling(k),
                 constrained: !outcome.unconstrained.contains(i), hours: k.hours(at: outcome.levels[i]))
        }
        var totals: [String: Total] = [:]
        for kind in CapacityKnob.Kind.allCases {
            let ks = knobs.filter { $0.kind == kind }
            guard !ks.isEmpty else { continue }
            let t = ks.map(\.today).reduce(0, +), s = ks.map(\.sized).reduce(0, +)
            totals[kind.rawValue] = Total(today: t, sized: s, change: s - t)
        }
        self.totals = totals
        standards = zip(sizer.standards, outcome.readings).map { s, r in
            StandardReading(standard: s.label, scope: s.scope.key, metric: s.metric.name, relation: s.standard.relation.rawValue,
                            target: s.threshold, relativeToBaseline: s.isBaselineRelative,
                            mean: r.mean, bound: r.bound, verdict: r.verdict)
        }
        self.objective = objective.flatMap { o in
            outcome.objectiveToday.map {
                Objective(scope: o.scope.key, metric: o.metric, direction: o.higher ? "maximise" : "minimise",
                          today: $0, found: outcome.objectiveFound ?? $0, moves: outcome.moves)
            }
        }
        cost = Cost(candidates: sizer.candidatesEvaluated, replicationsRun: sizer.replicationsRun,
                    replicationsReused: sizer.replicationsReused, wallSeconds: sizer.wallSeconds)
    }

    /// The terminal table: each knob against today's, the totals, each
    /// standard's reading and what the search cost.
    public func table() -> String {
        var out = "\(question == "need" ? "Least capacity meeting the standards" : "Best use of today's beds"): \(scenario)\n"
        out += "\(replications) replications from seed \(seed) (common random numbers), one-sided \(Int((confidence * 100).rounded()))% bounds; measured \(Self.number(horizonDays)) days after \(Self.number(warmupDays)) days' warm-up\n\n"
        let rows = knobs.map { k in
            [k.site ?? "-", k.id, k.kind.rawValue + (k.hours != nil ? " (peak)" : ""), "\(k.today)", "\(k.sized)",
             k.change == 0 ? "0" : (k.change > 0 ? "+\(k.change)" : "\(k.change)"), k.constrained ? "" : "no standard bears on it"]
        }
        let totalRows = CapacityKnob.Kind.allCases.compactMap { kind -> [String]? in
            totals[kind.rawValue].map { t in
                ["total", "", kind.rawValue, "\(t.today)", "\(t.sized)", t.change > 0 ? "+\(t.change)" : "\(t.change)", ""]
            }
        }
        out += Self.grid([["site", "ward/stream", "capacity", "today", "sized", "change", ""]] + rows + totalRows)
        if !standards.isEmpty {
            out += "\nStandards at the sized capacity:\n"
            out += Self.grid([["standard", "mean", "95% bound", "verdict"]] + standards.map {
                [$0.standard, Self.number($0.mean), Self.number($0.bound), $0.verdict.rawValue]
            })
        }
        if let objective {
            out += "\n\(objective.direction) \(objective.scope) \(objective.metric): today \(Self.number(objective.today)), placed \(Self.number(objective.found))\n"
            out += objective.moves.isEmpty ? "no move improves it with confidence\n"
                : "moves, in order: " + objective.moves.joined(separator: "; ") + "\n"
        }
        out += "\nSearch: \(cost.candidates) candidates, \(cost.replicationsRun) replications run (\(cost.replicationsReused) reused), \(String(format: "%.1f", cost.wallSeconds)) s wall\n"
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(format: abs(v) < 10 ? "%.4f" : "%.1f", v)
    }

    static func grid(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c >= 3 && c <= 5 ? String(repeating: " ", count: widths[c] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[c] - cell.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    /// The sized scenario: `base:` the input file (relative to where the
    /// new file is written) and only the changed capacities.
    public func scenarioYAML(writtenTo path: String, name: String, command: String) -> String {
        let base = Self.relativePath(from: URL(fileURLWithPath: path).deletingLastPathComponent().path, to: file)
        var out = "# Written by `flowsim size` (\(question)): \(command)\n"
        out += "# \(replications) replications from seed \(seed), one-sided \(Int((confidence * 100).rounded()))% bounds, \(Self.number(horizonDays)) measured days.\n"
        for s in standards { out += "# standard: \(s.standard)\n" }
        out += "# Every capacity below is an assumption sized by that search, not a planned figure.\n"
        out += "base: \(Self.quoted(base))\nname: \(Self.quoted(name))\n"
        var sites: [(String, [(String, String)])] = []
        var fleet: String?
        for k in knobs where k.change != 0 {
            let value = k.hours.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" } ?? "\(k.sized)"
            guard let site = k.site else { fleet = value; continue }
            let line = k.kind == .beds ? "    wards:\t\(k.id): {beds: \(value)}   # today \(k.today)"
                : "    streams:\t\(k.id): {servers: \(value)}   # today's rota scaled to a peak of \(k.sized) (today \(k.today))"
            if let i = sites.firstIndex(where: { $0.0 == site }) { sites[i].1.append((k.kind.rawValue, line)) }
            else { sites.append((site, [(k.kind.rawValue, line)])) }
        }
        if !sites.isEmpty {
            out += "sites:\n"
            for (site, lines) in sites {
                out += "  \(site):\n"
                for group in ["beds", "cubicles"] {
                    let ls = lines.filter { $0.0 == group }.map(\.1)
                    guard let first = ls.first else { continue }
                    out += first.components(separatedBy: "\t")[0] + "\n"
                    for l in ls { out += "      " + l.components(separatedBy: "\t")[1] + "\n" }
                }
            }
        }
        if let fleet { out += "network:\n  ambulance:\n    vehicles: \(fleet)   # today's rota scaled\n" }
        return out
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `to` relative to the directory `from` (both made absolute).
    static func relativePath(from directory: String, to file: String) -> String {
        let a = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        var i = 0
        while i < min(a.count, b.count - 1) && a[i] == b[i] { i += 1 }
        return (Array(repeating: "..", count: a.count - i) + b[i...]).joined(separator: "/")
    }
}
