import FlowSimCore
import FlowSimModel

/// Reads the scenario format (docs/scenario-format.md) into a
/// `ModelConfig`. Every reader reports its own problems and returns nil, so
/// parsing goes on and one pass finds every mistake; cross-references
/// (a group's stream, a source's site) are checked after all parts are read.
struct ScenarioParser {
    let reader: ScenarioReader

    static let topLevelKeys = ["schema", "name", "description", "run", "sites", "groups", "arrivals",
                               "localities", "network", "community", "timeline"]

    func parse() -> (ModelConfig, RunSettings)? {
        let root = reader.root
        root.keys(allowed: Self.topLevelKeys, required: ["name", "run", "sites", "groups"])
        if root["schema"].exists { _ = root["schema"].oneOf(["flowsim.scenario/1"]) }
        let name = root["name"].string()
        _ = root["description"].exists ? root["description"].string() : nil
        let run = parseRun(root["run"])
        let sites = root["sites"].entries().compactMap { parseSite(id: $0.key, $0.field) }
        if root["sites"].exists && root["sites"].entries().isEmpty { root["sites"].report("expected at least one site") }
        let groups = root["groups"].entries().compactMap { parseGroup(id: $0.key, $0.field) }
        if root["groups"].exists && root["groups"].entries().isEmpty { root["groups"].report("expected at least one patient group") }
        let arrivals = root["arrivals"].exists
            ? root["arrivals"].entries().compactMap { parseArrival(id: $0.key, $0.field) } : []
        if !root["arrivals"].exists && !root["network"].exists {
            root.report("expected 'arrivals' or 'network': a scenario needs patients")
        }
        checkReferences(sites: sites, groups: groups, arrivals: arrivals, root: root)
        var network: NetworkConfig? = nil
        if root["network"].exists || root["localities"].exists {
            network = NetworkParser(reader: reader).parse(root: root, sites: sites, groups: groups)
            if network == nil { return nil }
        }
        var community: CommunityConfig? = nil
        let calendar = calendar(root["run"], warmup: run?.1)
        if root["community"].exists {
            if network == nil { root["community"].report("a community side needs 'localities' and 'network'") }
            community = CommunityParser(reader: reader, calendar: calendar).parse(
                root["community"], groupIDs: root["groups"].entries().map(\.key),
                localityIDs: root["localities"].entries().map(\.key))
            if community == nil { return nil }
        }
        guard let name, let (run, warmup, horizon) = run else { return nil }
        guard sites.count == root["sites"].entries().count, groups.count == root["groups"].entries().count else {
            return nil
        }
        var config = ModelConfig(name: name, warmup: warmup, horizon: horizon, sites: sites.map(\.config),
                                 groups: groups.map(\.config), arrivals: arrivals.map(\.config), network: network,
                                 community: community)
        config.firstPeriodLabel = calendar?.financialYearLabel
        config.startDate = calendar?.civilStart
        config.maximumInSystem = run.maximumInSystem
        if network != nil { checkRouting(config, sites: sites, groups: groups, root: root) }
        return (config, run)
    }

    // MARK: run

    func parseRun(_ field: Field) -> (RunSettings, Double, Double)? {
        field.keys(allowed: ["warmup", "horizon", "replications", "seed", "start_date", "max_in_system"],
                   required: ["horizon"])
        let warmup = field["warmup"].duration(default: 0, allowZero: true)
        let maximum = field["max_in_system"].int(min: 100, max: 100_000_000, default: ModelConfig.defaultMaximumInSystem)
        let horizon = field["horizon"].duration()
        let replications = field["replications"].int(min: 1, max: 100_000, default: 10)
        let seed = field["seed"].int(min: 0, default: 1)
        if let warmup, let horizon, warmup >= horizon {
            field["warmup"].report("warm-up (\(Self.days(warmup))) must be shorter than the measured horizon (\(Self.days(horizon)))")
        }
        guard let warmup, let horizon, let replications, let seed, let maximum else { return nil }
        return (RunSettings(replications: replications, seed: UInt64(seed), maximumInSystem: maximum), warmup, horizon)
    }

