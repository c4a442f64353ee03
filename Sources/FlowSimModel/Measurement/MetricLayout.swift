import FlowSimCore

/// Which scopes a scenario reports and which metrics each has, known from
/// the configuration alone: a command can check the metric and scope names
/// a user asks for before anything runs.
public struct MetricLayout: Sendable {
    /// In report order: the system, the sites, the localities (every
    /// network scenario), then for each reporting period the system and the sites.
    public let scopes: [Scope]
    /// The scopes a table shows by default: the system and the sites.
    public let mainScopes: [Scope]
    /// Every metric of any scope, in report (catalogue) order.
    public let metrics: [Metric]
    let metricsByScope: [Scope: [Metric]]
    /// Labels of the reporting periods; empty for a run of a year or less.
    public let periods: [String]

    public init(_ config: ModelConfig) {
        let skeleton = ReadingSkeleton(config)
        let main = [Scope.system] + config.sites.map { Scope.site($0.id) }
        var scopes = main
        if let network = config.network {
            scopes += network.localities.map { Scope.locality($0.id) }
        }
        periods = Self.periodLabels(config)
        for label in periods { scopes += main.map { $0.during(label) } }
        var byScope: [Scope: [Metric]] = [:]
        // Every period of a scope lists the same metrics, so its periods
        // share one list: a run of 100 years kept 100 copies.
        var listedForPeriods: [Scope: [Metric]] = [:]
        var seen = Set<String>(), all: [Metric] = []
        for scope in scopes {
            if scope.isPeriod, let listed = listedForPeriods[scope.wholeWindow] {
                byScope[scope] = listed
                continue
            }
            let metrics = MetricCatalogue.metrics(at: scope, in: skeleton.reading(for: scope.wholeWindow, days: 1),
                                                  has: skeleton.has)
            if scope.isPeriod { listedForPeriods[scope.wholeWindow] = metrics }
            byScope[scope] = metrics
            for m in metrics where seen.insert(m.name).inserted { all.append(m) }
        }
        // Report order is catalogue order, whichever scope a metric first appears in.
        let rank = Dictionary(uniqueKeysWithValues: MetricCatalogue.all.enumerated().map { ($1.id, $0) })
        metrics = all.enumerated().sorted {
            (rank[$0.element.definition.id]!, $0.offset) < (rank[$1.element.definition.id]!, $1.offset)
        }.map(\.element)
        self.scopes = scopes
        mainScopes = main
        metricsByScope = byScope
    }

    /// A layout given outright: for results assembled by hand (tests,
    /// merged files), every metric in every scope.
    public init(scopes: [Scope], metrics: [Metric]) {
        self.scopes = scopes
        mainScopes = scopes.filter { !$0.isPeriod && ($0.kind == .system || $0.kind == .site) }
        self.metrics = metrics
        metricsByScope = Dictionary(uniqueKeysWithValues: scopes.map { ($0, metrics) })
        var seen = Set<String>()
        periods = scopes.compactMap(\.period).filter { seen.insert($0).inserted }
    }

    public func metrics(at scope: Scope) -> [Metric] { metricsByScope[scope] ?? [] }

    /// The metric with this name in any scope of the scenario.
    public func metric(named name: String) -> Metric? { metrics.first { $0.name == name } }

    /// The reporting periods' labels: "2016/17", "2017/18", ... from the
    /// scenario's start date, or "year 1", ...; one per `period` of the
    /// horizon (the last may be shorter), none for a single period.
    static func periodLabels(_ config: ModelConfig) -> [String] {
        let count = Replication.periodEnds(config).count
        guard count > 0 else { return [] }
        return (0...count).map { k in
            guard let first = config.firstPeriodLabel, let year = Int(first.prefix(4)) else { return "year \(k + 1)" }
            let next = (year + k + 1) % 100
            return "\(year + k)/\(next < 10 ? "0" : "")\(next)"
        }
    }
}

/// The entities of each scope (groups, streams, wards, units): the parts
/// of the metric families, from the configuration.
struct ReadingSkeleton {
    let config: ModelConfig
    let hasNetwork: Bool
    let hasCommunity: Bool
    /// Ward ids over every site, in first-seen order.
    let systemWards: [String]

    init(_ config: ModelConfig) {
        self.config = config
        hasNetwork = config.network != nil
        hasCommunity = config.community != nil && config.network != nil
        var wards: [String] = []
        for ward in config.sites.flatMap({ $0.wards.map(\.id) }) where !wards.contains(ward) { wards.append(ward) }
        systemWards = wards
    }

    func has(_ requirement: MetricRequirement) -> Bool {
        switch requirement {
        case .always: true
        case .network: hasNetwork
        case .community: hasCommunity
        case .startDate: config.startDate != nil
        }
    }

    /// An empty reading of `scope` with its entities named.
    func reading(for scope: Scope, days: Double) -> ScopeReading {
        var r = ScopeReading(days: days, department: DepartmentFacts(groups: config.groups.count))
        r.groupIDs = config.groups.map(\.id)
        switch scope.kind {
        case .system:
            r.wards = systemWards.map { WardReading(id: $0) }
            r.dischargeToAssess = (config.community?.d2aPools ?? []).map { ($0.id, 0) }
        case .site:
            if let site = config.sites.first(where: { $0.id == scope.id }) {
                r.streams = site.streams.map { ($0.id, 0) }
                r.wards = site.wards.map { WardReading(id: $0.id) }
            }
        default:
            break
        }
        return r
    }
}
