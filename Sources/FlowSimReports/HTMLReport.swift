import FlowSimExperiments
import FlowSimModel
import Foundation

/// A self-contained HTML report (no scripts, no external files): for each
/// key metric a bar chart of every option at every site with its 95% CI,
/// the figures as a table, and the paired differences. Charts are inline
/// SVG, so the file can be mailed or pasted into a board paper as it is.
public enum HTMLReport {
    public static func render(_ comparison: Comparison, metrics: [String]? = nil) -> String {
        let options = comparison.options
        let labels = comparison.optionIDs.map(\.label)
        guard let reference = options.first else { return "" }
        let scopes = reference.mainScopes
        let names = TableReport.select(metrics, from: reference.metricNames)
        var body = "<h1>flowsim: \(escape(labels.joined(separator: " vs ")))</h1>\n"
        body += "<p class=\"meta\">\(reference.replications) paired replications (common random numbers), seed \(reference.seed); "
        body += "warm-up \(format(reference.warmupDays)) days, measured \(format(reference.horizonDays)) days. "
        body += "Bars are means; whiskers are 95% confidence intervals across replications. "
        if options.count > 1 { body += "Differences are each option minus \(escape(labels[0])), paired by replication." }
        body += "</p>\n"
        for name in names {
            body += "<section>\n<h2>\(escape(name))</h2>\n"
            body += chart(name, options: options, labels: labels, scopes: scopes)
            body += table(name, comparison: comparison, scopes: scopes)
            body += "</section>\n"
        }
        return page(title: "flowsim comparison", body: body)
    }

    public static func render(_ result: ExperimentResult, metrics: [String]? = nil) -> String {
        render(Comparison(options: [result]), metrics: metrics)
    }

    // MARK: parts

    static let palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5", "#843c0c"]

    /// Grouped bars: one group per scope, one bar per option.
    static func chart(_ metric: String, options: [ExperimentResult], labels: [String], scopes: [Scope]) -> String {
        let width = 760.0, height = 260.0, left = 64.0, bottom = 40.0, top = 12.0
        let plotHeight = height - bottom - top
        var top95 = 0.0, low95 = 0.0
        for option in options {
            for scope in scopes {
                guard let s = option.metrics[scope]?[metric] else { continue }
                top95 = max(top95, s.ci95High, s.mean)
                low95 = min(low95, s.ci95Low, s.mean)
            }
        }
        let span = top95 - low95 > 0 ? (top95 - low95) * 1.1 : 1
        let lowest = low95 < 0 ? low95 * 1.1 : 0
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - lowest) / span) }
        let groupWidth = (width - left - 10) / Double(max(scopes.count, 1))
        let barWidth = min(36, groupWidth * 0.8 / Double(max(options.count, 1)))
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(metric))\">\n"
        for k in 0...4 {
            let v = lowest + span * Double(k) / 4
            svg += String(format: "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, width - 10, y(v), y(v))
            svg += String(format: "<text x=\"%.0f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%@</text>\n",
                          left - 6, y(v) + 4, NumberFormat.figure(v, metric: metric))
        }
        for (g, scope) in scopes.enumerated() {
            let x0 = left + groupWidth * Double(g) + (groupWidth - barWidth * Double(options.count)) / 2
            for (i, option) in options.enumerated() {
                guard let s = option.metrics[scope]?[metric] else { continue }
                let x = x0 + barWidth * Double(i)
                let zero = y(max(lowest, 0)), yMean = y(s.mean)
                svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"><title>%@ %@: %@</title></rect>",
                              x + 1, min(zero, yMean), barWidth - 2, abs(zero - yMean), palette[i % palette.count],
                              escape(labels[i]), escape(scope.key), TableReport.cell(s, metric: metric))
                let cx = x + barWidth / 2
                svg += String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"ci\"/>\n",
                              cx, cx, y(s.ci95Low), y(s.ci95High))
            }
            svg += String(format: "<text x=\"%.1f\" y=\"%.0f\" class=\"label\" text-anchor=\"middle\">%@</text>\n",
                          left + groupWidth * (Double(g) + 0.5), height - bottom + 18, escape(scope.key))
        }
        svg += "</svg>\n<p class=\"legend\">"
        svg += labels.enumerated().map { i, label in
            "<span><i style=\"background:\(palette[i % palette.count])\"></i>\(escape(label))</span>"
        }.joined(separator: " ")
        return svg + "</p>\n"
    }

    static func table(_ metric: String, comparison: Comparison, scopes: [Scope]) -> String {
        let options = comparison.labelled
        var html = "<table><thead><tr><th>scope</th>"
        for (id, _) in options {
            html += "<th>\(escape(id.label))</th>"
            if id.index > 0 { html += "<th>Δ \(escape(id.label))</th>" }
        }
        html += "</tr></thead><tbody>\n"
        for scope in scopes {
            html += "<tr><td>\(escape(scope.key))</td>"
            for (id, option) in options {
                html += "<td>\(option.metrics[scope]?[metric].map { TableReport.cell($0, metric: metric) } ?? "-")</td>"
                if id.index > 0 {
                    let d = comparison.differences[id.label]?[scope]?[metric]
                    html += "<td>\(d.map { TableReport.cell($0, metric: metric) } ?? "-")</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 64em; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; font-family: monospace; }
        .meta { color: #555; } table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
        td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; } td:first-child { text-align: left; }
        .grid { stroke: #e3e3e3; } .tick, .label { font-size: 11px; fill: #444; } .ci { stroke: #000; stroke-width: 1.5; }
        .legend span { margin-right: 1.2em; font-size: 0.9em; } .legend i { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em; vertical-align: middle; }
        </style></head><body>
        \(body)<p class="meta">Generated by flowsim. Every number in the scenarios that is not from the seed documents is an assumption and says so in the scenario file.</p>
        </body></html>

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
