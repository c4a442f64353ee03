/// A level that can be recorded through time, per site.
public enum SeriesMeasure: String, Sendable, CaseIterable, Codable {
    /// Patients in A&E (from arrival at the door to leaving A&E).
    case aeInDepartment = "ae_in_dept"
    /// Patients at A&E not yet in a cubicle (at the door, in triage or
    /// queueing for a cubicle).
    case aeWaiting = "ae_waiting"
    /// Occupied beds of the site, all wards together.
    case beds
    /// Ambulance patients at the door, not yet handed over.
    case ambulancesAtDoor = "ambulances_at_door"

    public var label: String {
        switch self {
        case .aeInDepartment: "Patients in A&E"
        case .aeWaiting: "Patients waiting for a cubicle"
        case .beds: "Beds occupied"
        case .ambulancesAtDoor: "Ambulances at the door"
        }
    }
}

/// What to record: which measures, and the width of a bucket at the start
/// (minutes). When a series has used `capacity` buckets, neighbouring pairs
/// are merged and the width doubles, so memory is bounded whatever the
/// horizon.
public struct SeriesRequest: Sendable, Hashable {
    public var measures: [SeriesMeasure]
    public var interval: Double
    public var capacity: Int

    public static let defaultCapacity = 1024

    public init(measures: [SeriesMeasure], interval: Double, capacity: Int = SeriesRequest.defaultCapacity) {
        precondition(interval > 0 && capacity >= 2 && capacity % 2 == 0)
        self.measures = measures
        self.interval = interval
        self.capacity = capacity
    }
}

/// A piecewise-constant level averaged over buckets of equal width from
/// time 0: `capacity` buckets at most, merged in pairs (width doubled)
/// whenever they fill. The arrays are allocated once.
public struct BucketedLevel: Sendable {
    public private(set) var width: Double
    /// Level-minutes of each finished bucket (only the first `filled`).
    private var areas: [Double]
    public private(set) var filled = 0
    private var level = 0.0
    private var last = 0.0
    private var currentArea = 0.0

    public init(width: Double, capacity: Int) {
        self.width = width
        areas = Array(repeating: 0, count: capacity)
    }

    /// The end of the bucket now being filled.
    @inline(__always) private var bucketEnd: Double { Double(filled + 1) * width }

    /// Carries the current level forward to `time`.
    @inline(__always) mutating func advance(to time: Double) {
        while time >= bucketEnd {
            let end = bucketEnd
            currentArea += level * (end - last)
            last = end
            areas[filled] = currentArea
            currentArea = 0
            filled += 1
            if filled == areas.count { mergePairs() }
        }
        currentArea += level * (time - last)
        last = time
    }

    private mutating func mergePairs() {
        let half = areas.count / 2
        for i in 0..<half { areas[i] = areas[2 * i] + areas[2 * i + 1] }
        for i in half..<areas.count { areas[i] = 0 }
        filled = half
        width *= 2
    }

    @inline(__always) public mutating func set(_ value: Double, at time: Double) {
        advance(to: time)
        level = value
    }

    @inline(__always) public mutating func add(_ delta: Double, at time: Double) {
        advance(to: time)
        level += delta
    }

    /// The mean level in each bucket up to `end`: finished buckets, then the
    /// part-filled last one (if it covers any time).
    public func means(upTo end: Double) -> [Double] {
        var copy = self
        copy.advance(to: end)
        var out = (0..<copy.filled).map { copy.areas[$0] / copy.width }
        let covered = end - Double(copy.filled) * copy.width
        if covered > 1e-9 { out.append(copy.currentArea / covered) }
        return out
    }
}

/// The series one replication recorded: measure × site, bucket means.
public struct ReplicationSeries: Sendable {
    public struct Series: Sendable {
        public let measure: SeriesMeasure
        /// The site id.
        public let site: String
        /// The mean level in each bucket, from time 0.
        public let values: [Double]
    }
    /// The bucket width at the end (minutes): the same for every series of a run.
    public let width: Double
    /// The simulated minutes covered (warm-up and horizon).
    public let end: Double
    public let series: [Series]
}

