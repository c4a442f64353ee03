import Foundation

/// A line chart of options over a shared x axis: one line per option in
/// its colour and dash, optional bands (shaded, in the option's colour),
/// single replications drawn thin and marked, vertical reference lines and
/// a shaded stretch (the warm-up). Inline SVG with a title and axis titles.
struct LineChart {
    struct Trace {
        let option: Int
        let values: [Double]
        let label: String
    }

    var title: String
    var xTitle: String
    var yTitle: String
    /// The x of each point, shared by every line.
    var x: [Double]
    var series: [[Double]]
    var bands: [(low: [Double], high: [Double])?] = []
    var traces: [Trace] = []
    var xRange: (low: Double, high: Double)
    var xTicks: [(value: Double, label: String)]
    var verticals: [(value: Double, label: String)] = []
    var shaded: (from: Double, to: Double, label: String)?
    /// A marker every this many points (0: none).
    var markerEvery = 0
    var width = 760.0, height = 280.0

    func svg() -> String {
        let left = 64.0, right = 16.0, top = 18.0, bottom = 46.0
        var all = series.flatMap { $0 } + traces.flatMap(\.values)
        for band in bands { if let band { all += band.high } }
        let ticks = SVGChart.ticks(0, max(all.filter(\.isFinite).max() ?? 1, 1e-9))
        let hi = ticks.last!, step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let span = max(xRange.high - xRange.low, 1e-9)
        func px(_ v: Double) -> Double { left + (width - left - right) * (v - xRange.low) / span }
        func py(_ v: Double) -> Double { top + (height - top - bottom) * (1 - min(max(v, 0), hi) / hi) }
        func points(_ values: [Double]) -> String {
            zip(x, values).map { SVGChart.f("%.1f,%.1f", px($0), py($1)) }.joined(separator: " ")
        }
        var svg = SVGChart.open(width: width, height: height, title: title)
        if let shaded {
            svg += SVGChart.f("<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" class=\"shaded\"/>",
                              px(shaded.from), top, max(px(shaded.to) - px(shaded.from), 0), height - top - bottom)
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\">%@</text>\n", px(shaded.from) + 4, top + 12,
                              HTMLReport.escape(shaded.label))
        }
        for t in ticks {
            svg += SVGChart.f("<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, width - right, py(t), py(t))
            svg += SVGChart.f("<text x=\"%.0f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%@</text>\n", left - 6, py(t) + 4,
                              SVGChart.tickLabel(t, step: step))
        }
        for t in xTicks {
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">%@</text>", px(t.value),
                              height - bottom + 16, HTMLReport.escape(t.label))
        }
        svg += "\n"
        for (i, band) in bands.enumerated() {
            guard let band, !band.low.isEmpty else { continue }
            let upper = zip(x, band.high).map { SVGChart.f("%.1f,%.1f", px($0), py($1)) }
            let lower = zip(x, band.low).reversed().map { SVGChart.f("%.1f,%.1f", px($0), py($1)) }
            svg += SVGChart.f("<polygon points=\"%@\" fill=\"%@\" fill-opacity=\"0.16\" stroke=\"none\"/>\n",
                              (upper + lower).joined(separator: " "), SVGChart.colour(i))
        }
        for (i, values) in series.enumerated() {
            svg += SVGChart.f("<polyline points=\"%@\" fill=\"none\" stroke=\"%@\" stroke-width=\"2\" stroke-dasharray=\"%@\"/>",
                              points(values), SVGChart.colour(i), SVGChart.dash(i))
            if markerEvery > 0 {
                for (k, (xv, yv)) in zip(x, values).enumerated() where k % markerEvery == 0 {
                    svg += SVGChart.marker(i, x: px(xv), y: py(yv), size: 3.5)
                }
            }
            svg += "\n"
        }
        for trace in traces {
            svg += "<g class=\"trace\">"
            svg += SVGChart.f("<polyline points=\"%@\" fill=\"none\" stroke=\"%@\" stroke-width=\"1\" stroke-dasharray=\"1 2\"/>",
                              points(trace.values), SVGChart.colour(trace.option))
            if let last = zip(x, trace.values).reversed().first(where: { $0.1.isFinite }) {
                svg += SVGChart.f("<path d=\"M%.1f %.1fl6 6m0 -6l-6 6\" stroke=\"#000\" stroke-width=\"1.5\"/>", px(last.0) - 3, py(last.1) - 3)
            }
            svg += "<title>\(HTMLReport.escape(trace.label))</title></g>\n"
        }
        for line in verticals {
            svg += SVGChart.f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" class=\"standard\"/>", px(line.value), px(line.value),
                              top, height - bottom)
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.0f\" class=\"standard-label\">%@</text>\n", px(line.value) + 4, top + 12,
                              HTMLReport.escape(line.label))
        }
        svg += SVGChart.f("<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">%@</text>", (left + width) / 2,
                          height - 8, HTMLReport.escape(xTitle))
        svg += SVGChart.f("<text transform=\"translate(14 %.0f) rotate(-90)\" class=\"axis\" text-anchor=\"middle\">%@</text>\n",
                          (top + height - bottom) / 2, HTMLReport.escape(yTitle))
        return svg + "</svg>\n"
    }
}
