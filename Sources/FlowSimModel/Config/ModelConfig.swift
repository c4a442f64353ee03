import FlowSimCore

/// A complete, validated description of what to simulate. Scenario files
/// are parsed into this value; the model never reads files itself.
/// All times are in minutes.
public struct ModelConfig: Sendable {
    public var name: String
    /// Simulated time discarded before measuring.
    public var warmup: Double
    /// Measured simulated time after the warm-up.
    public var horizon: Double
    public var sites: [SiteConfig]
    public var groups: [PatientGroupConfig]
    /// Arrival streams that go straight to a named site.
    public var arrivals: [ArrivalSourceConfig]
    /// The Mid and South Essex network (localities, channels, routing,
    /// ambulances); nil for single-site scenarios such as R1 and R2.
    public var network: NetworkConfig?

    public init(name: String, warmup: Double, horizon: Double, sites: [SiteConfig],
                groups: [PatientGroupConfig], arrivals: [ArrivalSourceConfig], network: NetworkConfig? = nil) {
        self.name = name
        self.warmup = warmup
        self.horizon = horizon
        self.sites = sites
        self.groups = groups
        self.arrivals = arrivals
        self.network = network
    }

    public func siteIndex(_ id: String) -> Int? { sites.firstIndex { $0.id == id } }
    public func groupIndex(_ id: String) -> Int? { groups.firstIndex { $0.id == id } }
}

/// Staffed servers by hour of the week (Monday 00:00 first); a constant
/// count is 168 equal values.
public struct Rota: Sendable, Hashable {
    public let byHourOfWeek: [Int]

    public init(byHourOfWeek: [Int]) {
        precondition(byHourOfWeek.count == 168 && byHourOfWeek.allSatisfy { $0 >= 0 })
        self.byHourOfWeek = byHourOfWeek
    }
    public static func constant(_ n: Int) -> Rota { Rota(byHourOfWeek: Array(repeating: n, count: 168)) }
    /// 24 hourly values repeated every day.
    public static func daily(_ hours: [Int]) -> Rota {
        precondition(hours.count == 24)
        return Rota(byHourOfWeek: (0..<168).map { hours[$0 % 24] })
    }
    public var isConstant: Bool { Set(byHourOfWeek).count == 1 }
    public var maximum: Int { byHourOfWeek.max() ?? 0 }
    public var meanServers: Double { Double(byHourOfWeek.reduce(0, +)) / 168 }
}

/// A service stage: servers on a rota and a service-time distribution.
public struct StageConfig: Sendable, Hashable {
    public var servers: Rota
    public var service: Distribution
    public init(servers: Rota, service: Distribution) {
        self.servers = servers
        self.service = service
    }
}

/// One acute site: its emergency department and its beds.
public struct SiteConfig: Sendable {
    public var id: String
    public var name: String
    /// Optional triage stage before streaming.
    public var triage: StageConfig?
    /// A&E treatment streams (minors, majors, resus ...) keyed by id, each
    /// with its own cubicles.
    public var streams: [StreamConfig]
    /// Non-elective bed pools (wards) by id.
    public var wards: [WardConfig]

    public init(id: String, name: String, triage: StageConfig?, streams: [StreamConfig], wards: [WardConfig]) {
        self.id = id
        self.name = name
        self.triage = triage
        self.streams = streams
        self.wards = wards
    }
    public func streamIndex(_ id: String) -> Int? { streams.firstIndex { $0.id == id } }
    public func wardIndex(_ id: String) -> Int? { wards.firstIndex { $0.id == id } }
}

public struct StreamConfig: Sendable {
    public var id: String
    public var treatment: StageConfig
    public init(id: String, treatment: StageConfig) {
        self.id = id
        self.treatment = treatment
    }
}

public struct WardConfig: Sendable {
    public var id: String
    public var beds: Int
    public init(id: String, beds: Int) {
        self.id = id
        self.beds = beds
    }
}

/// A patient group (stream of clinical need): where it is treated in A&E,
/// how likely admission is and how long the stay.
public struct PatientGroupConfig: Sendable {
    public var id: String
    /// A&E stream id (must exist at every site the group can reach).
    public var stream: String
    /// Queue priority in A&E and for beds: 0 is served first.
    public var priority: Int
    /// Treatment time for this group, overriding the stream's default.
    public var treatment: Distribution?
    public var admitProbability: Double
    /// Ward id for admissions.
    public var ward: String?
    public var lengthOfStay: Distribution?

    public init(id: String, stream: String, priority: Int = 0, treatment: Distribution? = nil,
                admitProbability: Double, ward: String?, lengthOfStay: Distribution?) {
        self.id = id
        self.stream = stream
        self.priority = priority
        self.treatment = treatment
        self.admitProbability = admitProbability
        self.ward = ward
        self.lengthOfStay = lengthOfStay
    }
}

/// How patients arrive at A&E (reported separately in breaches by channel).
public enum ArrivalChannel: Int, Sendable, CaseIterable {
    case walkIn = 0, ambulance, gpReferral, transfer, nhs111

    public var id: String {
        switch self {
        case .walkIn: "walk_in"
        case .ambulance: "ambulance"
        case .gpReferral: "gp_referral"
        case .transfer: "transfer"
        case .nhs111: "nhs_111"
        }
    }
}

/// A Poisson stream of patients straight to one site.
public struct ArrivalSourceConfig: Sendable {
    public var id: String
    public var site: String
    public var channel: ArrivalChannel
    public var rate: RateProfile
    /// Group ids with their shares (sum 1).
    public var mix: [(group: String, share: Double)]

    public init(id: String, site: String, channel: ArrivalChannel = .walkIn, rate: RateProfile,
                mix: [(group: String, share: Double)]) {
        self.id = id
        self.site = site
        self.channel = channel
        self.rate = rate
        self.mix = mix
    }
}

/// Placeholder for the regional network; grown by the Mid and South Essex
/// model (localities, routing, 111, 999 and ambulances).
public struct NetworkConfig: Sendable {
    public init() {}
}
