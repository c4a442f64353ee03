import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Dated step changes (`timeline:`, maturity levels) take effect at their
/// dates and not before; multi-year runs are broken down by financial
/// year in scopes "<scope>@<period>".
@Suite struct TimelineTests {
    static let day = 1_440.0

    /// Every metric of `scopes` identical, bit for bit, in two results.
    static func differences(_ a: ReplicationResult, _ b: ReplicationResult, scopes: [String]) -> [String] {
        var found: [String] = []
        for scope in scopes {
            guard let mine = a.scope(key: scope).flatMap({ a.values[$0] }),
                  let theirs = b.scope(key: scope).flatMap({ b.values[$0] }) else {
                found.append("\(scope): missing")
                continue
            }
            for (name, value) in mine.sorted(by: { $0.key < $1.key }) {
                guard let other = theirs[name] else { found.append("\(scope).\(name): missing"); continue }
                if value.bitPattern != other.bitPattern && !(value.isNaN && other.isNaN) {
                    found.append("\(scope).\(name): \(value) vs \(other)")
                }
            }
        }
        return found
    }

    // MARK: financial years

    /// R1 (one A&E; 6 arrivals an hour here, to be quick) over 2016/17 and
    /// 60 days of 2017/18, with the arrival rate halved from 1 April 2017:
    /// the first financial year is exactly the run without the change, the
    /// second has half the arrivals.
    @Test func aChangeAtTheStartOfTheSecondFinancialYear() throws {
        let path = try CommunityFixture.write(base: PackagePaths.r1, [
            "name: R1 over two financial years",
            "run:",
            "  start_date: 2016-04-01",
            "  warmup: 7 days",
            "  horizon: 425 days",
            "arrivals: {walk_in: {rate_per_hour: 6}}",
            "timeline:",
            "  - date: 2017-04-01",
            "    note: half the arrivals from 2017/18",
            "    set:",
            "      arrivals.walk_in.rate_per_hour: 3",
        ])
        let with = try Scenario.load(path: path).config
        let without = try Scenario.load(path: path, overrides: [("timeline", "~")]).config
        #expect(with.firstPeriodLabel == "2016/17")
        #expect(with.epochs.count == 1 && without.epochs.isEmpty)
        // 2017-04-01 is 365 days after the start of the measured period.
        #expect(with.epochs.first?.from == (7 + 365) * Self.day)

        let configs = [with, without]
        let runs = ReplicationRunner(threads: 2).map(2) { Replication.run(configs[$0], seed: 3, replication: 0) }
        let (a, b) = (runs[0], runs[1])
        let periods = ["system@2016/17", "ED@2016/17", "system@2017/18", "ED@2017/18"]
        #expect(Set(a.scopes.map(\.key)) == Set(["system", "ED"] + periods), "\(a.scopes)")

        func walkIns(_ r: ReplicationResult, _ scope: String) throws -> Double {
            try #require(r.value("ae_walk_in_arrivals_per_day", scopeKey: scope), "no walk-ins in \(scope)")
        }
        let year1 = try walkIns(a, "system@2016/17"), year2 = try walkIns(a, "system@2017/18")
        #expect(abs(year1 / 144 - 1) < 0.02, "2016/17: \(year1) a day")
        #expect(abs(year2 / 72 - 1) < 0.06, "2017/18: \(year2) a day")
        #expect(abs(try walkIns(b, "system@2017/18") / 144 - 1) < 0.06)
        // The whole run is the days-weighted mean of its two periods.
        let overall = try walkIns(a, "system")
        #expect(abs(overall - (year1 * 365 + year2 * 60) / 425) < 1e-6 * overall)
        // Nothing of 2016/17 changes; 2017/18 does.
        let before = Self.differences(a, b, scopes: ["system@2016/17", "ED@2016/17"])
        #expect(before.isEmpty, "2016/17 changed:\n\(before.joined(separator: "\n"))")
        #expect(!Self.differences(a, b, scopes: ["system@2017/18"]).isEmpty)
    }

    // MARK: a change inside a short run of the whole system

