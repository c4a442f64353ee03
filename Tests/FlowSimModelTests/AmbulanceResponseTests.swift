import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Response categories, standby points and access (issue 10): short runs
/// of the shipped baseline, paired by seed.
@Suite struct AmbulanceResponseTests {
    static let seed: UInt64 = 2016

    /// The baseline over 7 + 14 days, with `overrides` on top.
    static func baseline(_ overrides: [(path: String, yaml: String)] = [], name: String = "baseline") throws -> ModelConfig {
        var config = try Scenario.load(path: MSEScenario.path(MSEScenario.baseline),
                                       overrides: [("run.warmup", "7 days"), ("run.horizon", "14 days")] + overrides).config
        config.name = name
        return config
    }

    /// Every conveyance 20 blue-light minutes longer, by `--set` on each
    /// locality (its travel times given outright, the road times and
    /// location unchanged; the routing does not change: every site is 20
    /// minutes further).
    @Test func longerConveyanceRaisesCategory2Response() throws {
        let base = try Self.baseline()
        let geography = try String(contentsOfFile: PackagePaths.scenario("mse/data/mse-geography.csv"), encoding: .utf8)
        var location: [String: String] = [:]
        for line in geography.split(separator: "\n") where line.hasPrefix("locality,") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            location[String(cells[1])] = "{latitude: \(cells[4]), longitude: \(cells[5])}"
        }
        var overrides: [(path: String, yaml: String)] = []
        for locality in base.network!.localities {
            func minutes(_ values: [Double], plus: Double) -> String {
                "{" + base.sites.indices.map { String(format: "%@: %.4f min", base.sites[$0].id, values[$0] + plus) }
                    .joined(separator: ", ") + "}"
            }
            let where_ = try #require(location[locality.id])
            overrides.append(("localities.\(locality.id)", """
                {name: \(locality.name), ccg: \(locality.ccg), population: \(locality.population), location: \(where_), \
                travel_minutes: {general: \(minutes(locality.generalMinutes, plus: 0)), \
                blue_light: \(minutes(locality.blueLightMinutes, plus: 20))}}
                """))
        }
        let longer = try Self.baseline(overrides, name: "longer conveyance")
        let runner = ReplicationRunner(threads: 2)
        let comparison = Comparison(options: [runner.run(base, seed: Self.seed, replications: 3),
                                              runner.run(longer, seed: Self.seed, replications: 3)])
        let d = try #require(comparison.differences["longer conveyance"]?[.system])
        let c2 = try #require(d["ambulance_response_c2_mean_min"])
        #expect(c2.ci95Low > 0, "C2 mean change \(c2.mean) [\(c2.ci95Low), \(c2.ci95High)]")
        let utilisation = try #require(d["fleet_utilisation"])
        #expect(utilisation.ci95Low > 0)
        // Travel to the site grows by the 20 minutes for every group.
        let travel = try #require(d["travel_ambulance_stroke_min"])
        #expect(abs(travel.mean - 20) < 1e-3)
    }

    /// With 24 vehicles round the clock (about 60% of the rota's mean), calls queue for vehicles, and category 1
    /// goes to the front: it is answered faster than category 2, whose
    /// 90th centile passes the 40-minute standard.
    @Test func categoryOneIsAnsweredFasterThanCategoryTwoUnderLoad() throws {
        let config = try Self.baseline([("network.ambulance.vehicles", "24")])
        let r = Replication.run(config, seed: Self.seed, replication: 0)
        let system = try #require(r.values[.system])
        let c1 = try #require(system["ambulance_response_c1_mean_min"])
        let c2 = try #require(system["ambulance_response_c2_mean_min"])
        let c3 = try #require(system["ambulance_response_c3_mean_min"])
        #expect(c1 < c2 && c2 < c3, "C1 \(c1), C2 \(c2), C3 \(c3)")
        #expect(try #require(system["ambulance_response_c2_p90_min"]) > 40)
        #expect(try #require(system["fleet_utilisation"]) > 0.9)
    }

    /// Every locality has its scope, with its responses, travel and
    /// access; sites report their catchment's responses.
    @Test func everyLocalityHasTravelAndAccessFigures() throws {
        let config = try Self.baseline()
        let r = Replication.run(config, seed: Self.seed, replication: 0)
        let names = ["ambulance_response_c1_mean_min", "ambulance_response_c2_p90_min", "travel_to_specialist_mean_min",
                     "travel_to_nearest_ae_min", "population_within_45min_specialist", "travel_ambulance_stroke_min",
                     "walk_ins_diverted_per_day"]
        var population = 0.0
        for locality in config.network!.localities {
            let values = try #require(r.values[.locality(locality.id)], "\(locality.id)")
            for name in names { #expect(values[name] != nil, "\(locality.id): \(name)") }
            #expect(values["travel_to_specialist_mean_min"]! > 0)
            population += values["population_within_60min_specialist"]!
        }
        let system = try #require(r.values[.system])
        #expect(abs(system["population_within_60min_specialist"]! - population) < 1e-6)
        #expect(system["population_within_60min_ae"]! >= system["population_within_30min_ae"]!)
        for site in config.sites {
            #expect(r.values[.site(site.id)]?["ambulance_response_c2_mean_min"] ?? 0 > 0, "\(site.id)")
        }
        // The layout knows the locality scopes without a community side.
        let layout = MetricLayout(config)
        #expect(layout.scopes.filter { $0.kind == .locality }.count == 26)
        #expect(!layout.metrics(at: .locality("L01")).contains { $0.name == "mdt_places_mean" })
    }

    /// Walk-ins who follow the ambulances: none move when every site takes
    /// everything and the nearest by road is the nearest by blue light;
    /// under option 1A some go to the specialist site.
    @Test func walkInsFollowTheAmbulancesUnderAnOption() throws {
        var option = try MSEScenario.load("option-1A", warmupDays: 7, horizonDays: 14)
        option.network!.walkInsFollowAmbulance = 1
        let r = Replication.run(option, seed: Self.seed, replication: 0)
        let diverted = try #require(r.values[.system]?["walk_ins_diverted_per_day"])
        #expect(diverted > 0)
        #expect((r.values[.site("BTUHFT")]?["walk_ins_diverted_per_day"] ?? 0) > 0.9 * diverted)
        option.network!.walkInsFollowAmbulance = 0
        let none = Replication.run(option, seed: Self.seed, replication: 0)
        #expect(none.values[.system]?["walk_ins_diverted_per_day"] == 0)
    }

    /// Rapid response cars (the baseline's, for category 1) against none,
    /// paired by seed. The cars draw from their own stream and take no
    /// ambulance, so the ambulance service and A&E run the same; category 1
    /// responses, the first of car and crew, can only be faster, and the
    /// other categories do not change.
    @Test func rapidResponseCarsShortenCategoryOneOnly() throws {
        let withCars = try Self.baseline()
        #expect(withCars.network!.ambulance.rapidResponse?.categories == [0])
        var without = withCars
        without.network!.ambulance.rapidResponse = nil
        let a = try #require(Replication.run(withCars, seed: Self.seed, replication: 0).values[.system])
        let b = try #require(Replication.run(without, seed: Self.seed, replication: 0).values[.system])
        let c1 = try #require(a["ambulance_response_c1_mean_min"]), c1Without = try #require(b["ambulance_response_c1_mean_min"])
        #expect(c1 < c1Without - 2, "C1 mean \(c1) with cars, \(c1Without) without")
        #expect(a["ambulance_response_c1_p90_min"]! < b["ambulance_response_c1_p90_min"]!)
        for same in ["ambulance_response_c2_mean_min", "ambulance_response_c3_p90_min", "ae_within_4h",
                     "fleet_utilisation", "ambulance_dispatches_per_day"] {
            #expect(a[same] == b[same], "\(same): \(a[same] ?? -1) with cars, \(b[same] ?? -1) without")
        }
        let share = try #require(a["ambulance_response_c1_car_first"])
        #expect(share > 0.3 && share < 1, "share of C1 first reached by a car \(share)")
        #expect(b["ambulance_response_c1_car_first"] == 0 && b["rapid_response_dispatches_per_day"] == 0)
        // About as many cars sent as category 1 calls (a few find none free).
        let calls = try #require(a["rapid_response_dispatches_per_day"])
        #expect(calls > 10 && calls < 40, "cars sent per day \(calls)")
    }

    /// 40 cars round the clock, sent to category 2 as well as 1: category 2
    /// is answered faster, many more cars go out, and A&E runs the same.
    @Test func rapidResponseCarsForCategoryTwo() throws {
        let c1Only = try Self.baseline([("network.ambulance.rapid_response.cars", "40")])
        let both = try Self.baseline([("network.ambulance.rapid_response.cars", "40"),
                                      ("network.ambulance.rapid_response.categories", "[c1, c2]")])
        let a = try #require(Replication.run(c1Only, seed: Self.seed, replication: 0).values[.system])
        let b = try #require(Replication.run(both, seed: Self.seed, replication: 0).values[.system])
        #expect(b["ambulance_response_c2_mean_min"]! < a["ambulance_response_c2_mean_min"]! - 2)
        #expect(b["rapid_response_dispatches_per_day"]! > 5 * a["rapid_response_dispatches_per_day"]!)
        #expect(a["ae_within_4h"] == b["ae_within_4h"])
    }

    @Test func standbyPointsShareTheRotaExactly() {
        let shares = [0.14, 0.06, 0.14, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.13, 0.08, 0.06, 0.14]
        for total in [0, 1, 7, 21, 58] {
            let counts = StandbyPointConfig.apportion(total, shares: shares)
            #expect(counts.reduce(0, +) == total)
            for (k, c) in counts.enumerated() { #expect(abs(Double(c) - shares[k] * Double(total)) < 1) }
        }
    }
}
