import FlowSimCore
import FlowSimModel

/// Reads the scenario format (docs/scenario-format.md) into a
/// `ModelConfig`. Every reader reports its own problems and returns nil, so
/// parsing goes on and one pass finds every mistake; cross-references
/// (a group's stream, a source's site) are checked after all parts are read.
struct ScenarioParser {
    let reader: ScenarioReader

    static let topLevelKeys = ["schema", "name", "description", "run", "sites", "groups", "arrivals",
                               "localities", "network"]

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
        guard let name, let (run, warmup, horizon) = run else { return nil }
        let config = ModelConfig(name: name, warmup: warmup, horizon: horizon, sites: sites.map(\.config),
                                 groups: groups.map(\.config), arrivals: arrivals.map(\.config))
        return (config, run)
    }

    // MARK: run

    func parseRun(_ field: Field) -> (RunSettings, Double, Double)? {
        field.keys(allowed: ["warmup", "horizon", "replications", "seed"], required: ["horizon"])
        let warmup = field["warmup"].duration(default: 0, allowZero: true)
        let horizon = field["horizon"].duration()
        let replications = field["replications"].int(min: 1, max: 100_000, default: 10)
        let seed = field["seed"].int(min: 0, default: 1)
        if let warmup, let horizon, warmup >= horizon {
            field["warmup"].report("warm-up (\(Self.days(warmup))) must be shorter than the measured horizon (\(Self.days(horizon)))")
        }
        guard let warmup, let horizon, let replications, let seed else { return nil }
        return (RunSettings(replications: replications, seed: UInt64(seed)), warmup, horizon)
    }

    static func days(_ minutes: Double) -> String {
        let d = minutes / 1440
        return d == d.rounded() ? "\(Int(d)) days" : "\(minutes) min"
    }

    // MARK: sites

    struct ParsedSite { let config: SiteConfig; let field: Field }

    func parseSite(id: String, _ field: Field) -> ParsedSite? {
        field.keys(allowed: ["name", "triage", "streams", "wards"], required: ["streams"])
        let name = field["name"].string(default: id)
        let triage = field["triage"].exists ? parseStage(field["triage"]) : nil
        let streamEntries = field["streams"].entries()
        if field["streams"].exists && streamEntries.isEmpty { field["streams"].report("expected at least one A&E stream") }
        let streams = streamEntries.compactMap { entry -> StreamConfig? in
            parseStage(entry.field).map { StreamConfig(id: entry.key, treatment: $0) }
        }
        let wards = field["wards"].exists ? field["wards"].entries().compactMap { entry -> WardConfig? in
            entry.field.keys(allowed: ["beds"], required: ["beds"])
            return entry.field["beds"].int(min: 0).map { WardConfig(id: entry.key, beds: $0) }
        } : []
        guard let name, streams.count == streamEntries.count else { return nil }
        if field["triage"].exists && triage == nil { return nil }
        return ParsedSite(config: SiteConfig(id: id, name: name, triage: triage, streams: streams, wards: wards), field: field)
    }

    func parseStage(_ field: Field) -> StageConfig? {
        field.keys(allowed: ["servers", "service"], required: ["servers", "service"])
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
        field.keys(allowed: ["stream", "priority", "treatment", "admit_probability", "ward", "length_of_stay"],
                   required: ["stream", "admit_probability"])
        let stream = field["stream"].string()
        let priority = field["priority"].int(min: 0, max: 7, default: 0)
        let treatment = field["treatment"].exists ? field["treatment"].distribution() : nil
        let admit = field["admit_probability"].probability()
        var ward: String? = nil
        var stay: Distribution? = nil
        if let admit, admit > 0 {
            ward = field["ward"].string()
            stay = field["length_of_stay"].distribution()
        } else {
            if field["ward"].exists { ward = field["ward"].string() }
            if field["length_of_stay"].exists { stay = field["length_of_stay"].distribution() }
        }
        guard let stream, let priority, let admit else { return nil }
        if field["treatment"].exists && treatment == nil { return nil }
        if admit > 0 && (ward == nil || stay == nil) { return nil }
        return ParsedGroup(config: PatientGroupConfig(id: id, stream: stream, priority: priority, treatment: treatment,
                                                      admitProbability: admit, ward: ward, lengthOfStay: stay),
                           field: field)
    }

    // MARK: arrivals

    struct ParsedArrival { let config: ArrivalSourceConfig; let field: Field }

    func parseArrival(id: String, _ field: Field) -> ParsedArrival? {
        field.keys(allowed: ["site", "channel", "rate_per_hour", "rate_per_hour_by_hour", "day_of_week_factors",
                             "annual_growth", "mix"],
                   required: ["site", "mix"])
        let site = field["site"].string()
        let channels = ArrivalChannel.allCases.map(\.id)
        let channel = field["channel"].oneOf(channels, default: ArrivalChannel.walkIn.id)
            .flatMap { c in ArrivalChannel.allCases.first { $0.id == c } }
        let rate = parseRate(field)
        let mix = field["mix"].probabilities(sumToOne: true)
        guard let site, let channel, let rate, let mix else { return nil }
        return ParsedArrival(config: ArrivalSourceConfig(id: id, site: site, channel: channel, rate: rate,
                                                         mix: mix.map { ($0.name, $0.probability) }),
                             field: field)
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

    func checkReferences(sites: [ParsedSite], groups: [ParsedGroup], arrivals: [ParsedArrival], root: Field) {
        let siteIDs = sites.map(\.config.id)
        for group in groups {
            for site in sites where site.config.streamIndex(group.config.stream) == nil {
                let streams = site.config.streams.map(\.id)
                group.field["stream"].report("stream '\(group.config.stream)' does not exist at site '\(site.config.id)'\(DidYouMean.hint(for: group.config.stream, among: streams)) (streams there: \(streams.joined(separator: ", ")))")
            }
            guard group.config.admitProbability > 0, let ward = group.config.ward else { continue }
            for site in sites where site.config.wardIndex(ward) == nil {
                let wards = site.config.wards.map(\.id)
                group.field["ward"].report("ward '\(ward)' does not exist at site '\(site.config.id)'\(DidYouMean.hint(for: ward, among: wards)) (wards there: \(wards.isEmpty ? "none" : wards.joined(separator: ", ")))")
            }
        }
        let groupIDs = groups.map(\.config.id)
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
