import FlowSimCore
import Testing

@Suite struct ConfidenceIntervalTests {
    /// Student-t critical values from printed tables (two-sided 95% and 99%).
    @Test(arguments: [(1, 12.706), (2, 4.303), (4, 2.776), (9, 2.262), (19, 2.093), (29, 2.045), (120, 1.980)])
    func tCritical95(df: Int, table: Double) {
        #expect(abs(ConfidenceInterval.tCritical(degreesOfFreedom: df) - table) < 0.0005)
    }

    @Test func tCriticalOtherLevels() {
        #expect(abs(ConfidenceInterval.tCritical(confidence: 0.99, degreesOfFreedom: 9) - 3.250) < 0.0005)
        #expect(abs(ConfidenceInterval.tCritical(confidence: 0.90, degreesOfFreedom: 9) - 1.833) < 0.0005)
        // Large samples approach the normal 1.96.
        #expect(abs(ConfidenceInterval.tCritical(degreesOfFreedom: 100_000) - 1.95996) < 0.0001)
    }

    @Test func meanAndHalfWidthByHand() {
        // Mean 11; squared deviations 1, 1, 4, 0, 4 → s² = 10/4; s/√5 = 0.7071.
        let (mean, half) = ConfidenceInterval.meanAndHalfWidth([10, 12, 9, 11, 13])
        #expect(mean == 11)
        let expected = ConfidenceInterval.tCritical(degreesOfFreedom: 4) * (2.5 / 5).squareRoot()
        #expect(abs(half - expected) < 1e-12)
        #expect(abs(half - 2.776_445 * 0.707_106_8) < 1e-5)
    }

    @Test func degenerateSamples() {
        #expect(ConfidenceInterval.meanAndHalfWidth([]) == (0, 0))
        #expect(ConfidenceInterval.meanAndHalfWidth([4.5]) == (4.5, 0))
        #expect(ConfidenceInterval.meanAndHalfWidth([3, 3, 3]) == (3, 0))
    }
}
