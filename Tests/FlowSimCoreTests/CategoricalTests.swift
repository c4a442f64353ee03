import FlowSimCore
import Testing

@Suite struct CategoricalTests {
    @Test func indexForUniformFollowsTheCumulativeBoundaries() {
        let c = Categorical([0.2, 0.5, 0.3])
        #expect(c.index(for: 0.000_001) == 0)
        #expect(c.index(for: 0.199_999) == 0)
        #expect(c.index(for: 0.2) == 1)
        #expect(c.index(for: 0.699_999) == 1)
        #expect(c.index(for: 0.7) == 2)
        #expect(c.index(for: 0.999_999) == 2)
        #expect(Categorical([1]).index(for: 0.5) == 0)
    }

    @Test func zeroProbabilityOutcomesAreNeverChosen() {
        let c = Categorical([0, 0.5, 0, 0.5, 0])
        #expect(c.index(for: 0.000_001) == 1)
        #expect(c.index(for: 0.5) == 3)
        #expect(c.index(for: 0.999_999) == 3)
    }

    @Test func frequenciesMatchProbabilities() {
        let probabilities = [0.05, 0.15, 0.25, 0.4, 0.15]
        let c = Categorical(probabilities)
        let owner = RandomStreams(masterSeed: 1, replication: 0)
        let n = 200_000
        var counts = [Int](repeating: 0, count: probabilities.count)
        withExtendedLifetime(owner) {
            let stream = owner.stream("casemix")
            for _ in 0..<n { counts[c.sample(stream)] += 1 }
        }
        for (i, p) in probabilities.enumerated() {
            let observed = Double(counts[i]) / Double(n)
            let se = (p * (1 - p) / Double(n)).squareRoot()
            #expect(abs(observed - p) < 4.5 * se, "outcome \(i): \(observed) vs \(p)")
        }
    }
}
