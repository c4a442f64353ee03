import Foundation
import FlowSimCore

/// Durations are written with their unit (`15 min`, `4 hours`, `30 days`)
/// because a bare number in a scenario about minutes, hours and days of
/// stay is the commonest silent mistake. The model works in minutes.
extension Field {
    /// Minutes per unit, by every spelling accepted (compared in lower case).
    static let durationUnits: [(names: [String], minutes: Double)] = [
        (["s", "sec", "secs", "second", "seconds"], 1.0 / 60),
        (["min", "mins", "minute", "minutes"], 1),
        (["h", "hr", "hrs", "hour", "hours"], 60),
        (["d", "day", "days"], CalendarTime.minutesPerDay),
        (["w", "wk", "wks", "week", "weeks"], 10_080),
    ]

    static let durationExample = "such as '15 min' or '4 hours'"

    /// A duration in minutes. Negative durations are refused, and zero too
    /// unless `allowZero`.
    public func duration(default defaultValue: Double? = nil, allowZero: Bool = false) -> Double? {
        scalar(default: defaultValue, expected: "a duration \(Self.durationExample)") { text in
            switch Self.parseDuration(text) {
            case .problem(let message): return .problem(message)
            case .value(let minutes):
                if minutes < 0 || (minutes == 0 && !allowZero) {
                    return .problem("expected a duration \(allowZero ? ">=" : ">") 0, got \(LocatedNode.describe(text))")
                }
                return .value(minutes)
            }
        }
    }

    /// A list of durations in minutes, each checked at its own line.
    public func durations(allowZero: Bool = false) -> [Double]? {
        guard let node, !node.isNull else {
            reportMissing()
            return nil
        }
        guard node.items != nil else {
            report("expected a list of durations \(Self.durationExample), got \(node.kindDescription)")
            return nil
        }
        let values = items().map { $0.duration(allowZero: allowZero) }
        return values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
    }

    /// `<number> <unit>`, space optional, unit in any case; the number may be negative
    /// (the caller decides whether that is allowed).
    static func parseDuration(_ text: String) -> Parsed<Double> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unit = String(trimmed.reversed().prefix(while: \.isLetter).reversed())
        let numberText = trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
        guard let value = number(numberText) else {
            return .problem("expected a duration with a unit, \(durationExample), got \(LocatedNode.describe(text))")
        }
        if unit.isEmpty {
            return .problem("expected a duration with a unit, \(durationExample), got \(LocatedNode.describe(text))")
        }
        let lower = unit.lowercased()
        guard let factor = durationUnits.first(where: { $0.names.contains(lower) })?.minutes else {
            let spellings = durationUnits.flatMap(\.names)
            let hint = DidYouMean.suggestion(for: lower, among: spellings)
                .map { "; did you mean '\($0)'?" } ?? "; use s, min, h, days or weeks"
            return .problem("unknown unit '\(unit)' in duration '\(text)'\(hint)")
        }
        return .value(value * factor)
    }
}