    /// The calendar of dated entries, when `run.start_date` is given.
    func calendar(_ run: Field, warmup: Double?) -> ScenarioCalendar? {
        guard run["start_date"].exists, let text = run["start_date"].string() else { return nil }
        guard let date = ScenarioCalendar.parseDate(text) else {
            run["start_date"].report("expected a date such as 2016-04-01 or a financial quarter such as '2016/17 Q1', got '\(text)'")
            return nil
        }
        return ScenarioCalendar(start: date, warmup: warmup ?? 0)
    }

    static func days(_ minutes: Double) -> String {
        let d = minutes / CalendarTime.minutesPerDay
        return d == d.rounded() ? "\(Int(d)) days" : "\(minutes) min"
    }

    // MARK: sites

    struct ParsedSite { let config: SiteConfig; let field: Field }

    func parseSite(id: String, _ field: Field) -> ParsedSite? {
        field.keys(allowed: ["name", "triage", "streams", "wards", "role", "location", "electives", "target_effect",
                             "bed_turnaround"],
                   required: ["streams"])
        let name = field["name"].string(default: id)
        let triage = field["triage"].exists ? parseStage(field["triage"]) : nil
        let streamEntries = field["streams"].entries()
        if field["streams"].exists && streamEntries.isEmpty { field["streams"].report("expected at least one A&E stream") }
        let streams = streamEntries.compactMap { entry -> StreamConfig? in
            let handover = entry.field["handover_needs_cubicle"].bool(default: false)
            return parseStage(entry.field, extraKeys: ["handover_needs_cubicle"])
                .map { StreamConfig(id: entry.key, treatment: $0, handoverNeedsCubicle: handover ?? false) }
        }
        let role = field["role"].exists ? field["role"].string() : nil
        if field["location"].exists { _ = NetworkParser.parseLocation(field["location"]) }
        let electives = field["electives"].exists ? parseElectives(field["electives"]) : nil
        let target = field["target_effect"].exists ? parseTargetEffect(field["target_effect"]) : nil
        if field["electives"].exists && electives == nil { return nil }
        if field["target_effect"].exists && target == nil { return nil }
        let turnaround = field["bed_turnaround"].exists ? field["bed_turnaround"].distribution() : nil
        if field["bed_turnaround"].exists && turnaround == nil { return nil }
        let wards = field["wards"].exists ? field["wards"].entries().compactMap { entry -> WardConfig? in
            entry.field.keys(allowed: ["beds"], required: ["beds"])
            return entry.field["beds"].int(min: 0).map { WardConfig(id: entry.key, beds: $0) }
        } : []
        guard let name, streams.count == streamEntries.count else { return nil }
        if field["triage"].exists && triage == nil { return nil }
        return ParsedSite(config: SiteConfig(id: id, name: name, triage: triage, streams: streams, wards: wards,
                                             role: role, electives: electives, targetEffect: target,
                                             bedTurnaround: turnaround),
                          field: field)
    }

    func parseElectives(_ field: Field) -> ElectiveConfig? {
        field.keys(allowed: ["per_weekday", "hourly_shape", "day_case_share", "ward", "length_of_stay", "rebook_after"],
                   required: ["per_weekday", "ward", "length_of_stay"])
        let rebook = field["rebook_after"].exists ? field["rebook_after"].duration() : nil
        let perWeekday = field["per_weekday"].double(min: 0)
        let shape = field["hourly_shape"].exists ? field["hourly_shape"].doubles(count: 24, min: 0)
            : (0..<24).map { $0 >= 7 && $0 < 12 ? 1.0 : 0.0 }
        let dayCase = field["day_case_share"].probability(default: 0)
        let ward = field["ward"].string()
        let stay = field["length_of_stay"].distribution()
        if let shape, !shape.contains(where: { $0 > 0 }) {
            field["hourly_shape"].report("expected some hour with a positive value, got all zero")
            return nil
        }
        if field["rebook_after"].exists && rebook == nil { return nil }
        guard let perWeekday, let shape, let dayCase, let ward, let stay else { return nil }
        var config = ElectiveConfig(perWeekday: perWeekday, hourlyShape: shape, dayCaseShare: dayCase, ward: ward,
                                    lengthOfStay: stay)
        config.rebookAfter = rebook
        return config
    }

