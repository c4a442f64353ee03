import Foundation
import FlowSimExperiments
import FlowSimModel

/// How people read a metric: its label and unit from the catalogue,
/// fractions as percentages, short cells, and whether a paired difference
/// is better, worse or not distinguishable (the terminal and HTML reports;
/// the JSON and CSV files keep the raw numbers).
public enum Measures {
    /// The measures a planner asks about first, in the order the summary
    /// shows them. Looked up by name: a scenario without one (no network,
    /// no bed sizing yet) simply lacks that column.
    public static let summaryCandidates: [String] = [
        "ae_within_4h", "trolley_waits_12h", "handover_delay_over_30_min", "handover_delay_over_60_min",
        "ambulance_response_c1_mean_min", "ambulance_response_c2_mean_min",
        "travel_to_specialist_mean_min", "beds_needed_92", "unstable_replication", "ae_time_in_dept_mean_min",
    ]

    /// The summary measures present among `available`, in summary order.
    public static func summary(from available: [String]) -> [String] {
        summaryCandidates.filter(available.contains)
    }

    public static func metric(_ name: String) -> Metric? { MetricCatalogue.metric(named: name) }

    /// The catalogue's label; the ambulance response categories as
    /// planners name them ("Category 2 response, mean").
    public static func label(_ name: String) -> String {
        guard let m = metric(name) else { return name }
        return m.label
    }

    public static func isFraction(_ name: String) -> Bool { metric(name)?.unit == .fraction }

    /// The unit as a reader sees it: "%" for fractions, "" for plain counts.
    public static func unit(_ name: String) -> String {
        guard let unit = metric(name)?.unit else { return "" }
        switch unit {
        case .fraction: return "%"
        case .count, .replications: return ""
        default: return unit.rawValue
        }
    }

    /// The unit of a difference: percentage points for fractions.
    public static func differenceUnit(_ name: String) -> String {
        isFraction(name) ? "percentage points" : unit(name)
    }

    /// Label with its unit, for headings and axis titles: "Within 4 hours (%)".
    public static func title(_ name: String) -> String {
        let u = unit(name)
        return u.isEmpty ? label(name) : "\(label(name)) (\(u))"
    }

    /// A figure in display units (fractions × 100).
    public static func scaled(_ x: Double, _ name: String) -> Double { isFraction(name) ? x * 100 : x }

    /// A short figure: "82.4%", "1,234", "37.5", "4.21". Minus signs are
    /// ASCII hyphens so the text pastes anywhere.
    public static func figure(_ x: Double, _ name: String, percentSign: Bool = true) -> String {
        guard x.isFinite else { return "-" }
        if isFraction(name) { return String(format: "%.1f", x * 100) + (percentSign ? "%" : "") }
        return plain(x)
    }

    /// A difference: fractions in percentage points, with a sign.
    public static func signed(_ x: Double, _ name: String) -> String {
        guard x.isFinite else { return "-" }
        let s = isFraction(name) ? String(format: "%.1f", x * 100) : plain(x)
        return x > 0 && !s.hasPrefix("-") ? "+" + s : (s == "-0.0" || s == "-0" ? s.dropFirst().description : s)
    }

    static func plain(_ x: Double) -> String {
        let m = abs(x)
        if x == x.rounded() && m < 1e15 { return m >= 10_000 ? grouped(x) : String(format: "%.0f", x) }
        if m >= 10_000 { return grouped(x) }
        if m >= 1000 { return String(format: "%.0f", x) }
        if m >= 100 { return String(format: "%.0f", x) }
        if m >= 10 { return String(format: "%.1f", x) }
        return String(format: "%.2f", x)
    }

    static func grouped(_ x: Double) -> String {
        let digits = String(format: "%.0f", abs(x))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (x < 0 ? "-" : "") + String(out.reversed())
    }

    /// "82.4% ±0.3" (one replication: the mean alone). Where the Student-t
    /// interval would pass a bound of the measure (below 0 for a count, a
    /// time or a level; above 100% for a fraction), the bounded interval
    /// instead, "3.1 [0.4, 7.9]", so no printed interval leaves the range;
    /// unstable replications as "2 of 10".
    public static func cell(_ s: MetricSummary, _ name: String) -> String {
        if metric(name)?.unit == .replications {
            return "\(s.perReplication.filter { $0 > 0 }.count) of \(s.perReplication.count)"
        }
        guard s.perReplication.count > 1 else { return figure(s.mean, name) }
        if let b = boundedInterval(s, name) {
            return "\(figure(s.mean, name)) [\(figure(b.low, name, percentSign: false)), "
                + "\(figure(b.high, name, percentSign: false))]"
        }
        let half = isFraction(name) ? String(format: "%.1f", s.halfWidth * 100) : plain(s.halfWidth)
        return "\(figure(s.mean, name)) ±\(half)"
    }

    /// The bounded interval, where the Student-t interval of the mean would
    /// leave the measure's range; nil where the t-interval stays inside.
    public static func boundedInterval(_ s: MetricSummary, _ name: String) -> MetricSummary.Bounded95? {
        s.boundedWhereNeeded(bounds(name))
    }

    /// The 95% interval a reader is given: Student t, or the bounded one
    /// where t would leave the measure's range.
    public static func interval(_ s: MetricSummary, _ name: String) -> (low: Double, high: Double) {
        s.interval95(bounds(name))
    }

    /// The range of a measure's values (a name outside the catalogue: non-negative).
    static func bounds(_ name: String) -> MetricSummary.Bounds {
        metric(name).map { MetricSummary.Bounds($0.unit) } ?? .nonNegative
    }

    /// "-1.2 [-1.5, -0.9]".
    public static func difference(_ d: MetricSummary, _ name: String) -> String {
        guard d.perReplication.count > 1 else { return signed(d.mean, name) }
        return "\(signed(d.mean, name)) [\(signed(d.ci95Low, name)), \(signed(d.ci95High, name))]"
    }

    /// What a paired difference says, by the metric's direction.
    public enum Verdict: String, Sendable {
        case better, worse
        /// The 95% interval includes 0.
        case indistinguishable = "not distinguishable"
        /// A volume or level, neither good nor bad in itself.
        case neutral = "no direction"
    }

    public static func verdict(_ d: MetricSummary, _ name: String) -> Verdict {
        let direction = metric(name)?.better ?? .neither
        guard d.perReplication.count > 1 else { return direction == .neither ? .neutral : .indistinguishable }
        let excludesZero = d.ci95Low > 0 || d.ci95High < 0
        guard excludesZero else { return .indistinguishable }
        switch direction {
        case .neither: return .neutral
        case .higher: return d.mean > 0 ? .better : .worse
        case .lower: return d.mean < 0 ? .better : .worse
        }
    }

    /// The terminal's mark for a verdict.
    public static func mark(_ v: Verdict) -> String {
        switch v {
        case .better: return " ✓"
        case .worse: return " ✗"
        case .indistinguishable, .neutral: return ""
        }
    }
}
