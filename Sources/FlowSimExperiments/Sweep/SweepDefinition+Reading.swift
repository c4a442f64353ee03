import Foundation
import FlowSimScenario

/// Reading a sweep file with the scenario readers, so sweep files get the
/// same file:line:column messages, misspelling hints and all-at-once
/// reporting as scenarios.
extension SweepDefinition {
    static let topLevelKeys = ["schema", "name", "description", "scenarios", "parameters", "design",
                               "replications", "seed", "warmup", "horizon", "metrics", "scopes", "best"]
    static let domainKeys = ["values", "range", "uniform", "normal", "lognormal", "triangular"]
    static let designKinds = ["grid", "random", "latin_hypercube"]

    /// Reads and checks a sweep file on its own (the scenarios are checked
    /// by `Sweep.load`). Every problem is reported at once.
    /// - Throws: `ScenarioValidationError`.
    public static func load(path: String) throws -> SweepDefinition {
        let document = try ScenarioDocument.load(path: path)
        if document.files.count > 1 {
            throw ScenarioValidationError(ScenarioIssue(
                location: SourceLocation(file: path, line: 1, column: 1), fieldPath: "base",
                message: "sweep files do not inherit: remove 'base' (scenarios inherit, sweeps list them)"))
        }
        return try read(document)
    }

    /// Reads a parsed sweep document (for tests).
    public static func read(_ document: ScenarioDocument) throws -> SweepDefinition {
        let reader = ScenarioReader(document)
        let root = reader.root
        var definition = SweepDefinition(
            file: document.file, name: "", scenarios: [], parameters: [], design: .grid,
            replications: nil, seed: nil, warmup: nil, horizon: nil, metrics: nil, scopes: nil, best: nil)
        root.keys(allowed: topLevelKeys, required: ["scenarios", "parameters", "design"])
        if root["schema"].exists { _ = root["schema"].oneOf([schemaID]) }
        let fallbackName = ((document.file as NSString).lastPathComponent as NSString).deletingPathExtension
        definition.name = root["name"].string(default: fallbackName) ?? fallbackName
        if root["description"].exists { _ = root["description"].string() }

        definition.scenarios = readScenarios(root["scenarios"], sweepFile: document.file)
        definition.parameters = readParameters(root["parameters"], locations: &definition.locations)
        let design = readDesign(root["design"])
        if let design {
            definition.design = design
            checkDomains(definition.parameters, design: design, root["parameters"], root["design"])
        }
        if root["replications"].exists { definition.replications = root["replications"].int(min: 1, max: 100_000) }
        if root["seed"].exists { definition.seed = root["seed"].int(min: 0).map { UInt64($0) } }
        if root["warmup"].exists { definition.warmup = root["warmup"].duration(allowZero: true) }
        definition.locations["warmup"] = root["warmup"].exists ? root["warmup"].location : root["horizon"].location
        definition.locations["parameters"] = root["parameters"].location
        if root["horizon"].exists { definition.horizon = root["horizon"].duration() }
        if let warmup = definition.warmup, let horizon = definition.horizon, warmup >= horizon {
            root["warmup"].report("warm-up must be shorter than the horizon, got warm-up \(warmup) min and horizon \(horizon) min")
        }
        definition.metrics = readNames(root["metrics"], what: "metric", locations: &definition.locations)
        definition.scopes = readNames(root["scopes"], what: "scope", locations: &definition.locations)
        definition.best = readBest(root["best"], locations: &definition.locations)
        // Only against a design that was read: a wrong design is reported
        // there, not again as "got grid".
        if definition.best != nil, let design, !design.isProbabilistic {
            root["best"].report("'best' ranks options over parameter uncertainty, so it needs a random or latin_hypercube design, got grid")
        }
        try reader.finish()
        return definition
    }

    // MARK: parts

