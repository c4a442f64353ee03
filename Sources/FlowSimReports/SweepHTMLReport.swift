import Foundation
import FlowSimExperiments

/// The pictures of a finished sweep (`flowsim sweep --html`), one
/// self-contained file: a tornado of each metric's sensitivity to the
/// parameters (PRCC with approximate 95% intervals, SRC beside it), each
/// option's outcome over the points, the probability of each option being
/// best, and the outcome against the most influential parameter.
public enum SweepHTMLReport {
    public static func render(_ results: SweepResults, _ sensitivity: SweepSensitivity, version: String? = nil) -> String {
        let h = results.sweep
        let labels = results.options.map(\.label)
        let scope = results.scopes.contains("system") ? "system" : (results.scopes.first ?? "system")
        var body = SVGChart.patternDefinitions(labels.count)
        body += "<header><h1>Sweep: \(HTMLReport.escape(h.name))</h1>\n<p class=\"meta\">\(h.points) point\(h.points == 1 ? "" : "s") "
        body += "(\(HTMLReport.escape(h.design)) design, seed \(h.seed)) × \(labels.count) option\(labels.count == 1 ? "" : "s") × "
        body += "\(h.replications) replication\(h.replications == 1 ? "" : "s"); parameters: "
        body += results.parameters.map { "<code>\(HTMLReport.escape($0.name))</code>" }.joined(separator: ", ")
        body += version.map { "; flowsim \(HTMLReport.escape($0))" } ?? ""
        body += ". Outcomes are each point's mean over its replications; scope: \(HTMLReport.escape(scope)).</p></header>\n"

        if let best = results.uncertainty?.best {
            body += "<section id=\"best\"><h2>Probability of being best</h2>\n" + probabilityBest(best, labels: labels) + "</section>\n"
        }
        body += "<section id=\"tornado\"><h2>What drives the outcome</h2>\n"
        body += "<p class=\"note\">Bars: partial rank correlation (PRCC) of the outcome with each parameter, with an approximate 95% interval "
        body += "(Fisher's z, n − 3 − (k − 1) degrees of freedom for n points and k parameters); diamonds: standardised regression "
        body += "coefficients (SRC), to be trusted when R² is high. Most influential first.</p>\n"
        var charts = 0
        for entry in sensitivity.entries where entry.scope == scope && charts < 12 {
            body += tornado(entry, points: sensitivity.points, parameters: results.parameters.count)
            charts += 1
        }
        body += "</section>\n"

        body += "<section id=\"outcomes\"><h2>Outcomes over the points, per option</h2>\n"
        for metric in results.metrics { body += distribution(results, metric: metric, scope: scope, labels: labels) }
        body += "</section>\n"

        let main = mainInput(results, sensitivity, scope: scope)
        if let (parameter, metric) = main {
            body += "<section id=\"scatter\"><h2>The outcome against the most influential parameter</h2>\n"
            body += scatter(results, parameter: parameter, metric: metric, scope: scope, labels: labels) + "</section>\n"
        }
        return HTMLReport.page(title: "flowsim sweep: " + h.name, body: body)
    }

    /// The parameter ranked first for the best metric (else the first
    /// metric) of the first option.
    static func mainInput(_ results: SweepResults, _ sensitivity: SweepSensitivity, scope: String) -> (String, String)? {
        let metric = results.uncertainty?.best?.metric ?? results.metrics.first
        guard let metric, let entry = sensitivity.entries.first(where: { $0.metric == metric && $0.scope == scope }),
              let top = entry.parameters.first(where: { $0.prcc != nil || $0.src != nil }) ?? entry.parameters.first else { return nil }
        return (top.parameter, metric)
    }

    /// An approximate 95% interval for a partial correlation (Fisher's z).
    static func interval(_ r: Double, points n: Int, controls: Int) -> (Double, Double)? {
        let dof = Double(n - 3 - controls)
        guard dof > 0, abs(r) < 1 else { return nil }
        let z = atanh(r), se = 1 / dof.squareRoot()
        return (tanh(z - 1.96 * se), tanh(z + 1.96 * se))
    }

