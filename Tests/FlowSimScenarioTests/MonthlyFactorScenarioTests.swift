import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// `monthly_factor` on network demand channels and direct arrivals: 12
/// positive numbers, and only with `run.start_date`.
@Suite struct MonthlyFactorScenarioTests {
    typealias Broken = BrokenNetworkScenarioTests

    @Test func elevenValuesAreRefused() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  demand:",
            "    walk_in: {monthly_factor: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "network.demand.walk_in.monthly_factor",
                           mentions: ["expected a list of 12 numbers", "got 11"])
    }

    @Test func aZeroFactorIsRefusedAtItsMonth() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "arrivals:",
            "  BTUHFT_extra: {monthly_factor: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1]}",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 4, fieldPath: "arrivals.BTUHFT_extra.monthly_factor[3]",
                           mentions: ["expected a positive factor", "month 4 of 12", "got 0"])
    }

    @Test func aFactorNeedsAStartDate() throws {
        let dir = try makeTemporaryDirectory("flowsim-monthly")
        let path = dir.appendingPathComponent("r2-monthly.yaml").path
        try """
            base: \(PackagePaths.r2)
            name: R2 by month
            arrivals:
              walk_in:
                monthly_factor: [1.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.9]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "arrivals.walk_in.monthly_factor",
                           mentions: ["needs run.start_date"])
    }

    @Test func theShippedBaselineHasFactorsOnEveryChannel() throws {
        let config = try Scenario.load(path: Broken.baseline).config
        #expect(config.startDate == CivilDate(year: 2016, month: 4, day: 1))
        for channel in try #require(config.network).demand {
            let f = try #require(channel.monthlyFactor, "\(channel.channel)")
            // April to March 2016/17: the day-weighted mean is 1 (annual volume unchanged).
            let days: [Double] = [30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31]
            var total = 0.0
            for k in 0..<12 { total += f[k] * days[k] }
            #expect(abs(total / 365 - 1) < 0.001, "\(channel.channel): \(f)")
        }
    }
}
