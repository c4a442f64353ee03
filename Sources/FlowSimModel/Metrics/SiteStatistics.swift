import FlowSimCore

/// What one site records during the measured window. Plain counters and
/// streaming summaries: memory does not grow with the horizon.
struct SiteStatistics {
    static let fourHours = 240.0
    static let twelveHours = 720.0

    var arrivals = 0
    var arrivalsByChannel = [Int](repeating: 0, count: ArrivalChannel.allCases.count)
    var departures = 0
    var breaches = 0
    var overOneHour = 0
    var timeInDepartment = Tally()
    var timeInDepartmentSketch = QuantileSketch()
    var waitForCubicle = Tally()
    var waitedForCubicle = 0
    var admissions = 0
    var trolleyWaits12h = 0
    var decisionToAdmission = Tally()
    var discharges = 0
    var handoverDelay = Tally()
    var handoverOver30 = 0
    var handoverOver60 = 0
    var conveyanceTravel = Tally()
    var transfersOut = 0
    var gpAdmissions = 0
    var electiveAdmissions = 0
    var electiveDayCases = 0
    var electiveCancellations = 0
    /// Delayed transfers of care: bed days by pathway 1-3 (index 0 unused).
    var delayedBedDays = [Double](repeating: 0, count: 4)
    var bedDays = 0.0
    var inDepartment = TimeWeighted()
    var bedLevels: LevelDurations
    var departuresByArrivalHour = [Int](repeating: 0, count: 24)
    var breachesByArrivalHour = [Int](repeating: 0, count: 24)
    var departuresByGroup: [Int]
    var breachesByGroup: [Int]
    var departuresByChannel = [Int](repeating: 0, count: ArrivalChannel.allCases.count)
    var breachesByChannel = [Int](repeating: 0, count: ArrivalChannel.allCases.count)

    init(groups: Int, beds: Int) {
        departuresByGroup = Array(repeating: 0, count: groups)
        breachesByGroup = Array(repeating: 0, count: groups)
        bedLevels = LevelDurations(maximumLevel: beds)
    }

    /// A patient leaves A&E (home, or into a bed) after `duration` minutes.
    @inline(__always)
    mutating func recordDeparture(duration: Double, arrivalTime: Double, group: Int, channel: Int) {
        departures += 1
        timeInDepartment.add(duration)
        timeInDepartmentSketch.record(minutes: duration)
        let hour = CalendarTime.hourOfDay(arrivalTime)
        departuresByArrivalHour[hour] += 1
        departuresByGroup[group] += 1
        departuresByChannel[channel] += 1
        if duration > 60 { overOneHour += 1 }
        if duration > Self.fourHours {
            breaches += 1
            breachesByArrivalHour[hour] += 1
            breachesByGroup[group] += 1
            breachesByChannel[channel] += 1
        }
    }

    /// Begins the measured window: counters to zero, current levels kept.
    mutating func startMeasuring(at now: Double, groups: Int) {
        let census = inDepartment
        let beds = bedLevels
        self = SiteStatistics(groups: groups, beds: 0)
        inDepartment = census
        inDepartment.reset(at: now)
        bedLevels = beds
        bedLevels.reset(at: now)
    }
}
