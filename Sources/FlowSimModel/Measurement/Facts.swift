import FlowSimCore

/// The thresholds the NHS measures waits against, in minutes.
public enum WaitThreshold {
    /// The A&E 4-hour standard: a stay strictly longer is a breach.
    public static let fourHours = 240.0
    public static let twelveHours = 720.0
    public static let oneHour = 60.0
    public static let halfHour = 30.0
    public static let quarterHour = 15.0
    public static let twoHours = 120.0
}

/// National ambulance handover guidance.
public enum Handover {
    /// Handover within 15 minutes of arrival; an ambulance patient's
    /// 4-hour clock starts at handover or this long after arrival,
    /// whichever is earlier.
    public static let clockStartsAfter = WaitThreshold.quarterHour
}

/// The bins of the distribution of time in A&E: 15 minutes wide up to 12
/// hours, each holding the stays over its start and at most its end (so
/// the first 16 bins hold the stays within 4 hours, exactly the complement
/// of the 4-hour breaches), then one bin for stays over 12 hours.
public enum StayBins {
    public static let width = 15.0
    /// Bins of `width` up to 720 minutes, and the one over 720.
    public static let count = 49
    /// The bin of a stay of `minutes`: (15k, 15(k+1)] is bin k; 0 is in bin 0.
    @inline(__always)
    public static func bin(_ minutes: Double) -> Int {
        guard minutes > width else { return 0 }
        // ⌈x⌉ - 1 capped at the last bin, with x capped first so that the
        // ceiling is taken in integers (no call to libm's `ceil` per departure).
        let x = Swift.min(minutes / width, Double(count))
        let whole = Int(x)
        return (Double(whole) < x ? whole + 1 : whole) - 1
    }

    /// The metric part of bin k: its start in minutes, three digits ("000" to "720").
    public static func part(_ k: Int) -> String {
        let start = Int(width) * k
        return start < 10 ? "00\(start)" : start < 100 ? "0\(start)" : "\(start)"
    }
}

/// What the recorder counts for one site in the measured window: plain
/// counters and running means, all of which add across sites (the system
/// scope) and subtract between two moments (a reporting period). Memory
/// does not grow with the horizon.
///
/// The lists of a fixed length are inline arrays, held in the struct
/// itself: a write to an `Array`'s element first asks the runtime whether
/// its buffer is shared, and a departure wrote to two of them, an arrival
/// to one (docs/performance.md, tenth round). Their lengths are literals,
/// which `init` checks against what they count.
struct DepartmentFacts {
    var arrivals = 0
    var arrivalsByChannel = InlineArray<5, Int>(repeating: 0)
    var departures = 0
    var breaches = 0
    var overOneHour = 0
    var timeInDepartment = Tally()
    var waitForCubicle = Tally()
    var waitedForCubicle = 0
    var admissions = 0
    var trolleyWaits12h = 0
    var decisionToAdmission = Tally()
    /// The patient's wait from arrival at the door to handover.
    var handoverDelay = Tally()
    var handoverOver15 = 0
    var handoverOver30 = 0
    var handoverOver60 = 0
    var handoverOver120 = 0
    /// Crew minutes at the door beyond the first 15, until handover or release.
    var crewMinutesLost = 0.0
    /// Patients over 12 hours in A&E from arrival at the door.
    var over12HoursFromArrival = 0
    /// Walk-ins who left without being seen.
    var leftBeforeTreatment = 0
    var conveyanceTravel = Tally()
    var transfersOut = 0
    var gpAdmissions = 0
    var electiveAdmissions = 0
    var electiveCancellations = 0
    /// Rebooked operations done; those more than 28 days after the first
    /// cancellation (the NHS standard's limit); planned operations whose
    /// slot a rebooked patient took.
    var electivesRebooked = 0
    var electivesRebookedLate = 0
    var electivesDeferred = 0
    /// Delayed transfers of care in bed days, by the pathway waited for.
    var delayedBedDays = InlineArray<4, Double>(repeating: 0)
    var breachesByArrivalHour = InlineArray<24, Int>(repeating: 0)
    /// Time in A&E of the departures, by hour of day of the clock start.
    var timeByArrivalHour = InlineArray<24, Tally>(repeating: Tally())
    /// Departures by time in A&E in `StayBins` (the distribution of stays).
    var departuresByStay = InlineArray<49, Int>(repeating: 0)
    /// By case-mix group: as many as the scenario has.
    var breachesByGroup: [Int]
    var breachesByChannel = InlineArray<5, Int>(repeating: 0)

