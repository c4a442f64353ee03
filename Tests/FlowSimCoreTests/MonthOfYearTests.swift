import FlowSimCore
import Foundation
import Testing

/// The month of each simulated day, and rates scaled by month of year.
@Suite struct MonthOfYearTests {
    @Test func civilDatesRoundTrip() {
        #expect(MonthOfYear.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(MonthOfYear.daysFromCivil(year: 2016, month: 4, day: 1) == 16_892)
        for z in stride(from: -1_000, through: 60_000, by: 37) {
            let d = MonthOfYear.civilFromDays(z)
            #expect(MonthOfYear.daysFromCivil(year: d.year, month: d.month, day: d.day) == z)
        }
        // 2016 is a leap year: 29 February exists; 2017 has none.
        #expect(MonthOfYear.civilFromDays(MonthOfYear.daysFromCivil(year: 2016, month: 2, day: 28) + 1) == (2016, 2, 29))
        #expect(MonthOfYear.civilFromDays(MonthOfYear.daysFromCivil(year: 2017, month: 2, day: 28) + 1) == (2017, 3, 1))
    }

    /// A 28-day warm-up before 1 April 2016: the warm-up is in March, the
    /// measured window starts in April and months change at midnight.
    @Test func monthsFollowTheStartDateAfterTheWarmup() {
        let calendar = MonthOfYear(start: CivilDate(year: 2016, month: 4, day: 1), warmup: 28 * 1_440, days: 394)
        #expect(calendar.monthOfDay.count == 394)
        #expect(calendar.month(at: 0) == 2)                   // 4 March 2016
        #expect(calendar.month(at: 28 * 1_440 - 1) == 2)      // 31 March, 23:59
        #expect(calendar.month(at: 28 * 1_440) == 3)          // 1 April
        #expect(calendar.month(at: (28 + 30) * 1_440) == 4)   // 1 May
        #expect(calendar.month(at: (28 + 305) * 1_440) == 0)  // 31 January 2017
        #expect(calendar.month(at: (28 + 306) * 1_440) == 1)  // 1 February 2017
        #expect(calendar.month(at: (28 + 334) * 1_440) == 2)  // 1 March 2017
        #expect(calendar.month(at: 1e9) == 3)                 // past the table: its last day, 1 April 2017
        // Factors are counted from the start date's month: April first.
        let factors = calendar.dailyFactors(monthsFromStart: (1...12).map(Double.init))
        #expect(factors[0] == 12 && factors[28] == 1 && factors[28 + 30] == 2 && factors[28 + 334] == 12)
    }

    @Test func aFactorOfOneChangesNoArrival() {
        let base = RateProfile.hourly(perHour: RateProfileTests.r2PerHour)
        let ones = base.withDailyFactors(Array(repeating: 1, count: 400))
        #expect(arrivals(base, days: 60) == arrivals(ones, days: 60))
        #expect(base.dailyFactor.isEmpty && base.scaled(by: 2).dailyFactor.isEmpty)
        #expect(ones.scaled(by: 2).dailyFactor == ones.dailyFactor)
    }

    /// Days at factor 2 get twice the arrivals of days at factor 0.5 x 2 = 1.
    @Test func arrivalsFollowTheDailyFactor() {
        let base = RateProfile.constant(perHour: 10)
        let factors = (0..<100).map { $0 < 50 ? 2.0 : 1.0 }
        let times = arrivals(base.withDailyFactors(factors), days: 100)
        let first = times.filter { $0 < 50 * 1_440 }.count, second = times.count - first
        // 24,000 and 12,000 expected; Poisson sd ~155 and ~110.
        #expect(abs(Double(first) - 24_000) < 5 * 155, "\(first)")
        #expect(abs(Double(second) - 12_000) < 5 * 110, "\(second)")
    }

    private func arrivals(_ profile: RateProfile, days: Double) -> [Double] {
        let owner = RandomStreams(masterSeed: 7, replication: 0)
        return withExtendedLifetime(owner) {
            let stream = owner.stream("arrivals/months")
            var times: [Double] = []
            var t = profile.nextArrival(after: 0, stream: stream)
            while t < days * 1_440 {
                times.append(t)
                t = profile.nextArrival(after: t, stream: stream)
            }
            return times
        }
    }
}
