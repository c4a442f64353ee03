import Foundation
import FlowSimExperiments
import FlowSimModel

/// How `run` and `compare` print to the terminal (`--format`).
public enum TerminalFormat: String, CaseIterable, Sendable {
    /// Compact blocks that fit the terminal's width (the default).
    case table
    /// The same blocks as Markdown tables, for pasting into documents.
    case markdown
    /// The CSV file's rows on standard output.
    case csv
}

/// The terminal tables that fit: for a comparison, one block per scope
/// with the options as rows and the key measures as columns (each option
/// followed by its paired difference from the reference); for a run, one
/// row per measure and one column per scope. Columns that do not fit the
/// width go into a further block with the same rows. `--wide` keeps the
/// full layout of `ComparisonReport` and `TableReport`.
public enum CompactReport {
    // MARK: comparison

    public static func render(_ comparison: Comparison, metrics: [String]? = nil, width: Int = 100,
                              format: TerminalFormat = .table) -> String {
        if format == .csv { return CSVReport.render(comparison) }
        guard let reference = comparison.options.first else { return "" }
        let referenceLabel = comparison.optionIDs[0].label
        let names = measures(metrics, available: reference.metricNames)
        var out = wrap("Comparison against \(referenceLabel): \(reference.replications) paired replications "
            + "(common random numbers, seed \(reference.seed)), warm-up \(TableReport.days(reference.warmupDays)), "
            + "measured \(TableReport.days(reference.horizonDays)). Cells: mean ±95% CI half-width; "
            + "Δ: option minus \(referenceLabel) [paired 95% CI], % measures in percentage points; "
            + "✓ better, ✗ worse (the interval excludes 0), unmarked: not distinguishable.", width: width)
        // With a single site the system is that site: one block.
        let sites = reference.mainScopes.filter { $0.kind == .site }
        let blocks = sites.count == 1 ? reference.mainScopes.filter { $0.kind != .site } : reference.mainScopes
        for scope in blocks {
            // Only the measures this scope has (the ambulance service is system-wide).
            let names = names.filter { reference.metrics[scope]?[$0] != nil }
            if names.isEmpty { continue }
            var rows: [[String]] = []
            for (id, option) in comparison.labelled {
                rows.append([id.label] + names.map { name in
                    option.metrics[scope]?[name].map { Measures.cell($0, name) } ?? "-"
                })
                if id.index > 0 {
                    rows.append(["  Δ"] + names.map { name in
                        guard let d = comparison.differences[id.label]?[scope]?[name] else { return "-" }
                        return Measures.difference(d, name) + Measures.mark(Measures.verdict(d, name))
                    })
                }
            }
            let title = sites.count == 1 && scope.kind == .system ? "System (the one site, \(sites[0].id))" : scopeTitle(scope)
            out += "\n" + block(title: title, corner: "option", headers: names.map(Measures.title),
                                rows: rows, width: width, format: format)
        }
        let periods = reference.scopes.filter { $0.isPeriod && $0.kind == .system }.count
        var notes: [String] = []
        if periods > 0 { notes.append("\(periods) financial years") }
        if reference.scopes.contains(where: { $0.kind == .locality && !$0.isPeriod }) { notes.append("localities") }
        out += "\n" + wrap("Other measures: --metrics NAME,... or --metrics all; "
            + (notes.isEmpty ? "" : notes.joined(separator: " and ") + ": ")
            + "--wide, or the JSON and CSV files.", width: width)
        return out
    }

    // MARK: run

    public static func render(_ result: ExperimentResult, metrics: [String]? = nil, width: Int = 100,
                              format: TerminalFormat = .table) -> String {
        if format == .csv { return CSVReport.render(result) }
        let names = TableReport.select(metrics, from: result.metricNames)
        var out = wrap("\(result.scenario): \(result.replications) replication\(result.replications == 1 ? "" : "s"), "
            + "seed \(result.seed), warm-up \(TableReport.days(result.warmupDays)), measured \(TableReport.days(result.horizonDays)); "
            + "\(result.patients) patient journeys in \(String(format: "%.2f", result.wallSeconds)) s. "
            + "Cells: mean ±95% CI half-width across replications.", width: width)
        let scopes = result.mainScopes
        let rows = names.map { name in
            [Measures.title(name)] + scopes.map { result.metrics[$0]?[name].map { Measures.cell($0, name) } ?? "-" }
        }
        out += "\n" + block(title: nil, corner: "measure", headers: scopes.map(scopeTitle), rows: rows,
                            width: width, format: format, wrapHeaders: false)
        let periods = result.scopes.filter { $0.isPeriod && $0.kind == .system }
        if !periods.isEmpty {
            let yearly = names.filter { result.metrics[periods[0]]?[$0] != nil }.map { name in
                [Measures.title(name)] + periods.map { result.metrics[$0]?[name].map { Measures.cell($0, name) } ?? "-" }
            }
            out += "\n" + block(title: "System by financial year", corner: "measure", headers: periods.map { $0.period ?? "" },
                                rows: yearly, width: width, format: format, wrapHeaders: false)
        }
        if result.showsRoadTimes { out += "\n" + wrap("(\(ExperimentResult.roadTimesNote))", width: width) }
        return out
    }

