import FlowSimCore
import FlowSimExperiments
import FlowSimModel
import Foundation

/// The views after the summary: the selection verdict, bed sizing, the
/// distribution of time in A&E, time in A&E by hour of arrival, occupancy
/// through time and the localities map. Each is drawn only from data the
/// results (or the files given beside them) hold, and left out otherwise.
extension HTMLReport {
    // MARK: selection

    /// The best option on a chosen measure (`compare --best`), when asked.
    static func selectionVerdict(_ comparison: Comparison) -> String {
        guard let s = comparison.selection else { return "" }
        let name = s.metric
        var html = "<div class=\"selection\" id=\"selection\"><p><strong>Best option on \(escape(Measures.label(name)))"
        html += s.scope == "system" ? "" : " at \(escape(s.scope))"
        html += ":</strong> \(escape(s.verdict))</p>\n"
        html += "<table class=\"selection-table\"><caption>\(escape(s.procedure)); \(s.replications) paired replications; "
        html += "\(s.better == .higher ? "higher" : "lower") is better</caption>\n"
        html += "<thead><tr><th>option</th><th>mean</th><th>difference from \(escape(s.leader)) [interval]</th><th>verdict</th></tr></thead><tbody>\n"
        for e in s.entries {
            let diff = e.option == s.leader ? "sample best"
                : "\(Measures.signed(e.differenceFromLeader, name)) [\(Measures.signed(e.differenceLow, name)), \(Measures.signed(e.differenceHigh, name))]"
            html += "<tr><th scope=\"row\">\(escape(e.option))</th><td>\(escape(Measures.figure(e.mean, name)))</td>"
            html += "<td>\(escape(diff))</td><td class=\"\(e.retained ? "better" : "indistinguishable")\">"
            html += e.retained ? "kept (may be best)" : "separated from the best"
            html += "</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        return html
    }

    // MARK: bed sizing

    /// What each option needs against today's capacity, from `flowsim size` documents.
    static func sizingSection(_ reports: [SizingReport]) -> String {
        guard !reports.isEmpty else { return "" }
        let kinds = CapacityKnob.Kind.allCases.filter { kind in reports.contains { $0.totals[kind.rawValue] != nil } }
        var html = "<section id=\"sizing\"><h2>What each option needs against today's beds</h2>\n"
        html += "<table class=\"sizing\"><caption>Least capacity meeting the standards (flowsim size), one row per sizing run</caption>\n"
        html += "<thead><tr><th>option</th>"
        for kind in kinds { html += "<th>\(kind.rawValue) today</th><th>\(kind.rawValue) needed</th><th>change</th>" }
        html += "<th>by site (beds)</th><th>standards</th></tr></thead><tbody>\n"
        for r in reports {
            html += "<tr><th scope=\"row\">\(escape(r.scenario))\(r.question == "need" ? "" : " (\(escape(r.question)))")</th>"
            for kind in kinds {
                guard let t = r.totals[kind.rawValue] else { html += "<td>-</td><td>-</td><td>-</td>"; continue }
                html += "<td>\(t.today)</td><td>\(t.sized)</td><td class=\"\(t.change > 0 ? "worse" : t.change < 0 ? "better" : "indistinguishable")\">\(signed(t.change))</td>"
            }
            var bySite: [(String, Int)] = []
            for k in r.knobs where k.kind == .beds {
                let site = k.site ?? "-"
                if let i = bySite.firstIndex(where: { $0.0 == site }) { bySite[i].1 += k.change } else { bySite.append((site, k.change)) }
            }
            html += "<td class=\"text\">" + bySite.map { "\(escape($0.0)) \(signed($0.1))" }.joined(separator: ", ") + "</td>"
            let met = r.standards.filter { $0.verdict == .met }.count
            let failed = r.standards.filter { $0.verdict == .failed }.map(\.standard)
            html += "<td class=\"text\">\(met) of \(r.standards.count) met"
            if !failed.isEmpty { html += "; not met: " + failed.map(escape).joined(separator: "; ") }
            html += "</td></tr>\n"
        }
        html += "</tbody></table>\n"
        let first = reports[0]
        html += "<p class=\"note\">Each row is a separate search (\(first.replications) replications from seed \(first.seed), "
        html += "one-sided \(Int((first.confidence * 100).rounded()))% bounds, \(format(first.horizonDays)) measured days for the first); "
        html += "\"needed\" is the least capacity whose bounds meet every standard of the run (docs/sizing.md). Cubicles count each stream's peak hour.</p>\n"
        return html + "</section>\n"
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

    // MARK: time in A&E

    /// The names of the distribution's bins, when the results hold them.
    static func stayBinNames(_ result: ExperimentResult) -> [String]? {
        let names = (0..<StayBins.count).map { "ae_time_in_dept_share_\(StayBins.part($0))" }
        return names.allSatisfy({ result.metrics[.system]?[$0] != nil }) ? names : nil
    }

    /// The share of departures in each 15-minute bin of time in A&E to 12
    /// hours, one line per option, with the 4-hour line.
    static func distributionSection(_ comparison: Comparison) -> String {
        guard let reference = comparison.options.first, let names = stayBinNames(reference) else { return "" }
        let bins = StayBins.count - 1
        let shares = comparison.options.map { option in names.map { (option.metrics[.system]?[$0]?.mean ?? 0) * 100 } }
        let title = "Time in A&E: share of departures by 15 minutes"
        let chart = LineChart(
            title: title, xTitle: "time in A&E from clock start (hours)", yTitle: "share of departures (% per 15 min)",
            x: (0..<bins).map { (Double($0) + 0.5) * StayBins.width / 60 }, series: shares.map { Array($0.prefix(bins)) },
            xRange: (0, Double(bins) * StayBins.width / 60),
            xTicks: (0...12).map { (Double($0), "\($0)") }, verticals: [(4, "4 hours")], markerEvery: 4)
        var html = "<section id=\"distribution\"><h2>Time in A&amp;E</h2>\n<figure>\n" + chart.svg()
        html += SVGChart.legend(comparison.optionIDs.map(\.label), lines: true)
        let summary = comparison.labelled.enumerated().map { i, entry in
            let within = shares[i].prefix(16).reduce(0, +), over12 = shares[i][bins]
            return "\(escape(entry.id.label)): \(String(format: "%.1f", within))% within 4 hours, \(String(format: "%.1f", over12))% over 12 hours"
        }.joined(separator: "; ")
        html += "<figcaption>\(escape(title)), whole system, mean over replications: each point is the share of departures whose "
        html += "time in A&amp;E (clock start to leaving) fell in that quarter-hour, so a peak just before the dashed 4-hour line shows "
        html += "patients moved on as the standard approaches. Stays over 12 hours are not drawn; \(summary).</figcaption>\n</figure></section>\n"
        return html
    }

    // MARK: hour of arrival

    /// One line chart per measure by hour of arrival (system): breaches,
    /// and time in A&E when the results hold it.
    static func hourOfArrival(_ comparison: Comparison) -> String {
        guard let reference = comparison.options.first else { return "" }
        let measures: [(prefix: String, title: String, yTitle: String, note: String)] = [
            ("ae_breaches_4h_hour_", "4-hour breaches by hour of arrival", "breaches over the measured period", "a count over the measured period"),
            ("ae_time_in_dept_mean_min_hour_", "Time in A&E by hour of arrival, mean", "time in A&E, mean (min)",
             "the mean time in A&E of the patients whose clock started in that hour"),
        ]
        var html = ""
        for m in measures {
            let names = (0..<24).map { String(format: "\(m.prefix)%02d", $0) }
            guard names.allSatisfy({ reference.metrics[.system]?[$0] != nil }) else { continue }
            let series = comparison.options.map { option in names.map { option.metrics[.system]?[$0]?.mean ?? 0 } }
            let chart = LineChart(
                title: m.title, xTitle: "hour of arrival (clock start)", yTitle: m.yTitle, x: (0..<24).map(Double.init),
                series: series, xRange: (0, 23), xTicks: stride(from: 0, through: 21, by: 3).map { (Double($0), String(format: "%02d:00", $0)) },
                markerEvery: 3)
            html += "<figure>\n" + chart.svg() + SVGChart.legend(comparison.optionIDs.map(\.label), lines: true)
            html += "<figcaption>\(escape(m.title)), whole system, mean over replications: \(escape(m.note)).</figcaption>\n</figure>\n"
        }
        return html.isEmpty ? "" : "<section id=\"hours\"><h2>By hour of arrival</h2>\n<div class=\"pair\">\n" + html + "</div></section>\n"
    }

    // MARK: occupancy through time

    /// At most this many points a line (neighbouring buckets averaged).
    static let maximumPoints = 360

    static func thinned(_ values: [Double], by factor: Int) -> [Double] {
        guard factor > 1 else { return values }
        return stride(from: 0, to: values.count, by: factor).map { start in
            let chunk = values[start..<min(start + factor, values.count)]
            return chunk.reduce(0, +) / Double(chunk.count)
        }
    }

    /// One chart per measure and site: each option's mean across
    /// replications with its 10th-90th percentile band, the warm-up shaded,
    /// and the replications found unstable drawn on their own and marked.
    static func occupancySection(_ comparison: Comparison, series: [TimeSeriesResult]) -> String {
        guard series.count == comparison.options.count, let first = series.first, !first.series.isEmpty else { return "" }
        let labels = comparison.optionIDs.map(\.label)
        var html = "<section id=\"occupancy\"><h2>Occupancy through time</h2>\n"
        html += "<p class=\"note\">From time 0, warm-up included (shaded). Lines: means across replications; bands: 10th to 90th percentile "
        html += "across replications; dotted lines ending in ×: single replications whose queues kept growing (unstable_replication), "
        html += "whose figures are not results.</p>\n"
        let endDays = first.endMinutes / CalendarTime.minutesPerDay
        let ticks = SVGChart.ticks(0, endDays)
        let tickStep = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for band in first.series where !series.allSatisfy({ $0.series.first { $0.measure == band.measure && $0.site == band.site }?.isEmpty ?? true }) {
            let matching = series.map { s in s.series.first { $0.measure == band.measure && $0.site == band.site } }
            let count = matching.compactMap { $0?.mean.count }.min() ?? 0
            guard count > 0 else { continue }
            let factor = max(1, Int((Double(count) / Double(maximumPoints)).rounded(.up)))
            let bucketDays = first.bucketMinutes / CalendarTime.minutesPerDay * Double(factor)
            let points = (count + factor - 1) / factor
            let x = (0..<points).map { min((Double($0) + 0.5) * bucketDays, endDays) }
            let lines = matching.map { m in m.map { thinned(Array($0.mean.prefix(count)), by: factor) } ?? Array(repeating: 0, count: points) }
            let bands: [(low: [Double], high: [Double])?] = matching.map { m in
                m.map { (thinned(Array($0.p10.prefix(count)), by: factor), thinned(Array($0.p90.prefix(count)), by: factor)) }
            }
            var traces: [LineChart.Trace] = []
            var unstable: [String] = []
            for (i, s) in series.enumerated() {
                let mine = (s.traces ?? []).filter { $0.measure == band.measure && $0.site == band.site }
                for t in mine {
                    traces.append(LineChart.Trace(option: i, values: thinned(Array(t.values.prefix(count)), by: factor),
                                                  label: "\(labels[i]): replication \(t.replication + 1), unstable"))
                }
                if !mine.isEmpty { unstable.append("\(labels[i]) replication\(mine.count > 1 ? "s" : "") " + mine.map { "\($0.replication + 1)" }.joined(separator: ", ")) }
            }
            let title = "\(band.label) at \(band.site) through the run"
            let chart = LineChart(
                title: title, xTitle: "day of the run (from time 0)", yTitle: "\(band.label.lowercased()) (mean per \(bucketLabel(first.bucketMinutes * Double(factor))))",
                x: x, series: lines, bands: bands, traces: traces, xRange: (0, endDays),
                xTicks: ticks.filter { $0 <= endDays + 1e-9 }.map { ($0, SVGChart.tickLabel($0, step: tickStep)) },
                shaded: first.warmupDays > 0 ? (0, first.warmupDays, "warm-up") : nil)
            html += "<figure>\n" + chart.svg() + SVGChart.legend(labels, lines: true)
            html += "<figcaption>\(escape(title)): mean across \(first.replications) replications per option with the 10th-90th percentile band. "
            html += unstable.isEmpty ? "No replication was unstable at \(escape(band.site))."
                : "Unstable at \(escape(band.site)) (drawn dotted, marked ×): \(escape(unstable.joined(separator: "; ")))."
            html += "</figcaption>\n</figure>\n"
        }
        return html + "</section>\n"
    }

    static func bucketLabel(_ minutes: Double) -> String {
        if minutes == 60 { return "hour" }
        if minutes == CalendarTime.minutesPerDay { return "day" }
        return minutes < CalendarTime.minutesPerDay ? "\(format(minutes / 60)) hours" : "\(format(minutes / CalendarTime.minutesPerDay)) days"
    }

    // MARK: localities map

    static let travelMetric = "travel_to_specialist_mean_min"

    /// For each option after the first, the localities coloured by the
    /// change in road minutes to a specialist emergency hospital.
    static func mapSection(_ comparison: Comparison, geography: ReportGeography?) -> String {
        guard let geography, comparison.options.count > 1,
              comparison.options[0].metrics[.locality(geography.localities[0].id)]?[travelMetric] != nil else { return "" }
        let reference = comparison.labelled[0]
        var html = "<section id=\"map\"><h2>Travel to a specialist emergency hospital, by locality</h2>\n<div class=\"maps\">\n"
        for (id, option) in comparison.labelled.dropFirst() {
            var change: [String: Double] = [:], values: [String: (Double, Double)] = [:]
            for l in geography.localities {
                guard let before = reference.result.metrics[.locality(l.id)]?[travelMetric]?.mean,
                      let after = option.metrics[.locality(l.id)]?[travelMetric]?.mean else { continue }
                change[l.id] = after - before
                values[l.id] = (before, after)
            }
            let title = "Change in road minutes to a specialist emergency hospital: \(id.label) against \(reference.id.label)"
            html += "<figure class=\"map\">\n" + LocalityMap.svg(geography, title: title, change: change, values: values)
            let longer = change.values.filter { $0 > 1 }.count, shorter = change.values.filter { $0 < -1 }.count
            let worst = change.max { $0.value < $1.value }
            html += "<figcaption>\(escape(title)), each of the \(geography.localities.count) localities. \(longer) longer by more than a minute, "
            html += "\(shorter) shorter"
            if let worst, worst.value > 1 {
                let name = geography.localities.first { $0.id == worst.key }?.name ?? worst.key
                html += String(format: "; the most: %@ %@, +%.0f min", escape(worst.key), escape(name), worst.value)
            }
            html += ".</figcaption>\n</figure>\n"
        }
        html += "</div>\n" + LocalityMap.legend()
        html += "<p class=\"note\">Cells are the areas nearer each locality's point than any other's (the scenario gives points, not "
        html += "boundaries). Road times are approximations from coordinates (great-circle distance × road factor at a set speed) unless "
        html += "the scenario gives a travel-time matrix; black squares are the hospital sites.</p>\n</section>\n"
        return html
    }
}