    init(groups: Int) {
        breachesByGroup = Array(repeating: 0, count: groups)
        precondition(arrivalsByChannel.count == ArrivalChannel.allCases.count
                     && breachesByChannel.count == ArrivalChannel.allCases.count
                     && delayedBedDays.count == DischargePathway.allCases.count
                     && departuresByStay.count == StayBins.count, "a fixed list's length differs from what it counts")
    }

    /// A patient left A&E (home, into a bed, or to another site).
    @inline(__always)
    mutating func recordDeparture(duration: Double, arrivalTime: Double, group: Int, channel: Int) {
        departures += 1
        timeInDepartment.add(duration)
        if duration > WaitThreshold.oneHour { overOneHour += 1 }
        let hour = CalendarTime.hourOfDay(arrivalTime)
        timeByArrivalHour[hour].add(duration)
        departuresByStay[StayBins.bin(duration)] += 1
        if duration > WaitThreshold.fourHours {
            breaches += 1
            breachesByArrivalHour[hour] += 1
            breachesByGroup[group] += 1
            breachesByChannel[channel] += 1
        }
    }

    /// Every field combined with `other`'s: counts by `count`, running
    /// means by `tally`. The one list of fields behind both the system
    /// scope (a sum) and reporting periods (a difference).
    func combined(with other: DepartmentFacts, count: (Int, Int) -> Int, tally: (Tally, Tally) -> Tally,
                  amount: (Double, Double) -> Double) -> DepartmentFacts {
        var r = self
        r.arrivals = count(arrivals, other.arrivals)
        r.arrivalsByChannel = arrivalsByChannel.combined(with: other.arrivalsByChannel, count)
        r.departures = count(departures, other.departures)
        r.breaches = count(breaches, other.breaches)
        r.overOneHour = count(overOneHour, other.overOneHour)
        r.timeInDepartment = tally(timeInDepartment, other.timeInDepartment)
        r.waitForCubicle = tally(waitForCubicle, other.waitForCubicle)
        r.waitedForCubicle = count(waitedForCubicle, other.waitedForCubicle)
        r.admissions = count(admissions, other.admissions)
        r.trolleyWaits12h = count(trolleyWaits12h, other.trolleyWaits12h)
        r.decisionToAdmission = tally(decisionToAdmission, other.decisionToAdmission)
        r.handoverDelay = tally(handoverDelay, other.handoverDelay)
        r.handoverOver15 = count(handoverOver15, other.handoverOver15)
        r.handoverOver30 = count(handoverOver30, other.handoverOver30)
        r.handoverOver60 = count(handoverOver60, other.handoverOver60)
        r.handoverOver120 = count(handoverOver120, other.handoverOver120)
        r.crewMinutesLost = amount(crewMinutesLost, other.crewMinutesLost)
        r.over12HoursFromArrival = count(over12HoursFromArrival, other.over12HoursFromArrival)
        r.leftBeforeTreatment = count(leftBeforeTreatment, other.leftBeforeTreatment)
        r.conveyanceTravel = tally(conveyanceTravel, other.conveyanceTravel)
        r.transfersOut = count(transfersOut, other.transfersOut)
        r.gpAdmissions = count(gpAdmissions, other.gpAdmissions)
        r.electiveAdmissions = count(electiveAdmissions, other.electiveAdmissions)
        r.electiveCancellations = count(electiveCancellations, other.electiveCancellations)
        r.electivesRebooked = count(electivesRebooked, other.electivesRebooked)
        r.electivesRebookedLate = count(electivesRebookedLate, other.electivesRebookedLate)
        r.electivesDeferred = count(electivesDeferred, other.electivesDeferred)
        r.delayedBedDays = delayedBedDays.combined(with: other.delayedBedDays, amount)
        r.breachesByArrivalHour = breachesByArrivalHour.combined(with: other.breachesByArrivalHour, count)
        r.timeByArrivalHour = timeByArrivalHour.combined(with: other.timeByArrivalHour, tally)
        r.departuresByStay = departuresByStay.combined(with: other.departuresByStay, count)
        r.breachesByGroup = zip(breachesByGroup, other.breachesByGroup).map(count)
        r.breachesByChannel = breachesByChannel.combined(with: other.breachesByChannel, count)
        return r
    }

    static func + (a: DepartmentFacts, b: DepartmentFacts) -> DepartmentFacts {
        a.combined(with: b, count: +, tally: { var t = $0; t.merge($1); return t }, amount: +)
    }

    static func - (a: DepartmentFacts, b: DepartmentFacts) -> DepartmentFacts {
        a.combined(with: b, count: -, tally: { $0.subtracting($1) }, amount: -)
    }
}

/// What the ambulance service and NHS 111 record in the measured window.
/// Its lists are inline arrays, as `DepartmentFacts`' are, for the same
/// reason: a call or a response writes to one without a uniqueness check.
struct NetworkFacts {
    static let categories = 4