    /// stp-do-nothing shortened to 40 measured days from 1 April 2016, with
    /// a timeline entry on 21 April 2016 (day 20) that halves the walk-in
    /// rate and puts a far smaller ambulance fleet rota on, and L01 stepping
    /// to maturity level 4 on the same day; the reporting period is set to
    /// 20 days so that "before" and "after" are two periods. The same run
    /// without the timeline and the maturity step is the reference.
    static let changeDay = 20
    static func wholeSystem() throws -> (with: ModelConfig, without: ModelConfig) {
        let path = try CommunityFixture.write(base: CommunityFixture.shipped("stp-do-nothing"), [
            "name: a change on day 20",
            "run:",
            "  start_date: 2016-04-01",
            "  warmup: 7 days",
            "  horizon: 40 days",
            // Walk-ins at the localities' rate only, the same every month, so
            // the ratios below follow from per_1000_per_year alone.
            "arrivals: ~",
            "network:",
            "  demand:",
            "    walk_in: {monthly_factor: ~}",
            "    nhs_111: {monthly_factor: ~}",
            "community:",
            "  maturity:",
            "    L01: [{from: 2016-04-21, level: 4}]",
            "timeline:",
            "  - date: 2016-04-21",
            "    note: half the walk-ins; a small fleet",
            "    set:",
            "      network.demand.walk_in.per_1000_per_year: 76.65",
            "      network.ambulance.vehicles: [8, 8, 8, 8, 8, 8, 8, 8, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 8, 8, 8, 8]",
        ])
        var with = try Scenario.load(path: path).config
        var without = try Scenario.load(path: path, overrides: [("timeline", "~"), ("community.maturity", "~")]).config
        for k in 0..<2 {
            var config = k == 0 ? with : without
            config.period = Double(changeDay) * day
            config.firstPeriodLabel = nil
            if k == 0 { with = config } else { without = config }
        }
        return (with, without)
    }

    @Test func changesTakeEffectAtTheirDates() throws {
        let (with, without) = try Self.wholeSystem()
        let change = Double(7 + Self.changeDay) * Self.day
        #expect(with.epochs.map { $0.from } == [change])
        let community = try #require(with.community)
        #expect(community.levels["L01"]?.map { $0.from } == [change])
        #expect(community.level(of: "L01", at: change - 1) == 0 && community.level(of: "L01", at: change) == 4)
        #expect(without.epochs.isEmpty && without.community?.levels.isEmpty == true)

        let configs = [with, without]
        let runs = ReplicationRunner(threads: 2).map(2) { Replication.run(configs[$0], seed: 2016, replication: 0) }
        let (a, b) = (runs[0], runs[1])
        let sites = with.sites.map(\.id)
        let first = ["system@year 1"] + sites.map { "\($0)@year 1" }
        #expect(a.scope(key: "system@year 2") != nil && a.scope(key: "system@year 3") == nil, "\(a.scopes)")

        // Before the date nothing differs, not a bit.
        let before = Self.differences(a, b, scopes: first)
        #expect(before.isEmpty, "before the change:\n\(before.joined(separator: "\n"))")

        func v(_ r: ReplicationResult, _ name: String, _ scope: String) throws -> Double {
            try #require(r.value(name, scopeKey: scope), "no \(name) in \(scope)")
        }
        // Walk-ins (with the unchanged 111 callers sent to A&E, 17.7 a
        // year per 1,000 against 153.3 direct): about 55% after the change.
        let expected = (76.65 + 230 * 0.077) / (153.3 + 230 * 0.077)
        let after = try v(a, "ae_walk_in_arrivals_per_day", "system@year 2")
            / v(b, "ae_walk_in_arrivals_per_day", "system@year 2")
        #expect(abs(after - expected) < 0.04, "walk-ins after / reference: \(after), expected \(expected)")
        let within = try v(a, "ae_walk_in_arrivals_per_day", "system@year 2")
            / v(a, "ae_walk_in_arrivals_per_day", "system@year 1")
        #expect(abs(within - expected) < 0.05, "walk-ins year 2 / year 1: \(within)")
        let reference = try v(b, "ae_walk_in_arrivals_per_day", "system@year 2")
            / v(b, "ae_walk_in_arrivals_per_day", "system@year 1")
        #expect(abs(reference - 1) < 0.05, "reference walk-ins year 2 / year 1: \(reference)")

        // The small fleet dispatches far fewer vehicles once it is on.
        let dispatches = (try v(a, "ambulance_dispatches_per_day", "system@year 2"),
                          try v(b, "ambulance_dispatches_per_day", "system@year 2"))
        #expect(dispatches.0 < 0.7 * dispatches.1, "dispatches a day after the change: \(dispatches)")

        // L01's MDT has its level-0 places for 20 days and its level-4
        // places for 20: the time-weighted mean is exactly their midpoint;
        // other localities are unchanged.
        let population = try #require(with.network?.localities.first { $0.id == "L01" }?.population)
        let level0 = Double(community.mdt.places(population: population, level: 0))
        let level4 = Double(community.mdt.places(population: population, level: 4))
        #expect(level4 > level0)
        let places = try v(a, "mdt_places_mean", "L01")
        #expect(abs(places - (level0 + level4) / 2) < 1e-9, "L01 places \(places), levels 0/4: \(level0)/\(level4)")
        #expect(try v(b, "mdt_places_mean", "L01") == level0)
        #expect(try v(a, "mdt_places_mean", "L02") == v(b, "mdt_places_mean", "L02"))
        let systemPlaces = (try v(a, "mdt_places_mean", "system@year 1"), try v(a, "mdt_places_mean", "system@year 2"))
        #expect(abs(systemPlaces.1 - systemPlaces.0 - (level4 - level0)) < 1e-6, "system places by period: \(systemPlaces)")
        // Level 4 is also three times as effective (0.6 against 0.2 of the
        // eligible referrals managed at home): L01 accepts more.
        #expect(try v(a, "mdt_referrals_accepted_per_day", "L01") > v(b, "mdt_referrals_accepted_per_day", "L01"))
        #expect(a.conservesPatients && b.conservesPatients)
    }

