import Foundation
import FlowSimCore
import FlowSimModel
import FlowSimScenario

/// A standard a sized scenario must meet: a catalogue metric at a scope,
/// bounded by a constant or by the baseline scenario's value
/// (docs/sizing.md, "Standards").
///
/// Written `SCOPE METRIC OP BOUND`, e.g. `BTUHFT ward_medical_occupancy_rate <= 0.92`,
/// `* ward_*_occupancy_rate <= 92%`, `system ae_within_4h >= baseline`,
/// `system handover_delay_over_60_min <= 2/day`.
public struct Standard: Sendable, Hashable, CustomStringConvertible {
    public enum Relation: String, Sendable, Hashable { case atMost = "<=", atLeast = ">=" }
    public enum Bound: Sendable, Hashable {
        /// A constant in the metric's unit (fractions as 0.92 or 92%).
        case value(Double)
        /// A constant per measured day, for totals over the window (counts, hours).
        case perDay(Double)
        /// The baseline scenario's value plus `offset` (paired, with common random numbers).
        case baseline(offset: Double)
    }

    /// `system`, a site id, or `*` for every site.
    public let scope: String
    /// A metric name; in a family a `*` stands for every part the scope has
    /// (`ward_*_occupancy_rate`: every ward).
    public let metric: String
    public let relation: Relation
    public let bound: Bound
    /// As written, for messages and reports.
    public let text: String
    /// Where it was written (nil on the command line).
    public let location: SourceLocation?

    public var description: String { text }

    public init(scope: String, metric: String, relation: Relation, bound: Bound, text: String? = nil,
                location: SourceLocation? = nil) {
        self.scope = scope
        self.metric = metric
        self.relation = relation
        self.bound = bound
        self.location = location
        self.text = text ?? "\(scope) \(metric) \(relation.rawValue) \(Self.describe(bound))"
    }

    static func describe(_ bound: Bound) -> String {
        switch bound {
        case .value(let v): "\(v)"
        case .perDay(let v): "\(v)/day"
        case .baseline(let o): o == 0 ? "baseline" : "baseline\(o > 0 ? "+" : "")\(o)"
        }
    }

    public static let syntax = "SCOPE METRIC OP BOUND, e.g. 'BTUHFT ward_medical_occupancy_rate <= 0.92' (SCOPE: system, a site id or * for every site; OP: <= or >=; BOUND: a number, N%, N/day, baseline, baseline+N or baseline-N)"

    /// Parses `SCOPE METRIC OP BOUND`.
    public static func parse(_ text: String, location: SourceLocation? = nil) throws -> Standard {
        func fail(_ why: String) -> SizingError {
            SizingError("standard '\(Escaped.text(text))': \(why); expected \(syntax)", location: location)
        }
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        // Let the operator touch its neighbours: "x<=0.9".
        if words.count < 4 {
            var spaced = text
            for op in ["<=", ">="] { spaced = spaced.replacingOccurrences(of: op, with: " \(op) ") }
            words = spaced.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        guard words.count >= 4 else { throw fail("it has \(words.count) part\(words.count == 1 ? "" : "s")") }
        let scope = words[0], metric = words[1]
        guard let relation = Relation(rawValue: words[2]) else {
            let hint = ["<", ">", "=", "=="].contains(words[2]) ? " (a standard is met or not with confidence; use <= or >=)" : ""
            throw fail("'\(Escaped.text(words[2]))' is not <= or >=\(hint)")
        }
        let boundText = words[3...].joined().lowercased()
        let bound: Bound
        if boundText.hasPrefix("baseline") {
            let rest = boundText.dropFirst("baseline".count)
            if rest.isEmpty {
                bound = .baseline(offset: 0)
            } else if let sign = rest.first, sign == "+" || sign == "-", let v = number(rest.dropFirst()) {
                bound = .baseline(offset: sign == "+" ? v : -v)
            } else {
                throw fail("'\(Escaped.text(words[3...].joined()))' is not baseline, baseline+N or baseline-N")
            }
        } else if boundText.hasSuffix("%"), let v = number(boundText.dropLast()) {
            bound = .value(v / 100)
        } else if boundText.hasSuffix("/day"), let v = number(boundText.dropLast(4)) {
            bound = .perDay(v)
        } else if let v = number(Substring(boundText)) {
            bound = .value(v)
        } else {
            throw fail("'\(Escaped.text(words[3...].joined()))' is not a number, N%, N/day or baseline")
        }
        return Standard(scope: scope, metric: metric, relation: relation, bound: bound, text: words.joined(separator: " "),
                        location: location)
    }

    static func number(_ s: Substring) -> Double? {
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }

    /// The schema of a standards file.
    public static let fileSchema = "flowsim.standards/1"

    /// Reads a standards file:
    /// ```yaml
    /// schema: flowsim.standards/1
    /// standards:
    ///   - BTUHFT ward_medical_occupancy_rate <= 0.92
    ///   - system ae_within_4h >= baseline
    /// ```
    /// Problems are reported with file, line and column.
    public static func load(path: String) throws -> [Standard] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SizingError("cannot read the standards file \(path): \(error.localizedDescription)")
        }
        let document = try ScenarioDocument.parse(yaml: text, file: path)
        let root = document.root
        let known = ["schema", "standards", "description"]
        for entry in root.entries ?? [] where !known.contains(entry.key) {
            throw SizingError("unknown key '\(Escaped.text(entry.key))'\(DidYouMean.hint(for: entry.key, among: known)); a standards file has \(known.joined(separator: ", "))",
                              location: entry.keyLocation, field: entry.key)
        }
        guard let schema = root["schema"]?.scalar, schema == fileSchema else {
            throw SizingError("expected schema: \(fileSchema)", location: root["schema"]?.location ?? root.location, field: "schema")
        }
        guard let node = root["standards"], let items = node.items, !items.isEmpty else {
            throw SizingError("expected a non-empty list of standards ('\(syntax)')",
                              location: root["standards"]?.location ?? root.location, field: "standards")
        }
        return try items.enumerated().map { i, item in
            guard let line = item.scalar else {
                throw SizingError("expected a standard written as \(syntax), got \(item.kindDescription)",
                                  location: item.location, field: "standards.\(i)")
            }
            do { return try parse(line, location: item.location) } catch let e as SizingError {
                throw SizingError(e.message, location: item.location, field: "standards.\(i)")
            }
        }
    }
}

