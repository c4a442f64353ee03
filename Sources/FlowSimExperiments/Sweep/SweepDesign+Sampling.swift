import CGSL
import FlowSimCore

/// The standard normal inverse CDF (GSL's `gsl_cdf_ugaussian_Pinv`).
enum NormalQuantile {
    static func standard(_ u: Double) -> Double { gsl_cdf_ugaussian_Pinv(u) }
}

extension SweepDesign {
    /// The random stream that draws designs: named "sweep/design" and seeded
    /// from the sweep seed like any model stream, so a design is reproducible
    /// from the seed alone and shares nothing with the replications' streams.
    public static let streamName = "sweep/design"

    /// Points in the unit hypercube, one row per point and one column per
    /// parameter; each value is a cumulative probability in (0, 1) that the
    /// parameter's inverse CDF turns into a value.
    ///
    /// Draw order (part of the reproducibility contract): for a Latin
    /// hypercube, parameter by parameter, first a Fisher-Yates shuffle of
    /// the strata (n-1 draws), then one jitter per point; for a random
    /// design, point by point, one draw per parameter.
    /// - Precondition: the design is random or a Latin hypercube.
    /// - Complexity: O(points × parameters).
    public func unitSample(dimensions: Int, seed: UInt64) -> [[Double]] {
        let streams = RandomStreams(masterSeed: seed, replication: 0)
        let stream = streams.stream(Self.streamName)
        defer { withExtendedLifetime(streams) {} }
        switch self {
        case .grid:
            preconditionFailure("a grid design has no random sample")
        case .random(let n):
            return (0..<n).map { _ in (0..<dimensions).map { _ in stream.nextUniform() } }
        case .latinHypercube(let n):
            var sample = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: n)
            for j in 0..<dimensions {
                var strata = Array(0..<n)
                for i in stride(from: n - 1, to: 0, by: -1) {
                    let k = min(Int(stream.nextUniform() * Double(i + 1)), i)
                    strata.swapAt(i, k)
                }
                for i in 0..<n {
                    sample[i][j] = (Double(strata[i]) + stream.nextUniform()) / Double(n)
                }
            }
            return sample
        }
    }

    /// The design's points: one row of parameter values per point, in
    /// point order. A grid varies the last parameter fastest.
    /// - Precondition: for a grid, every parameter has a list or a range.
    public func points(_ parameters: [SweepParameter], seed: UInt64) -> [[Double]] {
        switch self {
        case .grid:
            var rows: [[Double]] = [[]]
            for parameter in parameters {
                let values = parameter.domain.gridValues!.map(parameter.finish)
                rows = rows.flatMap { row in values.map { row + [$0] } }
            }
            return parameters.isEmpty ? [] : rows
        case .random, .latinHypercube:
            return unitSample(dimensions: parameters.count, seed: seed).map { u in
                zip(parameters, u).map { parameter, p in parameter.finish(parameter.domain.quantile(p)) }
            }
        }
    }

    /// How many points the design has (for a grid, the product of the
    /// parameters' value counts).
    public func pointCount(_ parameters: [SweepParameter]) -> Int {
        switch self {
        case .grid:
            return parameters.isEmpty ? 0 : parameters.reduce(1) { total, p in
                total.multipliedReportingOverflow(by: p.domain.gridValues?.count ?? 0).overflow
                    ? Int.max : total * (p.domain.gridValues?.count ?? 0)
            }
        case .random(let n), .latinHypercube(let n): return n
        }
    }
}
