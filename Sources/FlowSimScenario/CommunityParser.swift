import FlowSimCore
import FlowSimModel
import Foundation

/// Reads `community:` (docs/scenario-format.md): locality MDTs, discharge
/// pathways, discharge-to-assess units, care-home waits and maturity.
struct CommunityParser {
    let reader: ScenarioReader
    let calendar: ScenarioCalendar?

    static let pathwayNames = ["home", "home_with_mdt", "discharge_to_assess", "care_home"]

    func parse(_ field: Field, groupIDs: [String], localityIDs: [String]) -> CommunityConfig? {
        field.keys(allowed: ["mdt", "pathways", "discharge_to_assess", "care_home_wait", "maturity"],
                   required: ["mdt", "pathways", "care_home_wait"])
        let mdt = parseMDT(field["mdt"], groupIDs: groupIDs)
        var pathways: [String: [Double]] = [:]
        var ok = true
        for entry in field["pathways"].entries() {
            guard entry.key == "default" || groupIDs.contains(entry.key) else {
                entry.field.report("unknown patient group '\(entry.key)'\(DidYouMean.hint(for: entry.key, among: groupIDs + ["default"])) (groups: \(groupIDs.joined(separator: ", ")), or 'default')")
                ok = false
                continue
            }
            guard let shares = entry.field.probabilities(sumToOne: true, names: Self.pathwayNames, what: "pathway") else {
                ok = false
                continue
            }
            var vector = [Double](repeating: 0, count: 4)
            for (name, share) in shares {
                guard let i = Self.pathwayNames.firstIndex(of: name) else {
                    entry.field.report("unknown pathway '\(name)'\(DidYouMean.hint(for: name, among: Self.pathwayNames)) (pathways: \(Self.pathwayNames.joined(separator: ", ")))")
                    ok = false
                    continue
                }
                vector[i] = share
            }
            pathways[entry.key] = vector
        }
        if let fallback = pathways.removeValue(forKey: "default") {
            for g in groupIDs where pathways[g] == nil { pathways[g] = fallback }
        }
        var pools: [D2APoolConfig] = []
        for entry in field["discharge_to_assess"].exists ? field["discharge_to_assess"].entries() : [] {
            let f = entry.field
            f.keys(allowed: ["beds", "stay", "localities"], required: ["beds", "stay", "localities"])
            let beds = f["beds"].int(min: 0)
            let stay = f["stay"].distribution()
            let localities = f["localities"].items().compactMap { item -> String? in
                guard let id = item.string() else { return nil }
                if !localityIDs.contains(id) {
                    item.report("unknown locality '\(id)'\(DidYouMean.hint(for: id, among: localityIDs))")
                    return nil
                }
                return id
            }
            guard let beds, let stay, localities.count == f["localities"].items().count else { ok = false; continue }
            pools.append(D2APoolConfig(id: entry.key, beds: beds, stay: stay, localities: localities))
        }
        let careHome = field["care_home_wait"].distribution()
        var levels: [String: [(from: Double, level: Int)]] = [:]
        for entry in field["maturity"].exists ? field["maturity"].entries() : [] {
            guard localityIDs.contains(entry.key) else {
                entry.field.report("unknown locality '\(entry.key)'\(DidYouMean.hint(for: entry.key, among: localityIDs))")
                ok = false
                continue
            }
            var steps: [(from: Double, level: Int)] = []
            for item in entry.field.items() {
                item.keys(allowed: ["from", "level"], required: ["from", "level"])
                guard let level = item["level"].int(min: 0, max: 4) else { ok = false; continue }
                guard let calendar else {
                    item["from"].report("dates need run.start_date (the date the measured period starts)")
                    ok = false
                    continue
                }
                guard let from = calendar.time(item["from"]) else { ok = false; continue }
                if let last = steps.last, from < last.from {
                    item["from"].report("maturity steps must be in date order")
                    ok = false
                }
                steps.append((max(from, 0), level))
            }
            levels[entry.key] = steps
        }
        guard ok, let mdt, let careHome else { return nil }
        return CommunityConfig(mdt: mdt, pathways: pathways, d2aPools: pools, careHomeWait: careHome, levels: levels)
    }

