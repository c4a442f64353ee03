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
        across the replications, buckets shorter than a day are averaged into whole days, \
        and MSER-5 (White 1997) on batches of 5 days gives the truncation point. A \
        measure's answer is reliable when the minimum lies in the first half and the \
        replications agree that the deleted days differ from the rest; the suggestion \
        is the longest reliable one, rounded up to a whole day. Welch's moving \
        averages are a second view (--welch-out). See docs/output-analysis.md.
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
                                      runner: ReplicationRunner(threads: options.threads), progress: progress.report)
        progress.finish()
        try seriesOptions.write(analysis.series)
        if let welchOut { try AtomicFile.write(Data(WarmupText.welchCSV(analysis, window: welchWindow).utf8), to: welchOut) }
        if let svg { try AtomicFile.write(Data(WarmupFigure.svg(analysis).utf8), to: svg) }
        print(WarmupText.render(analysis), terminator: "")
        fflush(stdout)
        if let overall = analysis.overallDays, analysis.scenarioWarmupDays + 1e-9 < overall {
            Terminal.error("warning: the scenario's warmup (\(WarmupText.days(analysis.scenarioWarmupDays))) is shorter than the suggested \(WarmupText.days(overall))")
        }
    }
}

enum WarmupText {
    static func days(_ d: Double) -> String {
        d == d.rounded() ? "\(Int(d)) days" : String(format: "%.1f days", d)
    }

    static func render(_ a: WarmupAnalysis) -> String {
        let s = a.series
        func width(_ minutes: Double) -> String {
            minutes >= CalendarTime.minutesPerDay ? days(minutes / CalendarTime.minutesPerDay) : String(format: "%g hours", minutes / 60)
        }
        var out = "Warm-up of \(s.scenario): MSER-5 (White 1997) on the mean of \(s.replications) pilot replications from empty, "
        out += "buckets of \(width(s.bucketMinutes)), observations of \(width(a.observationMinutes)), "
        out += "\(days(s.endMinutes / CalendarTime.minutesPerDay)) run\n\n"
        let rows = a.findings.map { f in ["\(f.measure.rawValue)", f.site, days(f.days), note(f)] }
        let widths = (0..<3).map { c in ([["measure", "site", "MSER-5"][c]] + rows.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            (0..<3).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + (cells.count > 3 && !cells[3].isEmpty ? "  " + cells[3] : "") + "\n"
        }
        out += line(["measure", "site", "MSER-5"])
        for row in rows { out += line(row) }
        if let overall = a.overallDays {
            out += "\nSuggested warm-up: \(days(overall)) (the longest reliable one); the scenario has \(days(a.scenarioWarmupDays)).\n"
            if !a.unplaced.isEmpty {
                out += "Not covered: \(a.unplaced.map { "\($0.measure.rawValue) at \($0.site)" }.joined(separator: ", ")) gave no reliable answer; "
                out += "read the figure, or run longer.\n"
            }
        } else {
            out += "\nNo reliable warm-up found: run longer (or with more replications); the scenario has \(days(a.scenarioWarmupDays)).\n"
        }
        return out
    }

    static func note(_ f: WarmupAnalysis.Finding) -> String {
        let bias = f.deletedBias.map { String(format: "deleted part %+.3g ± %.3g vs the rest", $0.difference, $0.halfWidth) }
        switch f.status {
        case .reliable: return bias ?? ""
        case .tooShort: return "unreliable: fewer than 50 observations; run longer"
        case .secondHalf: return "unreliable: the minimum is in the second half (\(bias ?? "")); run longer"
        case .notConsistent: return "left out: not consistent across replications (\(bias ?? "")): an excursion, not a transient"
        }
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
        let panelW = 640.0, panelH = 170.0, left = 60.0, top = 48.0, gap = 50.0
        let height = top + Double(bands.count) * (panelH + gap)
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(left + panelW + 20))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="18" font-size="14">\(escape(s.scenario)): mean of \(s.replications) replications from empty, 10th-90th percentile band</text>
        <text x="\(left)" y="36">dashed: MSER-5 truncation (red: reliable, grey: unreliable); \(a.overallDays.map { "suggested warm-up " + WarmupText.days($0) } ?? "no reliable warm-up found")</text>

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
                let colour = f.reliable ? "#d62728" : "#888888"
                let label = WarmupText.days(f.days) + (f.reliable ? "" : " (unreliable)")
                out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"\(colour)\" stroke-dasharray=\"5,3\"/>\n", x(f.days), y0, x(f.days), y0 + panelH)
                out += String(format: "<text x=\"%.1f\" y=\"%.1f\" fill=\"\(colour)\">", x(f.days) + 4, y0 + 14) + label + "</text>\n"
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
