import FlowSim
import Foundation
import Testing

// Designs, shards and fingerprints: pure functions, no simulation.

private let uniformA = SweepParameter(name: "a", domain: .uniform(low: 10, high: 20))
private let normalB = SweepParameter(name: "b", domain: .normal(mean: 4, sd: 0.5))
private let listC = SweepParameter(name: "c", domain: .values(list: [1, 2, 3, 4]))

@Test func latinHypercubeUsesEachStratumOfEachParameterExactlyOnce() {
    for n in [2, 7, 50] {
        let sample = SweepDesign.latinHypercube(points: n).unitSample(dimensions: 4, seed: 42)
        #expect(sample.count == n)
        for j in 0..<4 {
            let strata = sample.map { Int($0[j] * Double(n)) }
            #expect(strata.sorted() == Array(0..<n), "parameter \(j) of a \(n)-point hypercube")
            #expect(sample.allSatisfy { $0[j] > 0 && $0[j] < 1 })
        }
    }
}

@Test func latinHypercubeValuesFallOneInEachEqualProbabilityInterval() {
    let n = 20
    let points = SweepDesign.latinHypercube(points: n).points([uniformA, normalB], seed: 7)
    // Uniform(10, 20): stratum i is [10 + i/2, 10 + (i+1)/2).
    #expect(points.map { Int((($0[0] - 10) / 10) * Double(n)) }.sorted() == Array(0..<n))
    // Normal: the strata of the CDF, computed back through the normal CDF.
    let strata = points.map { p -> Int in
        let z = (p[1] - 4) / 0.5
        return Int(0.5 * erfc(-z / 2.0.squareRoot()) * Double(n))
    }
    #expect(strata.sorted() == Array(0..<n))
}

@Test func designsAreReproducibleFromTheSeed() {
    for design in [SweepDesign.latinHypercube(points: 16), .random(points: 16)] {
        let parameters = [uniformA, normalB, listC]
        #expect(design.points(parameters, seed: 3) == design.points(parameters, seed: 3))
        #expect(design.points(parameters, seed: 3) != design.points(parameters, seed: 4))
    }
}

@Test func randomAndHypercubeDrawsStayInsideTheDomains() {
    let tri = SweepParameter(name: "t", domain: .triangular(min: 1, mode: 2, max: 5))
    let beds = SweepParameter(name: "beds", domain: .uniform(low: 290.5, high: 350), integer: true)
    for design in [SweepDesign.latinHypercube(points: 200), .random(points: 200)] {
        for row in design.points([uniformA, tri, listC, beds], seed: 11) {
            #expect((10...20).contains(row[0]))
            #expect((1...5).contains(row[1]))
            #expect([1, 2, 3, 4].contains(row[2]))
            #expect(row[3] == row[3].rounded() && (290...350).contains(row[3]))
        }
    }
}

@Test func gridVariesTheLastParameterFastest() {
    let x = SweepParameter(name: "x", domain: .values(list: [1, 2]))
    let y = SweepParameter(name: "y", domain: .range(from: 0.1, to: 0.3, step: 0.1))
    #expect(SweepDesign.grid.pointCount([x, y]) == 6)
    #expect(SweepDesign.grid.points([x, y], seed: 1) == [[1, 0.1], [1, 0.2], [1, 0.30000000000000004],
                                                         [2, 0.1], [2, 0.2], [2, 0.30000000000000004]])
}

@Test func quantilesOfTheParameterDistributions() {
    #expect(ParameterDomain.normal(mean: 4, sd: 2).quantile(0.5) == 4)
    #expect(abs(ParameterDomain.normal(mean: 0, sd: 1).quantile(0.975) - 1.959964) < 1e-5)
    #expect(abs(ParameterDomain.triangular(min: 1, mode: 2, max: 5).quantile(0.25) - 2) < 1e-12)
    // Lognormal by its own mean and sd: the median is mean / sqrt(1 + cv²).
    let median = ParameterDomain.lognormal(mean: 4, sd: 3).quantile(0.5)
    #expect(abs(median - 4 / (1 + 9.0 / 16).squareRoot()) < 1e-9)
    #expect(ParameterDomain.values(list: [5, 6, 7]).quantile(0.999) == 7)
}

@Test func everyPointIsInExactlyOneShard() throws {
    for count in 1...6 {
        let shards = (1...count).map { SweepShard(index: $0, count: count) }
        for point in 1...23 {
            #expect(shards.filter { $0.contains(point: point) }.count == 1)
        }
    }
    #expect(try SweepShard(parsing: "2/4") == SweepShard(index: 2, count: 4))
    for bad in ["0/3", "4/3", "2", "a/b", "1/0", "-1/2"] {
        #expect(throws: SweepError.self) { _ = try SweepShard(parsing: bad) }
    }
}

@Test func parameterValuesAreFormattedForTheScenario() {
    #expect(SweepParameter(name: "b", domain: .values(list: [1])).yaml(320) == "320")
    #expect(SweepParameter(name: "p", domain: .values(list: [1])).yaml(0.25) == "0.25")
    #expect(SweepParameter(name: "s", domain: .values(list: [1]), unit: "days").yaml(4.5) == "4.5 days")
}

@Test func sha256MatchesTheStandardTestVectors() {
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.hex(String(repeating: "a", count: 1000))
            == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
}