    // MARK: dates

    /// Financial quarters ("2016/17 Q2": 1 July 2016; Q4 is January of the
    /// second calendar year) and ISO dates become minutes from the start
    /// of the warm-up; dates before the measured period count from 0.
    @Test func datesAreConvertedFromTheStartOfTheMeasuredPeriod() throws {
        let plan = try Scenario.load(path: CommunityFixture.shipped("stp-plan")).config
        let warmup = plan.warmup
        #expect(warmup == 28 * Self.day)
        #expect(plan.firstPeriodLabel == "2016/17")
        // The timeline: each 1 April from 2017.
        let april: [Double] = [365, 730, 1095, 1461].map { warmup + $0 * Self.day }
        #expect(plan.epochs.map { $0.from } == april)
        let community = try #require(plan.community)
        // L07: 2016/17 Q2, 2017/18 Q1, 2017/18 Q4, 2018/19 Q4.
        let l07: [Double] = [91, 365, 640, 1005].map { warmup + $0 * Self.day }
        #expect(community.levels["L07"]?.map { $0.from } == l07)
        #expect(community.levels["L07"]?.map { $0.level } == [1, 2, 3, 4])
        #expect(community.level(of: "L01", at: 0) == 0)
        #expect(community.level(of: "L01", at: warmup + 183 * Self.day) == 1)
        #expect(community.level(of: "L01", at: warmup + 183 * Self.day - 1) == 0)

        // The 2020/21 plan world: every level-4 step (2019/20 Q1) is before
        // its start, so every locality is at level 4 from the beginning.
        let world = try Scenario.load(path: PackagePaths.scenario("mse/plan-2020-21/baseline.yaml")).config
        #expect(world.firstPeriodLabel == "2020/21")
        let levels = try #require(world.community).levels
        #expect(levels.count == 26)
        #expect(levels.values.allSatisfy { steps in steps.map { $0.from } == [0] && steps.map { $0.level } == [4] })
    }
}
