import CGSL
import FlowSimCore
import FlowSimCoreTestSupport
import Foundation
import Testing

/// Named random streams: reproducible from (seed, replication, name),
/// distinct across names and replications, independent of creation order
/// (common random numbers), and uncorrelated.
@Suite struct RandomStreamTests {
    private func draws(_ stream: RandomStream, _ n: Int) -> [UInt64] {
        (0..<n).map { _ in stream.nextUInt64() }
    }

    /// The first `n` words of a freshly created stream. Streams borrow
    /// their memory from their `RandomStreams`, which must outlive them.
    private func draws(seed: UInt64, replication: Int, name: String, _ n: Int) -> [UInt64] {
        let owner = RandomStreams(masterSeed: seed, replication: replication)
        return withExtendedLifetime(owner) { draws(owner.stream(name), n) }
    }

    @Test func sameSeedReplicationAndNameGiveTheSameNumbers() {
        #expect(draws(seed: 2024, replication: 3, name: "ae/treatment/all", 1_000)
                == draws(seed: 2024, replication: 3, name: "ae/treatment/all", 1_000))
        #expect(RandomStreams.seed(master: 2024, replication: 3, name: "x")
                == RandomStreams.seed(master: 2024, replication: 3, name: "x"))
    }

    @Test func askingTwiceReturnsTheSameRunningStream() {
        let streams = RandomStreams(masterSeed: 1, replication: 0)
        let other = RandomStreams(masterSeed: 1, replication: 0)
        withExtendedLifetime((streams, other)) {
            let x = streams.stream("arrivals/walk_in").nextUInt64()
            // The second handle continues the same state, it does not restart it.
            let again = streams.stream("arrivals/walk_in")
            let fresh = other.stream("arrivals/walk_in")
            #expect(fresh.nextUInt64() == x)
            #expect(again.nextUInt64() == fresh.nextUInt64())
        }
    }

    @Test func differentNamesReplicationsAndSeedsGiveDifferentStreams() {
        let base = draws(seed: 1, replication: 0, name: "a", 8)
        let otherName = draws(seed: 1, replication: 0, name: "b", 8)
        let otherReplication = draws(seed: 1, replication: 1, name: "a", 8)
        let otherSeed = draws(seed: 2, replication: 0, name: "a", 8)
        #expect(base != otherName)
        #expect(base != otherReplication)
        #expect(base != otherSeed)
        // Seeds of many names do not collide.
        let names = (0..<2_000).map { "ae/treatment/group\($0)" }
        let seeds = Set(names.map { RandomStreams.seed(master: 1, replication: 0, name: $0) })
        #expect(seeds.count == names.count)
        // Nor do seeds of many replications, nor (seed, replication) swaps.
        let byReplication = Set((0..<2_000).map { RandomStreams.seed(master: 1, replication: $0, name: "a") })
        #expect(byReplication.count == 2_000)
        #expect(RandomStreams.seed(master: 1, replication: 2, name: "a") != RandomStreams.seed(master: 2, replication: 1, name: "a"))
    }

    /// Common random numbers: two scenarios with the same master seed get
    /// identical streams by name, whatever order they create them in and
    /// whatever other streams they have.
    @Test func streamsDependOnTheNameNotOnCreationOrder() {
        let one = RandomStreams(masterSeed: 77, replication: 4)
        let two = RandomStreams(masterSeed: 77, replication: 4)
        withExtendedLifetime((one, two)) {
            let oneA = one.stream("arrivals/walk_in")
            let oneB = one.stream("ae/treatment/all")
            _ = two.stream("something/only/in/two")
            let twoB = two.stream("ae/treatment/all")
            _ = two.stream("another")
            let twoA = two.stream("arrivals/walk_in")
            #expect(draws(oneA, 500) == draws(twoA, 500))
            #expect(draws(oneB, 500) == draws(twoB, 500))
        }
    }

    @Test func gslDistributionsDrawFromTheSameState() {
        // The GSL view and the inline fast path share one state: a GSL draw
        // advances the stream seen by nextUInt64 and vice versa.
        let one = RandomStreams(masterSeed: 5, replication: 0)
        let two = RandomStreams(masterSeed: 5, replication: 0)
        withExtendedLifetime((one, two)) {
            let a = one.stream("s"), b = two.stream("s")
            _ = gsl_rng_get(a.rng)
            _ = b.nextUInt64()
            #expect(a.nextUInt64() == b.nextUInt64())
            #expect(gsl_rng_uniform(a.rng) == gsl_rng_uniform(b.rng))
        }
    }

    @Test func uniformsAreInTheOpenUnitIntervalAndUniform() {
        let owner = RandomStreams(masterSeed: 9, replication: 0)
        defer { withExtendedLifetime(owner) {} }
        let stream = owner.stream("u")
        let n = 100_000, bins = 20
        var counts = [Int](repeating: 0, count: bins)
        var moments = SampleMoments()
        for _ in 0..<n {
            let u = stream.nextUniform()
            #expect(u > 0 && u < 1)
            counts[min(Int(u * Double(bins)), bins - 1)] += 1
            moments.add(u)
        }
        let chi = chiSquare(observed: counts, expected: Array(repeating: Double(n) / Double(bins), count: bins))
        #expect(chi < gsl_cdf_chisq_Qinv(0.001, Double(bins - 1)), "chi-square \(chi)")
        #expect(abs(moments.meanZ(0.5)) < 4.5)
        #expect(abs(moments.varianceZ(1.0 / 12)) < 4.5)
    }

    /// A crude independence check: streams of different names and
    /// replications are uncorrelated, and a stream with itself one step later.
    @Test func streamsAreUncorrelated() {
        let n = 100_000
        func uniforms(_ seed: UInt64, _ replication: Int, _ name: String) -> [Double] {
            let owner = RandomStreams(masterSeed: seed, replication: replication)
            return withExtendedLifetime(owner) {
                let s = owner.stream(name)
                return (0..<n).map { _ in s.nextUniform() }
            }
        }
        let a = uniforms(1, 0, "arrivals/walk_in")
        let b = uniforms(1, 0, "ae/treatment/all")
        let c = uniforms(1, 1, "arrivals/walk_in")
        let d = uniforms(2, 0, "arrivals/walk_in")
        // Under independence the correlation is about N(0, 1/n).
        let bound = 4.5 / Double(n).squareRoot()
        #expect(abs(correlation(a, b)) < bound)
        #expect(abs(correlation(a, c)) < bound)
        #expect(abs(correlation(a, d)) < bound)
        #expect(abs(correlation(Array(a.dropLast()), Array(a.dropFirst()))) < bound)
        // And the check itself can fail: a stream is perfectly correlated with itself.
        #expect(correlation(a, a) > 0.999_999)
    }

    @Test func exponentialAndBernoulliFastPaths() {
        let owner = RandomStreams(masterSeed: 3, replication: 0)
        defer { withExtendedLifetime(owner) {} }
        let stream = owner.stream("fast")
        var exponential = SampleMoments()
        var heads = 0
        let n = 200_000
        for _ in 0..<n {
            exponential.add(stream.nextExponential(mean: 2.5))
            if stream.nextBernoulli(0.3) { heads += 1 }
        }
        #expect(abs(exponential.meanZ(2.5)) < 4.5)
        #expect(abs(exponential.varianceZ(6.25)) < 4.5)
        let p = Double(heads) / Double(n)
        #expect(abs(p - 0.3) < 4.5 * (0.3 * 0.7 / Double(n)).squareRoot())
        // Degenerate probabilities are exact, and take no draw: the stream
        // goes on as a twin that was never asked.
        let twinOwner = RandomStreams(masterSeed: 3, replication: 0)
        withExtendedLifetime(twinOwner) {
            let certain = owner.stream("certain"), twin = twinOwner.stream("certain")
            #expect(!(0..<1_000).contains { _ in certain.nextBernoulli(0) })
            #expect((0..<1_000).allSatisfy { _ in certain.nextBernoulli(1) })
            #expect(certain.nextUniform() == twin.nextUniform())
        }
    }
}
