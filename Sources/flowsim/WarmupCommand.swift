import ArgumentParser
import FlowSim
import Foundation

struct WarmupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warmup",
        abstract: "Suggest a warm-up: pilot replications from empty, MSER-5 on each level averaged across them.",
        discussion: """
        The scenario runs with no warm-up over its whole length (warm-up plus horizon). \
        Each level (--series, default: patients in A&E, waiting, beds and ambulances at \
        the door, per site) is averaged per bucket (--series-interval, default: day) \
        across the replications, and MSER-5 (White 1997) gives the truncation point. \
        Welch's moving averages are a second view (--welch-out). See docs/output-analysis.md.
        """)

    @Argument(help: "Scenario file (YAML).")
    var file: String

    @OptionGroup var options: RunOptions
    @OptionGroup var seriesOptions: SeriesOptions

    @Option(name: .customLong("welch-window"),
            help: ArgumentHelp("Welch moving-average window, buckets each side, 1-1000 (default: 5).", valueName: "w"))
    var welchWindowText: String?

    @Option(name: .customLong("welch-out"),
            help: ArgumentHelp("Write the averaged series and Welch's moving averages here (CSV).", valueName: "path"))
    var welchOut: String?

    @Option(help: ArgumentHelp("Write a figure of the averaged series with the suggested warm-up here (SVG).", valueName: "path"))
    var svg: String?

    var welchWindow: Int { welchWindowText.flatMap { try? NumericOption.parse($0, option: "--welch-window", range: 1...1000) } ?? 5 }

    func validate() throws {
        if let welchWindowText {
            do { _ = try NumericOption.parse(welchWindowText, option: "--welch-window", range: 1...1000) } catch let error as BadInput {
                throw BadInput.refuse("warmup", error.message)
            }
        }
        for (option, path) in [("--welch-out", welchOut), ("--svg", svg)] {
            if let path, let problem = OutputPath.problemWritingFile(path) {
                throw BadInput.refuse("warmup", "\(option) \(path): \(problem); nothing was run")
            }
        }
    }

    func run() throws {
        let scenario = try options.load(file)
        let request: SeriesRequest
        do {
            request = try seriesOptions.request(defaultInterval: "day", defaultMeasures: SeriesMeasure.allCases)!
        } catch let error as BadInput {
            throw BadInput.refuse("warmup", error.message + "; nothing was run")
        }
        let progress = ProgressLine("warmup \(scenario.config.name)", quiet: options.quiet)
        let analysis = WarmupAnalysis(scenario.config, seed: options.seed ?? scenario.run.seed,
                                      replications: options.replications ?? scenario.run.replications, series: request,
                                      runner: ReplicationRunner(threads: options.threads), progress: progress.update)
        progress.finish()
        try seriesOptions.write(analysis.series)
        if let welchOut { try AtomicFile.write(Data(WarmupText.welchCSV(analysis, window: welchWindow).utf8), to: welchOut) }
        if let svg { try AtomicFile.write(Data(WarmupFigure.svg(analysis).utf8), to: svg) }
        print(WarmupText.render(analysis), terminator: "")
        fflush(stdout)
        if analysis.scenarioWarmupDays + 1e-9 < analysis.overallDays {
            Terminal.error("warning: the scenario's warmup (\(WarmupText.days(analysis.scenarioWarmupDays))) is shorter than the suggested \(WarmupText.days(analysis.overallDays))")
        }
    }
}

enum WarmupText {
    static func days(_ d: Double) -> String {
        d == d.rounded() ? "\(Int(d)) days" : String(format: "%.1f days", d)
    }

