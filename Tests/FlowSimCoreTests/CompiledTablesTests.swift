import FlowSimCore
import Foundation
import Testing

/// The hot loop's compiled tables (`ArrivalRate`, `Choice`) draw exactly
/// what the configuration values they come from define, bit for bit: a
/// change of their arithmetic would change every result. The one exception
/// is a flat rate, whose next arrival is the draw over the rate, not the walk.
@Suite struct CompiledTablesTests {
    /// The walk as first written: every hourly piece recomputes its hour,
    /// day and year from the time (`RateProfile.rate(at:)`).
    static func plainWalk(_ profile: RateProfile, after t: Double, remaining draw: Double) -> Double {
        var remaining = draw
        var now = t
        while true {
            let hourEnd = (now / 60).rounded(.down) * 60 + 60
            let rate = profile.rate(at: now)
            let span = hourEnd - now
            if rate * span > remaining { return now + remaining / rate }
            remaining -= rate * span
            now = hourEnd
        }
    }

    /// What the compiled rate must give: a flat rate's `t + draw / rate`, else the plain walk.
    static func expected(_ profile: RateProfile, after t: Double, remaining draw: Double) -> Double {
        if let rate = profile.flatRate { return t + draw / rate }
        return plainWalk(profile, after: t, remaining: draw)
    }

    static let r2PerHour: [Double] = [5.0, 4.0, 3.5, 3.0, 3.0, 3.5, 5.0, 8.0, 14.0, 18.0, 19.5, 19.5,
                                      19.0, 18.5, 18.0, 17.5, 17.0, 17.0, 16.5, 16.0, 14.5, 12.0, 9.5, 6.5]

    /// Profiles that exercise every branch: a flat rate, growth over years,
    /// daily factors past their end, and long zero-rate stretches (weekends
    /// off, two arrivals a week) that make the walk cross many hours,
    /// days and year ends.
    static let profiles: [RateProfile] = [
        .constant(perHour: 30),
        // A flat rate that is not a power of two, so that the draw over it
        // and the walk round differently.
        .constant(perHour: 7),
        .hourly(perHour: r2PerHour, dayFactors: [1, 1, 1, 1, 1, 0.5, 2], annualGrowth: 1.037),
        .hourly(perHour: r2PerHour.map { $0 / 400 }, dayFactors: [1, 1, 1, 1, 1, 0, 0], annualGrowth: 1.1)
            .withDailyFactors((0..<900).map { 0.6 + Double($0 % 13) / 10 }),
        .hourly(perHour: (0..<24).map { $0 == 5 ? 2 : 0 }, dayFactors: [0, 0, 1, 0, 0, 0, 0]),
    ]

    @Test(arguments: 0..<5)
    func arrivalRateWalksExactlyAsThePlainWalk(profile k: Int) {
        let profile = Self.profiles[k]
        let tables = SamplerTables()
        let compiled = ArrivalRate(profile, tables: tables)
        // Two owners with one seed: two copies of the same stream.
        let owners = (RandomStreams(masterSeed: 11, replication: k), RandomStreams(masterSeed: 11, replication: k))
        withExtendedLifetime((tables, owners)) {
            let a = owners.0.stream("a"), b = owners.1.stream("a")
            var mismatches = 0, crossedYears = 0
            // A flat rate skips the walk, but lands where the walk does, up to rounding.
            var largestGapFromTheWalk = 0.0
            var t = 0.0
            // Arrival after arrival over five years, as the model draws them.
            while t < 5 * CalendarTime.minutesPerYear {
                let u = b.nextUniform()
                let next = compiled.nextArrival(after: t, stream: a)
                if next.bitPattern != Self.expected(profile, after: t, remaining: -log(u)).bitPattern { mismatches += 1 }
                let walked = Self.plainWalk(profile, after: t, remaining: -log(u))
                largestGapFromTheWalk = max(largestGapFromTheWalk, abs(next - walked) / walked)
                if Int(next / CalendarTime.minutesPerYear) != Int(t / CalendarTime.minutesPerYear) { crossedYears += 1 }
                t = next
            }
            #expect(mismatches == 0)
            #expect(crossedYears == 5)
            #expect(largestGapFromTheWalk < 1e-13)
            // From awkward starting times too: just below and on hour, day and year ends.
            for boundary in [60.0, 1_440, 10_080, CalendarTime.minutesPerYear, 3 * CalendarTime.minutesPerYear + 7 * 60] {
                for start in [boundary.nextDown, boundary, boundary.nextUp, boundary - 0.5] {
                    let u = b.nextUniform()
                    let next = compiled.nextArrival(after: start, stream: a)
                    #expect(next.bitPattern == Self.expected(profile, after: start, remaining: -log(u)).bitPattern,
                            "from \(start)")
                }
            }
            #expect(compiled.rate(at: 12_345.6) == profile.rate(at: 12_345.6))
        }
    }

    @Test func choiceDrawsAsItsCategoricalAndAnswersLabels() {
        let tables = SamplerTables()
        let categorical = Categorical([0.05, 0, 0.25, 0.4, 0.3])
        let labels = [7, 3, 9, 0, 12]
        let choice = Choice(categorical, labels: labels, tables: tables)
        let unlabelled = Choice(categorical, tables: tables)
        let owners = (0..<3).map { _ in RandomStreams(masterSeed: 5, replication: 0) }
        withExtendedLifetime((tables, owners)) {
            let a = owners[0].stream("mix"), b = owners[1].stream("mix"), c = owners[2].stream("mix")
            var same = true
            for _ in 0..<50_000 {
                let expected = categorical.sample(b)
                if choice.sample(a) != labels[expected] || unlabelled.sample(c) != expected { same = false }
            }
            #expect(same)
            #expect(Choice(Categorical([1]), labels: [4], tables: tables).sample(owners[0].stream("x")) == 4)
        }
    }

    /// A choice of one outcome takes no draw: the stream's next number is
    /// the one a twin stream gives first.
    @Test func aChoiceOfOneOutcomeLeavesTheStreamAlone() {
        let tables = SamplerTables()
        let owners = (RandomStreams(masterSeed: 9, replication: 2), RandomStreams(masterSeed: 9, replication: 2))
        withExtendedLifetime((tables, owners)) {
            let a = owners.0.stream("mix"), b = owners.1.stream("mix")
            let only = Choice(Categorical([1]), labels: [6], tables: tables)
            #expect((0..<10).allSatisfy { _ in only.sample(a) == 6 })
            #expect(a.nextUniform() == b.nextUniform())
        }
    }
}