    static func tornado(_ entry: SweepSensitivity.Entry, points: Int, parameters: Int) -> String {
        let rows = entry.parameters
        let width = 760.0, left = 240.0, right = 20.0, rowHeight = 22.0, top = 10.0, bottom = 40.0
        let height = top + rowHeight * Double(max(rows.count, 1)) + bottom
        func x(_ v: Double) -> Double { left + (width - left - right) * (v + 1) / 2 }
        let title = "Sensitivity of \(Measures.label(entry.metric)) (\(entry.option))"
        var svg = SVGChart.open(width: width, height: height, title: title)
        for t in stride(from: -1.0, through: 1.0, by: 0.5) {
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"%@\"/>", x(t), x(t), top, height - bottom, t == 0 ? "zero" : "grid")
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">%@</text>\n", x(t), height - bottom + 14, SVGChart.tickLabel(t, step: 0.5))
        }
        for (row, p) in rows.enumerated() {
            let y = top + rowHeight * Double(row)
            svg += "<g><title>\(HTMLReport.escape(p.parameter)): PRCC \(p.prcc.map { String(format: "%+.3f", $0) } ?? "-"), SRC \(p.src.map { String(format: "%+.3f", $0) } ?? "-")</title>"
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"label\" text-anchor=\"end\">%@</text>", left - 8, y + rowHeight / 2 + 4, HTMLReport.escape(shorten(p.parameter)))
            if let r = p.prcc {
                svg += SVGChart.f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>", min(x(0), x(r)), y + 4, abs(x(r) - x(0)), rowHeight - 8,
                                  r < 0 ? "#0072B2" : "#E69F00")
                if let (lo, hi) = interval(r, points: points, controls: parameters - 1) {
                    svg += SVGChart.f("<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" class=\"ci\"/>", x(lo), y + rowHeight / 2, x(hi),
                                      x(lo), y + 7, y + rowHeight - 7, x(hi), y + 7, y + rowHeight - 7)
                }
            }
            if let s = p.src, s.isFinite { svg += SVGChart.marker(3, x: x(max(-1, min(1, s))), y: y + rowHeight / 2, size: 4, fill: "#fff") }
            svg += "</g>\n"
        }
        svg += SVGChart.f("<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">coefficient (−1 to 1)</text>\n", (left + width) / 2, height - 6)
        var html = "<figure>\n" + svg + "</svg>\n<figcaption>\(HTMLReport.escape(title)) over \(points) points"
        html += entry.r2.map { String(format: "; R² of the linear fit %.2f", $0) } ?? ""
        html += rows.allSatisfy { $0.prcc == nil && $0.src == nil }
            ? ". No estimate: the outcome does not vary over the points, or there are too few points.</figcaption>\n</figure>\n"
            : ". Orange: the outcome rises with the parameter; blue: it falls.</figcaption>\n</figure>\n"
        return html
    }

    static func shorten(_ s: String) -> String { s.count <= 36 ? s : "…" + s.suffix(35) }

    static func probabilityBest(_ best: UncertaintySummary.Best, labels: [String]) -> String {
        let width = 760.0, left = 160.0, right = 60.0, rowHeight = 24.0, top = 8.0, bottom = 36.0
        let height = top + rowHeight * Double(labels.count) + bottom
        func x(_ p: Double) -> Double { left + (width - left - right) * p }
        let title = "Probability of being best on \(Measures.label(best.metric)) (\(best.direction == .max ? "highest" : "lowest") wins)"
        var svg = SVGChart.open(width: width, height: height, title: title)
        for t in stride(from: 0.0, through: 1.0, by: 0.2) {
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"grid\"/>", x(t), x(t), top, height - bottom)
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">%.0f%%</text>\n", x(t), height - bottom + 14, t * 100)
        }
        for (i, label) in labels.enumerated() {
            let p = best.probability[label] ?? 0, y = top + rowHeight * Double(i)
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"label\" text-anchor=\"end\">%@</text>", left - 8, y + rowHeight / 2 + 4, HTMLReport.escape(label))
            svg += SVGChart.f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\" stroke=\"#333\" stroke-width=\"0.5\"/>", x(0), y + 4, x(p) - x(0), rowHeight - 8, SVGChart.fill(i))
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.1f\" class=\"label\">%.0f%%</text>\n", x(p) + 4, y + rowHeight / 2 + 4, p * 100)
        }
        svg += SVGChart.f("<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">share of sampled points at which the option is best</text>\n", (left + width) / 2, height - 6)
        return "<figure>\n" + svg + "</svg>\n<figcaption>\(HTMLReport.escape(title)), scope \(HTMLReport.escape(best.scope)); ties share a point.</figcaption>\n</figure>\n"
    }

    /// Each option's point means as dots, with the 5th-95th percentile
    /// range and the mean.
    static func distribution(_ results: SweepResults, metric: String, scope: String, labels: [String]) -> String {
        let columns = labels.map { results.means(option: $0, scope: scope, metric: metric).compactMap { $0 } }
        let all = columns.flatMap { $0 }.map { Measures.scaled($0, metric) }
        guard !all.isEmpty else { return "" }
        let ticks = SVGChart.ticks(all.min()!, all.max()!)
        let lo = ticks.first!, hi = ticks.last!, step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let width = 760.0, left = 160.0, right = 20.0, rowHeight = 34.0, top = 8.0, bottom = 40.0
        let height = top + rowHeight * Double(labels.count) + bottom
        func x(_ v: Double) -> Double { left + (width - left - right) * (v - lo) / (hi - lo) }
        let title = "\(Measures.title(metric)) over the points, by option"
        var svg = SVGChart.open(width: width, height: height, title: title)
        for t in ticks {
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"grid\"/>", x(t), x(t), top, height - bottom)
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">%@</text>\n", x(t), height - bottom + 14, SVGChart.tickLabel(t, step: step))
        }
        for (i, values) in columns.enumerated() where !values.isEmpty {
            let y = top + rowHeight * Double(i) + rowHeight / 2
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"label\" text-anchor=\"end\">%@</text>", left - 8, y + 4, HTMLReport.escape(labels[i]))
            let scaled = values.map { Measures.scaled($0, metric) }
            let p5 = Uncertainty.quantile(scaled, 0.05), p95 = Uncertainty.quantile(scaled, 0.95)
            let mean = scaled.reduce(0, +) / Double(scaled.count)
            svg += SVGChart.f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#eee\" stroke=\"#999\"/>", x(p5), y - 9, max(1, x(p95) - x(p5)), 18.0)
            for (k, v) in scaled.enumerated() {
                // A fixed jitter, so the same sweep draws the same picture.
                let dy = Double((k * 7919) % 13 - 6)
                svg += SVGChart.marker(i, x: x(v), y: y + dy, size: 2.6)
            }
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"2.5\"/>\n", x(mean), x(mean), y - 12, y + 12)
        }
        svg += SVGChart.f("<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">%@</text>\n", (left + width) / 2, height - 6, HTMLReport.escape(Measures.title(metric)))
        return "<figure>\n" + svg + "</svg>\n<figcaption>\(HTMLReport.escape(title)): one marker per point; grey band 5th to 95th percentile; black bar the mean.</figcaption>\n</figure>\n"
    }

    static func scatter(_ results: SweepResults, parameter: String, metric: String, scope: String, labels: [String]) -> String {
        let xs = results.points.map { $0.parameters[parameter] ?? .nan }
        let series = labels.map { results.means(option: $0, scope: scope, metric: metric).map { $0.map { Measures.scaled($0, metric) } } }
        let ys = series.flatMap { $0.compactMap { $0 } }
        let finiteX = xs.filter(\.isFinite)
        guard !ys.isEmpty, !finiteX.isEmpty else { return "" }
        let xt = SVGChart.ticks(finiteX.min()!, finiteX.max()!), yt = SVGChart.ticks(ys.min()!, ys.max()!)
        let width = 760.0, height = 320.0, left = 70.0, right = 16.0, top = 12.0, bottom = 46.0
        func x(_ v: Double) -> Double { left + (width - left - right) * (v - xt.first!) / (xt.last! - xt.first!) }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - yt.first!) / (yt.last! - yt.first!)) }
        let title = "\(Measures.label(metric)) against \(parameter)"
        var svg = SVGChart.open(width: width, height: height, title: title)
        let xs1 = xt.count > 1 ? xt[1] - xt[0] : 1, ys1 = yt.count > 1 ? yt[1] - yt[0] : 1
        for t in xt {
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"grid\"/>", x(t), x(t), top, height - bottom)
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">%@</text>\n", x(t), height - bottom + 14, SVGChart.tickLabel(t, step: xs1))
        }
        for t in yt {
            svg += SVGChart.f("<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, width - right, y(t), y(t))
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%@</text>\n", left - 6, y(t) + 4, SVGChart.tickLabel(t, step: ys1))
        }
        for (i, values) in series.enumerated() {
            for (k, v) in values.enumerated() {
                guard let v, xs[k].isFinite else { continue }
                svg += SVGChart.marker(i, x: x(xs[k]), y: y(v), size: 3.2)
            }
            svg += "\n"
        }
        svg += SVGChart.f("<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">%@</text>", (left + width) / 2, height - 8, HTMLReport.escape(parameter))
        svg += SVGChart.f("<text transform=\"translate(14 %.0f) rotate(-90)\" class=\"axis\" text-anchor=\"middle\">%@</text>\n", (top + height - bottom) / 2, HTMLReport.escape(Measures.title(metric)))
        return "<figure>\n" + svg + "</svg>\n" + SVGChart.legend(labels, markersOnly: true)
            + "<figcaption>\(HTMLReport.escape(title)): one marker per point and option (point means over replications).</figcaption>\n</figure>\n"
    }
}