    static func render(_ a: WarmupAnalysis) -> String {
        let s = a.series
        let bucket = s.bucketMinutes >= CalendarTime.minutesPerDay
            ? days(s.bucketMinutes / CalendarTime.minutesPerDay) : String(format: "%g hours", s.bucketMinutes / 60)
        var out = "Warm-up of \(s.scenario): MSER-5 (White 1997) on the mean of \(s.replications) pilot replications from empty, "
        out += "buckets of \(bucket), \(days(s.endMinutes / CalendarTime.minutesPerDay)) run\n\n"
        let rows = a.findings.map { f in
            ["\(f.measure.rawValue)", f.site, days(f.days), f.reliable ? "" : "unreliable: the minimum is at the end of the first half; run longer"]
        }
        let widths = (0..<3).map { c in ([["measure", "site", "warm-up"][c]] + rows.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            (0..<3).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + (cells.count > 3 && !cells[3].isEmpty ? "  " + cells[3] : "") + "\n"
        }
        out += line(["measure", "site", "warm-up"])
        for row in rows { out += line(row) }
        out += "\nSuggested warm-up: \(days(a.overallDays)) (the longest over the measures); the scenario has \(days(a.scenarioWarmupDays)).\n"
        return out
    }

    static func welchCSV(_ a: WarmupAnalysis, window: Int) -> String {
        var out = "measure,site,start_day,mean,welch_\(window)\n"
        for band in a.series.series where !band.isEmpty {
            let welch = WarmupDetection.welch(band.mean, window: window)
            for i in band.mean.indices {
                let w = i < welch.count ? String(format: "%.6g", welch[i]) : ""
                out += "\(band.measure.rawValue),\(band.site),\(String(format: "%.6g", a.series.startDay(i))),\(String(format: "%.6g", band.mean[i])),\(w)\n"
            }
        }
        return out
    }
}

/// A small SVG: each non-empty series (mean with its 10th-90th percentile
/// band) in its own panel, the suggested warm-up as a vertical line.
enum WarmupFigure {
    static func svg(_ a: WarmupAnalysis) -> String {
        let s = a.series
        let bands = s.series.filter { !$0.isEmpty }
        let panelW = 640.0, panelH = 170.0, left = 60.0, top = 30.0, gap = 50.0
        let height = top + Double(bands.count) * (panelH + gap)
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(left + panelW + 20))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="18" font-size="14">\(escape(s.scenario)): mean of \(s.replications) replications from empty, 10th-90th percentile band; dashed: MSER-5 warm-up</text>

        """
        let endDay = s.endMinutes / CalendarTime.minutesPerDay
        for (k, band) in bands.enumerated() {
            let y0 = top + Double(k) * (panelH + gap) + 10
            let hi = max(band.p90.max() ?? 1, 1e-9) * 1.05
            func x(_ day: Double) -> Double { left + panelW * day / endDay }
            func y(_ v: Double) -> Double { y0 + panelH - panelH * v / hi }
            let mids = band.mean.indices.map { min(s.startDay($0) + s.bucketMinutes / CalendarTime.minutesPerDay / 2, endDay) }
            let upper = zip(mids, band.p90).map { String(format: "%.1f,%.1f", x($0), y($1)) }
            let lower = zip(mids, band.p10).reversed().map { String(format: "%.1f,%.1f", x($0), y($1)) }
            out += "<rect x=\"\(left)\" y=\"\(y0)\" width=\"\(panelW)\" height=\"\(panelH)\" fill=\"none\" stroke=\"#999\"/>\n"
            out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#9ecae1\" opacity=\"0.6\"/>\n"
            out += "<polyline points=\"\(zip(mids, band.mean).map { String(format: "%.1f,%.1f", x($0), y($1)) }.joined(separator: " "))\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"1.5\"/>\n"
            if let f = a.findings.first(where: { $0.measure == band.measure && $0.site == band.site }) {
                out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" stroke-dasharray=\"5,3\"/>\n", x(f.days), y0, x(f.days), y0 + panelH)
                out += String(format: "<text x=\"%.1f\" y=\"%.1f\" fill=\"#d62728\">", x(f.days) + 4, y0 + 14) + WarmupText.days(f.days) + "</text>\n"
            }
            out += "<text x=\"\(left)\" y=\"\(y0 - 4)\">\(escape(band.label)), \(escape(band.site))</text>\n"
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left - 4, y0 + 10, hi)
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0</text>\n", left - 4, y0 + panelH)
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\">0</text>\n", left, y0 + panelH + 14)
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left + panelW, y0 + panelH + 14) + WarmupText.days(endDay) + "</text>\n"
        }
        return out + "</svg>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
