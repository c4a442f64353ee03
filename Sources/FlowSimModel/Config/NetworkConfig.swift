import FlowSimCore

/// The regional system around the sites: localities where demand starts,
/// the channels it comes through (walk-in, NHS 111, 999, GP), the
/// ambulance service, and the site roles that decide who goes where.
public struct NetworkConfig: Sendable {
    public var localities: [LocalityConfig]
    /// Travel minutes between sites (general road speed), [from][to].
    public var interSiteMinutes: [[Double]]
    public var demand: [DemandChannelConfig]
    public var nhs111: NHS111Config?
    public var ambulance: AmbulanceServiceConfig
    public var roles: [RoleConfig]
    /// Share of walk-ins (and NHS 111 callers sent to A&E) who go where an
    /// ambulance would take them rather than to the nearest A&E.
    public var walkInsFollowAmbulance: Double
    /// Whether road times came from a travel-time matrix (a CSV) rather than coordinates.
    public var travelFromMatrix: Bool
    /// Each site's location as written (in `ModelConfig.sites` order), for
    /// maps; nil where the scenario gives none. The model does not read it.
    public var siteLocations: [GeoPoint?] = []

    public init(localities: [LocalityConfig], interSiteMinutes: [[Double]], demand: [DemandChannelConfig],
                nhs111: NHS111Config?, ambulance: AmbulanceServiceConfig, roles: [RoleConfig],
                walkInsFollowAmbulance: Double = 0, travelFromMatrix: Bool = false) {
        self.walkInsFollowAmbulance = walkInsFollowAmbulance
        self.travelFromMatrix = travelFromMatrix
        self.localities = localities
        self.interSiteMinutes = interSiteMinutes
        self.demand = demand
        self.nhs111 = nhs111
        self.ambulance = ambulance
        self.roles = roles
    }

    public var population: Double { localities.reduce(0) { $0 + $1.population } }
    public func roleIndex(_ id: String) -> Int? { roles.firstIndex { $0.id == id } }
}

/// A place by latitude and longitude (degrees), as a scenario writes it.
public struct GeoPoint: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

public struct LocalityConfig: Sendable {
    public var id: String
    public var name: String
    public var ccg: String
    public var population: Double
    /// Where the locality is, as written (for maps; travel minutes are
    /// already worked out from it). Nil where the scenario gives none.
    public var location: GeoPoint?
    /// Minutes to each site (in `ModelConfig.sites` order) by road at
    /// general speed (walk-ins, GP referrals) and under blue lights.
    public var generalMinutes: [Double]
    public var blueLightMinutes: [Double]

    public init(id: String, name: String, ccg: String, population: Double, generalMinutes: [Double],
                blueLightMinutes: [Double], location: GeoPoint? = nil) {
        self.location = location
        self.id = id
        self.name = name
        self.ccg = ccg
        self.population = population
        self.generalMinutes = generalMinutes
        self.blueLightMinutes = blueLightMinutes
    }
}

/// The ways demand reaches urgent and emergency care.
public enum DemandChannel: String, Sendable, CaseIterable {
    /// Walk in to the nearest A&E that accepts walk-ins.
    case walkIn = "walk_in"
    /// NHS 111 calls, which the 111 dispositions split further.
    case nhs111 = "nhs_111"
    /// 999 calls to the ambulance service.
    case ambulance999 = "ambulance_999"
    /// GP referrals admitted straight to an assessment unit (no A&E).
    case gpAdmission = "gp_admission"
}

/// Demand of one channel, the same rate per head in every locality.
public struct DemandChannelConfig: Sendable {
    public var channel: DemandChannel
    public var perThousandPerYear: Double
    /// Shape over the 24 hours (mean 1).
    public var hourlyShape: [Double]
    /// Shape over the week, Monday first (mean 1).
    public var dayShape: [Double]
    public var annualGrowth: Double
    /// Group shares (sum 1). For 111 calls these are the groups of the
    /// callers who are sent on (to A&E or an ambulance).
    public var mix: [(group: String, share: Double)]
    /// A factor on the rate for each month of year, the first for the
    /// month of `run.start_date`; nil for none.
    public var monthlyFactor: [Double]? = nil

    public init(channel: DemandChannel, perThousandPerYear: Double, hourlyShape: [Double], dayShape: [Double],
                annualGrowth: Double, mix: [(group: String, share: Double)]) {
        self.channel = channel
        self.perThousandPerYear = perThousandPerYear
        self.hourlyShape = hourlyShape
        self.dayShape = dayShape
        self.annualGrowth = annualGrowth
        self.mix = mix
    }

