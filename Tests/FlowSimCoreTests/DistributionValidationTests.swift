import FlowSimCore
import Testing

/// `Distribution.validated()` refuses impossible parameters with a message
/// a scenario author can act on, and returns possible ones unchanged.
@Suite struct DistributionValidationTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        let distribution: Distribution
        /// Words the message must contain.
        let mentions: [String]
        var testDescription: String { "\(distribution)" }
    }

    static let bad: [Bad] = [
        Bad(distribution: .constant(-1), mentions: ["constant", "-1"]),
        Bad(distribution: .constant(.infinity), mentions: ["constant"]),
        Bad(distribution: .exponential(mean: 0), mentions: ["exponential mean", "> 0", "got 0"]),
        Bad(distribution: .exponential(mean: -3), mentions: ["exponential mean", "-3"]),
        Bad(distribution: .exponential(mean: .nan), mentions: ["exponential mean"]),
        Bad(distribution: .uniform(low: 10, high: 10), mentions: ["uniform", "low 10", "high 10"]),
        Bad(distribution: .uniform(low: -1, high: 10), mentions: ["uniform", "low -1"]),
        Bad(distribution: .normal(mean: 5, sd: 0, truncatedAtZero: false), mentions: ["normal sd", "> 0"]),
        Bad(distribution: .normal(mean: -5, sd: 1, truncatedAtZero: true), mentions: ["truncated normal mean", "-5"]),
        Bad(distribution: .lognormal(mean: 60, sd: 0), mentions: ["lognormal sd", "> 0", "got 0"]),
        Bad(distribution: .lognormal(mean: 60, sd: -45), mentions: ["lognormal sd", "-45"]),
        Bad(distribution: .lognormal(mean: 0, sd: 45), mentions: ["lognormal mean"]),
        Bad(distribution: .gamma(mean: 30, sd: 0), mentions: ["gamma sd"]),
        Bad(distribution: .gamma(mean: -30, sd: 1), mentions: ["gamma mean"]),
        Bad(distribution: .weibull(shape: 0, scale: 1), mentions: ["weibull shape"]),
        Bad(distribution: .weibull(shape: 1, scale: -1), mentions: ["weibull scale"]),
        Bad(distribution: .erlang(k: 0, mean: 10), mentions: ["erlang k", ">= 1"]),
        Bad(distribution: .erlang(k: 2, mean: 0), mentions: ["erlang mean"]),
        Bad(distribution: .triangular(min: 5, mode: 40, max: 30), mentions: ["min <= mode <= max", "mode 40"]),
        Bad(distribution: .triangular(min: 5, mode: 5, max: 5), mentions: ["min < max"]),
        Bad(distribution: .pert(min: 10, mode: 5, max: 30), mentions: ["min <= mode <= max"]),
        Bad(distribution: .pert(min: -1, mode: 5, max: 30), mentions: ["0 <= min"]),
        Bad(distribution: .empirical(values: [1], cumulative: [1]), mentions: ["at least 2 points"]),
        Bad(distribution: .empirical(values: [1, 2, 3], cumulative: [0, 1]), mentions: ["as many"]),
        Bad(distribution: .empirical(values: [3, 2], cumulative: [0, 1]), mentions: ["increasing order"]),
        Bad(distribution: .empirical(values: [1, 2, 3], cumulative: [0, 0.7, 0.5]), mentions: ["must not decrease"]),
        Bad(distribution: .empirical(values: [1, 2], cumulative: [0.1, 1]), mentions: ["start at 0 and end at 1"]),
        Bad(distribution: .empirical(values: [1, 2], cumulative: [0, 0.9]), mentions: ["start at 0 and end at 1"]),
        Bad(distribution: .empirical(values: [-1, 2], cumulative: [0, 1]), mentions: [">= 0"]),
        Bad(distribution: .zeroInflated(share: 1, base: .exponential(mean: 1)), mentions: ["zero share", "[0, 1)"]),
        Bad(distribution: .zeroInflated(share: -0.1, base: .exponential(mean: 1)), mentions: ["zero share"]),
        Bad(distribution: .zeroInflated(share: 0.1, base: .lognormal(mean: 5, sd: 0)), mentions: ["lognormal sd"]),
        // The sampler compiles one level of zero inflation only.
        Bad(distribution: .zeroInflated(share: 0.1, base: .zeroInflated(share: 0.2, base: .exponential(mean: 1))),
            mentions: ["zero"]),
    ]

    @Test(arguments: bad)
    func impossibleParametersAreRefused(_ c: Bad) {
        do {
            _ = try c.distribution.validated()
            Issue.record("\(c.distribution) was accepted")
        } catch let error as Distribution.InvalidParameters {
            for word in c.mentions {
                #expect(error.description.contains(word), "message '\(error.description)' lacks '\(word)'")
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func possibleParametersComeBackUnchanged() throws {
        let good: [Distribution] = [
            .constant(0), .exponential(mean: 15), .uniform(low: 0, high: 1),
            .normal(mean: -5, sd: 1, truncatedAtZero: false), .normal(mean: 5, sd: 1, truncatedAtZero: true),
            .lognormal(mean: 60, sd: 45), .gamma(mean: 30, sd: 20), .weibull(shape: 1.5, scale: 100),
            .erlang(k: 1, mean: 3), .triangular(min: 0, mode: 0, max: 1), .pert(min: 1, mode: 3, max: 3),
            .empirical(values: [0, 0, 5], cumulative: [0, 0.5, 1]),
            .zeroInflated(share: 0, base: .exponential(mean: 1)),
        ]
        for d in good { #expect(try d.validated() == d) }
    }
}
