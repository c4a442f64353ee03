import Foundation
import FlowSimModel

/// The metric catalogue for people and programs: `flowsim metrics` as a
/// terminal list, JSON, or the Markdown tables of docs/results.md.
public enum MetricCatalogueReport {
    /// One line per metric: id, unit, which way is better, scopes (labels
    /// and definitions are in the JSON and Markdown forms).
    public static func text(_ metrics: [MetricDefinition]) -> String {
        var rows = [["metric", "unit", "better", "scopes"]]
        for d in metrics {
            rows.append([d.id + (d.byPeriod ? " *" : ""), d.unit.rawValue, d.better.rawValue, scopes(d)])
        }
        return leftAligned(rows) + "\n* also by financial year in runs longer than a year.\n"
            + "Definitions: flowsim metrics --json, or docs/results.md.\n"
    }

    /// The concrete metrics of one scenario, with the scopes each is in.
    public static func text(_ layout: MetricLayout, scopeKind: Scope.Kind? = nil) -> String {
        var rows = [["metric", "unit", "better", "scopes"]]
        for metric in layout.metrics {
            let scopes = layout.scopes.filter { scope in
                (scopeKind == nil || scope.kind == scopeKind) && layout.metrics(at: scope).contains(metric)
            }
            guard !scopes.isEmpty else { continue }
            let names = scopes.count > 4 ? scopes.prefix(3).map(\.key) + ["… (\(scopes.count))"] : scopes.map(\.key)
            rows.append([metric.name, metric.unit.rawValue, metric.better.rawValue, names.joined(separator: ",")])
        }
        return leftAligned(rows)
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func leftAligned(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    struct Entry: Encodable {
        let id, label, unit, better, definition: String
        let scopes: [String]
        let byPeriod: Bool
        let requires: String
        let dimension: String?
        let key: Bool
        enum CodingKeys: String, CodingKey {
            case id, label, unit, better, definition, scopes, byPeriod = "by_period", requires, dimension, key
        }
    }

    /// `flowsim.metrics/1`: every definition with its unit and meaning.
    public static func json(_ metrics: [MetricDefinition]) throws -> Data {
        struct Document: Encodable {
            let schema = "flowsim.metrics/1"
            let metrics: [Entry]
        }
        let entries = metrics.map {
            Entry(id: $0.id, label: $0.label, unit: $0.unit.rawValue, better: $0.better.rawValue,
                  definition: $0.definition, scopes: Scope.Kind.allCases.filter($0.scopes.contains).map(\.rawValue),
                  byPeriod: $0.byPeriod, requires: $0.requirement.rawValue, dimension: $0.dimension?.rawValue,
                  key: $0.isKey)
        }
        return try JSONReport.encode(Document(metrics: entries))
    }

    /// The metric tables of docs/results.md, section by section.
    public static func markdown() -> String {
        var out = ""
        for section in MetricCatalogue.sections {
            out += "### \(section.title)\n\n"
            out += "| metric | unit | better | scopes | by year | definition |\n| --- | --- | --- | --- | --- | --- |\n"
            for d in section.metrics {
                out += "| `\(d.id)` | \(d.unit.rawValue) | \(d.better.rawValue) | \(scopes(d)) | \(d.byPeriod ? "yes" : "") | \(d.definition) |\n"
            }
            out += "\n"
        }
        return out
    }

    static func scopes(_ d: MetricDefinition) -> String {
        Scope.Kind.allCases.filter(d.scopes.contains).map(\.rawValue).joined(separator: ", ")
    }
}
