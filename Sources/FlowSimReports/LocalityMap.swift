import Foundation
import FlowSimModel

/// Where the localities and sites are, for the report's map: taken from
/// the reference scenario's coordinates (nothing is fetched).
public struct ReportGeography: Sendable {
    public struct Place: Sendable {
        public let id: String
        public let name: String
        public let location: GeoPoint
        public init(id: String, name: String, location: GeoPoint) {
            self.id = id
            self.name = name
            self.location = location
        }
    }

    public var localities: [Place]
    public var sites: [Place]

    public init(localities: [Place], sites: [Place]) {
        self.localities = localities
        self.sites = sites
    }

    /// The localities and sites of `config` that have a location; nil
    /// without a network or when no locality has one.
    public init?(_ config: ModelConfig) {
        guard let network = config.network else { return nil }
        localities = network.localities.compactMap { l in l.location.map { Place(id: l.id, name: l.name, location: $0) } }
        sites = zip(config.sites, network.siteLocations + Array(repeating: nil, count: config.sites.count)).compactMap { site, at in
            at.map { Place(id: site.id, name: site.name, location: $0) }
        }
        if localities.isEmpty { return nil }
    }
}

/// A map of the localities as the cells of points nearest each locality's
/// point (a Voronoi diagram clipped to the area's bounding box: the
/// scenario has points, not boundaries), each filled by a value's class.
enum LocalityMap {
    typealias Point = (x: Double, y: Double)

    /// Classes of a change in minutes, from much shorter to much longer
    /// (a diverging purple-orange scale that colour-blind readers can tell
    /// apart), and the class of "no change".
    static let classes: [(upTo: Double, colour: String, label: String)] = [
        (-15, "#542788", "15+ min shorter"), (-5, "#998ec3", "5-15 min shorter"), (-1, "#d8daeb", "1-5 min shorter"),
        (1, "#f7f7f7", "within 1 min"), (5, "#fee0b6", "1-5 min longer"), (15, "#f1a340", "5-15 min longer"),
        (.infinity, "#b35806", "15+ min longer"),
    ]

    static func colour(_ delta: Double) -> String {
        classes.first { delta <= $0.upTo }?.colour ?? classes.last!.colour
    }

    /// The projected points (equirectangular, x scaled by the cosine of the
    /// mean latitude) fitted into width × height with a margin.
    static func project(_ places: [GeoPoint], width: Double, height: Double, margin: Double)
        -> (project: (GeoPoint) -> Point, box: (Point, Point)) {
        let lat0 = places.map(\.latitude).reduce(0, +) / Double(max(places.count, 1))
        let k = cos(lat0 * .pi / 180)
        let xs = places.map { $0.longitude * k }, ys = places.map(\.latitude)
        let pad = 0.04
        let minX = (xs.min() ?? 0) - pad, maxX = (xs.max() ?? 1) + pad
        let minY = (ys.min() ?? 0) - pad, maxY = (ys.max() ?? 1) + pad
        let scale = min((width - 2 * margin) / max(maxX - minX, 1e-9), (height - 2 * margin) / max(maxY - minY, 1e-9))
        let offX = (width - scale * (maxX - minX)) / 2, offY = (height - scale * (maxY - minY)) / 2
        let f: (GeoPoint) -> Point = { p in (offX + (p.longitude * k - minX) * scale, offY + (maxY - p.latitude) * scale) }
        return (f, ((offX, offY), (offX + scale * (maxX - minX), offY + scale * (maxY - minY))))
    }