    func parseMDT(_ field: Field, groupIDs: [String]) -> MDTConfig? {
        field.keys(allowed: ["caseload_per_100k", "capacity_by_level", "effectiveness_by_level", "eligible_groups",
                             "frailty_share", "step_up_episode", "step_down_episode", "escalation"],
                   required: ["caseload_per_100k", "capacity_by_level", "effectiveness_by_level", "eligible_groups",
                              "frailty_share", "step_up_episode", "step_down_episode"])
        let caseload = field["caseload_per_100k"].double(min: 0)
        let capacity = field["capacity_by_level"].doubles(count: 5, min: 0)
        let effectiveness = field["effectiveness_by_level"].doubles(count: 5, min: 0)
        if let effectiveness, effectiveness.contains(where: { $0 > 1 }) {
            field["effectiveness_by_level"].report("expected shares between 0 and 1, got \(effectiveness.max()!)")
        }
        let eligible = field["eligible_groups"].items().compactMap { item -> String? in
            guard let id = item.string() else { return nil }
            if !groupIDs.contains(id) { item.report("unknown patient group '\(id)'\(DidYouMean.hint(for: id, among: groupIDs))") }
            return id
        }
        let frailty = field["frailty_share"].probability()
        let up = field["step_up_episode"].distribution()
        let down = field["step_down_episode"].distribution()
        let escalation = field["escalation"].probability(default: 0)
        guard let caseload, let capacity, let effectiveness, effectiveness.allSatisfy({ $0 <= 1 }),
              eligible.allSatisfy(groupIDs.contains), let frailty, let up, let down, let escalation else { return nil }
        return MDTConfig(caseloadPer100k: caseload, capacityByLevel: capacity, effectivenessByLevel: effectiveness,
                         eligibleGroups: eligible, frailtyShare: frailty, stepUpEpisode: up, stepDownEpisode: down,
                         escalation: escalation)
    }
}

/// Converts dates in a scenario to simulated minutes. `run.start_date` is
/// the first day of the measured period, which begins after the warm-up.
/// Dates are ISO (2017-04-01) or financial quarters as in the seed's
/// phasing table ("2017/18 Q3", Q1 starting in April).
///
/// Dates are proleptic Gregorian days at midnight UTC, read and counted in
/// integers (`MonthOfYear.daysFromCivil`): Foundation's `DateFormatter`
/// and `Calendar` started ICU for them, 10 M instructions of a 116 M
/// Mid and South Essex load.
struct ScenarioCalendar {
    /// The first day of the measured period.
    let civilStart: CivilDate
    let warmup: Double
    private let startDay: Int

    init(start: CivilDate, warmup: Double) {
        civilStart = start
        self.warmup = warmup
        startDay = start.daysSince1970
    }

    static func parseDate(_ text: String) -> CivilDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = isoDate(trimmed) { return date }
        // "2017/18 Q3"
        let parts = trimmed.split(separator: " ")
        guard parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()),
              (1...4).contains(q) else { return nil }
        let years = parts[0].split(separator: "/")
        guard years.count == 2, let y = Int(years[0]), years[0].count == 4 else { return nil }
        let month = 4 + (q - 1) * 3
        return month > 12 ? CivilDate(year: y + 1, month: month - 12, day: 1) : CivilDate(year: y, month: month, day: 1)
    }

    /// `yyyy-MM-dd`, exactly: four, two and two digits, a real day of a
    /// real month (2017-02-29 is refused, 2016-02-29 is not).
    static func isoDate(_ text: String) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1 else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        // The day exists if it survives a round trip through the day count.
        return MonthOfYear.civilFromDays(date.daysSince1970) == (year, month, day) ? date : nil
    }

    /// Whole days from the start date to `date`.
    func days(to date: CivilDate) -> Int { date.daysSince1970 - startDay }

    /// Simulated minutes of a date field, or nil after reporting why.
    func time(_ field: Field) -> Double? {
        guard let text = field.string() else { return nil }
        guard let date = Self.parseDate(text) else {
            field.report("expected a date such as 2017-04-01 or a financial quarter such as '2017/18 Q3', got '\(text)'")
            return nil
        }
        return warmup + Double(days(to: date)) * CalendarTime.minutesPerDay
    }

    /// Label of the financial year that starts at `start`, e.g. "2016/17".
    var financialYearLabel: String {
        let first = civilStart.month >= 4 ? civilStart.year : civilStart.year - 1
        return String(format: "%04d/%02d", first, (first + 1) % 100)
    }
}
