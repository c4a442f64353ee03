import FlowSim
import Foundation
import Testing

// Sensitivity and uncertainty measures on synthetic data with known answers.

/// A Latin hypercube sample of `k` parameters on (0, 1), from the design code.
private func sample(_ n: Int, _ k: Int, seed: UInt64 = 5) -> [[Double]] {
    SweepDesign.latinHypercube(points: n).unitSample(dimensions: k, seed: seed)
}

/// Deterministic noise in [-0.1, 0.1], enough to perturb ranks, as
/// replication noise does in a real sweep.
private func noise(_ i: Int) -> Double { sin(Double(i) * 12.9898) * 0.1 }

@Test func aMetricThatDependsOnOneParameterRanksItFirst() {
    let x = sample(60, 4)
    let y = x.enumerated().map { i, row in 3 * row[2] + noise(i) }
    let c = Sensitivity.analyse(x: x, y: y)
    #expect(Sensitivity.ranking(c).first == 2)
    #expect(abs(c.src[2]! - 1) < 0.02)
    #expect(c.prcc[2]! > 0.95)
    for j in [0, 1, 3] {
        #expect(abs(c.src[j]!) < 0.05)
        #expect(abs(c.prcc[j]!) < 0.3)
    }
    #expect(c.r2! > 0.98)
}

@Test func prccCatchesAMonotoneNonLinearEffectAndItsSign() {
    let x = sample(80, 3, seed: 9)
    // Strongly non-linear in x1, decreasing; a weak linear effect of x0.
    let y = x.enumerated().map { i, row in exp(-8 * row[1]) + 0.02 * row[0] + 0.001 * noise(i) }
    let c = Sensitivity.analyse(x: x, y: y)
    #expect(Sensitivity.ranking(c) .first == 1)
    #expect(c.prcc[1]! < -0.95)
    #expect(c.prcc[0]! > 0.5)
    #expect(abs(c.prcc[2]!) < 0.3)
}

@Test func constantOutputsAndParametersGiveNoEstimate() {
    let x = sample(20, 2)
    let flat = Sensitivity.analyse(x: x, y: Array(repeating: 7, count: 20))
    #expect(flat.src == [nil, nil] && flat.prcc == [nil, nil] && flat.r2 == nil)

    let fixedSecond = x.map { [$0[0], 5.0] }
    let c = Sensitivity.analyse(x: fixedSecond, y: x.enumerated().map { $1[0] + noise($0) })
    #expect(c.src[1] == nil && c.prcc[1] == nil)
    #expect(c.src[0] != nil && Sensitivity.ranking(c) == [0, 1])

    // Too few points for the fit: no estimate rather than a meaningless one.
    let tiny = Sensitivity.analyse(x: [[1, 2], [2, 1], [3, 3]], y: [1, 2, 4])
    #expect(tiny.src == [nil, nil])
}

@Test func ranksAverageTies() {
    #expect(Sensitivity.ranks([10, 30, 20, 30]) == [1, 3.5, 2, 3.5])
}

@Test func quantilesInterpolateBetweenOrderStatistics() {
    let v = (1...11).map(Double.init).reversed().map { $0 }
    #expect(Uncertainty.quantile(v, 0) == 1)
    #expect(Uncertainty.quantile(v, 0.5) == 6)
    #expect(Uncertainty.quantile(v, 0.05) == 1.5)
    #expect(Uncertainty.quantile(v, 1) == 11)
}

@Test func probabilityOfBeingBestSharesTies() {
    let values: [[Double]] = [[0.90, 0.80, 0.70, 0.5], [0.85, 0.85, 0.75, 0.5]]
    #expect(Uncertainty.probabilityBest(values, direction: .max) == [0.375, 0.625])
    #expect(Uncertainty.probabilityBest(values, direction: .min) == [0.625, 0.375])
}
