import FlowSimCore
import FlowSimModel
import Foundation

/// Reads `localities:` and `network:` (docs/scenario-format.md): where
/// people live, how they reach care, the ambulance service and site roles.
struct NetworkParser {
    let reader: ScenarioReader

    struct Location { let latitude: Double; let longitude: Double }

    static func parseLocation(_ field: Field) -> Location? {
        field.keys(allowed: ["latitude", "longitude"], required: ["latitude", "longitude"])
        let lat = field["latitude"].double(min: -90, max: 90)
        let lon = field["longitude"].double(min: -180, max: 180)
        guard let lat, let lon else { return nil }
        return Location(latitude: lat, longitude: lon)
    }

    func parse(root: Field, sites: [ScenarioParser.ParsedSite], groups: [ScenarioParser.ParsedGroup]) -> NetworkConfig? {
        let net = root["network"]
        net.keys(allowed: ["travel", "inter_site_minutes", "demand", "nhs_111", "ambulance", "roles",
                           "walk_ins_follow_ambulance"],
                 required: ["travel", "demand", "ambulance", "roles"])
        if !root["localities"].exists { root.report("missing required key 'localities' (a network needs localities)") }
        // Written keys, not what parsed: a mistake inside a group or site
        // is reported there, not again at every reference to it.
        let groupIDs = root["groups"].entries().map(\.key)
        let travel = parseTravel(net["travel"])
        let matrix = net["travel"]["matrix"].exists ? parseMatrix(net["travel"]["matrix"], root: root, sites: sites) : nil
        if net["travel"]["matrix"].exists && matrix == nil { return nil }
        let siteLocations: [Location?] = sites.map { site in
            site.field["location"].exists ? Self.parseLocation(site.field["location"]) : nil
        }
        let localities = root["localities"].entries().compactMap { entry in
            parseLocality(id: entry.key, entry.field, travel: travel, matrix: matrix, sites: sites,
                          siteLocations: siteLocations)
        }
        if root["localities"].exists && localities.count != root["localities"].entries().count { return nil }
        if root["localities"].exists && localities.isEmpty { root["localities"].report("expected at least one locality") }
        let interSite = parseInterSite(net["inter_site_minutes"], travel: travel, sites: sites, siteLocations: siteLocations)
        let demand = net["demand"].entries().compactMap { parseDemand(channel: $0.key, $0.field, groupIDs: groupIDs) }
        let nhs111 = net["nhs_111"].exists ? parseNHS111(net["nhs_111"], groupIDs: groupIDs) : nil
        if demand.contains(where: { $0.channel == .nhs111 }) && !net["nhs_111"].exists {
            net.report("missing required key 'nhs_111' (the demand includes nhs_111 calls, so their dispositions are needed)")
        }
        let follow = net["walk_ins_follow_ambulance"].probability(default: 0)
        var ambulance = parseAmbulance(net["ambulance"])
        if net["ambulance"]["standby_points"].exists {
            if let points = parseStandbyPoints(net["ambulance"], root: root, travel: travel, matrix: matrix,
                                               sites: sites, siteLocations: siteLocations, localities: localities) {
                ambulance?.standbyPoints = points
            } else {
                ambulance = nil
            }
        }
        let roles = net["roles"].entries().compactMap { parseRole(id: $0.key, $0.field, groupIDs: groupIDs, sites: sites) }
        for site in sites {
            guard let role = site.config.role else {
                site.field.report("missing required key 'role' (every site of a network has a role: \(roles.map(\.id).joined(separator: ", ")))")
                continue
            }
            // Checked against the roles written, not those that parsed: a
            // mistake inside a role is reported there, once.
            let roleIDs = net["roles"].entries().map(\.key)
            if !roleIDs.contains(role) {
                site.field["role"].report("unknown role '\(role)'\(DidYouMean.hint(for: role, among: roleIDs)) (roles: \(roleIDs.joined(separator: ", ")))")
            }
            if let electives = site.config.electives {
                let separate = roles.first { $0.id == role }?.separateElectiveBeds ?? false
                let ward = separate ? "elective" : electives.ward
                if site.config.wardIndex(ward) == nil, !ScenarioParser.writtenWards(site).contains(ward) {
                    site.field["electives"]["ward"].report(separate
                        ? "role '\(role)' keeps elective beds apart, so site '\(site.config.id)' needs a ward 'elective'"
                        : "ward '\(ward)' does not exist at site '\(site.config.id)' (wards there: \(site.config.wards.map(\.id).joined(separator: ", ")))")
                }
            }
        }
        guard let interSite, let ambulance, let follow, localities.count == root["localities"].entries().count,
              demand.count == net["demand"].entries().count, roles.count == net["roles"].entries().count else {
            return nil
        }
        if net["nhs_111"].exists && nhs111 == nil { return nil }
        var network = NetworkConfig(localities: localities, interSiteMinutes: interSite, demand: demand, nhs111: nhs111,
                                    ambulance: ambulance, roles: roles, walkInsFollowAmbulance: follow,
                                    travelFromMatrix: matrix != nil)
        network.siteLocations = siteLocations.map { $0.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) } }
        return network
    }

    // MARK: travel

    struct Travel {
        let roadFactor: Double
        let generalSpeed: Double
        let blueLightSpeed: Double
        let minimumGeneral: Double
        let minimumBlueLight: Double

        /// Great-circle kilometres times the road factor, at `speed` km/h.
        func minutes(_ a: Location, _ b: Location, speed: Double, minimum: Double) -> Double {
            let r = 6371.0, rad = Double.pi / 180
            let dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
            let h = sin(dLat / 2) * sin(dLat / 2)
                + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
            let km = 2 * r * asin(min(1, h.squareRoot())) * roadFactor
            return max(km / speed * 60, minimum)
        }
    }

    func parseTravel(_ field: Field) -> Travel? {
        field.keys(allowed: ["road_factor", "general_speed_kmh", "blue_light_speed_kmh", "minimum_general",
                             "minimum_blue_light", "matrix"],
                   required: ["road_factor", "general_speed_kmh", "blue_light_speed_kmh"])
        let factor = field["road_factor"].double(min: 1, max: 5)
        let general = field["general_speed_kmh"].double(min: 1, max: 200)
        let blue = field["blue_light_speed_kmh"].double(min: 1, max: 200)
        let minGeneral = field["minimum_general"].duration(default: 0, allowZero: true)
        let minBlue = field["minimum_blue_light"].duration(default: 0, allowZero: true)
        guard let factor, let general, let blue, let minGeneral, let minBlue else { return nil }
        return Travel(roadFactor: factor, generalSpeed: general, blueLightSpeed: blue,
                      minimumGeneral: minGeneral, minimumBlueLight: minBlue)
    }

    /// A locality's minutes to each site: from coordinates, unless given in
    /// `travel_minutes: {general: {SITE: 40 min}, blue_light: {...}}`.
    func parseLocality(id: String, _ field: Field, travel: Travel?, matrix: TravelMatrix?,
                       sites: [ScenarioParser.ParsedSite], siteLocations: [Location?]) -> LocalityConfig? {
        field.keys(allowed: ["name", "ccg", "population", "location", "travel_minutes"],
                   required: ["population"])
        let name = field["name"].string(default: id)
        let ccg = field["ccg"].string(default: "")
        let population = field["population"].double(min: 0)
        let location = field["location"].exists ? Self.parseLocation(field["location"]) : nil
        let overrides = field["travel_minutes"]
        overrides.keys(allowed: ["general", "blue_light"])
        var general: [Double] = [], blue: [Double] = []
        var complete = true
        for (s, site) in sites.enumerated() {
            for (kind, list) in [("general", 0), ("blue_light", 1)] {
                let given = overrides[kind][site.config.id]
                var minutes: Double?
                if let row = matrix?.rows["\(id)>\(site.config.id)"] {
                    minutes = list == 0 ? row.general : row.blueLight
                } else if given.exists {
                    minutes = given.duration(allowZero: true)
                } else if let travel, let location, let siteLocation = siteLocations[s] {
                    minutes = list == 0
                        ? travel.minutes(location, siteLocation, speed: travel.generalSpeed, minimum: travel.minimumGeneral)
                        : travel.minutes(location, siteLocation, speed: travel.blueLightSpeed, minimum: travel.minimumBlueLight)
                } else if travel != nil, !field["location"].exists || !sites[s].field["location"].exists {
                    // (A location that is written but wrong is reported where it is, once.)
                    field.report("locality '\(id)' has no \(kind == "general" ? "road" : "blue-light") travel time to site '\(site.config.id)': give localities.\(id).location and sites.\(site.config.id).location, or localities.\(id).travel_minutes.\(kind).\(site.config.id)")
                }
                if let minutes { if list == 0 { general.append(minutes) } else { blue.append(minutes) } } else { complete = false }
            }
        }
        for kind in ["general", "blue_light"] where overrides[kind].exists {
            overrides[kind].namesKnown(reader.root["sites"].entries().map(\.key), what: "site")
        }
        guard let name, let ccg, let population, complete else { return nil }
        return LocalityConfig(id: id, name: name, ccg: ccg, population: population, generalMinutes: general,
                              blueLightMinutes: blue,
                              location: location.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) })
    }

    func parseInterSite(_ field: Field, travel: Travel?, sites: [ScenarioParser.ParsedSite],
                        siteLocations: [Location?]) -> [[Double]]? {
        var matrix: [[Double]] = []
        var complete = true
        // Keys are site names, from and to: a misspelt one would otherwise
        // be ignored and the time computed from the coordinates instead.
        let written = reader.root["sites"].entries().map(\.key)
        if field.exists {
            if !field.namesKnown(written, what: "site") { complete = false }
            for entry in field.entries() where entry.field.node?.entries != nil || !entry.field.exists {
                if !entry.field.namesKnown(written, what: "site") { complete = false }
            }
            for entry in field.entries() where entry.field.exists && entry.field.node?.entries == nil {
                entry.field.report("expected a mapping of destination sites to minutes, e.g. {MEHT: 35 min}, got \(entry.field.node!.kindDescription)")
                complete = false
            }
        }
        for (a, from) in sites.enumerated() {
            var row: [Double] = []
            for (b, to) in sites.enumerated() {
                let given = field[from.config.id][to.config.id]
                if a == b {
                    row.append(0)
                } else if field.exists && given.exists {
                    if let m = given.duration() { row.append(m) } else { complete = false }
                } else if let travel, let la = siteLocations[a], let lb = siteLocations[b] {
                    row.append(travel.minutes(la, lb, speed: travel.generalSpeed, minimum: travel.minimumGeneral))
                } else {
                    complete = false
                    if travel != nil, !from.field["location"].exists || !to.field["location"].exists {
                        field.report("no travel time from site '\(from.config.id)' to '\(to.config.id)': give both sites a location, or network.inter_site_minutes.\(from.config.id).\(to.config.id)")
                    }
                }
            }
            matrix.append(row)
        }
        return complete ? matrix : nil
    }

    // MARK: demand

    func parseMix(_ field: Field, groupIDs: [String]) -> [(group: String, share: Double)]? {
        guard let mix = field.probabilities(sumToOne: true, names: groupIDs, what: "patient group") else { return nil }
        return mix.map { ($0.name, $0.probability) }
    }

    func parseDemand(channel: String, _ field: Field, groupIDs: [String]) -> DemandChannelConfig? {
        guard let kind = DemandChannel(rawValue: channel) else {
            let all = DemandChannel.allCases.map(\.rawValue)
            field.report("unknown demand channel '\(channel)'\(DidYouMean.hint(for: channel, among: all)) (channels: \(all.joined(separator: ", ")))")
            return nil
        }
        let needsMix = kind != .nhs111
        field.keys(allowed: ["per_1000_per_year", "hourly_shape", "day_of_week_shape", "annual_growth", "mix",
                             "monthly_factor"],
                   required: ["per_1000_per_year"] + (needsMix ? ["mix"] : []))
        let rate = field["per_1000_per_year"].double(min: 0)
        let hourly = field["hourly_shape"].exists ? field["hourly_shape"].doubles(count: 24, min: 0)
            : Array(repeating: 1.0, count: 24)
        let days = field["day_of_week_shape"].exists ? field["day_of_week_shape"].doubles(count: 7, min: 0)
            : Array(repeating: 1.0, count: 7)
        let growth = field["annual_growth"].double(min: -0.5, max: 1, default: 0)
        if !needsMix && field["mix"].exists {
            field["mix"].report("nhs_111 calls take no mix here: the groups of callers sent on are network.nhs_111.emergency_department_mix and ambulance_mix")
            return nil
        }
        let mix = field["mix"].exists ? parseMix(field["mix"], groupIDs: groupIDs) : []
        if let hourly, !hourly.contains(where: { $0 > 0 }) { field["hourly_shape"].report("expected some positive value, got all zero") ; return nil }
        if let days, !days.contains(where: { $0 > 0 }) { field["day_of_week_shape"].report("expected some positive value, got all zero"); return nil }
        if let rate, rate == 0 { field["per_1000_per_year"].report("expected a rate > 0 (remove the channel to switch it off)"); return nil }
        let monthly = field["monthly_factor"].monthlyFactor(run: reader.root["run"])
        guard let rate, let hourly, let days, let growth, let mix, let monthly else { return nil }
        var config = DemandChannelConfig(channel: kind, perThousandPerYear: rate, hourlyShape: hourly, dayShape: days,
                                         annualGrowth: 1 + growth, mix: mix)
        config.monthlyFactor = monthly.values
        return config
    }

    func parseNHS111(_ field: Field, groupIDs: [String]) -> NHS111Config? {
        field.keys(allowed: ["dispositions", "emergency_department_mix", "ambulance_mix"],
                   required: ["dispositions", "emergency_department_mix", "ambulance_mix"])
        var dispositions: [(disposition: NHS111Disposition, share: Double)]? = nil
        if let shares = field["dispositions"].probabilities(sumToOne: true, names: NHS111Disposition.allCases.map(\.rawValue),
                                                            what: "disposition") {
            var list: [(disposition: NHS111Disposition, share: Double)] = []
            for (name, share) in shares {
                if let d = NHS111Disposition(rawValue: name) {
                    list.append((d, share))
                } else {
                    let all = NHS111Disposition.allCases.map(\.rawValue)
                    field["dispositions"].report("unknown disposition '\(name)'\(DidYouMean.hint(for: name, among: all)) (dispositions: \(all.joined(separator: ", ")))")
                }
            }
            if list.count == shares.count { dispositions = list }
        }
        let ed = parseMix(field["emergency_department_mix"], groupIDs: groupIDs)
        let amb = parseMix(field["ambulance_mix"], groupIDs: groupIDs)
        guard let dispositions, let ed, let amb else { return nil }
        return NHS111Config(dispositions: dispositions, emergencyDepartmentMix: ed, ambulanceMix: amb)
    }

    // MARK: ambulance service and roles

    func parseAmbulance(_ field: Field) -> AmbulanceServiceConfig? {
        let points = field["standby_points"].exists
        field.keys(allowed: ["vehicles", "response_travel", "on_scene_conveyed", "on_scene_see_and_treat", "handover",
                             "clear", "secondary_dispatch", "release_crew_after", "standby_points", "dispatch_delay",
                             "local_travel", "rapid_response"],
                   required: ["vehicles", "on_scene_conveyed", "on_scene_see_and_treat", "handover", "clear"]
                       + (points ? ["dispatch_delay", "local_travel"] : ["response_travel"]))
        let vehicles = ScenarioParser(reader: reader).parseRota(field["vehicles"])
        let onScene = field["on_scene_conveyed"].distribution()
        let seeAndTreat = field["on_scene_see_and_treat"].distribution()
        let handover = field["handover"].distribution()
        let clear = field["clear"].distribution()
        var secondaryP = 0.0
        var secondaryJob = Distribution.constant(0)
        if field["secondary_dispatch"].exists {
            let s = field["secondary_dispatch"]
            s.keys(allowed: ["probability", "job"], required: ["probability", "job"])
            guard let p = s["probability"].probability(), let job = s["job"].distribution() else { return nil }
            secondaryP = p
            secondaryJob = job
        }
        let release = field["release_crew_after"].exists ? field["release_crew_after"].duration() : .infinity
        if points && field["response_travel"].exists {
            field["response_travel"].report("not used with standby_points: the response is dispatch_delay + travel from the nearest point with a free vehicle + local_travel (remove response_travel)")
            return nil
        }
        if !points && (field["dispatch_delay"].exists || field["local_travel"].exists) {
            field.report("dispatch_delay and local_travel need standby_points (without them the response is response_travel)")
            return nil
        }
        let response = points ? .constant(0) : field["response_travel"].distribution()
        // One distribution, or one per category: {c1: ..., c2: ..., c3: ..., c4: ...}.
        let delayField = field["dispatch_delay"]
        let categories = (1...4).map { "c\($0)" }
        let byCategory = points && delayField.node?.entries?.contains { categories.contains($0.key) } == true
        if byCategory { delayField.keys(allowed: categories, required: categories) }
        let dispatchDelay: [Distribution]? = !points ? Array(repeating: .constant(0), count: 4)
            : byCategory ? categories.compactMap { delayField[$0].distribution() }
            : delayField.distribution().map { Array(repeating: $0, count: 4) }
        let localTravel = points ? field["local_travel"].distribution() : .constant(0)
        var rapidResponse: RapidResponseConfig?
        if field["rapid_response"].exists {
            guard points else {
                field["rapid_response"].report("rapid response cars wait at the standby points: give standby_points, or remove rapid_response")
                return nil
            }
            guard let cars = parseRapidResponse(field["rapid_response"]) else { return nil }
            rapidResponse = cars
        }
        guard let vehicles, let response, let dispatchDelay, dispatchDelay.count == 4, let localTravel, let onScene, let seeAndTreat, let handover, let clear, let release else {
            return nil
        }
        return AmbulanceServiceConfig(vehicles: vehicles, responseTravel: response, onSceneConveyed: onScene,
                                      onSceneSeeAndTreat: seeAndTreat, handover: handover, clear: clear,
                                      secondaryDispatchProbability: secondaryP, secondaryJob: secondaryJob,
                                      releaseAfter: release, dispatchDelay: dispatchDelay,
                                      localTravel: localTravel, rapidResponse: rapidResponse)
    }

    /// `rapid_response: {cars: <rota>, categories: [c1, ...], on_scene: <distribution>}`.
    func parseRapidResponse(_ field: Field) -> RapidResponseConfig? {
        guard field.node?.entries != nil else {
            field.report("expected a mapping {cars, categories, on_scene}")
            return nil
        }
        field.keys(allowed: ["cars", "categories", "on_scene"], required: ["cars", "categories", "on_scene"])
        let cars = ScenarioParser(reader: reader).parseRota(field["cars"])
        let onScene = field["on_scene"].distribution()
        let names = (1...4).map { "c\($0)" }
        var categories: [Int]?
        let list = field["categories"]
        if list.exists {
            if list.node?.items == nil || list.items().isEmpty {
                list.report("expected a non-empty list of response categories (c1, c2, c3, c4), e.g. [c1]")
            } else {
                var found: [Int] = []
                var ok = true
                for item in list.items() {
                    guard let name = item.oneOf(names), let c = names.firstIndex(of: name) else { ok = false; continue }
                    if found.contains(c) {
                        item.report("response category '\(name)' is listed twice")
                        ok = false
                        continue
                    }
                    found.append(c)
                }
                if ok { categories = found.sorted() }
            }
        }
        guard let cars, let categories, let onScene else { return nil }
        return RapidResponseConfig(cars: cars, categories: categories, onScene: onScene)
    }

    func parseRole(id: String, _ field: Field, groupIDs: [String], sites: [ScenarioParser.ParsedSite]) -> RoleConfig? {
        field.keys(allowed: ["ambulances", "given_groups", "daytime", "walk_ins", "gp_admissions", "admits",
                             "separate_elective_beds"],
                   required: ["ambulances", "admits"])
        let access = field["ambulances"].oneOf(AmbulanceAccess.allCases.map(\.rawValue)).flatMap(AmbulanceAccess.init)
        let given = field["given_groups"].exists ? field["given_groups"].items().compactMap { $0.string() } : []
        for (i, g) in given.enumerated() where !groupIDs.contains(g) {
            field["given_groups"].items()[i].report("unknown patient group '\(g)'\(DidYouMean.hint(for: g, among: groupIDs))")
        }
        var from = 8, to = 20
        if field["daytime"].exists {
            let d = field["daytime"]
            d.keys(allowed: ["from_hour", "to_hour"], required: ["from_hour", "to_hour"])
            from = d["from_hour"].int(min: 0, max: 23) ?? from
            to = d["to_hour"].int(min: 0, max: 24) ?? to
            if from == to % 24 { d.report("daytime must not be empty or the whole day: from_hour \(from), to_hour \(to)") }
        } else if access == .daytimeAndGiven {
            field.report("missing required key 'daytime' (role '\(id)' accepts ambulances in the daytime)")
        }
        let walkIns = field["walk_ins"].bool(default: true)
        let gp = field["gp_admissions"].bool(default: true)
        let admits = field["admits"].items().compactMap { $0.string() }
        let allWards = Set(sites.flatMap(ScenarioParser.writtenWards))
        for (i, ward) in admits.enumerated() where !allWards.contains(ward) {
            field["admits"].items()[i].report("role '\(id)' admits to ward '\(ward)', which no site has\(DidYouMean.hint(for: ward, among: allWards.sorted())) (wards: \(allWards.sorted().joined(separator: ", ")))")
        }
        let separate = field["separate_elective_beds"].bool(default: false)
        guard let access, let walkIns, let gp, let separate,
              given.allSatisfy(groupIDs.contains), admits.allSatisfy(allWards.contains) else { return nil }
        return RoleConfig(id: id, ambulances: access, givenGroups: given, daytimeFrom: from, daytimeTo: to,
                          acceptsWalkIns: walkIns, acceptsGPAdmissions: gp, admits: admits,
                          separateElectiveBeds: separate)
    }

    // MARK: travel matrix and standby points

    /// Road and blue-light minutes read from a CSV beside the scenario:
    /// `from,to,general_minutes,blue_light_minutes`, keyed "from>to".
    struct TravelMatrix {
        let file: String
        let rows: [String: (general: Double, blueLight: Double)]
    }

    /// `network.travel.matrix: data/travel.csv`: one row for every locality
    /// and site (rows from a standby point to a locality or site are
    /// optional and override its coordinates).
    func parseMatrix(_ field: Field, root: Field, sites: [ScenarioParser.ParsedSite]) -> TravelMatrix? {
        guard let written = field.string() else { return nil }
        let path = ScenarioPaths.resolve(written, relativeTo: field.location?.file ?? reader.document.file)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            field.report("cannot read the travel matrix '\(written)' (looked for \(path))")
            return nil
        }
        let localities = root["localities"].entries().map(\.key), siteIDs = sites.map(\.config.id)
        let points = root["network"]["ambulance"]["standby_points"].entries().map(\.key)
        var rows: [String: (general: Double, blueLight: Double)] = [:]
        var header = true, ok = true
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if header {
                header = false
                if cells != ["from", "to", "general_minutes", "blue_light_minutes"] {
                    field.report("travel matrix '\(written)' line \(n + 1): expected the header from,to,general_minutes,blue_light_minutes, got \(line)")
                    return nil
                }
                continue
            }
            guard cells.count == 4, let general = Double(cells[2]), let blue = Double(cells[3]),
                  general >= 0, blue >= 0 else {
                field.report("travel matrix '\(written)' line \(n + 1): expected from,to and two minutes >= 0, got \(line)")
                ok = false
                continue
            }
            let fromKnown = localities.contains(cells[0]) || points.contains(cells[0])
            let toKnown = siteIDs.contains(cells[1]) || (points.contains(cells[0]) && localities.contains(cells[1]))
            if !fromKnown || !toKnown {
                field.report("travel matrix '\(written)' line \(n + 1): unknown pair '\(cells[0])' → '\(cells[1])' (from a locality to a site, or from a standby point to a locality or site)")
                ok = false
                continue
            }
            rows["\(cells[0])>\(cells[1])"] = (general, blue)
        }
        for locality in localities {
            let missing = siteIDs.filter { rows["\(locality)>\($0)"] == nil }
            if !missing.isEmpty {
                field.report("travel matrix '\(written)' has no row from locality '\(locality)' to site\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")) (every locality needs a row to every site)")
                ok = false
            }
        }
        return ok ? TravelMatrix(file: written, rows: rows) : nil
    }

    /// `standby_points: {S01: {name: Basildon, location: {...}, share: 0.12}}`:
    /// shares of the rostered fleet that sum to 1, each > 0; travel from coordinates (blue light out, road
    /// speed back) unless the travel matrix has the point's rows.
    func parseStandbyPoints(_ field: Field, root: Field, travel: Travel?, matrix: TravelMatrix?,
                            sites: [ScenarioParser.ParsedSite], siteLocations: [Location?],
                            localities: [LocalityConfig]) -> [StandbyPointConfig]? {
        let list = field["standby_points"]
        guard list.node?.entries != nil, !list.entries().isEmpty else {
            list.report("expected a mapping of standby point ids to {name, location, share}")
            return nil
        }
        let localityFields = root["localities"].entries()
        let localityLocations = localityFields.map { e in
            e.field["location"].exists ? Self.parseLocation(e.field["location"]) : nil
        }
        var points: [StandbyPointConfig] = []
        var ok = true
        for (id, f) in list.entries() {
            f.keys(allowed: ["name", "location", "share"], required: ["location", "share"])
            let name = f["name"].string(default: id)
            let location = f["location"].exists ? Self.parseLocation(f["location"]) : nil
            guard let share = f["share"].double(min: 0, max: 1), let name, let location else { ok = false; continue }
            if share == 0 {
                f["share"].report("standby point '\(id)' has no vehicles (share 0): give it a share > 0 or remove it")
                ok = false
                continue
            }
            func minutes(to other: Location?, key: String, blue: Bool) -> Double? {
                if let row = matrix?.rows["\(id)>\(key)"] { return blue ? row.blueLight : row.general }
                guard let travel, let other else { return nil }
                return blue ? travel.minutes(location, other, speed: travel.blueLightSpeed, minimum: travel.minimumBlueLight)
                            : travel.minutes(other, location, speed: travel.generalSpeed, minimum: travel.minimumGeneral)
            }
            var toL: [Double] = [], fromL: [Double] = [], toS: [Double] = [], fromS: [Double] = []
            for (k, e) in localityFields.enumerated() {
                guard let out = minutes(to: localityLocations[k], key: e.key, blue: true),
                      let back = minutes(to: localityLocations[k], key: e.key, blue: false) else {
                    f.report("standby point '\(id)' has no travel time to locality '\(e.key)': give localities.\(e.key).location, or a row \(id),\(e.key) in the travel matrix")
                    ok = false
                    break
                }
                toL.append(out)
                fromL.append(back)
            }
            for (s, site) in sites.enumerated() {
                guard let out = minutes(to: siteLocations[s], key: site.config.id, blue: true),
                      let back = minutes(to: siteLocations[s], key: site.config.id, blue: false) else {
                    f.report("standby point '\(id)' has no travel time to site '\(site.config.id)': give sites.\(site.config.id).location, or a row \(id),\(site.config.id) in the travel matrix")
                    ok = false
                    break
                }
                toS.append(out)
                fromS.append(back)
            }
            points.append(StandbyPointConfig(id: id, name: name, share: share, toLocalityMinutes: toL,
                                             toSiteMinutes: toS, fromLocalityMinutes: fromL, fromSiteMinutes: fromS))
        }
        guard ok, points.count == list.entries().count else { return nil }
        let total = points.reduce(0) { $0 + $1.share }
        if abs(total - 1) > 1e-6 {
            list.report("standby point shares must sum to 1, got \(String(format: "%.4g", total))")
            return nil
        }
        // A point may be empty in some hours (a small share of a small
        // rota); only a share of 0 is refused above.
        _ = localities
        return points
    }
}
