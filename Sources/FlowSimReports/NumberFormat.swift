import Foundation

/// How figures are printed: fractions to four places, counts and minutes
/// to one or two, large numbers without decimals.
enum NumberFormat {
    static func figure(_ x: Double, metric: String) -> String {
        if !x.isFinite { return "-" }
        if isFraction(metric) { return String(format: "%.4f", x) }
        let magnitude = abs(x)
        if magnitude >= 1000 { return String(format: "%.0f", x) }
        if magnitude >= 100 { return String(format: "%.1f", x) }
        return String(format: "%.2f", x)
    }

    static func isFraction(_ metric: String) -> Bool {
        metric.hasPrefix("ae_within") || metric == "ae_p_wait" || metric == "ae_over_1h"
            || metric.hasSuffix("_rate") || metric.hasSuffix("_utilisation")
    }
}
