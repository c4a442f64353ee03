import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// One short replication of each of the six shipped scenarios, with the
/// same seed, run once and shared by the tests below (a debug build
/// simulates a year of the whole system in several seconds).
enum MSEShortRuns {
    static let warmupDays = 7
    static let horizonDays = 28
    static let seed: UInt64 = 2016

    struct Failure: Error, Sendable, CustomStringConvertible { let description: String }

    static let configs: Result<[String: ModelConfig], Failure> = {
        do {
            var configs: [String: ModelConfig] = [:]
            for name in MSEScenario.all {
                configs[name] = try MSEScenario.load(name, warmupDays: warmupDays, horizonDays: horizonDays)
            }
            return .success(configs)
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    /// Replication 0 of every scenario, on two threads.
    static let results: Result<[String: ReplicationResult], Failure> = configs.map { configs in
        let names = MSEScenario.all
        let runs = ReplicationRunner(threads: 2).map(names.count) { i in
            Replication.run(configs[names[i]]!, seed: seed, replication: 0)
        }
        return Dictionary(uniqueKeysWithValues: zip(names, runs))
    }

    static func config(_ name: String) throws -> ModelConfig { try #require(configs.get()[name]) }
    static func result(_ name: String) throws -> ReplicationResult { try #require(results.get()[name]) }
}

/// The demand of a scenario redrawn outside the model, exactly as the
/// model draws it: for each locality and channel, arrival times from the
/// stream "demand/<channel>/<locality>" (`RateProfile.nextArrival`) and the
/// patient group (for NHS 111: the disposition, then the group of those
/// sent on) from "casemix/<channel>/<locality>" (`Categorical.sample`).
struct RedrawnDemand {
    struct Arrival: Hashable {
        let time: Double
        let channel: DemandChannel
        let locality: String
        /// NHS 111 only: the disposition.
        let disposition: NHS111Disposition?
        /// nil for 111 callers not sent to A&E or an ambulance.
        let group: String?
    }

    let arrivals: [Arrival]
    /// Times and sites of the direct `arrivals` sources' patients (walk-ins at a named site).
    let direct: [(time: Double, site: String)]

    init(_ config: ModelConfig, seed: UInt64, replication: Int, until end: Double) {
        let network = config.network!
        let streams = RandomStreams(masterSeed: seed, replication: replication)
        var arrivals: [Arrival] = []
        // Month-of-year factors, as the model applies them.
        func monthly(_ rate: RateProfile, _ factors: [Double]?) -> RateProfile {
            guard let factors, let calendar = config.monthOfYear else { return rate }
            return rate.withDailyFactors(calendar.dailyFactors(monthsFromStart: factors))
        }
        var direct: [(time: Double, site: String)] = []
        for source in config.arrivals where source.channel == .walkIn {
            let timing = streams.stream("arrivals/\(source.id)")
            let rate = monthly(source.rate, source.monthlyFactor)
            var t = rate.nextArrival(after: 0, stream: timing)
            while t < end {
                direct.append((t, source.site))
                t = rate.nextArrival(after: t, stream: timing)
            }
        }
        self.direct = direct
        for locality in network.localities {
            for demand in network.demand {
                let name = "\(demand.channel.rawValue)/\(locality.id)"
                let timing = streams.stream("demand/\(name)"), casemix = streams.stream("casemix/\(name)")
                let rate = monthly(demand.rate(population: locality.population), demand.monthlyFactor)
                var t = rate.nextArrival(after: 0, stream: timing)
                while t < end {
                    var disposition: NHS111Disposition? = nil
                    var group: String? = nil
                    if demand.channel == .nhs111, let nhs111 = network.nhs111 {
                        let shares = NHS111Disposition.allCases.map { d in
                            nhs111.dispositions.first { $0.disposition == d }?.share ?? 0
                        }
                        let d = NHS111Disposition.allCases[Categorical(shares).sample(casemix)]
                        disposition = d
                        switch d {
                        case .emergencyDepartment:
                            let mix = nhs111.emergencyDepartmentMix
                            group = mix[Categorical(mix.map(\.share)).sample(casemix)].group
                        case .ambulance:
                            group = nhs111.ambulanceMix[Categorical(nhs111.ambulanceMix.map(\.share)).sample(casemix)].group
                        case .selfCare, .primaryCare, .otherService:
                            break
                        }
                    } else {
                        group = demand.mix[Categorical(demand.mix.map(\.share)).sample(casemix)].group
                    }
                    arrivals.append(Arrival(time: t, channel: demand.channel, locality: locality.id,
                                            disposition: disposition, group: group))
                    t = rate.nextArrival(after: t, stream: timing)
                }
            }
        }
        withExtendedLifetime(streams) {}
        self.arrivals = arrivals
    }

    /// Arrivals in the measured window [from, to).
    func window(_ from: Double, _ to: Double) -> [Arrival] { arrivals.filter { $0.time >= from && $0.time < to } }

    /// Counts by (locality, channel, hour of day, group or disposition).
    var countsByLocalityHourAndGroup: [String: Int] {
        var counts: [String: Int] = [:]
        for a in arrivals {
            let what = a.group ?? a.disposition?.rawValue ?? "-"
            counts["\(a.locality) \(a.channel.rawValue) \(CalendarTime.hourOfDay(a.time)) \(what)", default: 0] += 1
        }
        return counts
    }

    /// 999 incidents: 999 calls plus 111 calls sent an ambulance.
    static func isIncident(_ a: Arrival) -> Bool {
        a.channel == .ambulance999 || (a.channel == .nhs111 && a.disposition == .ambulance)
    }

    /// Walk-ins to A&E: walk-ins plus 111 callers sent to A&E.
    static func isWalkIn(_ a: Arrival) -> Bool {
        a.channel == .walkIn || (a.channel == .nhs111 && a.disposition == .emergencyDepartment)
    }

    /// Hear-and-treat incidents in [from, to): each group's 999 outcomes
    /// come from "ambulance/outcome/<group>" in call order.
    func hearAndTreat(_ config: ModelConfig, seed: UInt64, replication: Int, from: Double, to: Double) -> Int {
        let streams = RandomStreams(masterSeed: seed, replication: replication)
        let outcome = Dictionary(uniqueKeysWithValues: config.groups.map { g in
            (g.id, (Categorical([g.ambulance.hearAndTreat, g.ambulance.seeAndTreat, max(g.ambulance.convey, 0)]),
                    streams.stream("ambulance/outcome/\(g.id)")))
        })
        var count = 0
        for a in arrivals.filter(Self.isIncident).sorted(by: { $0.time < $1.time }) where a.time < to {
            let (categorical, stream) = outcome[a.group!]!
            if categorical.sample(stream) == 0 && a.time >= from { count += 1 }
        }
        withExtendedLifetime(streams) {}
        return count
    }
}

/// The whole network in every scenario: common random numbers (the same
/// patients fall ill in all six), conservation of patients, determinism
/// across thread counts, and SUHFT as a local emergency centre in a run.
@Suite struct NetworkModelTests {
    static let day = 1_440.0

    // MARK: common random numbers

    /// Redrawn outside the model, the demand of 14 days (every arrival's
    /// time, locality, channel, 111 disposition and patient group) is the
    /// same in all six scenarios, and so are its counts by locality, hour
    /// and group.
    @Test func theSameDemandIsDrawnInEveryScenario() throws {
        let end = 14 * Self.day
        let reference = RedrawnDemand(try MSEScenario.load(MSEScenario.baseline), seed: 2016, replication: 0, until: end)
        #expect(reference.arrivals.count > 15_000, "\(reference.arrivals.count) arrivals in 14 days")
        // Every channel, locality and group is represented.
        #expect(Set(reference.arrivals.map(\.channel)).count == DemandChannel.allCases.count)
        #expect(Set(reference.arrivals.map(\.locality)).count == 26)
        #expect(Set(reference.arrivals.compactMap(\.group)).count == 7)
        let counts = reference.countsByLocalityHourAndGroup
        for name in MSEScenario.options {
            let option = RedrawnDemand(try MSEScenario.load(name), seed: 2016, replication: 0, until: end)
            #expect(option.arrivals.count == reference.arrivals.count, "\(name)")
            #expect(option.arrivals == reference.arrivals, "\(name): the demand differs from the baseline's")
            #expect(option.countsByLocalityHourAndGroup == counts, "\(name)")
        }
        // A different replication draws different demand (the check has power).
        let other = RedrawnDemand(try MSEScenario.load(MSEScenario.baseline), seed: 2016, replication: 1, until: end)
        #expect(other.arrivals != reference.arrivals)
    }

    /// The redrawn demand is the model's demand: in a run of each scenario
    /// the counts that depend only on arrivals (111 calls by disposition,
    /// 999 incidents, hear and treat, walk-ins) are exactly those of the
    /// redrawn stream in the measured window, and each site's walk-ins are
    /// those the routing table sends there.
    @Test(arguments: MSEScenario.all)
    func theModelDrawsExactlyTheRedrawnDemand(_ name: String) throws {
        let config = try MSEShortRuns.config(name)
        let result = try MSEShortRuns.result(name)
        let from = config.warmup, to = config.warmup + config.horizon
        let days = config.horizon / Self.day
        let demand = RedrawnDemand(config, seed: MSEShortRuns.seed, replication: 0, until: to)
        let window = demand.window(from, to)
        func count(_ metric: String, scope: String = "system") throws -> Int {
            let perDay = try #require(result.value(metric, scopeKey: scope), "\(name): no \(metric) in \(scope)")
            return Int((perDay * days).rounded())
        }
        #expect(try count("nhs111_calls_per_day") == window.filter { $0.channel == .nhs111 }.count, "\(name)")
        for d in NHS111Disposition.allCases {
            #expect(try count("nhs111_\(d.rawValue)_per_day") == window.filter { $0.disposition == d }.count,
                    "\(name): \(d.rawValue)")
        }
        #expect(try count("ambulance_incidents_per_day") == window.filter(RedrawnDemand.isIncident).count, "\(name)")
        #expect(try count("hear_and_treat_per_day")
                == demand.hearAndTreat(config, seed: MSEShortRuns.seed, replication: 0, from: from, to: to), "\(name)")
        let walkIns = window.filter(RedrawnDemand.isWalkIn)
        let direct = demand.direct.filter { $0.time >= from && $0.time < to }
        #expect(try count("ae_walk_in_arrivals_per_day") == walkIns.count + direct.count, "\(name)")
        let (table, _) = RoutingTable.build(config)
        let localityIndex = Dictionary(uniqueKeysWithValues: config.network!.localities.enumerated().map { ($1.id, $0) })
        // Walk-ins go to their nearest A&E, except those who follow the
        // ambulances elsewhere (network.walk_ins_follow_ambulance): counted
        // where they arrive (site) and where they come from (locality).
        for (s, site) in config.sites.enumerated() {
            let routedHere = walkIns.filter { a in
                table.walkIn[localityIndex[a.locality]! * config.groups.count + config.groupIndex(a.group!)!] == s
            }
            let divertedIn = try count("walk_ins_diverted_per_day", scope: site.id)
            var divertedOut = 0
            for (l, locality) in config.network!.localities.enumerated() where table.walkIn[l * config.groups.count] == s {
                divertedOut += try count("walk_ins_diverted_per_day", scope: locality.id)
            }
            #expect(try count("ae_walk_in_arrivals_per_day", scope: site.id) == routedHere.count - divertedOut + divertedIn
                    + direct.filter { $0.site == site.id }.count,
                    "\(name): \(site.id)")
        }
        if name == MSEScenario.baseline { #expect(try count("walk_ins_diverted_per_day") == 0) }
    }

    /// End to end: with the same seed, the counts driven only by demand
    /// are exactly equal in all six scenarios, whatever their routing.
    @Test func demandDrivenCountsAreIdenticalInAllSixScenarios() throws {
        let metrics = ["nhs111_calls_per_day", "ambulance_incidents_per_day", "hear_and_treat_per_day",
                       "ae_walk_in_arrivals_per_day"]
            + NHS111Disposition.allCases.map { "nhs111_\($0.rawValue)_per_day" }
        let baseline = try MSEShortRuns.result(MSEScenario.baseline)
        for metric in metrics {
            let reference = try #require(baseline.value(metric), "no \(metric)")
            #expect(reference > 0, "\(metric)")
            for name in MSEScenario.options {
                let value = try #require(try MSEShortRuns.result(name).value(metric), "\(name): no \(metric)")
                #expect(value == reference, "\(metric): \(name) \(value) vs baseline \(reference)")
            }
        }
        // The options do change what happens after arrival (the check is
        // not comparing six copies of one run).
        let transfers = try MSEScenario.all.map { try MSEShortRuns.result($0).value("transfers_out_per_day") ?? -1 }
        #expect(transfers[0] == 0 && transfers.dropFirst().allSatisfy { $0 > 0 }, "transfers per day: \(transfers)")
    }

    // MARK: conservation and determinism

    /// Across the whole network (sites, ambulances, transfers, beds),
    /// every patient who arrived has left or is still inside.
    @Test(arguments: MSEScenario.all)
    func patientsAreConservedAcrossTheNetwork(_ name: String) throws {
        let r = try MSEShortRuns.result(name)
        #expect(r.conservesPatients, "\(name): arrived \(r.arrived), left \(r.left), inside \(r.stillInside)")
        #expect(r.arrived > 20_000 && r.left > 0 && r.stillInside > 0, "\(name): \(r.arrived), \(r.left), \(r.stillInside)")
        #expect(r.measuredJourneys <= r.left)
        // Each site's figures add up to the system's.
        for metric in ["ae_attendances_per_day", "admissions_per_day", "transfers_out_per_day",
                       "elective_admissions_per_day", "ae_ambulance_arrivals_per_day"] {
            let system = try #require(r.value(metric), "\(name): no \(metric)")
            let sites = r.scopes.dropFirst().compactMap { r.value(metric, scope: $0) }.reduce(0, +)
            #expect(abs(system - sites) < 1e-9 * max(1, system), "\(name): \(metric) system \(system), sites \(sites)")
        }
    }

    /// Replications are the same whether run on one thread or two.
    @Test func resultsDoNotDependOnTheNumberOfThreads() throws {
        let config = try MSEScenario.load(MSEScenario.baseline, warmupDays: 3, horizonDays: 14)
        let one = ReplicationRunner(threads: 1).run(config, seed: 7, replications: 2)
        let two = ReplicationRunner(threads: 2).run(config, seed: 7, replications: 2)
        #expect(one.patients == two.patients && one.events == two.events)
        #expect(one.scopes == two.scopes && one.metricNames == two.metricNames)
        var compared = 0, differ = 0
        for scope in one.scopes {
            for name in one.metricNames {
                guard let a = one.summary(name, scope: scope) else { continue }
                let b = try #require(two.summary(name, scope: scope), "\(scope) \(name)")
                let same = zip(a.perReplication, b.perReplication).allSatisfy { $0.bitPattern == $1.bitPattern }
                #expect(same, "\(scope) \(name): \(a.perReplication) vs \(b.perReplication)")
                compared += 1
                if a.perReplication[0] != a.perReplication[1] { differ += 1 }
            }
        }
        #expect(compared > 100)
        // The two replications are different runs.
        #expect(differ > 10)
    }

    // MARK: SUHFT as a local emergency centre, in a run

    /// In 2A and 2B SUHFT admits no emergency patient: its non-elective
    /// admissions are zero, it transfers patients out every day, and its
    /// elective beds are used.
    @Test(arguments: ["option-2A", "option-2B"])
    func suhftAdmitsNoEmergencyPatientsInARun(_ name: String) throws {
        let r = try MSEShortRuns.result(name)
        func value(_ metric: String) throws -> Double {
            try #require(r.value(metric, scopeKey: "SUHFT"), "\(name): no SUHFT \(metric)")
        }
        #expect(try value("admissions_per_day") == 0)
        #expect(try value("gp_admissions_per_day") == 0)
        #expect(try value("trolley_waits_12h") == 0)
        let transfers = try value("transfers_out_per_day")
        #expect(transfers > 5, "\(name): SUHFT transfers \(transfers) a day")
        #expect(try value("elective_admissions_per_day") > 100)
        #expect(try value("ae_ambulance_arrivals_per_day") > 0)
        // The other sites admit, and receive the transfers.
        for site in ["BTUHFT", "MEHT"] {
            #expect((r.value("admissions_per_day", scopeKey: site) ?? 0) > 50, "\(name): \(site)")
        }
    }
}