    static func readScenarios(_ field: Field, sweepFile: String) -> [(written: String, resolved: String, location: SourceLocation?)] {
        guard field.exists else { return [] }
        if field.node?.items == nil {
            field.report("expected a list of scenario files (relative to this sweep file), got \(field.node!.kindDescription)")
            return []
        }
        let items = field.items()
        if items.isEmpty { field.report("expected at least one scenario file") }
        var seen: Set<String> = []
        var result: [(written: String, resolved: String, location: SourceLocation?)] = []
        for item in items {
            guard let written = item.string(), !written.isEmpty else { continue }
            let resolved = SweepPaths.resolve(written, relativeTo: sweepFile)
            if !seen.insert(SweepPaths.canonical(resolved)).inserted {
                item.report("scenario '\(written)' is listed twice")
                continue
            }
            result.append((written, resolved, item.location))
        }
        return result
    }

    static func readParameters(_ field: Field, locations: inout [String: SourceLocation]) -> [SweepParameter] {
        guard field.exists else { return [] }
        guard let entries = field.node?.entries else {
            field.report("expected a mapping of scenario paths to values, e.g. 'sites.ED.wards.general.beds: {values: [300, 320]}', got \(field.node!.kindDescription)")
            return []
        }
        if entries.isEmpty { field.report("expected at least one parameter") }
        var parameters: [SweepParameter] = []
        for (entry, (name, p)) in zip(entries, field.entries()) {
            locations["parameters.\(name)"] = entry.keyLocation ?? p.location
            if let parameter = readParameter(name: name, p) { parameters.append(parameter) }
        }
        return parameters
    }

    static func readParameter(name: String, _ p: Field) -> SweepParameter? {
        guard p.node?.entries != nil else {
            p.report("expected a mapping with one of \(domainKeys.joined(separator: ", ")), e.g. {values: [300, 320]}, got \(p.node?.kindDescription ?? "nothing")")
            return nil
        }
        p.keys(allowed: domainKeys + ["integer", "unit"])
        let present = domainKeys.filter { p[$0].exists }
        guard present.count == 1, let kind = present.first else {
            if present.isEmpty {
                p.report("expected one of \(domainKeys.joined(separator: ", ")) to say which values the parameter takes")
            } else {
                p.report("expected exactly one of \(domainKeys.joined(separator: ", ")), got \(present.joined(separator: " and "))")
            }
            return nil
        }
        let integer = p["integer"].bool(default: false) ?? false
        let unit = p["unit"].exists ? p["unit"].string() : nil
        if let unit, unit.trimmingCharacters(in: .whitespaces).isEmpty { p["unit"].report("expected a unit such as 'days', got an empty text") }
        guard let domain = readDomain(kind, p[kind]) else { return nil }
        if integer, let values = domain.gridValues, let bad = values.first(where: { $0 != $0.rounded() }) {
            p[kind].report("expected whole numbers for an integer parameter, got \(SweepParameter.format(bad))")
            return nil
        }
        return SweepParameter(name: name, domain: domain, integer: integer, unit: unit)
    }

