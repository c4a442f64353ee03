import Foundation

/// A Poisson arrival rate that is piecewise constant over the 168 hours of
/// the week (a flat rate, an hourly profile, or an hourly profile times a
/// day-of-week factor), optionally growing by a factor once a year and
/// scaled by a factor per simulated day (the month of year: `MonthOfYear`).
public struct RateProfile: Sendable, Hashable {
    /// Arrivals per minute for each hour of the week.
    public let perMinute: [Double]
    /// Multiplier applied once per simulated year (1.04 = 4% a year).
    public let annualGrowth: Double
    /// A factor on every rate for each simulated day from time 0 (the last
    /// one holds past the end); empty for none. Precomputed, so the arrival
    /// path pays one index for it, and nothing when it is empty.
    public let dailyFactor: [Double]

    public init(perMinuteByHourOfWeek: [Double], annualGrowth: Double = 1, dailyFactor: [Double] = []) {
        precondition(perMinuteByHourOfWeek.count == 168)
        precondition(perMinuteByHourOfWeek.allSatisfy { $0 >= 0 && $0.isFinite })
        precondition(perMinuteByHourOfWeek.contains { $0 > 0 }, "a rate profile must have some positive rate")
        precondition(annualGrowth > 0)
        precondition(dailyFactor.allSatisfy { $0 > 0 && $0.isFinite }, "daily factors must be positive")
        perMinute = perMinuteByHourOfWeek
        self.annualGrowth = annualGrowth
        self.dailyFactor = dailyFactor
    }

    /// Same profile scaled each simulated day by `factors` (one per day from time 0).
    public func withDailyFactors(_ factors: [Double]) -> RateProfile {
        RateProfile(perMinuteByHourOfWeek: perMinute, annualGrowth: annualGrowth, dailyFactor: factors)
    }

    /// A constant rate, per hour.
    public static func constant(perHour: Double, annualGrowth: Double = 1) -> RateProfile {
        RateProfile(perMinuteByHourOfWeek: Array(repeating: perHour / 60, count: 168), annualGrowth: annualGrowth)
    }

    /// An hourly profile (24 rates per hour), optionally scaled by seven
    /// day-of-week factors (Monday first).
    public static func hourly(perHour: [Double], dayFactors: [Double] = Array(repeating: 1, count: 7),
                              annualGrowth: Double = 1) -> RateProfile {
        precondition(perHour.count == 24 && dayFactors.count == 7)
        var rates: [Double] = []
        rates.reserveCapacity(168)
        for d in 0..<7 { for h in 0..<24 { rates.append(perHour[h] * dayFactors[d] / 60) } }
        return RateProfile(perMinuteByHourOfWeek: rates, annualGrowth: annualGrowth)
    }

    /// Same profile with every rate multiplied by `factor`.
    public func scaled(by factor: Double) -> RateProfile {
        RateProfile(perMinuteByHourOfWeek: perMinute.map { $0 * factor }, annualGrowth: annualGrowth,
                    dailyFactor: dailyFactor)
    }

    /// Mean arrivals per day over a week (before growth and daily factors).
    public var meanPerDay: Double { perMinute.reduce(0, +) * 60 / 7 }

    /// The rate (per minute) in force at time `t`.
    @inlinable
    public func rate(at t: Double) -> Double {
        let hour = CalendarTime.hourOfWeek(t)
        var rate = perMinute[hour]
        // Day boundaries are hour boundaries, so the walk below stays exact.
        if !dailyFactor.isEmpty {
            rate *= dailyFactor[Swift.min(Int(t / CalendarTime.minutesPerDay), dailyFactor.count - 1)]
        }
        guard annualGrowth != 1 else { return rate }
        return rate * pow(annualGrowth, (t / CalendarTime.minutesPerYear).rounded(.down))
    }

    /// The next arrival time after `t`, exactly, by inverting the
    /// cumulative rate: one exponential draw per arrival, then a walk over
    /// the hourly pieces (no thinning, so no rejected draws).
    @inlinable
    public func nextArrival(after t: Double, stream: RandomStream) -> Double {
        var remaining = -log(stream.nextUniform())
        var now = t
        while true {
            let hourEnd = (now / 60).rounded(.down) * 60 + 60
            let rate = self.rate(at: now)
            let span = hourEnd - now
            if rate * span > remaining { return now + remaining / rate }
            remaining -= rate * span
            now = hourEnd
        }
    }
}
