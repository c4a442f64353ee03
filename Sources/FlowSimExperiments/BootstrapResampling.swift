/// The bootstrap resamples behind `MetricSummary.bounded95` for a given
/// number of values: which value each draw of each resample takes.
///
/// The draws come from a small fixed generator seeded by the number of
/// values alone, so every measure of a result (several hundred of them,
/// each with one value per replication) resamples the same indices.
/// Drawing them once per result instead of once per measure cut the
/// summaries of R2's ten replications from 77.7 M to 53.3 M instructions
/// (docs/performance.md, eleventh round); the sums run in the same order
/// over the same indices, so the intervals are the same to the bit.
public struct BootstrapResampling: Sendable {
    /// Resamples of the mean behind each interval.
    public static let resamples = 1_000
    /// Above this many values the indices are drawn afresh for each measure
    /// instead of kept: 16,384 values make a 64 MiB table.
    static let largestTabulated = 16_384

    /// How many values each resample draws (the number of replications).
    public let count: Int
    /// `resamples × count` indices, one resample after another; empty when
    /// not kept (`tabulated: false`, one value, or more than `largestTabulated`).
    private let table: [UInt32]

    /// - Parameter tabulated: keep the indices for many measures (false
    ///   for a single one, which would draw each index once anyway).
    public init(count: Int, tabulated: Bool = true) {
        self.count = count
        guard tabulated, count > 1, count <= Self.largestTabulated else {
            table = []
            return
        }
        var draws = Draws(count: count)
        table = (0..<(Self.resamples * count)).map { _ in UInt32(truncatingIfNeeded: draws.next()) }
    }

    /// The mean of each resample of `values`, in resample order.
    func resampledMeans(of values: [Double]) -> [Double] {
        precondition(values.count == count, "resampling for \(count) values given \(values.count)")
        let n = count
        var means = [Double](repeating: 0, count: Self.resamples)
        if table.isEmpty {
            var draws = Draws(count: n)
            for b in 0..<Self.resamples {
                var sum = 0.0
                for _ in 0..<n { sum += values[draws.next()] }
                means[b] = sum / Double(n)
            }
            return means
        }
        // Every index is below `count` by construction, so the reads need
        // no bounds test.
        table.withUnsafeBufferPointer { indices in
            values.withUnsafeBufferPointer { v in
                for b in 0..<Self.resamples {
                    var sum = 0.0
                    let row = b * n
                    for k in 0..<n { sum += v[Int(indices[row + k])] }
                    means[b] = sum / Double(n)
                }
            }
        }
        return means
    }

    /// SplitMix64 seeded by the number of values: a small, fixed generator
    /// independent of the model's streams; each draw is mapped to an index
    /// below `count` by a multiply-high.
    struct Draws {
        var state: UInt64
        let count: UInt64

        init(count: Int) {
            state = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            self.count = UInt64(count)
        }

        mutating func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Int(z.multipliedFullWidth(by: count).high)
        }
    }
}
