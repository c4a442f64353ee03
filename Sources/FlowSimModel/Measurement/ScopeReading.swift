import FlowSimCore

/// One ward's figures (at the system, the wards of that id summed over sites).
struct WardReading {
    let id: String
    var occupied = 0.0
    var beds = 0.0
    var p95 = 0.0
    var minutesFull = 0.0
    var facts = WardFacts()
}

/// What one scope measured over one stretch of the measured window: the
/// input of every metric formula. The whole window and a reporting period
/// give the same reading from two running totals; the parts a period
/// cannot have (quantiles, time at each bed level, capacities) are empty
/// there, and the catalogue reports no period metric that reads them.
struct ScopeReading {
    var days: Double
    var department: DepartmentFacts
    /// Whole window only.
    var timeInDepartment: QuantileSketch?
    /// Time-weighted levels over the stretch.
    var inDepartment = 0.0
    var cubiclesBusy = 0.0
    var bedsOccupied = 0.0
    /// Capacities, averaged over the states of a timeline (whole window only).
    var cubiclesStaffed = 0.0
    var beds = 0
    var bedsP95 = 0.0
    var minutesBedsFull = 0.0
    /// Residents served, for per-1,000 rates; 0 when unknown.
    var population = 0.0
    var groupIDs: [String] = []
    var streams: [(id: String, busy: Double)] = []
    var wards: [WardReading] = []
    /// Mean beds occupied by overnight electives.
    var electiveBedsOccupied = 0.0
    /// Mean cancelled electives waiting for a new date.
    var electiveWaitingList = 0.0
    /// The ambulance service and NHS 111 (system only).
    var network: NetworkFacts?
    var responseTimes: NetworkDistributions?
    var fleetBusy = 0.0
    var fleetStaffed = 0.0
    /// Locality MDTs: referrals, mean caseload and places (system and localities).
    var mdt = LocalityFacts()
    var mdtCaseload = 0.0
    var mdtPlaces = 0.0
    var dischargeToAssess: [(id: String, occupied: Double)] = []
    /// Whether this replication's queues kept growing here (whole window only).
    var unstable = false
    /// Responses by category, travel and access (network scenarios: system, sites, localities).
    var access: AccessReading?
    /// Departures and breaches by calendar month (whole window only).
    var months = MonthCounts()

    init(days: Double, department: DepartmentFacts) {
        self.days = days
        self.department = department
    }

    /// The ids of the entities of a metric family present in this reading.
    func parts(_ dimension: MetricDimension) -> [String] {
        switch dimension {
        case .arrivalHour: (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" }
        case .group: groupIDs
        case .channel: ArrivalChannel.allCases.map(\.id)
        case .stream: streams.map(\.id)
        case .ward: wards.map(\.id)
        case .dischargeToAssessUnit: dischargeToAssess.map(\.id)
        case .responseCategory: (1...NetworkFacts.categories).map(String.init)
        case .disposition: NHS111Disposition.allCases.map(\.rawValue)
        case .pathway: DischargePathway.allCases.dropFirst().map { "\($0.rawValue)" }
        case .month: MonthCounts.partNames
        case .stayBin: (0..<StayBins.count).map(StayBins.part)
        }
    }

    /// A count in the stretch per day.
    func perDay(_ count: Int) -> Double { Double(count) / days }

    /// Per 1,000 residents a year.
    func perThousandPerYear(_ amountPerDay: Double) -> Double {
        population > 0 ? amountPerDay * 365 / population * 1000 : 0
    }
}
