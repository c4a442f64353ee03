import CGSL
import FlowSimCore
import FlowSimCoreTestSupport
import Foundation
import Testing

/// Non-homogeneous Poisson arrivals by inversion of the cumulative rate:
/// counts per hour follow the profile, day-of-week factors and annual growth.
@Suite struct RateProfileTests {
    /// The R2 reference profile, patients per hour from midnight (sums to 288).
    static let r2PerHour: [Double] = [5.0, 4.0, 3.5, 3.0, 3.0, 3.5, 5.0, 8.0, 14.0, 18.0, 19.5, 19.5,
                                      19.0, 18.5, 18.0, 17.5, 17.0, 17.0, 16.5, 16.0, 14.5, 12.0, 9.5, 6.5]

    /// Arrival times from 0 up to `end`.
    private func arrivals(_ profile: RateProfile, until end: Double, seed: UInt64 = 1) -> [Double] {
        let owner = RandomStreams(masterSeed: seed, replication: 0)
        return withExtendedLifetime(owner) {
            let stream = owner.stream("arrivals/test")
            var times: [Double] = []
            var t = profile.nextArrival(after: 0, stream: stream)
            while t < end {
                times.append(t)
                let next = profile.nextArrival(after: t, stream: stream)
                #expect(next > t)
                t = next
            }
            return times
        }
    }

    @Test func calendarArithmetic() {
        #expect(CalendarTime.hourOfDay(0) == 0)
        #expect(CalendarTime.hourOfDay(59.999) == 0)
        #expect(CalendarTime.hourOfDay(60) == 1)
        #expect(CalendarTime.hourOfDay(1_439) == 23)
        #expect(CalendarTime.hourOfDay(1_440 + 125) == 2)
        #expect(CalendarTime.dayOfWeek(0) == 0)
        #expect(CalendarTime.dayOfWeek(6 * 1_440 + 1) == 6)
        #expect(CalendarTime.dayOfWeek(7 * 1_440) == 0)
        #expect(CalendarTime.hourOfWeek(167 * 60 + 30) == 167)
        #expect(CalendarTime.hourOfWeek(168 * 60) == 0)
    }