    // MARK: layout

    /// The measures to show: the summary measures present, else the key
    /// metrics; or those asked for.
    static func measures(_ metrics: [String]?, available: [String]) -> [String] {
        if metrics != nil { return TableReport.select(metrics, from: available) }
        let summary = Measures.summary(from: available)
        return summary.isEmpty ? TableReport.select(nil, from: available) : summary
    }

    static func scopeTitle(_ scope: Scope) -> String {
        let base = scope.kind == .system ? "System" : scope.id
        return scope.period.map { "\(base) \($0)" } ?? base
    }

    /// A table with a left column and headed columns; columns that do not
    /// fit `width` continue in further tables with the same left column.
    static func block(title: String?, corner: String, headers: [String], rows: [[String]], width: Int,
                      format: TerminalFormat, wrapHeaders: Bool = true) -> String {
        if format == .markdown {
            var out = title.map { "### \($0)\n\n" } ?? ""
            out += "| \(corner) | " + headers.map(markdownEscape).joined(separator: " | ") + " |\n"
            out += "|---|" + headers.map { _ in "---:|" }.joined() + "\n"
            for row in rows {
                out += "| " + row.map { markdownEscape($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: " | ") + " |\n"
            }
            return out
        }
        let left = max(corner.count, rows.map { $0[0].count }.max() ?? 0)
        // Each column as wide as its widest cell, and its header's longest word.
        var widths = headers.indices.map { c in
            max(rows.map { $0[c + 1].count }.max() ?? 0,
                wrapHeaders ? headers[c].split(separator: " ").map(\.count).max() ?? 0 : headers[c].count)
        }
        // The left column whole when everything fits, else at most a third.
        let leftWidth = left + widths.reduce(0) { $0 + $1 + 2 } <= width ? left : min(left, max(12, width / 3))
        for c in widths.indices { widths[c] = min(widths[c], max(8, width - leftWidth - 2)) }
        var groups: [[Int]] = [[]]
        var used = leftWidth
        for c in headers.indices {
            if !groups[groups.count - 1].isEmpty && used + 2 + widths[c] > width {
                groups.append([])
                used = leftWidth
            }
            groups[groups.count - 1].append(c)
            used += 2 + widths[c]
        }
        var out = title.map { "\($0)\n" } ?? ""
        for (g, columns) in groups.enumerated() {
            if g > 0 { out += "\n" }
            let headerLines = columns.map { c in wrapHeaders ? wrapWords(headers[c], width: widths[c]) : [headers[c]] }
            let depth = headerLines.map(\.count).max() ?? 1
            for line in 0..<depth {
                var text = pad(line == depth - 1 ? corner : "", leftWidth)
                for (k, c) in columns.enumerated() {
                    let lines = headerLines[k]
                    // Bottom-aligned headers.
                    let i = line - (depth - lines.count)
                    text += "  " + padLeft(i >= 0 ? lines[i] : "", widths[c])
                }
                out += trimmed(text) + "\n"
            }
            out += String(repeating: "-", count: leftWidth) + columns.map { "  " + String(repeating: "-", count: widths[$0]) }.joined() + "\n"
            for row in rows {
                var text = pad(truncate(row[0], leftWidth), leftWidth)
                for c in columns { text += "  " + padLeft(truncate(row[c + 1], widths[c]), widths[c]) }
                out += trimmed(text) + "\n"
            }
        }
        return out
    }

    static func markdownEscape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    static func padLeft(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(max(0, n - 1))) + "…" }
    static func trimmed(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    static func wrapWords(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            if line.isEmpty { line = word } else if line.count + 1 + word.count <= width { line += " " + word } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { truncate($0, width) }
    }

    /// `prefix` and the items joined by ", ", broken before an item that
    /// would pass `width`; continuation lines are indented under the first item.
    public static func wrappedList(_ prefix: String, _ items: [String], width: Int) -> String {
        let indent = String(repeating: " ", count: prefix.count)
        var lines: [String] = []
        var line = prefix
        for (i, item) in items.enumerated() {
            let piece = item + (i < items.count - 1 ? "," : "")
            if line.count > prefix.count, line.count + 1 + piece.count > width {
                lines.append(line)
                line = indent + piece
            } else {
                line += (line.count > prefix.count ? " " : "") + piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// A paragraph wrapped at `width`.
    static func wrap(_ text: String, width: Int) -> String {
        wrapWords(text, width: max(width, 20)).joined(separator: "\n") + "\n"
    }
}
