import CGSL
import Foundation

/// A probability distribution of a non-negative quantity (usually a
/// duration in minutes), as a scenario states it.
///
/// Distributions are values: they validate their parameters once, at
/// creation (`validated()`), and know their theoretical mean and variance,
/// so one test helper can check every one of them against its samples.
/// For the hot loop a distribution is compiled into a `Sampler`.
public indirect enum Distribution: Sendable, Hashable {
    case constant(Double)
    case exponential(mean: Double)
    case uniform(low: Double, high: Double)
    /// Normal, truncated at zero when `truncatedAtZero` (durations).
    case normal(mean: Double, sd: Double, truncatedAtZero: Bool)
    /// Lognormal given by its own mean and standard deviation (not by the
    /// underlying normal's), as planners state lengths of stay.
    case lognormal(mean: Double, sd: Double)
    /// Gamma given by mean and standard deviation.
    case gamma(mean: Double, sd: Double)
    case weibull(shape: Double, scale: Double)
    /// Sum of `k` exponential phases with total mean `mean`.
    case erlang(k: Int, mean: Double)
    case triangular(min: Double, mode: Double, max: Double)
    /// Beta-PERT (the usual lambda = 4).
    case pert(min: Double, mode: Double, max: Double)
    /// Piecewise-linear distribution through (value, cumulative probability)
    /// points; the first probability is 0 and the last 1.
    case empirical(values: [Double], cumulative: [Double])
    /// Zero with probability `share`, otherwise `base` (zero-day stays).
    case zeroInflated(share: Double, base: Distribution)

    /// Why a distribution's parameters are impossible.
    public struct InvalidParameters: Error, Equatable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The distribution itself if its parameters are possible; otherwise a
    /// message a scenario author can act on.
    public func validated() throws -> Distribution {
        func require(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw InvalidParameters(message()) }
        }
        func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }
        switch self {
        case .constant(let v):
            try require(finite(v) && v >= 0, "constant must be a finite value >= 0, got \(v)")
        case .exponential(let mean):
            try require(finite(mean) && mean > 0, "exponential mean must be > 0, got \(mean)")
        case .uniform(let low, let high):
            try require(finite(low, high) && low >= 0 && high > low, "uniform needs 0 <= low < high, got low \(low), high \(high)")
        case .normal(let mean, let sd, let truncated):
            try require(finite(mean, sd) && sd > 0, "normal sd must be > 0, got \(sd)")
            if truncated { try require(mean > 0, "truncated normal mean must be > 0, got \(mean)") }
        case .lognormal(let mean, let sd):
            try require(finite(mean) && mean > 0, "lognormal mean must be > 0, got \(mean)")
            try require(finite(sd) && sd > 0, "lognormal sd must be > 0, got \(sd)")
        case .gamma(let mean, let sd):
            try require(finite(mean) && mean > 0, "gamma mean must be > 0, got \(mean)")
            try require(finite(sd) && sd > 0, "gamma sd must be > 0, got \(sd)")
        case .weibull(let shape, let scale):
            try require(finite(shape) && shape > 0, "weibull shape must be > 0, got \(shape)")
            try require(finite(scale) && scale > 0, "weibull scale must be > 0, got \(scale)")
        case .erlang(let k, let mean):
            try require(k >= 1, "erlang k must be an integer >= 1, got \(k)")
            try require(finite(mean) && mean > 0, "erlang mean must be > 0, got \(mean)")
        case .triangular(let lo, let mode, let hi), .pert(let lo, let mode, let hi):
            try require(finite(lo, mode, hi) && lo >= 0 && lo <= mode && mode <= hi && lo < hi,
                        "needs 0 <= min <= mode <= max and min < max, got min \(lo), mode \(mode), max \(hi)")
        case .empirical(let values, let cumulative):
            try require(values.count >= 2, "empirical needs at least 2 points, got \(values.count)")
            try require(values.count == cumulative.count, "empirical needs as many cumulative probabilities as values")
            try require(values.allSatisfy { $0.isFinite && $0 >= 0 }, "empirical values must be finite and >= 0")
            try require(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "empirical values must be in increasing order")
            try require(zip(cumulative, cumulative.dropFirst()).allSatisfy { $0 <= $1 }, "empirical cumulative probabilities must not decrease")
            try require(cumulative.first == 0 && abs(cumulative.last! - 1) < 1e-9,
                        "empirical cumulative probabilities must start at 0 and end at 1")
        case .zeroInflated(let share, let base):
            try require(finite(share) && share >= 0 && share < 1, "zero share must be in [0, 1), got \(share)")
            if case .zeroInflated = base {
                throw InvalidParameters("zero share cannot be applied twice: the base of a zero-inflated distribution must not be zero-inflated itself")
            }
            _ = try base.validated()
        }
        return self
    }

    /// Theoretical mean.
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .normal(let m, let s, let truncated):
            guard truncated else { return m }
            let alpha = -m / s
            return m + s * Self.phi(alpha) / (1 - Self.bigPhi(alpha))
        case .lognormal(let m, _), .gamma(let m, _), .erlang(_, let m): return m
        case .weibull(let k, let lambda): return lambda * tgamma(1 + 1 / k)
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .pert(let a, let c, let b): return (a + 4 * c + b) / 6
        case .empirical(let v, let p):
            var sum = 0.0
            for i in 1..<v.count { sum += (p[i] - p[i - 1]) * (v[i] + v[i - 1]) / 2 }
            return sum
        case .zeroInflated(let share, let base): return (1 - share) * base.mean
        }
    }

    /// Theoretical variance.
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .exponential(let m): return m * m
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .normal(let m, let s, let truncated):
            guard truncated else { return s * s }
            let alpha = -m / s
            let lambda = Self.phi(alpha) / (1 - Self.bigPhi(alpha))
            return s * s * (1 + alpha * lambda - lambda * lambda)
        case .lognormal(_, let s), .gamma(_, let s): return s * s
        case .erlang(let k, let m): return m * m / Double(k)
        case .weibull(let k, let lambda):
            let g1 = tgamma(1 + 1 / k), g2 = tgamma(1 + 2 / k)
            return lambda * lambda * (g2 - g1 * g1)
        case .triangular(let a, let c, let b):
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .pert(let a, let c, let b):
            let alpha = 1 + 4 * (c - a) / (b - a), beta = 1 + 4 * (b - c) / (b - a)
            let range = b - a
            return range * range * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
        case .empirical(let v, let p):
            // Mixture of uniforms on each segment.
            var second = 0.0
            for i in 1..<v.count {
                let a = v[i - 1], b = v[i]
                second += (p[i] - p[i - 1]) * (a * a + a * b + b * b) / 3
            }
            let m = mean
            return second - m * m
        case .zeroInflated(let share, let base):
            let m = base.mean
            return (1 - share) * (base.variance + m * m) - mean * mean
        }
    }

    static func phi(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    static func bigPhi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}

