import Foundation

/// Small SVG drawing helpers shared by the comparison and sweep reports:
/// a colour-blind-safe palette that stays apart in greyscale (Okabe and
/// Ito's colours, each with its own fill pattern, marker and dash), and
/// axis ticks on 1-2-5 steps.
enum SVGChart {
    /// Okabe-Ito colours, ordered so neighbours differ in lightness too.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4", "3 3 1 3"]
    static let markers = ["circle", "square", "triangle", "diamond", "cross", "triangle-down", "plus", "star"]

    static func colour(_ i: Int) -> String { palette[i % palette.count] }
    static func dash(_ i: Int) -> String { dashes[i % dashes.count] }

    /// Fill patterns for bars, one per option (solid, hatched, dotted,
    /// ...), defined once per page in a hidden SVG and used by every chart.
    static func patternDefinitions(_ count: Int) -> String {
        var defs = "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>"
        for i in 0..<max(count, 1) { defs += pattern(i, id: "p\(i)") }
        return defs + "</defs></svg>\n"
    }

    static func pattern(_ i: Int, id: String) -> String {
        let c = colour(i)
        let open = "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
        let base = "<rect width=\"6\" height=\"6\" fill=\"\(c)\"/>"
        switch i % 6 {
        case 0: return open + ">" + base + "</pattern>"
        case 1: return open + " patternTransform=\"rotate(45)\">" + base + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"2\"/></pattern>"
        case 2: return open + ">" + base + "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/></pattern>"
        case 3: return open + ">" + base + "<line x1=\"0\" y1=\"3\" x2=\"6\" y2=\"3\" stroke=\"#fff\" stroke-width=\"1.5\"/></pattern>"
        case 4: return open + " patternTransform=\"rotate(-45)\">" + base + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"1.2\"/></pattern>"
        default: return open + ">" + base + "<path d=\"M0 0L6 6M6 0L0 6\" stroke=\"#fff\" stroke-width=\"1\"/></pattern>"
        }
    }

    static func fill(_ i: Int) -> String { "url(#p\(i))" }

    /// A marker of option `i` at (x, y).
    static func marker(_ i: Int, x: Double, y: Double, size r: Double = 4.5, fill: String? = nil) -> String {
        let c = fill ?? colour(i)
        let stroke = "stroke=\"#000\" stroke-width=\"0.8\""
        switch markers[i % markers.count] {
        case "circle": return f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%@\" %@/>", x, y, r, c, stroke)
        case "square": return f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\" %@/>", x - r, y - r, 2 * r, 2 * r, c, stroke)
        case "triangle": return f("<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%@\" %@/>", x, y - r * 1.2, x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8, c, stroke)
        case "triangle-down": return f("<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%@\" %@/>", x, y + r * 1.2, x + r * 1.1, y - r * 0.8, x - r * 1.1, y - r * 0.8, c, stroke)
        case "diamond": return f("<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%@\" %@/>", x, y - r * 1.3, x + r * 1.1, y, x, y + r * 1.3, x - r * 1.1, y, c, stroke)
        case "cross": return f("<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%@\" stroke-width=\"2.5\"/>", x - r, y - r, x + r, y + r, x - r, y + r, x + r, y - r, c)
        case "plus": return f("<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%@\" stroke-width=\"2.5\"/>", x - r, y, x + r, y, x, y - r, x, y + r, c)
        default: return f("<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%@\" %@/>", x, y - r * 1.3, x + r * 0.5, y, x, y + r * 1.3, x - r * 0.5, y, c, stroke)
        }
    }

    /// A legend of options with their colour, pattern and marker.
    static func legend(_ labels: [String], lines: Bool = false, markersOnly: Bool = false) -> String {
        var html = "<p class=\"legend\">"
        for (i, label) in labels.enumerated() {
            var svg = "<svg width=\"26\" height=\"14\" viewBox=\"0 0 26 14\" aria-hidden=\"true\">"
            if markersOnly {
                svg += marker(i, x: 13, y: 7, size: 4)
            } else if lines {
                svg += "<line x1=\"1\" x2=\"25\" y1=\"7\" y2=\"7\" stroke=\"\(colour(i))\" stroke-width=\"2\" stroke-dasharray=\"\(dash(i))\"/>"
                svg += marker(i, x: 13, y: 7, size: 3.5)
            } else {
                svg += "<rect x=\"3\" y=\"1\" width=\"20\" height=\"12\" fill=\"\(fill(i))\" stroke=\"#333\" stroke-width=\"0.5\"/>"
            }
            html += "<span>\(svg + "</svg>")\(HTMLReport.escape(label))</span> "
        }
        return html + "</p>\n"
    }

    /// Round axis ticks on 1, 2 or 5 × 10^k steps covering [low, high].
    static func ticks(_ low: Double, _ high: Double, target: Int = 5) -> [Double] {
        var lo = low, hi = high
        if !(hi > lo) { lo -= 1; hi += 1 }
        let raw = (hi - lo) / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (lo / step).rounded(.down) * step
        var ticks: [Double] = []
        var v = first
        while v <= hi + step * 1e-9 {
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        if let last = ticks.last, last < hi { ticks.append(last + step) }
        return ticks
    }

    /// A tick's label, with as many decimals as the step needs.
    static func tickLabel(_ v: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : min(6, Int(ceil(-log10(step) - 1e-9)))
        let s = String(format: "%.\(decimals)f", v)
        if abs(v) >= 10_000 && decimals == 0 { return Measures.grouped(v) }
        return s == "-0" ? "0" : s
    }

    static func f(_ format: String, _ args: CVarArg...) -> String { String(format: format, arguments: args) }

    /// The opening of a chart: a scalable SVG with its title.
    static func open(width: Double, height: Double, title: String, extra: String = "") -> String {
        f("<svg viewBox=\"0 0 %.0f %.0f\" class=\"chart\" role=\"img\" aria-label=\"%@\"%@><title>%@</title>\n",
          width, height, HTMLReport.escape(title), extra, HTMLReport.escape(title))
    }
}

/// The axis ticks, for tests.
public enum SVGChartProbe {
    public static func ticks(_ low: Double, _ high: Double) -> [Double] {
        SVGChart.ticks(low, high).map { ($0 * 1e9).rounded() / 1e9 }
    }
}