/// A bad standard, knob or search: a precise message, with the file
/// position when it came from a file. The command exits 2 on it.
public struct SizingError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public let message: String
    public let location: SourceLocation?
    public let field: String?

    public init(_ message: String, location: SourceLocation? = nil, field: String? = nil) {
        self.message = message
        self.location = location
        self.field = field
    }

    public var description: String {
        var prefix = ""
        if let location { prefix += "\(location): " }
        if let field { prefix += "\(field): " }
        return prefix + message
    }

    public var errorDescription: String? { description }
}

/// A standard applied to one concrete (scope, metric) of a scenario.
public struct ResolvedStandard: Sendable {
    public let standard: Standard
    public let scope: Scope
    public let metric: Metric
    /// The bound in the metric's unit (per-day bounds multiplied by the
    /// measured days); for a baseline bound, the offset.
    public let threshold: Double
    public var isBaselineRelative: Bool { if case .baseline = standard.bound { return true } else { return false } }

    /// `BTUHFT ward_medical_occupancy_rate <= 0.92`
    public var label: String {
        "\(scope.key) \(metric.name) \(standard.relation.rawValue) \(Standard.describe(standard.bound))"
    }
}

extension Standard {
    /// The concrete (scope, metric) pairs this standard applies to in a
    /// scenario of `layout` measured over `days`, each checked: unknown
    /// scopes and metrics are refused with a suggestion, and so are
    /// targets no value of the metric's unit can meet.
    public func resolve(in layout: MetricLayout, days: Double) throws -> [ResolvedStandard] {
        func fail(_ why: String) -> SizingError { SizingError("standard '\(Escaped.text(text))': \(why)", location: location) }
        let wholeWindow = layout.scopes.filter { !$0.isPeriod && ($0.kind == .system || $0.kind == .site) }
        let scopes: [Scope]
        if scope == "*" {
            scopes = wholeWindow.filter { $0.kind == .site }
        } else if let s = wholeWindow.first(where: { $0.key == scope }) {
            scopes = [s]
        } else {
            throw fail("no scope '\(Escaped.text(scope))'\(DidYouMean.hint(for: scope, among: wholeWindow.map(\.key))) (scopes: \(wholeWindow.map(\.key).joined(separator: ", ")), or * for every site)")
        }
        var resolved: [ResolvedStandard] = []
        for s in scopes {
            let available = layout.metrics(at: s)
            let matching: [Metric]
            if metric.contains("*") {
                let parts = metric.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { throw fail("a metric pattern has one *, standing for a family's part") }
                matching = available.filter {
                    $0.part != nil && $0.name == parts[0] + $0.part! + parts[1]
                }
                if matching.isEmpty && scope != "*" {
                    throw fail("no metric of \(s.key) matches '\(Escaped.text(metric))' ('flowsim metrics FILE' lists them)")
                }
            } else if let m = available.first(where: { $0.name == metric }) {
                matching = [m]
            } else if scope == "*" && layout.metric(named: metric) != nil {
                matching = []   // a ward one site lacks
            } else {
                let known = layout.metric(named: metric) != nil || MetricCatalogue.metric(named: metric) != nil
                throw fail(known
                    ? "'\(Escaped.text(metric))' is not reported at \(s.key) in this scenario"
                    : "'\(Escaped.text(metric))' is not a metric\(DidYouMean.hint(for: metric, among: layout.metrics.map(\.name))) ('flowsim metrics FILE' lists them)")
            }
            for m in matching {
                let threshold: Double
                switch bound {
                case .value(let v): threshold = v
                case .baseline(let o): threshold = o
                case .perDay(let v):
                    guard m.unit == .count || m.unit == .hours else {
                        throw fail("N/day is for totals over the window (counts, hours); \(m.name) is in \(m.unit.rawValue)")
                    }
                    threshold = v * days
                }
                if case .baseline = bound {} else {
                    try checkAttainable(m, threshold: threshold, fail: fail)
                }
                resolved.append(ResolvedStandard(standard: self, scope: s, metric: m, threshold: threshold))
            }
        }
        if resolved.isEmpty { throw fail("matches no metric of any site ('flowsim metrics FILE' lists them)") }
        return resolved
    }

    /// Every catalogue unit is non-negative and fractions are at most 1:
    /// a bound outside what the unit can take is an impossible target.
    func checkAttainable(_ m: Metric, threshold: Double, fail: (String) -> SizingError) throws {
        let isFraction = m.unit.isShare
        switch relation {
        case .atMost where threshold < 0:
            throw fail("\(m.name) is never below 0, so '<= \(threshold)' cannot be met")
        case .atLeast where isFraction && threshold > 1:
            throw fail("\(m.name) is a fraction (at most 1), so '>= \(threshold)' cannot be met; write 92% or 0.92")
        case .atMost where isFraction && threshold >= 1, .atLeast where threshold <= 0:
            throw fail("every value of \(m.name) meets '\(relation.rawValue) \(threshold)'; it constrains nothing")
        default:
            break
        }
    }
}
