import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// The six shipped Mid and South Essex scenarios, for the routing, network
/// and calibration tests.
enum MSEScenario {
    static let baseline = "baseline"
    static let options = ["option-1A", "option-1B", "option-1C", "option-2A", "option-2B"]
    static let all = [baseline] + options

    static func path(_ name: String) -> String { PackagePaths.scenario("mse/\(name).yaml") }

    /// A shipped scenario, optionally with a shortened run (debug builds
    /// simulate a year of the whole system in several seconds).
    static func load(_ name: String, warmupDays: Int? = nil, horizonDays: Int? = nil) throws -> ModelConfig {
        var overrides: [(path: String, yaml: String)] = []
        if let horizonDays { overrides.append(("run.horizon", "\(horizonDays) days")) }
        if let warmupDays { overrides.append(("run.warmup", "\(warmupDays) days")) }
        return try Scenario.load(path: path(name), overrides: overrides).config
    }
}

/// A scenario's routing table with its indices resolved by id.
struct MSERoutes {
    let name: String
    let config: ModelConfig
    let table: RoutingTable
    let problems: [RoutingTable.Problem]

    init(_ name: String) throws {
        self.name = name
        config = try MSEScenario.load(name)
        (table, problems) = RoutingTable.build(config)
    }

    var network: NetworkConfig { config.network! }
    var localities: [LocalityConfig] { network.localities }
    var groupIDs: [String] { config.groups.map(\.id) }