    func parseTargetEffect(_ field: Field) -> TargetEffect? {
        field.keys(allowed: ["probability", "window"], required: ["probability", "window"])
        let p = field["probability"].probability()
        let window = field["window"].duration()
        if let window, window >= WaitThreshold.fourHours {
            field["window"].report("expected a window shorter than 4 hours, got \(window) min")
            return nil
        }
        guard let p, let window else { return nil }
        return TargetEffect(probability: p, window: window)
    }

    func parseStage(_ field: Field, extraKeys: [String] = []) -> StageConfig? {
        field.keys(allowed: ["servers", "service"] + extraKeys, required: ["servers", "service"])
        let servers = parseRota(field["servers"])
        let service = field["service"].distribution()
        guard let servers, let service else { return nil }
        return StageConfig(servers: servers, service: service)
    }

    /// `servers: 9`, or 24 hourly values, or 168 values (Monday 00:00 first).
    func parseRota(_ field: Field) -> Rota? {
        if field.node?.items != nil {
            let hint = "a list of 24 (by hour of day) or 168 (by hour of week) whole numbers"
            guard let values = field.doubles(min: 0) else { return nil }
            guard values.allSatisfy({ $0 == $0.rounded() }) else {
                field.report("expected \(hint), got a fraction")
                return nil
            }
            let counts = values.map { Int($0) }
            switch counts.count {
            case 24: return counts.allSatisfy({ $0 == 0 }) ? reportNoServers(field) : .daily(counts)
            case 168: return counts.allSatisfy({ $0 == 0 }) ? reportNoServers(field) : Rota(byHourOfWeek: counts)
            default:
                field.report("expected \(hint), got \(counts.count) values")
                return nil
            }
        }
        return field.int(min: 1, max: 1_000_000).map { .constant($0) }
    }

    private func reportNoServers(_ field: Field) -> Rota? {
        field.report("expected some hour with at least one server, got none")
        return nil
    }

    // MARK: groups

    struct ParsedGroup { let config: PatientGroupConfig; let field: Field }

    func parseGroup(id: String, _ field: Field) -> ParsedGroup? {
        field.keys(allowed: ["stream", "priority", "treatment", "admit_probability", "ward", "length_of_stay",
                             "ambulance", "patience"],
                   required: ["stream", "admit_probability"])
        let ambulance = field["ambulance"].exists ? parseAmbulanceGroup(field["ambulance"]) : AmbulanceGroupConfig()
        let stream = field["stream"].string()
        let priority = field["priority"].int(min: 0, max: 7, default: 0)
        let treatment = field["treatment"].exists ? field["treatment"].distribution() : nil
        let patience = field["patience"].exists ? field["patience"].distribution() : nil
        let admit = field["admit_probability"].probability()
        var ward: String? = nil
        var stay: Distribution? = nil
        if let admit, admit > 0 {
            for key in ["ward", "length_of_stay"] where !field[key].exists {
                field.report("missing required key '\(key)': the group is admitted (admit_probability \(admit) > 0)")
            }
            ward = field["ward"].exists ? field["ward"].string() : nil
            stay = field["length_of_stay"].exists ? field["length_of_stay"].distribution() : nil
        } else {
            if field["ward"].exists { ward = field["ward"].string() }
            if field["length_of_stay"].exists { stay = field["length_of_stay"].distribution() }
        }
        guard let stream, let priority, let admit, let ambulance else { return nil }
        if field["treatment"].exists && treatment == nil { return nil }
        if field["patience"].exists && patience == nil { return nil }
        if admit > 0 && (ward == nil || stay == nil) { return nil }
        var config = PatientGroupConfig(id: id, stream: stream, priority: priority, treatment: treatment,
                                        admitProbability: admit, ward: ward, lengthOfStay: stay, ambulance: ambulance)
        config.patience = patience
        return ParsedGroup(config: config, field: field)
    }

