import Foundation

/// Simulated time is in minutes from Monday 00:00 of week one.
public enum CalendarTime {
    public static let minutesPerHour = 60.0
    public static let minutesPerDay = 1_440.0
    public static let minutesPerWeek = 10_080.0
    public static let minutesPerYear = 525_600.0

    /// Hour of day 0...23.
    @inlinable public static func hourOfDay(_ t: Double) -> Int {
        Int(remainder(t, minutesPerDay) / minutesPerHour)
    }
    /// Day of week 0 (Monday) ... 6 (Sunday).
    @inlinable public static func dayOfWeek(_ t: Double) -> Int {
        Int(remainder(t, minutesPerWeek) / minutesPerDay)
    }
    /// Hour of the week 0...167.
    @inlinable public static func hourOfWeek(_ t: Double) -> Int {
        Int(remainder(t, minutesPerWeek) / minutesPerHour)
    }

    /// `t.truncatingRemainder(dividingBy: period)`, bit for bit, without
    /// libm's `fmod` (a loop over the exponent difference, ~100 instructions
    /// at a year's times; this is a handful). For 0 <= t < 2^52 and an
    /// integer period, `q * period` is an exact integer and `t - q * period`
    /// is exact by Sterbenz's lemma; the quotient can only round up, which
    /// leaves a negative remainder, and then (as for anything unusual) fmod
    /// answers.
    @inlinable @inline(__always)
    static func remainder(_ t: Double, _ period: Double) -> Double {
        let q = (t / period).rounded(.down)
        let r = t - q * period
        if t >= 0 && t < 0x1p52 && r >= 0 && r < period { return r }
        return t.truncatingRemainder(dividingBy: period)
    }
}

/// A Poisson arrival rate that is piecewise constant over the 168 hours of
/// the week (a flat rate, an hourly profile, or an hourly profile times a
/// day-of-week factor), optionally growing by a factor once a year.
public struct RateProfile: Sendable, Hashable {
    /// Arrivals per minute for each hour of the week.
    public let perMinute: [Double]
    /// Multiplier applied once per simulated year (1.04 = 4% a year).
    public let annualGrowth: Double

    public init(perMinuteByHourOfWeek: [Double], annualGrowth: Double = 1) {
        precondition(perMinuteByHourOfWeek.count == 168)
        precondition(perMinuteByHourOfWeek.allSatisfy { $0 >= 0 && $0.isFinite })
        precondition(perMinuteByHourOfWeek.contains { $0 > 0 }, "a rate profile must have some positive rate")
        precondition(annualGrowth > 0)
        perMinute = perMinuteByHourOfWeek
        self.annualGrowth = annualGrowth
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
        RateProfile(perMinuteByHourOfWeek: perMinute.map { $0 * factor }, annualGrowth: annualGrowth)
    }

    /// Mean arrivals per day over a week (before growth).
    public var meanPerDay: Double { perMinute.reduce(0, +) * 60 / 7 }

    /// The rate (per minute) in force at time `t`.
    @inlinable
    public func rate(at t: Double) -> Double {
        let hour = CalendarTime.hourOfWeek(t)
        guard annualGrowth != 1 else { return perMinute[hour] }
        return perMinute[hour] * pow(annualGrowth, (t / CalendarTime.minutesPerYear).rounded(.down))
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
