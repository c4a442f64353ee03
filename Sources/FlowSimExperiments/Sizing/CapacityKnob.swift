import Foundation
import FlowSimModel
import FlowSimScenario

/// One capacity a sizing search may change, applied as an override of a
/// scenario path: a ward's beds, a stream's cubicles (its rota scaled as a
/// whole) or the ambulance fleet (likewise).
///
/// A knob's *level* is a whole number: beds, or for a rota its peak hour.
/// A rota at level L is today's rota with every hour's servers multiplied
/// by L / today's peak and rounded to the nearest whole number (halves up),
/// so the peak hour has exactly L and the shape is kept (docs/sizing.md).
public struct CapacityKnob: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case beds, cubicles, vehicles }

    public let kind: Kind
    /// The override path, e.g. `sites.BTUHFT.wards.medical.beds`.
    public let path: String
    /// The site (nil for the fleet).
    public let site: String?
    /// The ward or stream id; `fleet` for the ambulance fleet.
    public let id: String
    /// Today's level (beds, or the rota's peak).
    public let today: Int
    /// Today's hourly values as written (24 or 168), nil for a single number.
    public let rota: [Int]?

    public init(kind: Kind, path: String, site: String?, id: String, today: Int, rota: [Int]?) {
        self.kind = kind
        self.path = path
        self.site = site
        self.id = id
        self.today = today
        self.rota = rota
    }

    /// `BTUHFT medical`, `BTUHFT majors`, `fleet`.
    public var label: String { site.map { "\($0) \(id)" } ?? id }

    /// The hourly values at `level` (nil for a single number).
    public func hours(at level: Int) -> [Int]? {
        guard let rota else { return nil }
        let peak = rota.max() ?? 0
        return rota.map { Int((Double($0) * Double(level) / Double(peak)).rounded(.toNearestOrAwayFromZero)) }
    }

    /// The YAML value of the override at `level`.
    public func yaml(at level: Int) -> String {
        hours(at: level).map { "[" + $0.map(String.init).joined(separator: ", ") + "]" } ?? "\(level)"
    }

    /// The knobs of a scenario document: `beds` (every ward with beds),
    /// `cubicles` (every stream), `vehicles` (the fleet), or explicit paths
    /// of any of these.
    public static func knobs(_ selection: [String], in document: ScenarioDocument, config: ModelConfig) throws -> [CapacityKnob] {
        var all: [CapacityKnob] = []
        for site in config.sites {
            for ward in site.wards where ward.beds > 0 {
                all.append(CapacityKnob(kind: .beds, path: "sites.\(site.id).wards.\(ward.id).beds", site: site.id,
                                        id: ward.id, today: ward.beds, rota: nil))
            }
        }
        for site in config.sites {
            for stream in site.streams {
                let path = "sites.\(site.id).streams.\(stream.id).servers"
                if let knob = try rotaKnob(.cubicles, path: path, site: site.id, id: stream.id, document: document) {
                    all.append(knob)
                }
            }
        }
        if config.network != nil,
           let fleet = try rotaKnob(.vehicles, path: "network.ambulance.vehicles", site: nil, id: "fleet", document: document) {
            all.append(fleet)
        }
        var chosen: [CapacityKnob] = []
        for item in selection {
            let picked: [CapacityKnob]
            if let kind = Kind(rawValue: item) {
                picked = all.filter { $0.kind == kind }
                if picked.isEmpty { throw SizingError("--vary \(item): this scenario has no \(item) to vary") }
            } else if let knob = all.first(where: { $0.path == item }) {
                picked = [knob]
            } else {
                let choices = Kind.allCases.map(\.rawValue) + all.map(\.path)
                throw SizingError("--vary '\(Escaped.text(item))' is not beds, cubicles, vehicles or the path of one of them\(DidYouMean.hint(for: item, among: choices)) (a ward with 0 beds is not varied)")
            }
            for k in picked where !chosen.contains(k) { chosen.append(k) }
        }
        return chosen
    }

    static func rotaKnob(_ kind: Kind, path: String, site: String?, id: String, document: ScenarioDocument) throws -> CapacityKnob? {
        guard let node = document.value(at: path) else { return nil }
        if let scalar = node.scalar, let n = Int(scalar) {
            return n > 0 ? CapacityKnob(kind: kind, path: path, site: site, id: id, today: n, rota: nil) : nil
        }
        if let items = node.items {
            let values = items.compactMap { $0.scalar.flatMap { Int($0) } }
            guard values.count == items.count, let peak = values.max(), peak > 0 else { return nil }
            return CapacityKnob(kind: kind, path: path, site: site, id: id, today: peak, rota: values)
        }
        return nil
    }
}
