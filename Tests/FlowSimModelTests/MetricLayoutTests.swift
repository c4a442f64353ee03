import FlowSim
import FlowSimTestSupport
import Testing

/// A scenario's metric layout over several reporting periods.
@Suite struct MetricLayoutTests {
    /// Three years of R1: three reporting periods of the system and its site.
    static func layout() throws -> MetricLayout {
        MetricLayout(try ModelTest.load(PackagePaths.r1, warmupDays: 1, horizonDays: 3 * 365))
    }

    @Test func everyPeriodOfAScopeListsTheSameMetrics() throws {
        let layout = try Self.layout()
        #expect(layout.periods == ["year 1", "year 2", "year 3"])
        for scope in [Scope.system, Scope.site("ED")] {
            let first = layout.metrics(at: scope.during("year 1")).map(\.name)
            #expect(!first.isEmpty)
            for label in layout.periods {
                #expect(layout.metrics(at: scope.during(label)).map(\.name) == first, "\(scope) \(label)")
            }
            // A period reports fewer measures than the whole window (no quantiles).
            #expect(first.count < layout.metrics(at: scope).count)
        }
    }

    /// The periods of a scope share one list rather than each keeping a
    /// copy (a run of 100 years kept 100).
    @Test func thePeriodsOfAScopeShareOneList() throws {
        let layout = try Self.layout()
        let lists = layout.periods.map { layout.metrics(at: Scope.system.during($0)) }
        let storage = lists.map { $0.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(storage.allSatisfy { $0 == storage[0] })
    }
}