    /// The cell of point `i`: the box cut by the bisector with every other point.
    static func cells(_ points: [Point], box: (Point, Point)) -> [[Point]] {
        points.indices.map { i in
            var polygon: [Point] = [(box.0.x, box.0.y), (box.1.x, box.0.y), (box.1.x, box.1.y), (box.0.x, box.1.y)]
            for j in points.indices where j != i {
                let p = points[i], q = points[j]
                // Keep the side nearer p: (v - m)·(q - p) <= 0, m the midpoint.
                let m = ((p.x + q.x) / 2, (p.y + q.y) / 2), n = (q.x - p.x, q.y - p.y)
                func side(_ v: Point) -> Double { (v.x - m.0) * n.0 + (v.y - m.1) * n.1 }
                var clipped: [Point] = []
                for (k, a) in polygon.enumerated() {
                    let b = polygon[(k + 1) % polygon.count]
                    let sa = side(a), sb = side(b)
                    if sa <= 0 { clipped.append(a) }
                    if (sa < 0 && sb > 0) || (sa > 0 && sb < 0) {
                        let t = sa / (sa - sb)
                        clipped.append((a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
                    }
                }
                polygon = clipped
                if polygon.isEmpty { break }
            }
            return polygon
        }
    }

    /// One map: each locality's cell filled by its change (nil: no value,
    /// hatched grey), its id in the cell, and the sites as black squares.
    static func svg(_ geography: ReportGeography, title: String, change: [String: Double], values: [String: (Double, Double)],
                    width: Double = 380, height: Double = 400) -> String {
        let all = geography.localities.map(\.location) + geography.sites.map(\.location)
        let (project, box) = project(all, width: width, height: height, margin: 8)
        let points = geography.localities.map { project($0.location) }
        let polygons = cells(points, box: box)
        var svg = SVGChart.open(width: width, height: height, title: title, extra: " data-map=\"localities\"")
        for (locality, (polygon, point)) in zip(geography.localities, zip(polygons, points)) {
            let d = "M" + polygon.map { SVGChart.f("%.1f %.1f", $0.x, $0.y) }.joined(separator: "L") + "Z"
            let delta = change[locality.id]
            let fill = delta.map(colour) ?? "#dddddd"
            var tip = "\(locality.id) \(locality.name)"
            if let (before, after) = values[locality.id] {
                tip += String(format: ": %.0f → %.0f min", before, after)
            }
            if let delta { tip += String(format: " (%@%.1f min)", delta > 0 ? "+" : "", delta) }
            svg += "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"1\" class=\"locality\" data-locality=\"\(HTMLReport.escape(locality.id))\"><title>\(HTMLReport.escape(tip))</title></path>"
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.1f\" class=\"map-label\" text-anchor=\"middle\">%@</text>\n", point.x, point.y + 3,
                              HTMLReport.escape(locality.id))
        }
        for site in geography.sites {
            let p = project(site.location)
            svg += SVGChart.f("<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#000\"/>", p.x - 4, p.y - 4)
            svg += SVGChart.f("<text x=\"%.1f\" y=\"%.1f\" class=\"map-site\">%@</text>\n", p.x + 6, p.y - 5, HTMLReport.escape(site.id))
        }
        return svg + "</svg>\n"
    }

    /// The legend of the classes (a paragraph of swatches).
    static func legend() -> String {
        var html = "<p class=\"legend\">"
        for c in classes {
            html += "<span><svg width=\"18\" height=\"12\" viewBox=\"0 0 18 12\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"16\" height=\"10\" fill=\"\(c.colour)\" stroke=\"#999\" stroke-width=\"0.5\"/></svg>\(HTMLReport.escape(c.label))</span> "
        }
        html += "<span><svg width=\"18\" height=\"12\" viewBox=\"0 0 18 12\" aria-hidden=\"true\"><rect x=\"5\" y=\"2\" width=\"8\" height=\"8\" fill=\"#000\"/></svg>hospital site</span>"
        return html + "</p>\n"
    }
}

/// The map's geometry, for tests: the areas of the cells of `points` in a
/// width × height box.
public enum LocalityMapProbe {
    public static func cells(_ points: [(x: Double, y: Double)], width: Double, height: Double) -> [Double] {
        LocalityMap.cells(points.map { ($0.x, $0.y) }, box: ((0, 0), (width, height))).map { polygon in
            var area = 0.0
            for (k, a) in polygon.enumerated() {
                let b = polygon[(k + 1) % polygon.count]
                area += a.x * b.y - b.x * a.y
            }
            return abs(area) / 2
        }
    }
}

/// HTML escaping as the report does it, for tests.
public enum HTMLReportProbe {
    public static func escape(_ text: String) -> String { HTMLReport.escape(text) }
}
