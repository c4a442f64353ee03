import Foundation

/// The unit a metric is expressed in; it decides how the figure is printed.
public enum MetricUnit: String, Sendable, CaseIterable, Codable {
    case perDay = "per day"
    /// A total over the measured window (scales with its length).
    case count
    case minutes = "min"
    /// A share from 0 to 1, shown as a percentage.
    case fraction
    /// A time-weighted mean number of patients.
    case patients
    case cubicles
    case beds
    case places
    /// Total hours in the window.
    case hours
    case hoursPerDay = "hours per day"
    case perThousandPerYear = "per 1,000 per year"
    /// Total bed-days in the window.
    case bedDays = "bed-days"
    /// Residents (a population).
    case people
    /// A flag per replication (1 or 0); its mean across replications is
    /// the share flagged, and reports count them: "2 of 10".
    case replications

    /// Whether the figure is a time-weighted level (a mean number present).
    public var isLevel: Bool { [.patients, .cubicles, .beds, .places].contains(self) }

    /// Whether values lie between 0 and 1.
    public var isShare: Bool { self == .fraction || self == .replications }
}

/// Which way a metric is better, for colouring differences and choosing
/// the best option.
public enum BetterDirection: String, Sendable, Codable {
    case higher, lower
    /// Volumes and levels that are neither good nor bad in themselves.
    case neither
}

/// A set of metrics of the same kind, one per entity of a scenario (each
/// hour of arrival, patient group, ward, ...). The metric's id holds the
/// entity's place as `<part>`.
public enum MetricDimension: String, Sendable, Codable {
    case arrivalHour = "hh"
    case group, channel, stream, ward
    case dischargeToAssessUnit = "unit"
    case responseCategory = "category"
    case disposition
    case pathway
    /// Calendar months, `apr` to `mar`.
    case month
    /// Bins of time in A&E by their start in minutes, `000` to `720` (`StayBins`).
    case stayBin = "min"
}

/// What a scenario must have for a metric to exist.
public enum MetricRequirement: String, Sendable, Codable {
    case always
    /// A regional network: localities, NHS 111, 999 and the fleet.
    case network
    /// A community side: locality MDTs, discharge pathways.
    case community
    /// `run.start_date`: a calendar for the metrics by month.
    case startDate = "start_date"
}

/// One metric, declared once: the catalogue is a list of these, and every
/// name, label, unit, default list, validation, report and the metric
/// tables of docs/results.md come from it.
public struct MetricDefinition: Sendable {
    /// The name in result files; a family's id holds `<part>` (e.g.
    /// `ward_<ward>_occupancy_mean`).
    public let id: String
    public let label: String
    public let unit: MetricUnit
    public let better: BetterDirection
    /// The scope kinds it is reported at.
    public let scopes: Set<Scope.Kind>
    /// Also reported for each reporting period (a difference of running totals).
    public let byPeriod: Bool
    public let requirement: MetricRequirement
    public let dimension: MetricDimension?
    /// Shown by default in tables and reports, in catalogue order.
    public let isKey: Bool
    /// One of the few measures a sweep summarises by default (also key).
    public let isHeadline: Bool
    /// The definition, as docs/results.md prints it.
    public let definition: String
    let formula: @Sendable (ScopeReading, Int) -> Double
    /// The id cut at its placeholder (`<ward>`), once: every replication
    /// names each metric of a family (`MetricLayout`), and Foundation's
    /// `replacingOccurrences` did that at 2-3 M instructions a replication.
    /// One piece for a plain metric.
    let idPieces: [String]

    init(_ id: String, _ label: String, _ unit: MetricUnit, better: BetterDirection,
         scopes: Set<Scope.Kind> = [.system, .site], byPeriod: Bool = false,
         requires requirement: MetricRequirement = .always, dimension: MetricDimension? = nil, key: Bool = false, headline: Bool = false,
         _ definition: String, _ formula: @escaping @Sendable (ScopeReading, Int) -> Double) {
        self.id = id
        self.label = label
        self.unit = unit
        self.better = better
        self.scopes = scopes
        self.byPeriod = byPeriod
        self.requirement = requirement
        self.dimension = dimension
        self.isKey = key || headline
        self.isHeadline = headline
        self.definition = definition
        self.formula = formula
        idPieces = dimension.map {
            id.split(separator: "<\($0.rawValue)>", omittingEmptySubsequences: false).map(String.init)
        } ?? [id]
    }

    /// The concrete metric name for one part of a family (or the id itself).
    public func name(part: String?) -> String {
        guard let part, idPieces.count > 1 else { return id }
        return idPieces.joined(separator: part)
    }
}

/// A concrete metric of a result: its definition and, for a family, which
/// part (the ward, the hour, ...) it is.
public struct Metric: Hashable, Sendable, CustomStringConvertible {
    public let definition: MetricDefinition
    public let part: String?
    /// The name in result files.
    public let name: String
    /// The part's place among the parts of the scope the metric was listed
    /// for (`MetricCatalogue.metrics(at:in:has:)`); nil when the metric
    /// was named by hand or read from a file. Reading a value by it, not by
    /// finding the part's name among the scope's parts, took the listing of
    /// every part off every value of a family (docs/performance.md,
    /// thirteenth round).
    let partIndex: Int?

    init(_ definition: MetricDefinition, part: String?, partIndex: Int? = nil) {
        self.definition = definition
        self.part = part
        self.partIndex = partIndex
        name = definition.name(part: part)
    }

    /// A metric outside the catalogue, for results put together by hand
    /// (tests of the experiments and reports layers).
    public static func uncatalogued(_ name: String, unit: MetricUnit = .count,
                                    better: BetterDirection = .neither) -> Metric {
        Metric(MetricDefinition(name, name, unit, better: better, "not in the catalogue") { _, _ in 0 }, part: nil)
    }

    public var label: String { part.map { "\(definition.label) (\($0))" } ?? definition.label }
    public var unit: MetricUnit { definition.unit }
    public var better: BetterDirection { definition.better }
    public var description: String { name }

    public static func == (a: Metric, b: Metric) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
