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
    /// Locality MDTs and discharge pathways; nil for none.
    public var community: CommunityConfig?
    /// Configurations in force from later times (a timeline of step
    /// changes); each has the same structure as this one.
    public var epochs: [(from: Double, config: ModelConfig)] = []
    /// Length of a reporting period (a financial year) in minutes; metrics
    /// are broken down by period when the horizon spans more than one.
    public var period: Double = 525_600
    /// Label of the first reporting period, e.g. "2016/17".
    public var firstPeriodLabel: String? = nil
    /// `run.start_date`: the calendar date the measured window starts
    /// (month-of-year factors and the metrics by month need it).
    public var startDate: CivilDate? = nil
    /// A replication stops, flagged unstable, when more patients than this
    /// are in the model at once (an overloaded run would otherwise grow
    /// without limit in time and memory).
    public var maximumInSystem = ModelConfig.defaultMaximumInSystem
    public static let defaultMaximumInSystem = 250_000

    public init(name: String, warmup: Double, horizon: Double, sites: [SiteConfig],
                groups: [PatientGroupConfig], arrivals: [ArrivalSourceConfig], network: NetworkConfig? = nil,
                community: CommunityConfig? = nil) {
        self.community = community
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

    /// The month of each simulated day over warm-up and horizon, when the
    /// scenario has a start date.
    public var monthOfYear: MonthOfYear? {
        guard let startDate else { return nil }
        let days = Int(((warmup + horizon) / CalendarTime.minutesPerDay).rounded(.up)) + 1
        return MonthOfYear(start: startDate, warmup: warmup, days: days)
    }

    /// Per simulated day, the factor of `monthlyFactor` (nil without one or a start date).
    func dailyFactors(_ monthlyFactor: [Double]?, calendar: MonthOfYear?) -> [Double]? {
        guard let monthlyFactor, let calendar else { return nil }
        return calendar.dailyFactors(monthsFromStart: monthlyFactor)
    }
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
    /// The site's role in the network (index into `NetworkConfig.roles`);
    /// nil outside a network, where the site takes everyone.
    public var role: String?
    /// Planned (elective) admissions; nil for none.
    public var electives: ElectiveConfig?
    /// Decisions hastened as the 4-hour mark approaches; nil for none.
    public var targetEffect: TargetEffect?
    /// From a bed being allocated to the patient leaving A&E for it
    /// (cleaning, portering, handover to the ward); nil for instant.
    public var bedTurnaround: Distribution?

    public init(id: String, name: String, triage: StageConfig?, streams: [StreamConfig], wards: [WardConfig],
                role: String? = nil, electives: ElectiveConfig? = nil, targetEffect: TargetEffect? = nil,
                bedTurnaround: Distribution? = nil) {
        self.bedTurnaround = bedTurnaround
        self.id = id
        self.name = name
        self.triage = triage
        self.streams = streams
        self.wards = wards
        self.role = role
        self.electives = electives
        self.targetEffect = targetEffect
    }
    public func streamIndex(_ id: String) -> Int? { streams.firstIndex { $0.id == id } }
    public func wardIndex(_ id: String) -> Int? { wards.firstIndex { $0.id == id } }
}

public struct StreamConfig: Sendable {
    public var id: String
    public var treatment: StageConfig
    /// Whether an ambulance crew must wait with the patient until a
    /// cubicle in this stream is free (majors, resus) before handing over.
    public var handoverNeedsCubicle: Bool
    public init(id: String, treatment: StageConfig, handoverNeedsCubicle: Bool = false) {
        self.id = id
        self.treatment = treatment
        self.handoverNeedsCubicle = handoverNeedsCubicle
    }
}

/// Target-driven behaviour near 4 hours: a patient whose treatment would
/// run past the mark has it ended, with probability `probability`, at a
/// uniformly random time in the `window` minutes before the mark.
public struct TargetEffect: Sendable, Hashable {
    public var probability: Double
    public var window: Double
    public init(probability: Double, window: Double) {
        self.probability = probability
        self.window = window
    }
}