    /// The arrival rate profile for a locality of `population` people.
    public func rate(population: Double) -> RateProfile {
        let perHour = perThousandPerYear * population / 1000 / (365 * 24)
        let hourMean = hourlyShape.reduce(0, +) / 24
        let dayMean = dayShape.reduce(0, +) / 7
        return .hourly(perHour: hourlyShape.map { $0 / hourMean * perHour },
                       dayFactors: dayShape.map { $0 / dayMean }, annualGrowth: annualGrowth)
    }
}

/// What NHS 111 does with a call.
public enum NHS111Disposition: String, Sendable, CaseIterable {
    case selfCare = "self_care"
    case primaryCare = "primary_care"
    case otherService = "other_service"
    case emergencyDepartment = "emergency_department"
    case ambulance = "ambulance"
}

public struct NHS111Config: Sendable {
    /// Disposition shares (sum 1).
    public var dispositions: [(disposition: NHS111Disposition, share: Double)]
    /// Groups of callers sent to A&E, and of callers sent an ambulance.
    public var emergencyDepartmentMix: [(group: String, share: Double)]
    public var ambulanceMix: [(group: String, share: Double)]

    public init(dispositions: [(disposition: NHS111Disposition, share: Double)],
                emergencyDepartmentMix: [(group: String, share: Double)],
                ambulanceMix: [(group: String, share: Double)]) {
        self.dispositions = dispositions
        self.emergencyDepartmentMix = emergencyDepartmentMix
        self.ambulanceMix = ambulanceMix
    }
}

/// The ambulance service: one regional fleet on a rota and the job cycle
/// (travel to scene, time on scene, travel to site, handover, clear).
public struct AmbulanceServiceConfig: Sendable {
    public var vehicles: Rota
    /// Call to vehicle assigned is the queue; then travel to the scene.
    public var responseTravel: Distribution
    public var onSceneConveyed: Distribution
    public var onSceneSeeAndTreat: Distribution
    /// Handing the patient over once A&E can take them.
    public var handover: Distribution
    /// Cleaning and restocking before the vehicle is free again.
    public var clear: Distribution
    /// A second vehicle (backup, rapid response car, stood down en route)
    /// sent with this probability when one is free, busy for `secondaryJob`.
    public var secondaryDispatchProbability: Double
    public var secondaryJob: Distribution
    /// A crew waiting to hand over leaves the patient in the corridor, in
    /// the care of A&E staff, after this many minutes (infinite: never).
    public var releaseAfter: Double
    /// Where vehicles wait between jobs. Empty: one regional pool, and the
    /// response is `responseTravel` after a vehicle is free. Otherwise the
    /// response is `dispatchDelay` + blue-light minutes from the nearest
    /// point with a free vehicle to the locality + `localTravel`, and a
    /// vehicle drives back to its point after every job.
    public var standbyPoints: [StandbyPointConfig]
    /// Call → vehicle mobile (call triage and allocation), by response
    /// category 1 to 4.
    public var dispatchDelay: [Distribution]
    /// From the locality's centre to the incident.
    public var localTravel: Distribution
    /// Solo responders in cars at the standby points (needs them); nil: none.
    public var rapidResponse: RapidResponseConfig?

    public init(vehicles: Rota, responseTravel: Distribution, onSceneConveyed: Distribution,
                onSceneSeeAndTreat: Distribution, handover: Distribution, clear: Distribution,
                secondaryDispatchProbability: Double, secondaryJob: Distribution,
                releaseAfter: Double = .infinity, standbyPoints: [StandbyPointConfig] = [],
                dispatchDelay: [Distribution] = Array(repeating: .constant(0), count: 4),
                localTravel: Distribution = .constant(0), rapidResponse: RapidResponseConfig? = nil) {
        self.rapidResponse = rapidResponse
        self.standbyPoints = standbyPoints
        self.dispatchDelay = dispatchDelay
        self.localTravel = localTravel
        self.releaseAfter = releaseAfter
        self.vehicles = vehicles
        self.responseTravel = responseTravel
        self.onSceneConveyed = onSceneConveyed
        self.onSceneSeeAndTreat = onSceneSeeAndTreat
        self.handover = handover
        self.clear = clear
        self.secondaryDispatchProbability = secondaryDispatchProbability
        self.secondaryJob = secondaryJob
    }
}