    func site(_ id: String) throws -> Int { try #require(config.siteIndex(id), "\(name): no site \(id)") }
    func group(_ id: String) throws -> Int { try #require(config.groupIndex(id), "\(name): no group \(id)") }
    func siteID(_ s: Int) -> String { s >= 0 ? config.sites[s].id : "nowhere" }

    /// The role of a site, as the scenario defines it.
    func role(ofSite id: String) throws -> RoleConfig {
        let s = try site(id)
        let roleID = try #require(config.sites[s].role, "\(name): site \(id) has no role")
        return try #require(network.roles.first { $0.id == roleID }, "\(name): no role \(roleID)")
    }

    func ambulance(_ l: Int, _ g: Int, _ hour: Int) -> Int { table.ambulanceSite(locality: l, group: g, hour: hour) }
    func walkIn(_ l: Int, _ g: Int) -> Int { table.walkIn[l * config.groups.count + g] }
    func gpAdmission(_ l: Int, _ g: Int) -> Int { table.gpAdmission[l * config.groups.count + g] }
    func canAdmit(_ s: Int, _ g: Int) -> Bool { table.canAdmit[s * config.groups.count + g] }
    func transfer(_ s: Int, _ g: Int) -> Int { table.transfer[s * config.groups.count + g] }

    /// Groups that some 999 call or 111 ambulance disposition can bring.
    var ambulanceGroups: Set<String> {
        Set(network.demand.filter { $0.channel == .ambulance999 }.flatMap { $0.mix.map(\.group) }
            + (network.nhs111?.ambulanceMix.map(\.group) ?? []))
    }

    /// Whether a site's role lets an ambulance bring `group` at `hour`,
    /// written out here from the role's fields (not with
    /// `RoleConfig.acceptsAmbulance`), so the test checks the model's rule.
    func accepts(site s: Int, group: String, hour: Int) -> Bool {
        guard let roleID = config.sites[s].role, let role = network.roles.first(where: { $0.id == roleID }) else {
            return true
        }
        switch role.ambulances {
        case .all: return true
        case .givenOnly: return role.givenGroups.contains(group)
        case .daytimeAndGiven:
            let from = role.daytimeFrom, to = role.daytimeTo
            let daytime = from < to ? (from...(to - 1)).contains(hour)
                                    : (hour >= from || hour < to)
            return daytime || role.givenGroups.contains(group)
        }
    }

    /// The least of `minutes` over the sites that pass `filter` (nil if none).
    func nearestMinutes(_ minutes: [Double], where filter: (Int) -> Bool) -> Double? {
        config.sites.indices.filter(filter).map { minutes[$0] }.min()
    }
}

/// Where the routing tables send patients (no simulation): the rules of
/// issue 3 ("Routing" under Tests) read off `RoutingTable.build` for every
/// locality, patient group and hour of the day.
@Suite struct RoutingTests {
    static let hours = 0..<24

    @Test(arguments: MSEScenario.all)
    func everyShippedScenarioIsRoutable(_ name: String) throws {
        let r = try MSERoutes(name)
        #expect(r.problems.isEmpty, "\(name): \(r.problems)")
        #expect(r.localities.count == 26)
        #expect(r.config.sites.map(\.id) == ["BTUHFT", "MEHT", "SUHFT"])
        #expect(r.table.ambulance.count == 26 * r.config.groups.count * 24)
        // Every group an ambulance can carry has somewhere to go at every
        // hour, and every walk-in has an A&E.
        for l in r.localities.indices {
            for (g, group) in r.groupIDs.enumerated() {
                #expect(r.walkIn(l, g) >= 0, "\(name): walk-in \(group) from \(r.localities[l].id)")
                guard r.ambulanceGroups.contains(group) else { continue }
                for hour in Self.hours {
                    #expect(r.ambulance(l, g, hour) >= 0, "\(name): \(group) from \(r.localities[l].id) at \(hour):00")
                }
            }
        }
    }

    /// In every scenario an ambulance goes to the nearest site (blue-light
    /// minutes) whose role accepts the patient's group at that hour.
    @Test(arguments: MSEScenario.all)
    func everyAmbulanceGoesToTheNearestSiteThatAcceptsIt(_ name: String) throws {
        let r = try MSERoutes(name)
        var wrong: [String] = []
        for (l, locality) in r.localities.enumerated() {
            for (g, group) in r.groupIDs.enumerated() {
                for hour in Self.hours {
                    let s = r.ambulance(l, g, hour)
                    guard let best = r.nearestMinutes(locality.blueLightMinutes, where: {
                        r.accepts(site: $0, group: group, hour: hour)
                    }) else {
                        if s >= 0 { wrong.append("\(locality.id) \(group) \(hour):00 -> \(r.siteID(s)), accepted nowhere") }
                        continue
                    }
                    if s < 0 || !r.accepts(site: s, group: group, hour: hour) || locality.blueLightMinutes[s] != best {
                        wrong.append("\(locality.id) \(group) \(hour):00 -> \(r.siteID(s)) (nearest accepting: \(best) min)")
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(name): \(wrong.count) wrong, e.g. \(wrong.prefix(5))")
    }

    /// Today every site takes everything: every ambulance goes to the
    /// nearest site by blue-light minutes, every walk-in and GP admission
    /// to the nearest by road, and nobody needs a transfer.
    @Test func baselineSendsEveryoneToTheNearestSite() throws {
        let r = try MSERoutes(MSEScenario.baseline)
        #expect(r.config.sites.allSatisfy { $0.role == "district_general" })
        var received = Set<Int>()
        for (l, locality) in r.localities.enumerated() {
            let nearestBlue = try #require(locality.blueLightMinutes.min())
            let nearestRoad = try #require(locality.generalMinutes.min())
            for g in r.groupIDs.indices {
                for hour in Self.hours {
                    let s = r.ambulance(l, g, hour)
                    #expect(s >= 0 && locality.blueLightMinutes[s] == nearestBlue,
                            "\(locality.id) \(r.groupIDs[g]) at \(hour):00 -> \(r.siteID(s)), blue-light \(locality.blueLightMinutes)")
                    received.insert(s)
                }
                let w = r.walkIn(l, g)
                #expect(w >= 0 && locality.generalMinutes[w] == nearestRoad,
                        "walk-in \(locality.id) -> \(r.siteID(w)), road \(locality.generalMinutes)")
                let d = r.gpAdmission(l, g)
                if r.config.groups[g].admitProbability > 0 {
                    #expect(d >= 0 && locality.generalMinutes[d] == nearestRoad,
                            "GP admission \(locality.id) -> \(r.siteID(d)), road \(locality.generalMinutes)")
                }
            }
        }
        // Not vacuous: each of the three sites is somebody's nearest.
        #expect(received == [0, 1, 2])
        for s in r.config.sites.indices {
            for (g, group) in r.config.groups.enumerated() where group.admitProbability > 0 {
                #expect(r.canAdmit(s, g), "\(r.siteID(s)) cannot admit \(group.id)")
                #expect(r.transfer(s, g) == -1)
            }
        }
    }

    /// The travel times the routing uses follow the stated rule: great-circle
    /// distance × road factor at the stated speeds (with the floor), unless
    /// a locality gives its own minutes (Dengie, L06).
    @Test func travelTimesFollowTheStatedRule() throws {
        let r = try MSERoutes(MSEScenario.baseline)
        // Coordinates and assumptions as written in baseline.yaml.
        let braintree = (51.878, 0.553)
        let sites = [(51.5586, 0.4495), (51.7743, 0.466), (51.5536, 0.6866)]
        func km(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
            let rad = Double.pi / 180
            let dLat = (b.0 - a.0) * rad, dLon = (b.1 - a.1) * rad
            let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * rad) * cos(b.0 * rad) * sin(dLon / 2) * sin(dLon / 2)
            return 2 * 6371 * asin(min(1, h.squareRoot()))
        }
        let l01 = try #require(r.localities.first { $0.id == "L01" })
        for s in sites.indices {
            let road = km(braintree, sites[s]) * 1.3
            #expect(abs(l01.generalMinutes[s] - max(road / 35 * 60, 5)) < 1e-9)
            #expect(abs(l01.blueLightMinutes[s] - max(road / 50 * 60, 4)) < 1e-9)
        }
        let l06 = try #require(r.localities.first { $0.id == "L06" })
        #expect(l06.generalMinutes == [65, 50, 69])
        #expect(l06.blueLightMinutes == [45, 35, 48])
        // Inter-site minutes are symmetric and positive.
        for a in 0..<3 {
            #expect(r.network.interSiteMinutes[a][a] == 0)
            for b in 0..<3 where a != b {
                #expect(r.network.interSiteMinutes[a][b] > 0)
                #expect(r.network.interSiteMinutes[a][b] == r.network.interSiteMinutes[b][a])
            }
        }
    }

    /// Options 2A and 2B make SUHFT a local emergency centre: ambulances
    /// bring it only the role's "given" groups, at any hour, and it admits
    /// nobody: an acute medical patient there is transferred to a site that
    /// can admit them, and GP admissions go elsewhere.
    @Test(arguments: ["option-2A", "option-2B"])
    func suhftTakesOnlyGivenAmbulancesAndAdmitsNobody(_ name: String) throws {
        let r = try MSERoutes(name)
        let suhft = try r.site("SUHFT")
        let role = try r.role(ofSite: "SUHFT")
        #expect(role.id == "local_emergency_centre")
        #expect(role.ambulances == .givenOnly)
        let given = Set(role.givenGroups)
        #expect(!given.isEmpty && given.count < r.groupIDs.count, "given groups: \(given)")
        var givenToSUHFT = 0
        for (l, locality) in r.localities.enumerated() {
            for (g, group) in r.groupIDs.enumerated() {
                for hour in Self.hours {
                    let s = r.ambulance(l, g, hour)
                    if given.contains(group) {
                        if s == suhft { givenToSUHFT += 1 }
                    } else {
                        #expect(s != suhft, "\(name): \(group) (not given) from \(locality.id) at \(hour):00 goes to SUHFT")
                        #expect(s >= 0, "\(name): \(group) from \(locality.id) at \(hour):00 goes nowhere")
                    }
                }
                #expect(r.gpAdmission(l, g) != suhft, "\(name): GP admission of \(group) from \(locality.id) to SUHFT")
            }
        }
        // Not vacuous: Southend's own given patients (resus, minor,
        // paediatric) still go to their nearest site, SUHFT.
        #expect(givenToSUHFT > 0)

        let acuteMedical = try r.group("acute_medical")
        #expect(!r.canAdmit(suhft, acuteMedical), "\(name): SUHFT can admit acute_medical")
        let target = r.transfer(suhft, acuteMedical)
        #expect(target >= 0 && target != suhft, "\(name): acute_medical transferred to \(r.siteID(target))")
        if target >= 0 { #expect(r.canAdmit(target, acuteMedical)) }
        // The same for every admitted group: SUHFT admits nobody.
        for (g, group) in r.config.groups.enumerated() where group.admitProbability > 0 {
            #expect(!r.canAdmit(suhft, g), "\(name): SUHFT can admit \(group.id)")
            let to = r.transfer(suhft, g)
            #expect(to >= 0 && to != suhft && r.canAdmit(to, g), "\(name): \(group.id) transferred to \(r.siteID(to))")
        }
    }

    /// In the 1x options two sites are emergency centres that take
    /// non-given ambulances only in the daytime: at night (outside the
    /// role's daytime, 08:00-20:00 in the baseline) every non-given
    /// ambulance goes to the specialist emergency hospital.
    @Test(arguments: [("option-1A", "BTUHFT"), ("option-1B", "MEHT"), ("option-1C", "SUHFT")])
    func nonGivenAmbulancesAtNightGoOnlyToTheSpecialistSite(_ name: String, _ specialist: String) throws {
        let r = try MSERoutes(name)
        let hub = try r.site(specialist)
        #expect(try r.role(ofSite: specialist).id == "specialist_emergency")
        let centres = r.config.sites.map(\.id).filter { $0 != specialist }
        let roles = try centres.map { try r.role(ofSite: $0) }
        #expect(roles.allSatisfy { $0.id == "emergency_centre" && $0.ambulances == .daytimeAndGiven })
        let role = try #require(roles.first)
        #expect(role.daytimeFrom == 8 && role.daytimeTo == 20, "daytime \(role.daytimeFrom)-\(role.daytimeTo)")
        let given = Set(role.givenGroups)
        let night = Self.hours.filter { !(role.daytimeFrom..<role.daytimeTo).contains($0) }
        #expect(night.count == 12)
        var daytimeElsewhere = 0, givenElsewhereAtNight = 0
        for (l, locality) in r.localities.enumerated() {
            for (g, group) in r.groupIDs.enumerated() {
                for hour in Self.hours {
                    let s = r.ambulance(l, g, hour)
                    let atNight = night.contains(hour)
                    if given.contains(group) {
                        if atNight && s != hub { givenElsewhereAtNight += 1 }
                    } else if atNight {
                        #expect(s == hub, "\(name): \(group) from \(locality.id) at \(hour):00 -> \(r.siteID(s)), not \(specialist)")
                    } else if s != hub {
                        daytimeElsewhere += 1
                    }
                }
            }
        }
        // Not vacuous: by day (and for given groups by night) the emergency
        // centres do receive ambulances.
        #expect(daytimeElsewhere > 0)
        #expect(givenElsewhereAtNight > 0)
    }
}
