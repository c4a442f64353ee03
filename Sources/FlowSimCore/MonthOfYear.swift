import Foundation

/// A calendar date (proleptic Gregorian), e.g. a scenario's `run.start_date`.
public struct CivilDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (`MonthOfYear.daysFromCivil`).
    public var daysSince1970: Int { MonthOfYear.daysFromCivil(year: year, month: month, day: day) }
}

/// The calendar month of each simulated day, for scenarios with a start
/// date: a table built once, so that the arrival path and the recorder
/// find a day's month with one index (no date arithmetic in the run).
///
/// Simulated day `d` covers minutes `[d × 1440, (d + 1) × 1440)` from time
/// 0. The measured window starts at `warmup` on the calendar date `start`;
/// day `d` is given the date `start + floor((d × 1440 − warmup) / 1440)`
/// days, so with a warm-up of whole days (the usual case) months change
/// exactly at simulated midnight, and with a fractional warm-up at the
/// midnight before the calendar change.
public struct MonthOfYear: Sendable, Hashable {
    /// Calendar month, 0 = January ... 11 = December, of each simulated day.
    public let monthOfDay: [UInt8]
    /// Calendar month (0 = January) of the measured window's first day.
    public let startMonth: Int

    /// - Parameters:
    ///   - start: the date the measured window starts.
    ///   - warmup: minutes of warm-up before that date.
    ///   - days: how many simulated days the table covers (warm-up and horizon).
    public init(start: CivilDate, warmup: Double, days: Int) {
        let (month, day) = (start.month, start.day)
        precondition((1...12).contains(month) && (1...31).contains(day) && warmup >= 0 && days > 0)
        let first = start.daysSince1970
        monthOfDay = (0..<days).map { d in
            let offset = ((Double(d) * CalendarTime.minutesPerDay - warmup) / CalendarTime.minutesPerDay).rounded(.down)
            return UInt8(Self.civilFromDays(first + Int(offset)).month - 1)
        }
        startMonth = month - 1
    }

    /// The calendar month (0 = January) of time `t` (the last day's past the table).
    @inlinable
    public func month(at t: Double) -> Int {
        Int(monthOfDay[Swift.min(Int(t / CalendarTime.minutesPerDay), monthOfDay.count - 1)])
    }

    /// Per simulated day, the factor of its month. `factors[k]` is the
    /// factor of the k-th month counted from the start date's month
    /// (k = 0: that month; with a start in April, April to March).
    public func dailyFactors(monthsFromStart factors: [Double]) -> [Double] {
        precondition(factors.count == 12)
        return monthOfDay.map { factors[(Int($0) - startMonth + 12) % 12] }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01 (inverse of `daysFromCivil`).
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