/// Rapid response cars: solo responders sent, when one is free at the
/// call, to calls of the given categories alongside the ambulance. The
/// response (call → first responder at the scene, the Ambulance Response
/// Programme's definition) ends when the car or the crew arrives, whichever
/// is first; the ambulance is sent and conveys as without cars. Cars wait
/// at the standby points, shared by the points' shares, and a call takes
/// the nearest point with one free.
public struct RapidResponseConfig: Sendable {
    /// Cars on duty by hour of the week.
    public var cars: Rota
    /// Response categories 0-3 (category 1 is 0) the cars are sent to.
    public var categories: [Int]
    /// Busy at the scene after arriving (then the drive back to the point).
    public var onScene: Distribution

    public init(cars: Rota, categories: [Int], onScene: Distribution) {
        self.cars = cars
        self.categories = categories
        self.onScene = onScene
    }
}

/// A standby point (ambulance station or standby post): its share of the
/// fleet on the rota and its travel minutes.
public struct StandbyPointConfig: Sendable {
    public var id: String
    public var name: String
    /// Share of the rostered vehicles based here (shares sum to 1).
    public var share: Double
    /// Blue-light minutes to each locality (configuration order) and to each site.
    public var toLocalityMinutes: [Double]
    public var toSiteMinutes: [Double]
    /// Road minutes back to the point from each locality and each site.
    public var fromLocalityMinutes: [Double]
    public var fromSiteMinutes: [Double]

    public init(id: String, name: String, share: Double, toLocalityMinutes: [Double], toSiteMinutes: [Double],
                fromLocalityMinutes: [Double], fromSiteMinutes: [Double]) {
        self.id = id
        self.name = name
        self.share = share
        self.toLocalityMinutes = toLocalityMinutes
        self.toSiteMinutes = toSiteMinutes
        self.fromLocalityMinutes = fromLocalityMinutes
        self.fromSiteMinutes = fromSiteMinutes
    }

    /// Vehicles at each point when the fleet has `total` on duty: shares
    /// apportioned by largest remainder, so the points add up to `total`.
    public static func apportion(_ total: Int, shares: [Double]) -> [Int] {
        let exact = shares.map { $0 * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let left = total - counts.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for k in 0..<max(left, 0) { counts[order[k % order.count]] += 1 }
        return counts
    }
}

/// Which ambulances a site's A&E accepts.
public enum AmbulanceAccess: String, Sendable, CaseIterable {
    /// Every ambulance, day and night.
    case all
    /// Every ambulance in the daytime; "given" groups only at night.
    case daytimeAndGiven = "daytime_and_given"
    /// "Given" groups only.
    case givenOnly = "given_only"
}

/// A site role (seed: "Three potential service delivery models").
public struct RoleConfig: Sendable {
    public var id: String
    public var ambulances: AmbulanceAccess
    /// Groups an ambulance may take to the nearest site whatever its role.
    public var givenGroups: [String]
    /// Daytime hours [from, to) for `daytimeAndGiven`.
    public var daytimeFrom: Int
    public var daytimeTo: Int
    public var acceptsWalkIns: Bool
    public var acceptsGPAdmissions: Bool
    /// Wards (specialties) the role admits to; others are transferred.
    public var admits: [String]
    /// Whether electives have beds of their own (no competition with emergencies).
    public var separateElectiveBeds: Bool

    public init(id: String, ambulances: AmbulanceAccess, givenGroups: [String], daytimeFrom: Int, daytimeTo: Int,
                acceptsWalkIns: Bool, acceptsGPAdmissions: Bool, admits: [String], separateElectiveBeds: Bool) {
        self.id = id
        self.ambulances = ambulances
        self.givenGroups = givenGroups
        self.daytimeFrom = daytimeFrom
        self.daytimeTo = daytimeTo
        self.acceptsWalkIns = acceptsWalkIns
        self.acceptsGPAdmissions = acceptsGPAdmissions
        self.admits = admits
        self.separateElectiveBeds = separateElectiveBeds
    }

    /// Whether an ambulance may bring `group` at `hour`.
    public func acceptsAmbulance(group: String, hour: Int) -> Bool {
        switch ambulances {
        case .all: return true
        case .givenOnly: return givenGroups.contains(group)
        case .daytimeAndGiven:
            let daytime = daytimeFrom <= daytimeTo ? (hour >= daytimeFrom && hour < daytimeTo)
                                                   : (hour >= daytimeFrom || hour < daytimeTo)
            return daytime || givenGroups.contains(group)
        }
    }
}
