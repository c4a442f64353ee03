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

    @Test func standbyPointsShareTheRotaExactly() {
        let shares = [0.14, 0.06, 0.14, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.13, 0.08, 0.06, 0.14]
        for total in [0, 1, 7, 21, 58] {
            let counts = StandbyPointConfig.apportion(total, shares: shares)
            #expect(counts.reduce(0, +) == total)
            for (k, c) in counts.enumerated() { #expect(abs(Double(c) - shares[k] * Double(total)) < 1) }
        }
    }
}
