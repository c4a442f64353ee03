import Foundation
import FlowSimScenario

/// A sweep file (schema "flowsim.sweep/1", docs/sweeps.md) as read: which
/// scenarios are the options, which scenario values vary and how, the
/// design that picks the points, and how each point is run and summarised.
///
/// A definition only says what was written; `Sweep.load` checks it
/// against the scenarios and turns it into a `SweepPlan`.
public struct SweepDefinition: Sendable {
    public static let schemaID = "flowsim.sweep/1"

    /// The sweep file as given.
    public var file: String
    public var name: String
    /// Scenario files, as written (relative to the sweep file) and as
    /// resolved against the sweep file's directory.
    public var scenarios: [(written: String, resolved: String, location: SourceLocation?)]
    public var parameters: [SweepParameter]
    public var design: SweepDesign
    /// Replications of every (point, option); nil: the first scenario's.
    public var replications: Int?
    /// Master seed of the replications and of the design; nil: the first scenario's.
    public var seed: UInt64?
    /// Run-length overrides for every option, in minutes.
    public var warmup: Double?
    public var horizon: Double?
    /// Metrics and scopes summarised; nil: the key metrics / every scope.
    public var metrics: [String]?
    public var scopes: [String]?
    public var best: BestCriterion?
    /// Where things were written, for messages found after reading.
    public var locations: [String: SourceLocation] = [:]
}

/// One varied scenario value.
public struct SweepParameter: Sendable, Hashable, Codable {
    /// Dotted path in the scenario, e.g. `sites.ED.wards.general.beds`.
    public var name: String
    public var domain: ParameterDomain
    /// Round drawn values to whole numbers (bed and server counts).
    public var integer: Bool
    /// Appended to the number in the scenario (`4` with unit `days` is `4 days`).
    public var unit: String?

    public init(name: String, domain: ParameterDomain, integer: Bool = false, unit: String? = nil) {
        self.name = name
        self.domain = domain
        self.integer = integer
        self.unit = unit
    }

    /// The value as the scenario reads it: shortest exact decimal, whole
    /// numbers without a decimal point, then the unit.
    public func yaml(_ value: Double) -> String {
        let number = Self.format(value)
        return unit.map { "\(number) \($0)" } ?? number
    }

    /// `300`, `0.25`, `4.125`: integers without `.0`, others in Swift's
    /// shortest round-tripping form (so files and overrides agree exactly).
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A drawn or listed value after the `integer` rule.
    func finish(_ value: Double) -> Double { integer ? value.rounded() : value }
}

/// How a parameter takes its values: a list or a range (for any design),
/// or a probability distribution (random and Latin hypercube designs).
/// Distribution parameters are in the parameter's own unit.
public enum ParameterDomain: Sendable, Hashable, Codable {
    case values(list: [Double])
    case range(from: Double, to: Double, step: Double)
    case uniform(low: Double, high: Double)
    case normal(mean: Double, sd: Double)
    /// Given by the variable's own mean and standard deviation.
    case lognormal(mean: Double, sd: Double)
    case triangular(min: Double, mode: Double, max: Double)

    /// The values a grid takes (lists and ranges), nil for distributions.
    public var gridValues: [Double]? {
        switch self {
        case .values(let list): return list
        case let .range(from, to, step):
            // Counted rather than accumulated, so 0.1 steps do not drift;
            // the end is included when it lies on the grid (within 1e-9 steps).
            let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
            return (0..<max(count, 0)).map { from + Double($0) * step }
        default: return nil
        }
    }

    /// Whether values are drawn from a continuous distribution.
    public var isDistribution: Bool { gridValues == nil }

    /// The value at cumulative probability `u` in (0, 1): the inverse CDF.
    /// Lists and ranges are discrete uniform over their values.
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .values, .range:
            let values = gridValues!
            return values[min(Int(u * Double(values.count)), values.count - 1)]
        case let .uniform(low, high):
            return low + u * (high - low)
        case let .normal(mean, sd):
            return mean + sd * NormalQuantile.standard(u)
        case let .lognormal(mean, sd):
            let sigma2 = (1 + (sd * sd) / (mean * mean)).log()
            let mu = mean.log() - sigma2 / 2
            return (mu + sigma2.squareRoot() * NormalQuantile.standard(u)).exp()
        case let .triangular(lo, mode, hi):
            let cut = (mode - lo) / (hi - lo)
            return u < cut ? lo + (u * (hi - lo) * (mode - lo)).squareRoot()
                : hi - ((1 - u) * (hi - lo) * (hi - mode)).squareRoot()
        }
    }

    /// Values worth checking against the scenarios before any run: every
    /// listed value, or a distribution's bounds (its mean when unbounded)
    /// and one typical, fractional draw (its 30% quantile), which catches
    /// a continuous distribution on a whole-number setting.
    var representativeValues: [Double] {
        switch self {
        case .values, .range: return gridValues ?? []
        case let .uniform(low, high): return [low, high, quantile(0.3)]
        case let .normal(mean, _), let .lognormal(mean, _): return [mean, quantile(0.3)]
        case let .triangular(lo, _, hi): return [lo, hi, quantile(0.3)]
        }
    }

    /// The family name as written in sweep files.
    public var kind: String {
        switch self {
        case .values: return "values"
        case .range: return "range"
        case .uniform: return "uniform"
        case .normal: return "normal"
        case .lognormal: return "lognormal"
        case .triangular: return "triangular"
        }
    }
}

/// How points are chosen.
public enum SweepDesign: Sendable, Hashable, Codable {
    /// Every combination of the parameters' values (lists and ranges).
    case grid
    /// `points` independent draws from the parameters' distributions.
    case random(points: Int)
    /// `points` draws stratified so that each of the `points` equal-probability
    /// strata of every parameter is used exactly once.
    case latinHypercube(points: Int)

    /// Stored under the names sweep files use.
    enum CodingKeys: String, CodingKey { case grid, random, latinHypercube = "latin_hypercube" }

    public var kind: String {
        switch self {
        case .grid: return "grid"
        case .random: return "random"
        case .latinHypercube: return "latin_hypercube"
        }
    }

    /// Random and Latin hypercube designs sample parameter uncertainty.
    public var isProbabilistic: Bool { self != .grid }
}

/// The metric on which options are ranked for "probability of being best".
public struct BestCriterion: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Hashable, Codable { case max, min }
    public var metric: String
    public var scope: String
    public var direction: Direction

    public init(metric: String, scope: String, direction: Direction) {
        self.metric = metric
        self.scope = scope
        self.direction = direction
    }
}

private extension Double {
    func log() -> Double { Foundation.log(self) }
    func exp() -> Double { Foundation.exp(self) }
}
