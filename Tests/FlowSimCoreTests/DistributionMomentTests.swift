import FlowSimCore
import FlowSimCoreTestSupport
import Testing

/// Every distribution family, sampled through its compiled `Sampler`:
/// the sample mean and variance must lie within a few standard errors of
/// the distribution's own `.mean` and `.variance`.
@Suite struct DistributionMomentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let distribution: Distribution
        /// Bounds every draw must respect.
        let support: ClosedRange<Double>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "constant", distribution: .constant(7.5), support: 7.5...7.5),
        Case(name: "exponential", distribution: .exponential(mean: 15), support: 0...Double.infinity),
        Case(name: "uniform", distribution: .uniform(low: 5, high: 20), support: 5...20),
        Case(name: "normal", distribution: .normal(mean: 50, sd: 10, truncatedAtZero: false), support: -Double.infinity...Double.infinity),
        Case(name: "normal truncated at 0", distribution: .normal(mean: 10, sd: 8, truncatedAtZero: true), support: 0...Double.infinity),
        Case(name: "normal, mostly truncated", distribution: .normal(mean: 2, sd: 10, truncatedAtZero: true), support: 0...Double.infinity),
        Case(name: "lognormal (R2 treatment)", distribution: .lognormal(mean: 60, sd: 45), support: 0...Double.infinity),
        Case(name: "lognormal (R2 stay)", distribution: .lognormal(mean: 5_760, sd: 7_200), support: 0...Double.infinity),
        Case(name: "gamma, shape 2.25", distribution: .gamma(mean: 30, sd: 20), support: 0...Double.infinity),
        Case(name: "gamma, shape 0.25", distribution: .gamma(mean: 30, sd: 60), support: 0...Double.infinity),
        Case(name: "weibull, shape 1.5", distribution: .weibull(shape: 1.5, scale: 100), support: 0...Double.infinity),
        Case(name: "weibull, shape 0.8", distribution: .weibull(shape: 0.8, scale: 50), support: 0...Double.infinity),
        Case(name: "erlang", distribution: .erlang(k: 3, mean: 45), support: 0...Double.infinity),
        Case(name: "triangular", distribution: .triangular(min: 5, mode: 10, max: 30), support: 5...30),
        Case(name: "triangular, mode at min", distribution: .triangular(min: 0, mode: 0, max: 10), support: 0...10),
        Case(name: "triangular, mode at max", distribution: .triangular(min: 2, mode: 10, max: 10), support: 2...10),
        Case(name: "pert", distribution: .pert(min: 5, mode: 10, max: 30), support: 5...30),
        Case(name: "empirical", distribution: .empirical(values: [0, 10, 30, 100], cumulative: [0, 0.5, 0.9, 1]), support: 0...100),
        Case(name: "empirical with a step", distribution: .empirical(values: [5, 5, 20, 60], cumulative: [0, 0.25, 0.25, 1]), support: 5...60),
        Case(name: "zero-inflated lognormal", distribution: .zeroInflated(share: 0.3, base: .lognormal(mean: 100, sd: 50)), support: 0...Double.infinity),
        Case(name: "zero-inflated exponential", distribution: .zeroInflated(share: 0.5, base: .exponential(mean: 10)), support: 0...Double.infinity),
    ]

    @Test(arguments: cases)
    func sampleMomentsMatchTheory(_ c: Case) throws {
        let distribution = try c.distribution.validated()
        let streams = RandomStreams(masterSeed: 20_240_601, replication: 0)
        let tables = SamplerTables()
        let moments: SampleMoments = withExtendedLifetime((streams, tables)) {
            let sampler = Sampler(distribution, tables: tables)
            let stream = streams.stream("moments/\(c.name)")
            var m = SampleMoments()
            var outside = 0
            for _ in 0..<200_000 {
                let x = sampler.sample(stream)
                if !c.support.contains(x) { outside += 1 }
                m.add(x)
            }
            #expect(outside == 0, "\(outside) draws outside \(c.support)")
            return m
        }
        let z = 4.5
        #expect(abs(moments.meanZ(distribution.mean)) < z,
                "mean \(moments.mean) vs theory \(distribution.mean) (SE \(moments.standardErrorOfMean))")
        #expect(abs(moments.varianceZ(distribution.variance)) < z,
                "variance \(moments.variance) vs theory \(distribution.variance) (SE \(moments.standardErrorOfVariance))")
    }

    @Test func zeroInflationGivesTheStatedShareOfZeros() {
        let streams = RandomStreams(masterSeed: 1, replication: 0)
        let tables = SamplerTables()
        withExtendedLifetime((streams, tables)) {
            let sampler = Sampler(.zeroInflated(share: 0.33, base: .lognormal(mean: 5_760, sd: 7_200)), tables: tables)
            let stream = streams.stream("zeros")
            let n = 100_000
            let zeros = (0..<n).filter { _ in sampler.sample(stream) == 0 }.count
            let p = Double(zeros) / Double(n)
            #expect(abs(p - 0.33) < 4.5 * (0.33 * 0.67 / Double(n)).squareRoot())
        }
    }

    /// The theoretical moments themselves, against values worked by hand.
    @Test func theoreticalMomentsWorkedByHand() {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
        #expect(close(Distribution.uniform(low: 0, high: 12).variance, 12))
        #expect(close(Distribution.erlang(k: 4, mean: 20).variance, 100))
        #expect(close(Distribution.triangular(min: 0, mode: 0, max: 1).variance, 1.0 / 18))
        #expect(close(Distribution.triangular(min: 0, mode: 0, max: 1).mean, 1.0 / 3))
        // PERT(0, 0.5, 1) is Beta(3, 3): mean 1/2, variance 1/28.
        #expect(close(Distribution.pert(min: 0, mode: 0.5, max: 1).mean, 0.5))
        #expect(close(Distribution.pert(min: 0, mode: 0.5, max: 1).variance, 1.0 / 28))
        // Weibull with shape 1 is exponential.
        #expect(close(Distribution.weibull(shape: 1, scale: 7).mean, 7))
        #expect(close(Distribution.weibull(shape: 1, scale: 7).variance, 49))
        // Uniform on [0, 10] written as an empirical distribution.
        #expect(close(Distribution.empirical(values: [0, 10], cumulative: [0, 1]).mean, 5))
        #expect(close(Distribution.empirical(values: [0, 10], cumulative: [0, 1]).variance, 100.0 / 12))
        // Half-normal: mean sd·√(2/π), variance sd²(1 − 2/π).
        #expect(abs(Distribution.normal(mean: 1e-12, sd: 3, truncatedAtZero: true).mean - 3 * (2 / Double.pi).squareRoot()) < 1e-9)
        #expect(abs(Distribution.normal(mean: 1e-12, sd: 3, truncatedAtZero: true).variance - 9 * (1 - 2 / Double.pi)) < 1e-9)
        // Zero-inflated exponential: (1−s)m and (1−s)·2m² − ((1−s)m)².
        #expect(close(Distribution.zeroInflated(share: 0.25, base: .exponential(mean: 4)).mean, 3))
        #expect(close(Distribution.zeroInflated(share: 0.25, base: .exponential(mean: 4)).variance, 0.75 * 32 - 9))
    }
}
