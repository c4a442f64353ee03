import Foundation
import FlowSimModel

/// The event log of one traced replication (`flowsim run --trace`), for
/// process-mining tools (pm4py, bupaR).
///
/// Each fact the model states about a patient is one activity instance
/// with start = end (an instant: "arrived at A&E", "treatment started",
/// "left A&E", ...); the time between two facts of a journey is the
/// waiting or service the tools compute themselves. The case is the
/// patient's journey. Times are simulated minutes from an arbitrary
/// Monday, written as timestamps from Monday 1 January 2001 00:00 UTC (the
/// model has no calendar dates).
public enum EventLogReport {
    public static let epoch = Date(timeIntervalSince1970: 978_307_200)   // 2001-01-01T00:00:00Z, a Monday

    public static let csvHeader = "case_id,activity,site,start,end,minutes"

    /// One row per activity: case, activity, site, start, end, minutes.
    public static func csv(_ trace: EventTrace, sites: [String]) -> String {
        var out = csvHeader + "\n"
        for e in trace.entries {
            let t = timestamp(e.time)
            out += "patient-\(e.journey),\(CSVReport.quote(e.fact.rawValue)),\(site(e.site, sites)),\(t),\(t),\(String(format: "%.3f", e.time))\n"
        }
        return out
    }

    /// OCEL 2.0 JSON: patients and sites as objects, each fact an event
    /// related to its patient and, where it has one, its site.
    public static func ocel(_ trace: EventTrace, sites: [String]) throws -> Data {
        let usedFacts = TraceEntry.Fact.allCases.filter { f in trace.entries.contains { $0.fact == f } }
        let journeys = Array(Set(trace.entries.map(\.journey))).sorted()
        var objects: [OCEL.Object] = journeys.map { OCEL.Object(id: "patient-\($0)", type: "patient", attributes: []) }
        let usedSites = Set(trace.entries.map(\.site)).filter { $0 >= 0 && $0 < sites.count }.sorted()
        objects += usedSites.map { OCEL.Object(id: "site-\(sites[$0])", type: "site", attributes: []) }
        let events = trace.entries.enumerated().map { i, e -> OCEL.Event in
            var relationships = [OCEL.Relationship(objectId: "patient-\(e.journey)", qualifier: "patient")]
            if e.site >= 0 && e.site < sites.count {
                relationships.append(.init(objectId: "site-\(sites[e.site])", qualifier: "site"))
            }
            return OCEL.Event(id: "e\(i + 1)", type: e.fact.rawValue, time: timestamp(e.time),
                              attributes: [.init(name: "minutes", value: String(format: "%.3f", e.time))],
                              relationships: relationships)
        }
        let document = OCEL(
            objectTypes: [.init(name: "patient", attributes: []), .init(name: "site", attributes: [])],
            eventTypes: usedFacts.map { .init(name: $0.rawValue, attributes: [.init(name: "minutes", type: "float")]) },
            objects: objects, events: events)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }

    static func site(_ index: Int, _ sites: [String]) -> String {
        index >= 0 && index < sites.count ? CSVReport.quote(sites[index]) : ""
    }

    static func timestamp(_ minutes: Double) -> String {
        let date = epoch.addingTimeInterval((minutes * 60 * 1000).rounded() / 1000)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// The OCEL 2.0 JSON layout (ocel-standard.org).
    struct OCEL: Encodable {
        struct AttributeType: Encodable { let name: String; let type: String }
        struct TypeDefinition: Encodable { let name: String; let attributes: [AttributeType] }
        struct Object: Encodable { let id: String; let type: String; let attributes: [AttributeType] }
        struct Attribute: Encodable { let name: String; let value: String }
        struct Relationship: Encodable { let objectId: String; let qualifier: String }
        struct Event: Encodable {
            let id: String
            let type: String
            let time: String
            let attributes: [Attribute]
            let relationships: [Relationship]
        }
        let objectTypes: [TypeDefinition]
        let eventTypes: [TypeDefinition]
        let objects: [Object]
        let events: [Event]
    }
}
