import FlowSimExperiments
import FlowSimModel
import Foundation

/// Where a report's numbers came from: shown at its end, so a board paper
/// can say which files, which version and when.
public struct ReportContext: Sendable {
    public struct Input: Sendable {
        public let path: String
        public let sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public var generated: Date?
    public var version: String?
    /// One per option, in order: the scenario's description, else its file.
    public var descriptions: [String]
    public var inputs: [Input]
    /// A link to the model description (STRESS-DES), when one was written.
    public var appendix: String?
    /// Each option's time series (`compare --series`), in option order; empty when none was recorded.
    public var series: [TimeSeriesResult]
    /// `flowsim size` documents to show as "what each option needs" (`compare --sizing`).
    public var sizing: [SizingReport]
    /// The reference scenario's localities and sites, for the map.
    public var geography: ReportGeography?

    public init(generated: Date? = nil, version: String? = nil, descriptions: [String] = [], inputs: [Input] = [],
                appendix: String? = nil, series: [TimeSeriesResult] = [], sizing: [SizingReport] = [],
                geography: ReportGeography? = nil) {
        self.series = series
        self.sizing = sizing
        self.geography = geography
        self.generated = generated
        self.version = version
        self.descriptions = descriptions
        self.inputs = inputs
        self.appendix = appendix
    }
}

/// A self-contained HTML report (no scripts, no external files). First
/// the answer: which option is better on which measure, by how much and
/// how sure (a summary table coloured by each measure's direction, the
/// selection verdict when one was asked for, and a forest plot of the
/// paired differences); then what each option needs in beds (when sizing
/// documents are given), the distribution of time in A&E, breaches and
/// time in A&E by hour of arrival, occupancy through time (when series
/// were recorded), the localities map of travel to a specialist hospital,
/// one chart and table per measure, and where the numbers came from. Charts are inline SVG, so the file can be mailed or pasted into a
/// board paper as it is; it prints on A4.
public enum HTMLReport {
    public static func render(_ comparison: Comparison, metrics: [String]? = nil,
                              context: ReportContext = ReportContext()) -> String {
        let options = comparison.options
        let labels = comparison.optionIDs.map(\.label)
        guard let reference = options.first else { return "" }
        let summary = Measures.summary(from: reference.metricNames)
        let selected = TableReport.select(metrics, from: reference.metricNames)
        let sections = metrics == nil ? summary + selected.filter { !summary.contains($0) } : selected
        let paired = options.count > 1

        var body = SVGChart.patternDefinitions(options.count)
        body += "<header><h1>\(paired ? "Which option does better?" : "Results:") \(escape(labels.joined(separator: " vs ")))</h1>\n"
        body += "<p class=\"meta\">\(reference.replications) \(paired ? "paired replications (common random numbers)" : "replications"), "
        body += "seed \(reference.seed); warm-up \(format(reference.warmupDays)) days, measured \(format(reference.horizonDays)) days"
        if let version = context.version { body += "; flowsim \(escape(version))" }
        if let date = context.generated { body += "; \(isoDate(date))" }
        body += ".</p>\n"
        body += optionList(labels, context: context)
        body += "</header>\n"

        body += "<section id=\"summary\"><h2>Summary</h2>\n"
        body += selectionVerdict(comparison)
        body += summaryTable(comparison, measures: summary.isEmpty ? Array(selected.prefix(6)) : summary)
        if paired { body += forestPlot(comparison, measures: summary.isEmpty ? Array(selected.prefix(6)) : summary) }
        body += "</section>\n"

        // Each view is drawn only from data the results (or the files
        // given beside them) hold.
        body += sizingSection(context.sizing)
        body += distributionSection(comparison)
        body += hourOfArrival(comparison)
        body += occupancySection(comparison, series: context.series)
        body += mapSection(comparison, geography: context.geography)

        body += "<section id=\"measures\"><h2>Each measure by site</h2>\n"
        body += "<p class=\"note\">Bars are means; whiskers are 95% confidence intervals across replications."
        if paired { body += " Δ is each option minus \(escape(labels[0])), paired by replication, with its 95% interval." }
        body += "</p>\n"
        for name in sections {
            body += "<section class=\"measure\">\n<h3>\(escape(Measures.title(name)))</h3>\n"
            body += barChart(name, options: options, labels: labels, scopes: reference.mainScopes)
            body += table(name, comparison: comparison, scopes: reference.mainScopes)
            body += "</section>\n"
        }
        body += "</section>\n"
        body += provenance(context)
        return page(title: "flowsim: " + labels.joined(separator: " vs "), body: body)
    }

