import FlowSimCore

/// Response times in fixed bins: a quarter of a minute up to 4 hours, two
/// minutes up to 24 hours, and one bin beyond. Small enough to keep one
/// per locality and category; its quantiles are good to the bin width.
struct ResponseHistogram {
    static let fineBins = 960       // 0.25 min × 960 = 240 min
    static let coarseBins = 600     // 2 min × 600 = 1,200 more minutes
    var counts = [UInt32](repeating: 0, count: fineBins + coarseBins + 1)
    private(set) var count = 0

    @inline(__always)
    mutating func record(minutes: Double) {
        let m = Swift.max(minutes, 0)
        let bin = m < 240 ? Int(m * 4) : Swift.min(Self.fineBins + Int((m - 240) / 2), Self.fineBins + Self.coarseBins)
        counts[bin] &+= 1
        count += 1
    }

    mutating func add(_ other: ResponseHistogram) {
        for k in counts.indices { counts[k] &+= other.counts[k] }
        count += other.count
    }

    private static func range(_ bin: Int) -> (low: Double, width: Double) {
        if bin < fineBins { return (Double(bin) * 0.25, 0.25) }
        if bin < fineBins + coarseBins { return (240 + Double(bin - fineBins) * 2, 2) }
        return (1440, 0)
    }

    /// The `q` quantile, interpolated inside its bin; 0 with no values.
    func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let target = q * Double(count)
        var seen = 0.0
        for (k, c) in counts.enumerated() where c > 0 {
            if seen + Double(c) >= target {
                let (low, width) = Self.range(k)
                return low + width * Swift.max(0, Swift.min(1, (target - seen) / Double(c)))
            }
            seen += Double(c)
        }
        return Self.range(counts.count - 1).low
    }
}

/// What the ambulance service does for each locality in the measured
/// window: responses by category (a running mean and a histogram), and
/// walk-ins who went where the ambulances go rather than to the nearest
/// A&E. Whole window only (locality scopes have no reporting periods).
struct AmbulanceFacts {
    let localities: Int
    /// [locality × categories + category]. Written on every response, so
    /// tables written in place (`InPlaceTable`), as the recorder's others.
    let response: InPlaceTable<Tally>
    let responseTimes: InPlaceTable<ResponseHistogram>
    /// Per locality, and per site reached.
    var walkInsDiverted: [Int]
    var walkInsDivertedTo: [Int]

    init(localities: Int, sites: Int) {
        self.localities = localities
        response = InPlaceTable(repeating: Tally(), count: localities * NetworkFacts.categories)
        responseTimes = InPlaceTable(repeating: ResponseHistogram(), count: localities * NetworkFacts.categories)
        walkInsDiverted = Array(repeating: 0, count: localities)
        walkInsDivertedTo = Array(repeating: 0, count: sites)
    }

    @inline(__always)
    mutating func responded(locality: Int, category: Int, minutes: Double) {
        let k = locality * NetworkFacts.categories + category
        response[k].add(minutes)
        responseTimes[k].record(minutes: minutes)
    }

    /// Responses of a set of localities by category, merged.
    func responses(of localities: [Int]) -> AmbulanceResponses {
        var r = AmbulanceResponses()
        for l in localities {
            for c in 0..<NetworkFacts.categories {
                r.mean[c].merge(response[l * NetworkFacts.categories + c])
                r.times[c].add(responseTimes[l * NetworkFacts.categories + c])
            }
        }
        return r
    }
}

/// Responses by category over one scope (system, catchment, locality).
struct AmbulanceResponses {
    var mean = [Tally](repeating: Tally(), count: NetworkFacts.categories)
    var times = [ResponseHistogram](repeating: ResponseHistogram(), count: NetworkFacts.categories)
}