/// Elective (planned) admissions of one site: Poisson on weekdays by the
/// hourly profile; day cases use no ward bed; an overnight elective who
/// finds no bed is cancelled (counted), as on the day in real hospitals.
public struct ElectiveConfig: Sendable {
    public var perWeekday: Double
    /// Admission rate shape over the 24 hours (any positive scale).
    public var hourlyShape: [Double]
    public var dayCaseShare: Double
    public var ward: String
    public var lengthOfStay: Distribution
    /// An overnight patient cancelled on the day for want of a bed goes on
    /// the waiting list and takes the first overnight slot from the first
    /// Monday this long after (cancelled again if no bed is free then); the
    /// operation planned for that slot is deferred. nil: the cancelled
    /// operation is counted and not rebooked.
    public var rebookAfter: Double? = nil
    public init(perWeekday: Double, hourlyShape: [Double], dayCaseShare: Double, ward: String,
                lengthOfStay: Distribution) {
        self.perWeekday = perWeekday
        self.hourlyShape = hourlyShape
        self.dayCaseShare = dayCaseShare
        self.ward = ward
        self.lengthOfStay = lengthOfStay
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
    /// What the ambulance service does with this group's 999 calls.
    public var ambulance: AmbulanceGroupConfig
    /// How long a walk-in of this group waits for a cubicle before leaving
    /// without being seen; nil: they wait as long as it takes.
    public var patience: Distribution? = nil

    public init(id: String, stream: String, priority: Int = 0, treatment: Distribution? = nil,
                admitProbability: Double, ward: String?, lengthOfStay: Distribution?,
                ambulance: AmbulanceGroupConfig = AmbulanceGroupConfig()) {
        self.ambulance = ambulance
        self.id = id
        self.stream = stream
        self.priority = priority
        self.treatment = treatment
        self.admitProbability = admitProbability
        self.ward = ward
        self.lengthOfStay = lengthOfStay
    }
}

/// A patient group's 999 outcomes and response category.
public struct AmbulanceGroupConfig: Sendable, Hashable {
    /// Resolved by telephone advice: no vehicle.
    public var hearAndTreat: Double
    /// Treated at the scene, not conveyed.
    public var seeAndTreat: Double
    /// Response category 1 (most urgent) to 4 of most of the group's calls;
    /// the queue priority of the group's inter-site transfers.
    public var category: Int
    /// Shares of the group's calls in categories 1 to 4 (sum 1): each call
    /// draws its category, which is its priority for a vehicle.
    public var categoryShares: [Double]
    public init(hearAndTreat: Double = 0, seeAndTreat: Double = 0, category: Int = 2) {
        self.hearAndTreat = hearAndTreat
        self.seeAndTreat = seeAndTreat
        self.category = category
        categoryShares = (1...4).map { $0 == category ? 1 : 0 }
    }
    /// Calls split over the categories; `category` is the most common one.
    public init(hearAndTreat: Double, seeAndTreat: Double, categoryShares: [Double]) {
        self.hearAndTreat = hearAndTreat
        self.seeAndTreat = seeAndTreat
        self.categoryShares = categoryShares
        category = categoryShares.firstIndex(of: categoryShares.max()!)! + 1
    }
    public var convey: Double { 1 - hearAndTreat - seeAndTreat }
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
    /// A factor on the rate for each month of year, the first for the
    /// month of `run.start_date` (needs `startDate`); nil for none.
    public var monthlyFactor: [Double]? = nil

    public init(id: String, site: String, channel: ArrivalChannel = .walkIn, rate: RateProfile,
                mix: [(group: String, share: Double)]) {
        self.id = id
        self.site = site
        self.channel = channel
        self.rate = rate
        self.mix = mix
    }
}

