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

    /// The rate per minute when it is the same at every moment (one rate
    /// all week, no daily factors, no growth); nil when it varies.
    public var flatRate: Double? {
        dailyFactor.isEmpty && annualGrowth == 1 && perMinute.allSatisfy({ $0 == perMinute[0] }) ? perMinute[0] : nil
    }

    /// Mean arrivals per day over a week (before growth and daily factors).
    public var meanPerDay: Double { perMinute.reduce(0, +) * 60 / 7 }

    /// The rate (per minute) in force at time `t`.
    public func rate(at t: Double) -> Double {
        withCompiled { $0.rate(at: t) }
    }

    /// The next arrival time after `t`, exactly, by inverting the
    /// cumulative rate: one exponential draw per arrival, then a walk over
    /// the hourly pieces (no thinning, so no rejected draws). A flat rate
    /// needs no walk: the draw over the rate is the time to the next arrival.
    public func nextArrival(after t: Double, stream: RandomStream) -> Double {
        withCompiled { $0.nextArrival(after: t, stream: stream) }
    }

    /// The same profile read through pointers into its own arrays, for as
    /// long as `body` runs.
    func withCompiled<R>(_ body: (ArrivalRate) -> R) -> R {
        perMinute.withUnsafeBufferPointer { rates in
            dailyFactor.withUnsafeBufferPointer { daily in
                body(ArrivalRate(perMinute: rates.baseAddress!, dailyFactor: daily.baseAddress,
                                 dailyCount: daily.count, annualGrowth: annualGrowth, flatRate: flatRate))
            }
        }
    }
}

/// A `RateProfile` compiled for the hot loop: its tables in a
/// `SamplerTables`, read through pointers, so an arrival retains no array.
///
/// The walk gives the same times as the plain walk over the profile, bit
/// for bit (tested): the hour `m` holding the start is ⌊t / 60⌋ exactly
/// (`CalendarTime.wholeHours`), and every later piece starts on an hour,
/// so the calendar arithmetic is exact in integers (`m * 60` is an exact
/// double, the hour of the week is `m % 168`, the day `m / 24`, the year
/// `m / 8760`, and a whole piece is 60 minutes long), with the growth
/// factor computed once per year instead of once per hour. On the Mid and South
/// Essex baseline the walk takes about two pieces per arrival.
///
/// A flat rate (`RateProfile.flatRate`) is not walked: its next arrival is
/// `t + E / rate`, the same time up to rounding (the walk subtracts the
/// draw piece by piece; on R1 the two agree to the bit). That is the one
/// exception to the walk's bit for bit equality, and it saves a flat-rate
/// source about 65 instructions an arrival, 4% of R1's (docs/performance.md,
/// tenth round).
public struct ArrivalRate {
    @usableFromInline let perMinute: UnsafePointer<Double>
    @usableFromInline let dailyFactor: UnsafePointer<Double>?
    @usableFromInline let dailyCount: Int
    @usableFromInline let annualGrowth: Double
    /// The rate per minute of a flat profile; 0 when the rate varies.
    @usableFromInline let flatRate: Double
    /// The last day with a daily factor (it holds past the end).
    @usableFromInline let lastDay: UInt

    init(perMinute: UnsafePointer<Double>, dailyFactor: UnsafePointer<Double>?, dailyCount: Int,
         annualGrowth: Double, flatRate: Double?) {
        self.perMinute = perMinute
        self.dailyFactor = dailyCount > 0 ? dailyFactor : nil
        self.dailyCount = dailyCount
        self.annualGrowth = annualGrowth
        self.flatRate = flatRate ?? 0
        lastDay = UInt(Swift.max(dailyCount - 1, 0))
    }

    public init(_ profile: RateProfile, tables: SamplerTables) {
        self.init(perMinute: tables.store(profile.perMinute),
                  dailyFactor: profile.dailyFactor.isEmpty ? nil : tables.store(profile.dailyFactor),
                  dailyCount: profile.dailyFactor.count, annualGrowth: profile.annualGrowth,
                  flatRate: profile.flatRate)
    }

    /// The rate (per minute) in force at time `t`.
    @inlinable
    public func rate(at t: Double) -> Double {
        var rate = perMinute[CalendarTime.hourOfWeek(t)]
        // Day boundaries are hour boundaries, so the walk below stays exact.
        if let dailyFactor {
            rate *= dailyFactor[Swift.min(Int(t / CalendarTime.minutesPerDay), dailyCount - 1)]
        }
        guard annualGrowth != 1 else { return rate }
        return rate * pow(annualGrowth, (t / CalendarTime.minutesPerYear).rounded(.down))
    }

    /// The next arrival time after `t` (see `RateProfile.nextArrival`).
    @inlinable
    public func nextArrival(after t: Double, stream: RandomStream) -> Double {
        var remaining = -log(stream.nextUniform())
        if flatRate > 0 { return t + remaining / flatRate }
        // Hour `m` holds `t`: ⌊t / 60⌋, exactly (`CalendarTime.wholeHours`),
        // so its hour of the week, day and year are those `rate(at:)` finds
        // for `t` itself, and the first piece's rate is the same number.
        // Run times start at 0 and stay far below 2^52 minutes.
        guard var m = CalendarTime.wholeHours(t) else { preconditionFailure("an arrival after time \(t)") }
        // The year only matters with growth, so it is not computed without.
        var year = annualGrowth == 1 ? 0 : m / 8_760
        var growth = annualGrowth == 1 ? 1 : pow(annualGrowth, Double(year))
        // The piece from `t` to the end of its hour, then whole hours.
        let first = rate(ofHour: m, growth: growth)
        let firstSpan = Double(m) * 60 + 60 - t
        if first * firstSpan > remaining { return t + remaining / first }
        remaining -= first * firstSpan
        m &+= 1
        while true {
            if annualGrowth != 1 && m / 8_760 != year {
                year = m / 8_760
                growth = pow(annualGrowth, Double(year))
            }
            let rate = rate(ofHour: m, growth: growth)
            if rate * 60 > remaining { return Double(m) * 60 + remaining / rate }
            remaining -= rate * 60
            m &+= 1
        }
    }

    /// The rate in hour `m` (from time 0) in a year of growth factor
    /// `growth`, in the order of operations of `rate(at:)`.
    /// Hours are never negative, so they are divided as unsigned numbers,
    /// which needs no correction for a negative dividend.
    @inlinable @inline(__always)
    func rate(ofHour m: Int, growth: Double) -> Double {
        let hour = UInt(bitPattern: m)
        var rate = perMinute[Int(hour % 168)]
        if let dailyFactor { rate *= dailyFactor[Int(Swift.min(hour / 24, lastDay))] }
        if annualGrowth != 1 { rate *= growth }
        return rate
    }
}