/// Travel and access of a scope, from the configuration alone (road and
/// blue-light minutes; approximations from coordinates unless a travel
/// matrix was given). System figures are population-weighted.
struct AccessReading {
    /// Blue-light minutes to the site an ambulance takes each group to
    /// (averaged over the 24 hours), per group in configuration order.
    var ambulanceTravelByGroup: [Double] = []
    /// Road minutes to the nearest A&E that takes walk-ins.
    var toNearestAE = 0.0
    /// Road minutes to the nearest specialist emergency hospital (a site
    /// whose role takes every ambulance at every hour); +inf when none.
    var toSpecialist = 0.0
    /// Population within 30, 45, 60 road minutes of each.
    var populationWithinSpecialist: [Double] = [0, 0, 0]
    var populationWithinAE: [Double] = [0, 0, 0]
    /// Walk-ins who went where the ambulances go, not to the nearest A&E.
    var walkInsDiverted = 0
    var responses = AmbulanceResponses()

    static let thresholds: [Double] = [30, 45, 60]
}

/// The travel, access and response readings of every locality, of each
/// site's catchment and of the system.
struct AccessReadings {
    let localities: [AccessReading]
    let system: AccessReading
    let catchments: [[Int]]
    let facts: AmbulanceFacts

    init(config: ModelConfig, routing: RoutingTable, facts: AmbulanceFacts) {
        self.facts = facts
        let network = config.network!
        let groups = config.groups.count, sites = config.sites.count
        let roles: [RoleConfig?] = config.sites.map { site in site.role.flatMap { id in network.roles.first { $0.id == id } } }
        let specialist = (0..<sites).filter { (roles[$0]?.ambulances ?? .all) == .all }
        var catchments = [[Int]](repeating: [], count: sites)
        var readings: [AccessReading] = []
        for (l, locality) in network.localities.enumerated() {
            var r = AccessReading()
            r.ambulanceTravelByGroup = (0..<groups).map { g in
                var total = 0.0, hours = 0
                for hour in 0..<24 {
                    let s = routing.ambulanceSite(locality: l, group: g, hour: hour)
                    if s >= 0 { total += locality.blueLightMinutes[s]; hours += 1 }
                }
                return hours > 0 ? total / Double(hours) : 0
            }
            let nearest = groups > 0 ? routing.walkIn[l * groups] : -1
            if nearest >= 0 { catchments[nearest].append(l) }
            r.toNearestAE = nearest >= 0 ? locality.generalMinutes[nearest] : .infinity
            r.toSpecialist = specialist.map { locality.generalMinutes[$0] }.min() ?? .infinity
            for (k, limit) in AccessReading.thresholds.enumerated() {
                r.populationWithinSpecialist[k] = r.toSpecialist <= limit ? locality.population : 0
                r.populationWithinAE[k] = r.toNearestAE <= limit ? locality.population : 0
            }
            r.walkInsDiverted = facts.walkInsDiverted[l]
            r.responses = facts.responses(of: [l])
            readings.append(r)
        }
        localities = readings
        self.catchments = catchments
        // The system: population-weighted means, summed populations.
        var s = AccessReading()
        let people = network.localities.map(\.population)
        let total = Swift.max(people.reduce(0, +), 1)
        func weighted(_ value: (AccessReading) -> Double) -> Double {
            zip(readings, people).reduce(0) { $0 + value($1.0) * $1.1 } / total
        }
        s.ambulanceTravelByGroup = (0..<groups).map { g in weighted { $0.ambulanceTravelByGroup[g] } }
        s.toNearestAE = weighted(\.toNearestAE)
        s.toSpecialist = weighted(\.toSpecialist)
        for k in AccessReading.thresholds.indices {
            s.populationWithinSpecialist[k] = readings.reduce(0) { $0 + $1.populationWithinSpecialist[k] }
            s.populationWithinAE[k] = readings.reduce(0) { $0 + $1.populationWithinAE[k] }
        }
        s.walkInsDiverted = facts.walkInsDiverted.reduce(0, +)
        s.responses = facts.responses(of: Array(network.localities.indices))
        system = s
    }

    /// A site: responses over its catchment, walk-ins diverted to it.
    func site(_ s: Int) -> AccessReading {
        var r = AccessReading()
        r.responses = facts.responses(of: catchments[s])
        r.walkInsDiverted = facts.walkInsDivertedTo[s]
        return r
    }
}