    /// `ambulance: {hear_and_treat: 0.07, see_and_treat: 0.29, category: 2}`;
    /// the rest of the group's 999 calls are conveyed.
    /// Or `categories: {c1: 0.6, c2: 0.4}`: shares of the group's calls by
    /// response category (sum 1), each call drawing its own.
    func parseAmbulanceGroup(_ field: Field) -> AmbulanceGroupConfig? {
        field.keys(allowed: ["hear_and_treat", "see_and_treat", "category", "categories"])
        let hear = field["hear_and_treat"].probability(default: 0)
        let see = field["see_and_treat"].probability(default: 0)
        if field["category"].exists == field["categories"].exists {
            field.report(field["category"].exists
                ? "give either category or categories, not both"
                : "missing required key 'category' (a response category 1-4) or 'categories' (shares by category, e.g. {c1: 0.1, c2: 0.9})")
            return nil
        }
        var shares: [Double]? = nil
        if field["categories"].exists {
            let names = (1...4).map { "c\($0)" }
            guard let given = field["categories"].probabilities(sumToOne: true, names: names, what: "response category")
            else { return nil }
            shares = names.map { n in given.first { $0.name == n }?.probability ?? 0 }
        }
        let category = shares == nil ? field["category"].int(min: 1, max: 4) : 1
        guard let hear, let see, let category else { return nil }
        if hear + see > 1 + 1e-9 {
            field.report("hear_and_treat + see_and_treat must not exceed 1, got \(hear + see)")
            return nil
        }
        if let shares { return AmbulanceGroupConfig(hearAndTreat: hear, seeAndTreat: see, categoryShares: shares) }
        return AmbulanceGroupConfig(hearAndTreat: hear, seeAndTreat: see, category: category)
    }

    // MARK: arrivals

    struct ParsedArrival { let config: ArrivalSourceConfig; let field: Field }

    func parseArrival(id: String, _ field: Field) -> ParsedArrival? {
        field.keys(allowed: ["site", "channel", "rate_per_hour", "rate_per_hour_by_hour", "day_of_week_factors",
                             "annual_growth", "mix", "monthly_factor"],
                   required: ["site", "mix"])
        let site = field["site"].string()
        let channels = ArrivalChannel.allCases.map(\.id)
        let channel = field["channel"].oneOf(channels, default: ArrivalChannel.walkIn.id)
            .flatMap { c in ArrivalChannel.allCases.first { $0.id == c } }
        let rate = parseRate(field)
        let mix = field["mix"].probabilities(sumToOne: true, names: reader.root["groups"].entries().map(\.key),
                                             what: "patient group")
        let monthly = field["monthly_factor"].monthlyFactor(run: reader.root["run"])
        guard let site, let channel, let rate, let mix, let monthly else { return nil }
        var config = ArrivalSourceConfig(id: id, site: site, channel: channel, rate: rate,
                                         mix: mix.map { ($0.name, $0.probability) })
        config.monthlyFactor = monthly.values
        return ParsedArrival(config: config, field: field)
    }

    /// `rate_per_hour: 30`, or `rate_per_hour_by_hour: [24 values]`, either
    /// optionally with `day_of_week_factors` (Monday first) and `annual_growth`.
    func parseRate(_ field: Field) -> RateProfile? {
        let flat = field["rate_per_hour"], hourly = field["rate_per_hour_by_hour"]
        let growth = field["annual_growth"].double(min: -0.5, max: 1, default: 0)
        let days = field["day_of_week_factors"].exists ? field["day_of_week_factors"].doubles(count: 7, min: 0) : Array(repeating: 1.0, count: 7)
        var perHour: [Double]?
        switch (flat.exists, hourly.exists) {
        case (true, true):
            hourly.report("give either 'rate_per_hour' or 'rate_per_hour_by_hour', not both")
        case (false, false):
            field.report("missing required key 'rate_per_hour' (or 'rate_per_hour_by_hour' with 24 values)")
        case (true, false):
            perHour = flat.double(min: 0).map { Array(repeating: $0, count: 24) }
        case (false, true):
            perHour = hourly.doubles(count: 24, min: 0)
        }
        guard let perHour, let days, let growth else { return nil }
        guard perHour.contains(where: { $0 > 0 }), days.contains(where: { $0 > 0 }) else {
            (flat.exists ? flat : hourly).report("expected some positive arrival rate, got all zero")
            return nil
        }
        return .hourly(perHour: perHour, dayFactors: days, annualGrowth: 1 + growth)
    }

    // MARK: cross-references