/// A distribution compiled for the hot loop: a flat value with no
/// references, so sampling costs no reference counting and no allocation.
/// Empirical tables live in a `SamplerTables` owned by the replication.
public struct Sampler {
    @usableFromInline enum Kind: UInt8 {
        case constant, exponential, uniform, normal, truncatedNormal, lognormal, gamma,
             weibull, triangular, pert, empirical
    }
    @usableFromInline let kind: Kind
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let c: Double
    @usableFromInline let zeroShare: Double
    @usableFromInline let table: UnsafePointer<Double>?
    @usableFromInline let tableCount: Int

    /// Compiles a validated distribution; empirical tables are copied into `tables`.
    public init(_ distribution: Distribution, tables: SamplerTables) {
        var zero = 0.0
        var base = distribution
        if case .zeroInflated(let share, let inner) = distribution { zero = share; base = inner }
        zeroShare = zero
        var table: UnsafePointer<Double>? = nil
        var tableCount = 0
        switch base {
        case .constant(let v): (kind, a, b, c) = (.constant, v, 0, 0)
        case .exponential(let m): (kind, a, b, c) = (.exponential, m, 0, 0)
        case .uniform(let lo, let hi): (kind, a, b, c) = (.uniform, lo, hi - lo, 0)
        case .normal(let m, let s, let truncated): (kind, a, b, c) = (truncated ? .truncatedNormal : .normal, m, s, 0)
        case .lognormal(let m, let s):
            let sigma2 = log(1 + (s * s) / (m * m))
            (kind, a, b, c) = (.lognormal, log(m) - sigma2 / 2, sigma2.squareRoot(), 0)
        case .gamma(let m, let s): (kind, a, b, c) = (.gamma, (m * m) / (s * s), (s * s) / m, 0)
        case .erlang(let k, let m): (kind, a, b, c) = (.gamma, Double(k), m / Double(k), 0)
        case .weibull(let shape, let scale): (kind, a, b, c) = (.weibull, shape, scale, 0)
        case .triangular(let lo, let mode, let hi): (kind, a, b, c) = (.triangular, lo, mode, hi)
        case .pert(let lo, let mode, let hi): (kind, a, b, c) = (.pert, lo, mode, hi)
        case .empirical(let values, let cumulative):
            (kind, a, b, c) = (.empirical, 0, 0, 0)
            table = tables.store(cumulative + values)
            tableCount = values.count
        case .zeroInflated: preconditionFailure("nested zeroInflated is refused by validation")
        }
        self.table = table
        self.tableCount = tableCount
    }

