import FlowSimCore

/// Distributions are written as a one-key mapping naming the family, with
/// duration parameters carrying their units:
///
///     service: {lognormal: {mean: 60 min, sd: 45 min}}
///     length_of_stay: {lognormal: {mean: 4 days, sd: 5 days}, zero_share: 0.33}
///     setup: {constant: 10 min}
///
/// Naming the family explicitly keeps a file readable without knowing the
/// defaults, and lets each family check exactly its own parameters.
extension Field {
    /// The families a scenario can name, in the order suggestions list them.
    public static let distributionFamilies = [
        "constant", "exponential", "uniform", "normal", "lognormal", "gamma",
        "weibull", "erlang", "triangular", "pert", "empirical",
    ]

    static let distributionExample = "{exponential: {mean: 15 min}}"

    /// A validated distribution of durations, in minutes. An optional
    /// `zero_share` next to the family wraps it in `.zeroInflated`
    /// (zero-day stays). Impossible parameters are reported with
    /// `Distribution.validated()`'s message at this field.
    public func distribution() -> Distribution? {
        guard let node, !node.isNull else {
            reportMissing()
            return nil
        }
        guard let entries = node.entries else {
            report("expected a distribution such as \(Self.distributionExample), got \(node.kindDescription)")
            return nil
        }
        let families = Self.distributionFamilies
        var known: [LocatedNode.Entry] = []
        for entry in entries where entry.key != "zero_share" {
            if families.contains(entry.key) {
                known.append(entry)
            } else {
                let hint = DidYouMean.hint(for: entry.key, among: families + ["zero_share"])
                reader.report(ScenarioIssue(location: entry.keyLocation ?? location, fieldPath: path,
                                            message: "unknown distribution '\(entry.key)'\(hint)"))
            }
        }
        guard known.count == 1, let family = known.first else {
            if known.count > 1 {
                report("expected exactly one distribution family, got \(known.map(\.key).joined(separator: " and "))")
            } else if entries.allSatisfy({ $0.key == "zero_share" }) {
                report("missing the distribution family; expected one of \(Self.list(families))")
            }
            return nil
        }
        let zeroShareField = self["zero_share"]
        let zeroShare = zeroShareField.exists ? zeroShareField.probability() : nil
        guard let base = familyDistribution(family.key, self[family.key]),
              !zeroShareField.exists || zeroShare != nil else { return nil }
        let distribution = zeroShare.map { Distribution.zeroInflated(share: $0, base: base) } ?? base
        do {
            return try distribution.validated()
        } catch let error as Distribution.InvalidParameters {
            report(error.description)
        } catch {
            report("\(error)")
        }
        return nil
    }

    /// Reads one family's parameters; nil (after reporting) if any is bad.
    private func familyDistribution(_ family: String, _ p: Field) -> Distribution? {
        func keys(_ names: String...) { p.keys(allowed: names, required: names) }
        func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? { a.flatMap { a in b.map { (a, $0) } } }
        func three(_ names: (String, String, String)) -> (Double, Double, Double)? {
            let a = p[names.0].duration(allowZero: true)
            let b = p[names.1].duration(allowZero: true)
            let c = p[names.2].duration(allowZero: true)
            return both(a, both(b, c)).map { ($0, $1.0, $1.1) }
        }
        switch family {
        case "constant":
            return p.duration(allowZero: true).map { .constant($0) }
        case "exponential":
            keys("mean")
            return p["mean"].duration().map { .exponential(mean: $0) }
        case "uniform":
            keys("low", "high")
            return both(p["low"].duration(allowZero: true), p["high"].duration())
                .map { .uniform(low: $0, high: $1) }
        case "normal":
            keys("mean", "sd")
            return both(p["mean"].duration(), p["sd"].duration())
                .map { .normal(mean: $0, sd: $1, truncatedAtZero: true) }
        case "lognormal":
            keys("mean", "sd")
            return both(p["mean"].duration(), p["sd"].duration()).map { .lognormal(mean: $0, sd: $1) }
        case "gamma":
            keys("mean", "sd")
            return both(p["mean"].duration(), p["sd"].duration()).map { .gamma(mean: $0, sd: $1) }
        case "weibull":
            keys("shape", "scale")
            return both(p["shape"].double(), p["scale"].duration()).map { .weibull(shape: $0, scale: $1) }
        case "erlang":
            keys("k", "mean")
            return both(p["k"].int(min: 1), p["mean"].duration()).map { .erlang(k: $0, mean: $1) }
        case "triangular":
            keys("min", "mode", "max")
            return three(("min", "mode", "max")).map { .triangular(min: $0, mode: $1, max: $2) }
        case "pert":
            keys("min", "mode", "max")
            return three(("min", "mode", "max")).map { .pert(min: $0, mode: $1, max: $2) }
        case "empirical":
            keys("values", "cumulative")
            return both(p["values"].durations(allowZero: true), p["cumulative"].doubles(min: 0))
                .map { .empirical(values: $0, cumulative: $1) }
        default:
            return nil
        }
    }
}