    public static func render(_ result: ExperimentResult, metrics: [String]? = nil,
                              context: ReportContext = ReportContext()) -> String {
        render(Comparison(options: [result]), metrics: metrics, context: context)
    }

    // MARK: header and summary

    static func optionList(_ labels: [String], context: ReportContext) -> String {
        guard !context.descriptions.isEmpty else { return "" }
        var html = "<dl class=\"options\">"
        for (i, label) in labels.enumerated() where i < context.descriptions.count {
            html += "<dt>\(escape(label))\(i == 0 && labels.count > 1 ? " (reference)" : "")</dt><dd>\(escape(context.descriptions[i]))</dd>"
        }
        return html + "</dl>\n"
    }

    /// Measures as rows, options as columns: the system's mean, and for
    /// each option after the first its paired difference, coloured better,
    /// worse or not distinguishable by the measure's direction.
    static func summaryTable(_ comparison: Comparison, measures: [String]) -> String {
        guard !measures.isEmpty else { return "<p>No summary measures in these results.</p>\n" }
        let paired = comparison.options.count > 1
        var html = "<table class=\"summary\"><caption>The whole system: mean ±95% CI"
        if paired { html += "; under each option its difference from \(escape(comparison.optionIDs[0].label)) [paired 95% CI]" }
        html += "</caption>\n<thead><tr><th>measure</th>"
        for (id, _) in comparison.labelled { html += "<th>\(escape(id.label))</th>" }
        html += "</tr></thead><tbody>\n"
        for name in measures {
            html += "<tr><th scope=\"row\">\(escape(Measures.title(name)))</th>"
            for (id, option) in comparison.labelled {
                let value = option.metrics[.system]?[name].map { Measures.cell($0, name) } ?? "-"
                guard id.index > 0, let d = comparison.differences[id.label]?[.system]?[name] else {
                    html += "<td>\(escape(value))</td>"
                    continue
                }
                let v = Measures.verdict(d, name)
                html += "<td class=\"\(cssClass(v))\">\(escape(value))<br>" + deltaCell(d, name)
                if v != .neutral { html += "<br><span class=\"verdict\">\(v.rawValue)</span>" }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table>\n"
        if paired {
            html += "<p class=\"note\"><span class=\"key better\">better</span> <span class=\"key worse\">worse</span> "
            html += "<span class=\"key indistinguishable\">not distinguishable</span>: the paired 95% interval of the difference "
            html += "excludes 0 in the measure's better direction, in the worse one, or includes 0. "
            html += "Differences of % measures are in percentage points.</p>\n"
        }
        return html
    }

    /// "Δ -2.6 [-5.6, +0.4]", the interval free to go onto its own line.
    static func deltaCell(_ d: MetricSummary, _ name: String) -> String {
        var html = "<span class=\"delta\">Δ \(escape(Measures.signed(d.mean, name)))</span>"
        if d.perReplication.count > 1 {
            html += " <span class=\"interval\">[\(escape(Measures.signed(d.ci95Low, name))), \(escape(Measures.signed(d.ci95High, name)))]</span>"
        }
        return html
    }

    static func cssClass(_ v: Measures.Verdict) -> String {
        switch v {
        case .better: return "better"
        case .worse: return "worse"
        case .indistinguishable, .neutral: return "indistinguishable"
        }
    }

    /// One panel per measure: each option's paired difference from the
    /// reference with its 95% interval, against a line at 0.
    static func forestPlot(_ comparison: Comparison, measures: [String]) -> String {
        let others = comparison.labelled.filter { $0.id.index > 0 }
        let width = 760.0, left = 150.0, right = 20.0, rowHeight = 22.0, top = 26.0, bottom = 38.0
        var html = "<figure class=\"forest\">\n"
        for name in measures {
            let ds = others.map { comparison.differences[$0.id.label]?[.system]?[name] }
            let values = ds.compactMap { $0 }.flatMap { [$0.ci95Low, $0.ci95High, $0.mean] }.map { Measures.scaled($0, name) }
            guard !values.isEmpty else { continue }
            let ticks = SVGChart.ticks(min(0, values.min()!), max(0, values.max()!))
            let lo = ticks.first!, hi = ticks.last!
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            let height = top + rowHeight * Double(others.count) + bottom
            func x(_ v: Double) -> Double { left + (width - left - right) * (v - lo) / (hi - lo) }
            let title = "Difference from \(comparison.optionIDs[0].label): \(Measures.label(name))"
            var svg = SVGChart.open(width: width, height: height, title: title)
            svg += SVGChart.f("<text x=\"%.0f\" y=\"16\" class=\"panel\">%@</text>\n", left, escape(Measures.label(name)))
            for t in ticks {
                svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"grid\"/>", x(t), x(t), top - 4, height - bottom)
                svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">%@</text>\n",
                                  x(t), height - bottom + 14, SVGChart.tickLabel(t, step: step))
            }
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"zero\"/>\n", x(0), x(0), top - 6, height - bottom)
            for (row, (entry, d)) in zip(others, ds).enumerated() {
                let y = top + rowHeight * (Double(row) + 0.5)
                svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"label\" text-anchor=\"end\">%@</text>",
                                  left - 8, y + 4, escape(entry.id.label))
                guard let d else { continue }
                svg += "<g>"
                let v = Measures.verdict(d, name)
                let colour = v == .better ? "#009E73" : v == .worse ? "#D55E00" : "#666666"
                svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-width=\"2\"/>",
                                  x(Measures.scaled(d.ci95Low, name)), x(Measures.scaled(d.ci95High, name)), y, y, colour)
                svg += SVGChart.marker(entry.id.index, x: x(Measures.scaled(d.mean, name)), y: y, size: 4.5, fill: colour)
                svg += "<title>\(escape(entry.id.label)): Δ \(escape(Measures.difference(d, name))) (\(v.rawValue))</title></g>\n"
            }
            let better = Measures.metric(name)?.better
            let hint = better == .higher ? " (higher is better)" : better == .lower ? " (lower is better)" : ""
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">Δ %@%@</text>\n",
                              (left + width - right) / 2, height - 6, escape(Measures.differenceUnit(name).isEmpty ? "count" : Measures.differenceUnit(name)), hint)
            html += svg + "</svg>\n"
        }
        html += "<figcaption>Paired differences from \(escape(comparison.optionIDs[0].label)) with 95% intervals, whole system. "
        html += "Green: better; vermillion: worse; grey: not distinguishable (the interval crosses 0).</figcaption>\n</figure>\n"
        return html
    }

    // MARK: one measure

    /// National standards drawn as reference lines, in display units.
    static func standards(_ name: String) -> [(value: Double, label: String)] {
        switch name {
        case "ae_within_4h": return [(95, "95% standard")]
        case "handover_delay_mean_min": return [(15, "15-minute handover")]
        case "ambulance_response_c1_mean_min": return [(7, "ARP C1 mean 7 min")]
        case "ambulance_response_c2_mean_min": return [(18, "ARP C2 mean 18 min")]
        case "ambulance_response_c1_p90_min": return [(15, "ARP C1 90th 15 min")]
        case "ambulance_response_c2_p90_min": return [(40, "ARP C2 90th 40 min")]
        case "ambulance_response_c3_p90_min": return [(120, "ARP C3 90th 120 min")]
        case "ambulance_response_c4_p90_min": return [(180, "ARP C4 90th 180 min")]
        default: return []
        }
    }

    /// Grouped bars: one group per scope, one bar per option, with CIs.
    static func barChart(_ metric: String, options: [ExperimentResult], labels: [String], scopes: [Scope]) -> String {
        let width = 760.0, height = 270.0, left = 70.0, right = 16.0, bottom = 44.0, top = 14.0
        var values: [Double] = [0]
        for option in options {
            for scope in scopes {
                guard let s = option.metrics[scope]?[metric] else { continue }
                values += [s.ci95High, s.ci95Low, s.mean].map { Measures.scaled($0, metric) }
            }
        }
        let lines = standards(metric)
        values += lines.map(\.value)
        let ticks = SVGChart.ticks(values.min()!, values.max()!)
        let lo = ticks.first!, hi = ticks.last!, step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - lo) / (hi - lo)) }
        let groupWidth = (width - left - right) / Double(max(scopes.count, 1))
        let barWidth = min(34, groupWidth * 0.8 / Double(max(options.count, 1)))
        let title = "\(Measures.label(metric)) by site and option"
        var svg = SVGChart.open(width: width, height: height, title: title)
        for t in ticks {
            svg += SVGChart.f("<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, width - right, y(t), y(t))
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%@</text>\n", left - 6, y(t) + 4, SVGChart.tickLabel(t, step: step))
        }
        for (g, scope) in scopes.enumerated() {
            let x0 = left + groupWidth * Double(g) + (groupWidth - barWidth * Double(options.count)) / 2
            for (i, option) in options.enumerated() {
                guard let s = option.metrics[scope]?[metric] else { continue }
                let x = x0 + barWidth * Double(i)
                let zero = y(max(lo, 0)), yMean = y(Measures.scaled(s.mean, metric))
                svg += SVGChart.f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\" stroke=\"#333\" stroke-width=\"0.5\"><title>%@, %@: %@</title></rect>",
                                  x + 1, min(zero, yMean), barWidth - 2, abs(zero - yMean), SVGChart.fill(i),
                                  escape(labels[i]), escape(CompactReport.scopeTitle(scope)), escape(Measures.cell(s, metric)))
                let cx = x + barWidth / 2
                if s.perReplication.count > 1 {
                    svg += SVGChart.f("<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" class=\"ci\"/>",
                                      cx, y(Measures.scaled(s.ci95Low, metric)), y(Measures.scaled(s.ci95High, metric)),
                                      cx - 3, y(Measures.scaled(s.ci95Low, metric)), cx + 3,
                                      cx - 3, y(Measures.scaled(s.ci95High, metric)), cx + 3)
                }
                svg += "\n"
            }
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"label\" text-anchor=\"middle\">%@</text>\n",
                              left + groupWidth * (Double(g) + 0.5), height - bottom + 16, escape(CompactReport.scopeTitle(scope)))
        }
        for line in lines {
            svg += SVGChart.f("<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"standard\"/>", left, width - right, y(line.value), y(line.value))
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"standard-label\" text-anchor=\"end\">%@</text>\n", width - right - 2, y(line.value) - 4, escape(line.label))
        }
        let unit = Measures.unit(metric)
        svg += SVGChart.f("<text transform=\"translate(14 %.0f) rotate(-90)\" class=\"axis\" text-anchor=\"middle\">%@</text>\n",
                          (top + height - bottom) / 2, escape(unit.isEmpty ? Measures.label(metric) : "\(Measures.label(metric)) (\(unit))"))
        svg += SVGChart.f("<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">site</text>", (left + width) / 2, height - 8)
        var html = "<figure>\n" + svg + "</svg>\n" + SVGChart.legend(labels)
        html += "<figcaption>\(escape(title)): means with 95% confidence intervals"
        if !lines.isEmpty { html += "; dashed line: " + lines.map { escape($0.label) }.joined(separator: ", ") }
        return html + ".</figcaption>\n</figure>\n"
    }

    /// Options as rows, scopes as columns; each option after the first
    /// with its paired difference.
    static func table(_ metric: String, comparison: Comparison, scopes: [Scope]) -> String {
        var html = "<table><thead><tr><th>option</th>"
        for scope in scopes { html += "<th>\(escape(CompactReport.scopeTitle(scope)))</th>" }
        html += "</tr></thead><tbody>\n"
        for (id, option) in comparison.labelled {
            html += "<tr><th scope=\"row\">\(escape(id.label))</th>"
            for scope in scopes {
                let value = option.metrics[scope]?[metric].map { Measures.cell($0, metric) } ?? "-"
                if id.index > 0, let d = comparison.differences[id.label]?[scope]?[metric] {
                    let v = Measures.verdict(d, metric)
                    html += "<td class=\"\(cssClass(v))\">\(escape(value))<br>" + deltaCell(d, metric) + "</td>"
                } else {
                    html += "<td>\(escape(value))</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: provenance and page

    static func provenance(_ context: ReportContext) -> String {
        var html = "<section id=\"provenance\"><h2>Where these numbers come from</h2>\n"
        if let appendix = context.appendix {
            html += "<p>Model description (STRESS-DES): <a href=\"\(escape(appendix))\">\(escape(appendix))</a>.</p>\n"
        }
        if !context.inputs.isEmpty {
            html += "<table class=\"inputs\"><caption>Input files</caption><thead><tr><th>file</th><th>SHA-256</th></tr></thead><tbody>\n"
            for input in context.inputs {
                html += "<tr><td>\(escape(input.path))</td><td class=\"hash\">\(input.sha256)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "<p class=\"meta\">Every number in the scenarios that is not from the two NHS planning documents or a cited public source is an assumption and says so in the scenario file.</p>\n"
        return html + "</section>\n"
    }

    static func isoDate(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMMM yyyy, HH:mm 'UTC'"
        return f.string(from: date)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        * { box-sizing: border-box; }
        body { font-family: system-ui, "Segoe UI", Arial, sans-serif; margin: 1.5em auto; padding: 0 1em; color: #222; max-width: 62em; line-height: 1.35; }
        h1 { font-size: 1.45em; margin-bottom: 0.3em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1.05em; margin: 1.4em 0 0.4em; }
        .meta, .note, figcaption { color: #555; font-size: 0.9em; }
        dl.options { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; font-size: 0.92em; }
        dl.options dt { font-weight: 600; } dl.options dd { margin: 0; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.88em; max-width: 100%; }
        caption { text-align: left; color: #555; padding-bottom: 0.3em; }
        td, th { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; vertical-align: top; }
        th[scope=row], thead th:first-child { text-align: left; white-space: nowrap; }
        thead th { background: #f3f3f3; font-weight: 600; }
        .summary td { min-width: 5.5em; } .interval { white-space: nowrap; font-size: 0.9em; }
        td.better { background: #d4efe6; } td.worse { background: #f9dccb; } td.indistinguishable { background: #fff; }
        .verdict { font-size: 0.85em; font-style: italic; } .delta { white-space: nowrap; }
        .key { padding: 0 0.4em; border: 1px solid #ccc; } .key.better { background: #d4efe6; } .key.worse { background: #f9dccb; }
        .inputs td { text-align: left; } .hash { font-family: ui-monospace, monospace; font-size: 0.85em; word-break: break-all; }
        figure { margin: 0.6em 0 1.2em; } svg.chart { width: 100%; max-width: 760px; height: auto; display: block; }
        .grid { stroke: #e3e3e3; } .zero { stroke: #000; stroke-width: 1.2; }
        .tick, .label { font-size: 11px; fill: #333; } .axis { font-size: 12px; fill: #333; } .panel { font-size: 12px; font-weight: 600; fill: #222; }
        .ci { stroke: #000; stroke-width: 1.4; fill: none; }
        .standard { stroke: #000; stroke-width: 1.2; stroke-dasharray: 5 3; } .standard-label { font-size: 11px; fill: #000; }
        .legend { font-size: 0.88em; margin: 0.2em 0; } .legend span { margin-right: 1.1em; white-space: nowrap; }
        .legend svg { vertical-align: middle; margin-right: 0.3em; }
        .shaded { fill: #f0f0f0; } .map-label { font-size: 9px; fill: #222; } .map-site { font-size: 10px; font-weight: 600; fill: #000; }
        .selection { border: 1px solid #999; padding: 0.4em 0.8em; margin: 0.6em 0 1em; background: #fafafa; }
        .selection p { margin: 0.2em 0 0.4em; } td.text { text-align: left; }
        .maps { display: flex; flex-wrap: wrap; gap: 0 1.5em; } figure.map { flex: 0 1 380px; min-width: 0; }
        figure.map svg.chart { max-width: 380px; }
        @media (max-width: 700px) { body { padding: 0 0.4em; } table { font-size: 0.8em; } td, th { padding: 0.2em 0.3em; } }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          table, figure, tr { break-inside: avoid; page-break-inside: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          section.measure, .selection { break-inside: avoid; page-break-inside: avoid; }
          figcaption { break-before: avoid; page-break-before: avoid; }
          section#map { break-before: page; page-break-before: always; }
          td.better, td.worse, .key { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        </style></head><body>
        \(body)</body></html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func format(_ days: Double) -> String {
        days == days.rounded() ? String(Int(days)) : String(format: "%.2f", days)
    }
}