    /// Every patient group some channel brings must have somewhere to go
    /// at every hour; the routing tables say where.
    func checkRouting(_ config: ModelConfig, sites: [ParsedSite], groups: [ParsedGroup], root: Field) {
        // The same gap at many hours is one problem: "at 00:00" ... "at
        // 23:00" become one message listing the hours.
        var order: [String] = []
        var hours: [String: [Int]] = [:]
        var groupOf: [String: String] = [:]
        for problem in RoutingTable.build(config).problems {
            var key = problem.message
            var hour: Int?
            if let range = key.range(of: #" at [0-9]{2}:00$"#, options: .regularExpression) {
                hour = Int(key[range].dropFirst(4).prefix(2))
                key.removeSubrange(range)
            }
            if hours[key] == nil { order.append(key); hours[key] = []; groupOf[key] = problem.group }
            if let hour { hours[key]!.append(hour) }
        }
        for key in order {
            let field = groups.first { $0.config.id == groupOf[key] }?.field ?? root["network"]["roles"]
            let at = hours[key]!.isEmpty ? "" : " at " + Self.hourRanges(hours[key]!)
            field.report("unroutable: \(key)\(at)")
        }
    }

    /// `[0, 1, 2, 5]` → "00:00-02:59 and 05:00-05:59"; all 24 → "any hour".
    static func hourRanges(_ hours: [Int]) -> String {
        let sorted = Array(Set(hours)).sorted()
        if sorted.count == 24 { return "any hour" }
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(String(format: "%02d:00-%02d:59", sorted[i], sorted[j]))
            i = j + 1
        }
        return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    /// Ward names written at a site, whether or not each parsed: a ward
    /// with a bad bed count is reported there, not again as missing.
    static func writtenWards(_ site: ParsedSite) -> [String] {
        site.field["wards"].entries().map(\.key)
    }

    func checkReferences(sites: [ParsedSite], groups: [ParsedGroup], arrivals: [ParsedArrival], root: Field) {
        // References are checked against the keys written, so a mistake
        // inside a site or group is not reported again at every reference.
        let siteIDs = root["sites"].entries().map(\.key)
        for group in groups {
            for site in sites where site.config.streamIndex(group.config.stream) == nil {
                let streams = site.config.streams.map(\.id)
                group.field["stream"].report("stream '\(group.config.stream)' does not exist at site '\(site.config.id)'\(DidYouMean.hint(for: group.config.stream, among: streams)) (streams there: \(streams.joined(separator: ", ")))")
            }
            // In a network, a site without the ward transfers the patient
            // (checked by routing); a lone site must have it.
            guard !root["network"].exists, group.config.admitProbability > 0, let ward = group.config.ward else { continue }
            for site in sites {
                guard let w = site.config.wardIndex(ward) else {
                    let wards = Self.writtenWards(site)
                    if wards.contains(ward) { continue }  // written, but wrong: reported there
                    group.field["ward"].report("ward '\(ward)' does not exist at site '\(site.config.id)'\(DidYouMean.hint(for: ward, among: wards)) (wards there: \(wards.isEmpty ? "none" : wards.joined(separator: ", ")))")
                    continue
                }
                if site.config.wards[w].beds == 0 {
                    site.field["wards"][ward]["beds"].report("ward '\(ward)' has no beds, but group '\(group.config.id)' is admitted to it (admit_probability \(group.config.admitProbability)); without a network there is nowhere to transfer to")
                }
            }
        }
        if !root["network"].exists {
            for site in sites {
                guard let electives = site.config.electives else { continue }
                if site.config.wardIndex(electives.ward) == nil, !Self.writtenWards(site).contains(electives.ward) {
                    let wards = site.config.wards.map(\.id)
                    site.field["electives"]["ward"].report("ward '\(electives.ward)' does not exist at site '\(site.config.id)'\(DidYouMean.hint(for: electives.ward, among: wards)) (wards there: \(wards.isEmpty ? "none" : wards.joined(separator: ", ")))")
                }
            }
        }
        let groupIDs = root["groups"].entries().map(\.key)
        for arrival in arrivals {
            if !siteIDs.contains(arrival.config.site) {
                arrival.field["site"].report("unknown site '\(arrival.config.site)'\(DidYouMean.hint(for: arrival.config.site, among: siteIDs)) (sites: \(siteIDs.joined(separator: ", ")))")
            }
            for (group, _) in arrival.config.mix where !groupIDs.contains(group) {
                arrival.field["mix"].report("unknown patient group '\(group)'\(DidYouMean.hint(for: group, among: groupIDs)) (groups: \(groupIDs.joined(separator: ", ")))")
            }
        }
    }
}