    static func readDomain(_ kind: String, _ f: Field) -> ParameterDomain? {
        func expectMapping(_ example: String) -> Bool {
            if f.node?.entries == nil {
                f.report("expected a mapping such as \(example), got \(f.node?.kindDescription ?? "nothing")")
                return false
            }
            return true
        }
        func bounded(_ ok: Bool, _ message: String) -> Bool {
            if !ok { f.report(message) }
            return ok
        }
        let g = SweepParameter.format
        switch kind {
        case "values":
            guard f.node?.items != nil else {
                f.report("expected a list of numbers such as [300, 320, 340], got \(f.node?.kindDescription ?? "nothing")")
                return nil
            }
            guard let values = f.doubles() else { return nil }
            guard !values.isEmpty else { f.report("expected at least one value, got an empty list"); return nil }
            if let duplicate = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
                f.report("value \(g(duplicate.element)) is listed twice")
                return nil
            }
            return .values(list: values)
        case "range":
            guard expectMapping("{from: 300, to: 340, step: 20}") else { return nil }
            f.keys(allowed: ["from", "to", "step"], required: ["from", "to", "step"])
            guard let from = f["from"].double(), let to = f["to"].double(), let step = f["step"].double() else { return nil }
            guard step > 0 else { f["step"].report("expected a step > 0, got \(g(step))"); return nil }
            guard from <= to else {
                f.report("empty range: from \(g(from)) is above to \(g(to)); expected from <= to")
                return nil
            }
            let domain = ParameterDomain.range(from: from, to: to, step: step)
            guard (domain.gridValues?.count ?? 0) <= 100_000 else {
                f.report("range from \(g(from)) to \(g(to)) by \(g(step)) has more than 100000 values; expected a coarser step")
                return nil
            }
            return domain
        case "uniform":
            guard expectMapping("{low: 0.2, high: 0.3}") else { return nil }
            f.keys(allowed: ["low", "high"], required: ["low", "high"])
            guard let low = f["low"].double(), let high = f["high"].double(),
                  bounded(low < high, "uniform needs low < high, got low \(g(low)), high \(g(high))") else { return nil }
            return .uniform(low: low, high: high)
        case "normal":
            guard expectMapping("{mean: 4, sd: 0.5}") else { return nil }
            f.keys(allowed: ["mean", "sd"], required: ["mean", "sd"])
            guard let mean = f["mean"].double(), let sd = f["sd"].double(),
                  bounded(sd > 0, "normal needs sd > 0, got sd \(g(sd))") else { return nil }
            return .normal(mean: mean, sd: sd)
        case "lognormal":
            guard expectMapping("{mean: 4, sd: 1}") else { return nil }
            f.keys(allowed: ["mean", "sd"], required: ["mean", "sd"])
            guard let mean = f["mean"].double(), let sd = f["sd"].double(),
                  bounded(mean > 0 && sd > 0, "lognormal needs mean > 0 and sd > 0, got mean \(g(mean)), sd \(g(sd))") else { return nil }
            return .lognormal(mean: mean, sd: sd)
        case "triangular":
            guard expectMapping("{min: 3.5, mode: 4, max: 5}") else { return nil }
            f.keys(allowed: ["min", "mode", "max"], required: ["min", "mode", "max"])
            guard let lo = f["min"].double(), let mode = f["mode"].double(), let hi = f["max"].double(),
                  bounded(lo <= mode && mode <= hi && lo < hi,
                          "triangular needs min <= mode <= max and min < max, got min \(g(lo)), mode \(g(mode)), max \(g(hi))")
            else { return nil }
            return .triangular(min: lo, mode: mode, max: hi)
        default:
            return nil
        }
    }

    /// `design: grid`, or `design: {grid: {}}`, `{random: {points: N}}`,
    /// `{latin_hypercube: {points: N}}`.
    static func readDesign(_ f: Field) -> SweepDesign? {
        guard let node = f.node, !node.isNull else { return nil }
        if node.scalar != nil {
            guard let kind = f.oneOf(designKinds) else { return nil }
            if kind == "grid" { return .grid }
            f.report("'\(kind)' needs a number of points: write {\(kind): {points: 40}}")
            return nil
        }
        guard let entries = node.entries else {
            f.report("expected grid, {random: {points: N}} or {latin_hypercube: {points: N}}, got \(node.kindDescription)")
            return nil
        }
        f.keys(allowed: designKinds)
        let kinds = entries.map(\.key).filter(designKinds.contains)
        guard kinds.count == 1, let kind = kinds.first else {
            if kinds.count > 1 { f.report("expected one design, got \(kinds.joined(separator: " and "))") }
            else if entries.isEmpty { f.report("expected grid, random or latin_hypercube") }
            return nil
        }
        let settings = f[kind]
        if kind == "grid" {
            settings.keys(allowed: [])
            return .grid
        }
        guard settings.node?.entries != nil else {
            settings.report("expected {points: N}, got \(settings.node?.kindDescription ?? "nothing")")
            return nil
        }
        settings.keys(allowed: ["points"], required: ["points"])
        guard let points = settings["points"].int(max: 1_000_000) else { return nil }
        if kind == "latin_hypercube" {
            guard points >= 2 else {
                settings["points"].report("a Latin hypercube needs at least 2 points (one per stratum), got \(points)")
                return nil
            }
            return .latinHypercube(points: points)
        }
        guard points >= 1 else {
            settings["points"].report("a random design needs at least 1 point, got \(points)")
            return nil
        }
        return .random(points: points)
    }

    /// A grid needs lists or ranges; the sampled designs take anything.
    static func checkDomains(_ parameters: [SweepParameter], design: SweepDesign, _ field: Field, _ designField: Field) {
        if design == .grid {
            for parameter in parameters where parameter.domain.isDistribution {
                field[parameter.name][parameter.domain.kind].report(
                    "'\(parameter.domain.kind)' is a distribution: it needs design {random: {points: N}} or {latin_hypercube: {points: N}}; a grid takes 'values' or 'range'")
            }
            let count = design.pointCount(parameters)
            if count > 1_000_000 {
                designField.report("the grid has \(count == .max ? "too many" : String(count)) points; expected at most 1000000 (use fewer values, or a random or latin_hypercube design)")
            }
        }
    }

    static func readNames(_ f: Field, what: String, locations: inout [String: SourceLocation]) -> [String]? {
        guard f.exists else { return nil }
        guard f.node?.items != nil else {
            f.report("expected a list of \(what) names, got \(f.node!.kindDescription)")
            return nil
        }
        let items = f.items()
        if items.isEmpty { f.report("expected at least one \(what)") }
        var names: [String] = []
        for item in items {
            guard let name = item.string() else { continue }
            if names.contains(name) { item.report("\(what) '\(name)' is listed twice"); continue }
            locations[item.path] = item.location
            locations["\(f.path).\(name)"] = item.location
            names.append(name)
        }
        return names
    }

    static func readBest(_ f: Field, locations: inout [String: SourceLocation]) -> BestCriterion? {
        guard f.exists else { return nil }
        guard f.node?.entries != nil else {
            f.report("expected {metric: ae_within_4h, scope: system, direction: max}, got \(f.node!.kindDescription)")
            return nil
        }
        f.keys(allowed: ["metric", "scope", "direction"], required: ["metric", "direction"])
        let metric = f["metric"].string()
        let scope = f["scope"].string(default: "system")
        let direction = f["direction"].oneOf(["max", "min"]).flatMap(BestCriterion.Direction.init(rawValue:))
        locations["best.metric"] = f["metric"].location
        locations["best.scope"] = f["scope"].location
        guard let metric, let scope, let direction else { return nil }
        return BestCriterion(metric: metric, scope: scope, direction: direction)
    }
}

/// Paths in sweeps: scenarios are relative to the sweep file, and the
/// manifest records files relative to the sweep file's directory so that
/// it reads the same from any working directory.
enum SweepPaths {
    static func resolve(_ path: String, relativeTo file: String) -> String {
        ScenarioPaths.resolve(path, relativeTo: file)
    }

    static func normalized(_ path: String) -> String { ScenarioPaths.normalized(path) }

    static func canonical(_ path: String) -> String { ScenarioPaths.canonical(path) }

    /// `target` relative to `directory` (both resolved to absolute paths).
    static func relative(_ target: String, from directory: String) -> String {
        let t = canonical(target).split(separator: "/")
        let d = canonical(directory.isEmpty ? "." : directory).split(separator: "/")
        var common = 0
        while common < t.count, common < d.count, t[common] == d[common] { common += 1 }
        let ups = Array(repeating: "..", count: d.count - common)
        let rest = t[common...].map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}