/// A recorder that keeps time series of levels (`SeriesMeasure`) and passes
/// every fact on to `base`, so a run with series gives the same results as
/// one without. Memory is bounded by the request's capacity.
struct SeriesRecorder<Base: FactRecorder>: ForwardingRecorder {
    var base: Base
    /// levels[measure slot][site]; -1 in `slot` for a measure not asked for.
    private var levels: [[BucketedLevel]]
    private let slot: [Int]
    private let measures: [SeriesMeasure]

    init(passingOn base: Base, request: SeriesRequest, sites: Int) {
        self.base = base
        measures = request.measures
        var slot = Array(repeating: -1, count: SeriesMeasure.allCases.count)
        for (i, m) in request.measures.enumerated() {
            slot[SeriesMeasure.allCases.firstIndex(of: m)!] = i
        }
        self.slot = slot
        levels = request.measures.map { _ in
            Array(repeating: BucketedLevel(width: request.interval, capacity: request.capacity), count: sites)
        }
    }

    @inline(__always) private mutating func add(_ measure: SeriesMeasure, site: Int, _ delta: Double, at: Double) {
        let s = slot[measureIndex(measure)]
        if s >= 0 { levels[s][site].add(delta, at: at) }
    }

    @inline(__always) private func measureIndex(_ m: SeriesMeasure) -> Int {
        switch m {
        case .aeInDepartment: 0
        case .aeWaiting: 1
        case .beds: 2
        case .ambulancesAtDoor: 3
        }
    }

    /// The series up to `end`, the site ids in configuration order.
    func collected(end: Double, siteIDs: [String]) -> ReplicationSeries {
        var out: [ReplicationSeries.Series] = []
        var width = 0.0
        for (i, m) in measures.enumerated() {
            for (s, id) in siteIDs.enumerated() {
                var level = levels[i][s]
                level.advance(to: end)
                width = level.width
                out.append(.init(measure: m, site: id, values: level.means(upTo: end)))
            }
        }
        return ReplicationSeries(width: width, end: end, series: out)
    }

    mutating func arrivedAtDepartment(patient: Int32, site: Int, channel: Int, at: Double) {
        add(.aeInDepartment, site: site, 1, at: at)
        add(.aeWaiting, site: site, 1, at: at)
        if channel == ArrivalChannel.ambulance.rawValue { add(.ambulancesAtDoor, site: site, 1, at: at) }
        base.arrivedAtDepartment(patient: patient, site: site, channel: channel, at: at)
    }
    mutating func crewLeftDoor(site: Int, waited: Double, at: Double) {
        add(.ambulancesAtDoor, site: site, -1, at: at)
        base.crewLeftDoor(site: site, waited: waited, at: at)
    }
    mutating func leftBeforeTreatment(patient: Int32, site: Int, at: Double) {
        add(.aeWaiting, site: site, -1, at: at)
        base.leftBeforeTreatment(patient: patient, site: site, at: at)
    }
    mutating func startedTreatment(patient: Int32, site: Int, wait: Double, queued: Bool, at: Double) {
        add(.aeWaiting, site: site, -1, at: at)
        base.startedTreatment(patient: patient, site: site, wait: wait, queued: queued, at: at)
    }
    mutating func leftDepartment(patient: Int32, site: Int, group: Int, channel: Int, door: Double,
                                 clockStart: Double, at: Double) {
        add(.aeInDepartment, site: site, -1, at: at)
        base.leftDepartment(patient: patient, site: site, group: group, channel: channel, door: door,
                            clockStart: clockStart, at: at)
    }
    mutating func bedsOccupied(site: Int, occupied: Int, ward: Int, wardOccupied: Int, at: Double) {
        let s = slot[measureIndex(.beds)]
        if s >= 0 { levels[s][site].set(Double(occupied), at: at) }
        base.bedsOccupied(site: site, occupied: occupied, ward: ward, wardOccupied: wardOccupied, at: at)
    }
}
