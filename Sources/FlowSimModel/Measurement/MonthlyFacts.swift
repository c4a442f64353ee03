import FlowSimCore

/// A&E departures and 4-hour breaches by calendar month of departure, per
/// site, over the measured window (scenarios with `run.start_date`). A run
/// longer than a year adds the same month of every year together.
struct MonthlyFacts {
    /// Calendar month (0 = January) of each simulated day; empty without a start date.
    let monthOfDay: [UInt8]
    /// Per site, 12 calendar months each (January first). Tables written in
    /// place (`InPlaceTable`): as arrays, every departure asked the runtime
    /// twice whether their buffers were shared.
    private let departures: InPlaceTable<Int>
    private let breaches: InPlaceTable<Int>

    init(calendar: MonthOfYear?, sites: Int) {
        monthOfDay = calendar?.monthOfDay ?? []
        departures = InPlaceTable(repeating: 0, count: monthOfDay.isEmpty ? 0 : sites * 12)
        breaches = InPlaceTable(repeating: 0, count: monthOfDay.isEmpty ? 0 : sites * 12)
    }

    /// A departure (inside the window) after `duration` minutes on the 4-hour clock.
    @inline(__always)
    func departed(site: Int, duration: Double, at: Double) {
        guard !monthOfDay.isEmpty else { return }
        let k = site * 12 + Int(monthOfDay[Swift.min(Int(at / CalendarTime.minutesPerDay), monthOfDay.count - 1)])
        departures[k] += 1
        if duration > WaitThreshold.fourHours { breaches[k] += 1 }
    }

    /// One site's counts (all zero without a start date).
    func counts(site: Int) -> MonthCounts {
        guard !monthOfDay.isEmpty else { return MonthCounts() }
        return MonthCounts(departures: Array(departures[site * 12 ..< site * 12 + 12]),
                           breaches: Array(breaches[site * 12 ..< site * 12 + 12]))
    }
}

/// A scope's departures and breaches by calendar month (January first).
struct MonthCounts {
    var departures = [Int](repeating: 0, count: 12)
    var breaches = [Int](repeating: 0, count: 12)

    /// The parts of the metric families by month, in financial-year order.
    static let partNames = ["apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar"]
    /// The calendar month (0 = January) of part `k` of `partNames`.
    static func calendarMonth(part k: Int) -> Int { (k + 3) % 12 }

    static func + (a: MonthCounts, b: MonthCounts) -> MonthCounts {
        MonthCounts(departures: zip(a.departures, b.departures).map { $0 + $1 },
                    breaches: zip(a.breaches, b.breaches).map { $0 + $1 })
    }
}