    /// The calendar functions agree with plain `truncatingRemainder` at
    /// hour, day and week boundaries (and just below them) over a century,
    /// and at random times.
    @Test func calendarMatchesTruncatingRemainderEverywhere() {
        func reference(_ t: Double) -> (Int, Int, Int) {
            (Int(t.truncatingRemainder(dividingBy: 1_440) / 60),
             Int(t.truncatingRemainder(dividingBy: 10_080) / 1_440),
             Int(t.truncatingRemainder(dividingBy: 10_080) / 60))
        }
        var times: [Double] = []
        for boundary in stride(from: 0.0, through: 100 * CalendarTime.minutesPerYear, by: 60 * 997) {
            times += [boundary, boundary.nextDown, boundary.nextUp]
        }
        // Every hour of two years, and hours far beyond any horizon, where a
        // double's ulp is coarse: just below an hour is where one division
        // (`CalendarTime.wholeHours`) could round up to the next hour.
        for hour in 0..<(2 * 8_760) {
            let boundary = Double(hour) * 60
            times += [boundary.nextDown, boundary, boundary.nextDown.nextDown]
        }
        for exponent in 20..<52 {
            let boundary = (Double(1 << exponent) / 60).rounded(.down) * 60
            times += [boundary.nextDown, boundary, boundary.nextUp, (boundary + 1_440).nextDown]
        }
        var rng = SplitMixRNG(seed: 99)
        times += (0..<20_000).map { _ in Double(rng.next() >> 20) * 0x1p-10 }   // 0 ... 2^34 minutes
        times += (0..<20_000).map { _ in Double(rng.next() >> 12) }            // integers to 2^52
        var mismatches: [Double] = []
        for t in times where t >= 0 {
            let (h, d, w) = reference(t)
            if CalendarTime.hourOfDay(t) != h || CalendarTime.dayOfWeek(t) != d || CalendarTime.hourOfWeek(t) != w {
                mismatches.append(t)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func ratesByHourOfWeekDayFactorsAndGrowth() {
        let p = RateProfile.hourly(perHour: Self.r2PerHour, dayFactors: [1, 1, 1, 1, 1, 0.5, 2], annualGrowth: 1.1)
        #expect(p.rate(at: 0) == 5.0 / 60)
        #expect(p.rate(at: 10 * 60 + 5) == 19.5 / 60)
        #expect(p.rate(at: 5 * 1_440 + 9 * 60) == 18.0 * 0.5 / 60)       // Saturday 09:00
        #expect(p.rate(at: 6 * 1_440 + 23 * 60 + 59) == 6.5 * 2 / 60)    // Sunday 23:59
        // One year on (day 365 is a Tuesday): the Tuesday rate times 1.1.
        let yearOn = CalendarTime.minutesPerYear + 10 * 60
        #expect(CalendarTime.dayOfWeek(yearOn) == 1)
        #expect(abs(p.rate(at: yearOn) - 19.5 / 60 * 1.1) < 1e-15)
        #expect(abs(p.rate(at: 2 * CalendarTime.minutesPerYear + 10 * 60) - 19.5 / 60 * 1.21) < 1e-12) // Wednesday
        #expect(abs(RateProfile.hourly(perHour: Self.r2PerHour).meanPerDay - 288) < 1e-9)
        #expect(abs(RateProfile.constant(perHour: 30).meanPerDay - 720) < 1e-9)
        #expect(abs(RateProfile.constant(perHour: 30).scaled(by: 0.5).meanPerDay - 360) < 1e-9)
    }

    /// Only a rate that never changes is flat (and skips the walk).
    @Test func aRateIsFlatOnlyWhenItNeverChanges() {
        #expect(RateProfile.constant(perHour: 30).flatRate == 0.5)
        #expect(RateProfile.hourly(perHour: Array(repeating: 6, count: 24)).flatRate == 0.1)
        #expect(RateProfile.hourly(perHour: Self.r2PerHour).flatRate == nil)
        #expect(RateProfile.hourly(perHour: Array(repeating: 6, count: 24), dayFactors: [1, 1, 1, 1, 1, 1, 2]).flatRate == nil)
        #expect(RateProfile.constant(perHour: 30, annualGrowth: 1.01).flatRate == nil)
        #expect(RateProfile.constant(perHour: 30).withDailyFactors([1, 1]).flatRate == nil)
    }

    /// Counts by hour of day over 200 days against the R2 profile: a
    /// chi-square test over the 24 hours, and every hour within 4.5 SE.
    @Test func r2CountsPerHourMatchTheProfile() {
        let days = 200.0
        let times = arrivals(.hourly(perHour: Self.r2PerHour), until: days * CalendarTime.minutesPerDay)
        var counts = [Int](repeating: 0, count: 24)
        for t in times { counts[CalendarTime.hourOfDay(t)] += 1 }
        let expected = Self.r2PerHour.map { $0 * days }
        for h in 0..<24 {
            let z = (Double(counts[h]) - expected[h]) / expected[h].squareRoot()
            #expect(abs(z) < 4.5, "hour \(h): \(counts[h]) arrivals, expected \(expected[h])")
        }
        let chi = chiSquare(observed: counts, expected: expected)
        #expect(chi < gsl_cdf_chisq_Qinv(0.001, 23), "chi-square \(chi) over 23 degrees of freedom")
        // And the total is Poisson with mean 288 a day.
        let total = Double(times.count), mean = 288 * days
        #expect(abs(total - mean) < 4.5 * mean.squareRoot())
    }

    /// Counts within an hour are Poisson: their variance across days equals their mean.
    @Test func hourlyCountsArePoissonDispersed() {
        let days = 400
        let times = arrivals(.constant(perHour: 12), until: Double(days) * CalendarTime.minutesPerDay, seed: 3)
        var perHour = [Int](repeating: 0, count: days * 24)
        for t in times { perHour[Int(t / 60)] += 1 }
        let m = SampleMoments(perHour.map(Double.init))
        // For Poisson(12) the variance of the sample variance is about (μ + 2μ²)/n.
        let n = Double(perHour.count)
        #expect(abs(m.mean - 12) < 4.5 * (12 / n).squareRoot())
        #expect(abs(m.variance - 12) < 4.5 * ((12 + 2 * 144) / n).squareRoot())
    }

    @Test func zeroRateHoursGetNoArrivalsAtAll() {
        // Only 05:00-06:00 on weekdays has a rate: every arrival must fall there.
        var perHour = [Double](repeating: 0, count: 24)
        perHour[5] = 10
        let profile = RateProfile.hourly(perHour: perHour, dayFactors: [1, 1, 1, 1, 1, 0, 0])
        let times = arrivals(profile, until: 10 * CalendarTime.minutesPerWeek)
        #expect(times.count > 400)
        #expect(times.allSatisfy { CalendarTime.hourOfDay($0) == 5 && CalendarTime.dayOfWeek($0) < 5 })
    }

    @Test func dayOfWeekFactorsScaleDailyCounts() {
        let factors = [1.0, 1, 1, 1, 1.5, 0.5, 2]
        let weeks = 40.0
        let times = arrivals(.constant(perHour: 10, annualGrowth: 1).scaledByDay(factors),
                             until: weeks * CalendarTime.minutesPerWeek, seed: 2)
        var counts = [Int](repeating: 0, count: 7)
        for t in times { counts[CalendarTime.dayOfWeek(t)] += 1 }
        let expected = factors.map { 240 * $0 * weeks }
        for d in 0..<7 {
            let z = (Double(counts[d]) - expected[d]) / expected[d].squareRoot()
            #expect(abs(z) < 4.5, "day \(d): \(counts[d]) arrivals, expected \(expected[d])")
        }
        #expect(chiSquare(observed: counts, expected: expected) < gsl_cdf_chisq_Qinv(0.001, 6))
    }

    @Test func annualGrowthMultipliesEachYear() {
        let year = CalendarTime.minutesPerYear
        let times = arrivals(.constant(perHour: 2, annualGrowth: 1.5), until: 3 * year, seed: 4)
        var counts = [0, 0, 0]
        for t in times { counts[Int(t / year)] += 1 }
        for y in 0..<3 {
            let expected = 2 * 24 * 365 * pow(1.5, Double(y))
            let z = (Double(counts[y]) - expected) / expected.squareRoot()
            #expect(abs(z) < 4.5, "year \(y): \(counts[y]) arrivals, expected \(expected)")
        }
    }
}

extension RateProfile {
    /// The same hourly rates with day-of-week factors applied (test helper).
    fileprivate func scaledByDay(_ factors: [Double]) -> RateProfile {
        RateProfile(perMinuteByHourOfWeek: perMinute.enumerated().map { $1 * factors[$0 / 24] },
                    annualGrowth: annualGrowth)
    }
}
