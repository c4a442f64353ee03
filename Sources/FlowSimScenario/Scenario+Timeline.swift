import FlowSimModel

/// `timeline:` — step changes at dates. Each entry sets values (by the
/// same dotted paths as `--set`) from its date on; changes accumulate.
/// Each state of the scenario is validated in full, and must keep the
/// structure of the first (same sites, streams, wards, groups, localities,
/// channels): a timeline changes numbers and roles, not what exists.
extension Scenario {
    static func epochs(of document: ScenarioDocument, base config: ModelConfig,
                       reader: ScenarioReader) -> [(from: Double, config: ModelConfig)] {
        let field = reader.root["timeline"]
        guard field.exists else { return [] }
        let calendar = ScenarioParser(reader: reader).calendar(reader.root["run"], warmup: config.warmup)
        var result: [(from: Double, config: ModelConfig)] = []
        var cumulative: [(path: String, yaml: String)] = []
        var last = 0.0
        for item in field.items() {
            item.keys(allowed: ["date", "set", "note"], required: ["date", "set"])
            guard let calendar else {
                item["date"].report("dates need run.start_date (the date the measured period starts)")
                return []
            }
            guard let time = calendar.time(item["date"]) else { continue }
            if time <= config.warmup || time >= config.warmup + config.horizon {
                item["date"].report("the date is outside the measured period (it must fall after run.start_date and before its end)")
                continue
            }
            if time < last {
                item["date"].report("timeline dates must be in order; this one is before the previous entry")
                continue
            }
            last = time
            let before = cumulative.count
            // Each path is checked on its own, so a wrong one is reported at
            // its own line, once, and not carried into later entries.
            for entry in item["set"].entries() {
                guard let node = entry.field.node else { continue }
                let change = (path: entry.key, yaml: node.flowYAML)
                do {
                    _ = try document.overriding([change])
                    cumulative.append(change)
                } catch let error as ScenarioValidationError {
                    for issue in error.issues { entry.field.report(issue.message) }
                } catch {
                    entry.field.report("\(error)")
                }
            }
            do {
                let changed = try document.overriding(cumulative)
                let sub = ScenarioReader(changed)
                guard let (next, _) = ScenarioParser(reader: sub).parse(), sub.issues.isEmpty else {
                    // Each problem is reported at the `set` entry that caused it.
                    let entries = item["set"].entries()
                    for issue in sub.issues {
                        let cause = entries.first { issue.fieldPath == $0.key || issue.fieldPath.hasPrefix($0.key + ".")
                            || issue.fieldPath.hasPrefix($0.key + "[") }
                        (cause?.field ?? item["set"]).report("after this change, \(issue.fieldPath): \(issue.message)")
                    }
                    // Rolled back, so later entries are not blamed for it.
                    cumulative.removeSubrange(before...)
                    continue
                }
                if let difference = structuralDifference(config, next) {
                    item["set"].report("a timeline may change values, not structure: \(difference)")
                    cumulative.removeSubrange(before...)
                    continue
                }
                result.append((time, next))
            } catch let error as ScenarioValidationError {
                for issue in error.issues { item["set"].report(issue.message) }
            } catch {
                item["set"].report("\(error)")
            }
        }
        return result
    }

    /// Nil when both configurations have the same sites, streams, wards,
    /// groups, arrival sources, localities and channels.
    static func structuralDifference(_ a: ModelConfig, _ b: ModelConfig) -> String? {
        func ids<T>(_ x: [T], _ id: (T) -> String) -> [String] { x.map(id) }
        if ids(a.sites, \.id) != ids(b.sites, \.id) { return "the sites differ" }
        for (x, y) in zip(a.sites, b.sites) {
            if ids(x.streams, \.id) != ids(y.streams, \.id) { return "the streams of site '\(x.id)' differ" }
            if ids(x.wards, \.id) != ids(y.wards, \.id) { return "the wards of site '\(x.id)' differ" }
            if (x.triage == nil) != (y.triage == nil) { return "triage at site '\(x.id)' appears or disappears" }
            if (x.electives == nil) != (y.electives == nil) || (x.electives?.perWeekday == 0) != (y.electives?.perWeekday == 0) {
                return "electives at site '\(x.id)' start or stop (keep per_weekday above 0, or use a very small rate)"
            }
        }
        if ids(a.groups, \.id) != ids(b.groups, \.id) { return "the patient groups differ" }
        if ids(a.arrivals, \.id) != ids(b.arrivals, \.id) { return "the arrival sources differ" }
        if (a.network == nil) != (b.network == nil) { return "the network appears or disappears" }
        if let n = a.network, let m = b.network {
            if ids(n.localities, \.id) != ids(m.localities, \.id) { return "the localities differ" }
            if n.demand.map(\.channel) != m.demand.map(\.channel) { return "the demand channels differ" }
            if n.demand.map(\.mix.count) != m.demand.map(\.mix.count) { return "a demand mix gains or loses groups" }
        }
        if (a.community == nil) != (b.community == nil) { return "the community side appears or disappears" }
        if let c = a.community, let d = b.community, ids(c.d2aPools, \.id) != ids(d.d2aPools, \.id) {
            return "the discharge-to-assess units differ"
        }
        return nil
    }
}

extension LocatedNode {
    /// The value as one line of flow-style YAML (for re-applying a timeline
    /// value through the override machinery).
    var flowYAML: String {
        switch content {
        case .null: return "~"
        case .scalar(let s):
            let plain = s.range(of: #"^[A-Za-z0-9_./ +-]*$"#, options: .regularExpression) != nil && !s.isEmpty
            return plain ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .sequence(let items): return "[" + items.map(\.flowYAML).joined(separator: ", ") + "]"
        case .mapping(let entries): return "{" + entries.map { "\($0.key): \($0.value.flowYAML)" }.joined(separator: ", ") + "}"
        }
    }
}