    /// One draw.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        if zeroShare > 0, stream.nextUniform() < zeroShare { return 0 }
        switch kind {
        case .constant: return a
        case .exponential: return stream.nextExponential(mean: a)
        case .uniform: return a + b * stream.nextUniform()
        case .normal: return a + b * stream.nextStandardNormal()
        case .truncatedNormal:
            while true {
                let x = a + b * stream.nextStandardNormal()
                if x >= 0 { return x }
            }
        case .lognormal: return exp(a + b * stream.nextStandardNormal())
        case .gamma: return gsl_ran_gamma(stream.rng, a, b)
        case .weibull: return b * pow(-log(stream.nextUniform()), 1 / a)
        case .triangular:
            let u = stream.nextUniform()
            let split = (b - a) / (c - a)
            return u < split ? a + ((c - a) * (b - a) * u).squareRoot()
                             : c - ((c - a) * (c - b) * (1 - u)).squareRoot()
        case .pert:
            let alpha = 1 + 4 * (b - a) / (c - a), beta = 1 + 4 * (c - b) / (c - a)
            return a + (c - a) * gsl_ran_beta(stream.rng, alpha, beta)
        case .empirical:
            return sampleEmpirical(stream.nextUniform())
        }
    }

    @usableFromInline
    func sampleEmpirical(_ u: Double) -> Double {
        let cumulative = table!, values = table! + tableCount
        var lo = 0, hi = tableCount - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= u { lo = mid } else { hi = mid }
        }
        let width = cumulative[hi] - cumulative[lo]
        let fraction = width > 0 ? (u - cumulative[lo]) / width : 0
        return values[lo] + fraction * (values[hi] - values[lo])
    }
}

/// Owns the memory of the compiled tables of one replication: empirical
/// distributions (`Sampler`), arrival rates (`ArrivalRate`) and choices
/// (`Choice`). The hot loop reads them through plain pointers, so reading
/// a table retains nothing.
public final class SamplerTables {
    private var blocks: [UnsafeMutableRawPointer] = []
    public init() {}
    deinit { for block in blocks { block.deallocate() } }

    /// A copy of `values` that lives as long as the tables (`T` is a plain
    /// number type: nothing is released when the memory is freed).
    func store<T: BitwiseCopyable>(_ values: [T]) -> UnsafePointer<T> {
        let block = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(values.count, 1))
        _ = block.initialize(from: values)
        blocks.append(UnsafeMutableRawPointer(block.baseAddress!))
        return UnsafePointer(block.baseAddress!)
    }
}

/// A choice among a few outcomes with fixed probabilities (dispositions,
/// routing shares). Cumulative probabilities are searched linearly: the
/// lists are short, and a linear scan beats an alias table below ~16.
public struct Categorical: Sendable, Hashable {
    public let probabilities: [Double]
    @usableFromInline let cumulative: [Double]

    /// - Precondition: probabilities are >= 0 and sum to 1 within 1e-6
    ///   (scenario validation reports violations first).
    public init(_ probabilities: [Double]) {
        precondition(!probabilities.isEmpty && probabilities.allSatisfy { $0 >= 0 })
        let total = probabilities.reduce(0, +)
        precondition(abs(total - 1) < 1e-6, "categorical probabilities sum to \(total)")
        self.probabilities = probabilities
        var running = 0.0
        cumulative = probabilities.map { running += $0 / total; return running }
    }

    @inlinable
    public func sample(_ stream: RandomStream) -> Int {
        let u = stream.nextUniform()
        return index(for: u)
    }

    @inlinable
    public func index(for u: Double) -> Int {
        var i = 0
        let last = cumulative.count - 1
        while i < last && u >= cumulative[i] { i += 1 }
        return i
    }
}

/// A `Categorical` compiled for the hot loop, as `Sampler` is for a
/// distribution: its cumulative shares and a label for each outcome (a
/// group index, say) in a `SamplerTables`, so a draw retains nothing.
/// It draws exactly as the `Categorical` it came from.
public struct Choice {
    @usableFromInline let cumulative: UnsafePointer<Double>
    @usableFromInline let labels: UnsafePointer<Int>
    @usableFromInline let last: Int

    /// Outcome `k` of `categorical` answers `labels[k]` (by default, `k`).
    public init(_ categorical: Categorical, labels: [Int]? = nil, tables: SamplerTables) {
        let labels = labels ?? Array(categorical.probabilities.indices)
        precondition(labels.count == categorical.probabilities.count, "one label per outcome")
        cumulative = tables.store(categorical.cumulative)
        self.labels = tables.store(labels)
        last = labels.count - 1
    }

    /// The label of one draw; a choice of one outcome draws nothing.
    @inlinable @inline(__always)
    public func sample(_ stream: RandomStream) -> Int {
        if last == 0 { return labels[0] }
        let u = stream.nextUniform()
        var i = 0
        while i < last && u >= cumulative[i] { i &+= 1 }
        return labels[i]
    }
}
