import Foundation
import FlowSimModel

/// How figures are printed, by the metric's unit in the catalogue:
/// fractions to four places, counts and minutes to one or two, large
/// numbers without decimals.
enum NumberFormat {
    static func figure(_ x: Double, metric: String) -> String {
        if !x.isFinite { return "-" }
        if MetricCatalogue.metric(named: metric)?.unit.isShare == true { return String(format: "%.4f", x) }
        let magnitude = abs(x)
        if magnitude >= 1000 { return String(format: "%.0f", x) }
        if magnitude >= 100 { return String(format: "%.1f", x) }
        return String(format: "%.2f", x)
    }
}