    var nhs111Calls = 0
    var nhs111Dispositions = InlineArray<5, Int>(repeating: 0)
    var incidents = 0
    var hearAndTreat = 0
    var seeAndTreat = 0
    var conveyed = 0
    var dispatches = 0
    /// Rapid response cars sent, and responses they were first at, by category.
    var carDispatches = 0
    var carFirstByCategory = InlineArray<4, Int>(repeating: 0)
    var response = Tally()
    var responseByCategory = InlineArray<4, Tally>(repeating: Tally())

    init() {
        precondition(nhs111Dispositions.count == NHS111Disposition.allCases.count
                     && carFirstByCategory.count == Self.categories && responseByCategory.count == Self.categories,
                     "a fixed list's length differs from what it counts")
    }

    static func - (a: NetworkFacts, b: NetworkFacts) -> NetworkFacts {
        var r = a
        r.nhs111Calls -= b.nhs111Calls
        r.nhs111Dispositions = a.nhs111Dispositions.combined(with: b.nhs111Dispositions, -)
        r.incidents -= b.incidents
        r.hearAndTreat -= b.hearAndTreat
        r.seeAndTreat -= b.seeAndTreat
        r.conveyed -= b.conveyed
        r.dispatches -= b.dispatches
        r.carDispatches -= b.carDispatches
        r.carFirstByCategory = a.carFirstByCategory.combined(with: b.carFirstByCategory, -)
        r.response = a.response.subtracting(b.response)
        r.responseByCategory = a.responseByCategory.combined(with: b.responseByCategory) { $0.subtracting($1) }
        return r
    }
}

/// Step-up referrals to one locality's MDT in the measured window.
struct LocalityFacts {
    var accepted = 0
    var declined = 0
    var avoided = 0
    var escalated = 0

    static func + (a: LocalityFacts, b: LocalityFacts) -> LocalityFacts {
        LocalityFacts(accepted: a.accepted + b.accepted, declined: a.declined + b.declined,
                      avoided: a.avoided + b.avoided, escalated: a.escalated + b.escalated)
    }

    static func - (a: LocalityFacts, b: LocalityFacts) -> LocalityFacts {
        LocalityFacts(accepted: a.accepted - b.accepted, declined: a.declined - b.declined,
                      avoided: a.avoided - b.avoided, escalated: a.escalated - b.escalated)
    }
}

/// Emergency bed requests met by one ward in the measured window.
struct WardFacts {
    var allocations = 0
    /// Allocated more than 4 hours after the request.
    var waitsOver4h = 0

    static func + (a: WardFacts, b: WardFacts) -> WardFacts {
        WardFacts(allocations: a.allocations + b.allocations, waitsOver4h: a.waitsOver4h + b.waitsOver4h)
    }

    static func - (a: WardFacts, b: WardFacts) -> WardFacts {
        WardFacts(allocations: a.allocations - b.allocations, waitsOver4h: a.waitsOver4h - b.waitsOver4h)
    }
}

/// Distributions of the measured window that do not subtract between two
/// moments, so they exist for the whole window only: quantile sketches and
/// the time spent at each bed level.
struct SiteDistributions {
    let timeInDepartment = QuantileRecorder()
    let bedLevels: LevelDurations
    /// Per ward of the site.
    let wardLevels: [LevelDurations]

    init(beds: Int, wardBeds: [Int]) {
        bedLevels = LevelDurations(maximumLevel: beds)
        wardLevels = wardBeds.map { LevelDurations(maximumLevel: $0) }
    }
}

struct NetworkDistributions {
    var response: QuantileSketch
    var responseByCategory: [QuantileSketch]
}

/// Where a recorder keeps the values behind `NetworkDistributions`.
struct NetworkDistributionRecorders {
    let response = QuantileRecorder()
    let responseByCategory = (0..<NetworkFacts.categories).map { _ in QuantileRecorder() }

    /// Everything recorded so far.
    var distributions: NetworkDistributions {
        NetworkDistributions(response: response.sketch, responseByCategory: responseByCategory.map(\.sketch))
    }
}

extension InlineArray {
    /// Element by element with `other`'s, through `combine`.
    func combined(with other: Self, _ combine: (Element, Element) -> Element) -> Self {
        Self { combine(self[$0], other[$0]) }
    }
}

extension Tally {
    /// The values added after `earlier` was taken from the same running
    /// tally (count and mean only: the spread does not subtract).
    func subtracting(_ earlier: Tally) -> Tally {
        guard earlier.count > 0 else { return self }
        var r = Tally()
        r.count = count - earlier.count
        r.mean = r.count > 0 ? (mean * Double(count) - earlier.mean * Double(earlier.count)) / Double(r.count) : 0
        return r
    }
}
