import FlowSim
import Foundation
import Testing

/// The labelling rule shared by `flowsim compare` and sweeps: labels are
/// unique whatever the names and files, and as short as that allows.
@Suite struct OptionLabelsTests {
    func labels(_ names: [String], _ files: [String?]) -> [String] {
        OptionLabels.unique(names: names, files: files)
    }

    @Test func distinctNamesAreTheirOwnLabels() {
        #expect(labels(["base", "more beds"], ["/s/x.yaml", "/s/x.yaml"]) == ["base", "more beds"])
    }

    @Test func equalNamesGetTheShortestPathSuffixThatTellsThemApart() {
        #expect(labels(["R1", "R1", "other"], ["/s/r1.yaml", "/s/r1-10.yaml", "/s/o.yaml"])
            == ["R1 (r1.yaml)", "R1 (r1-10.yaml)", "other"])
        #expect(labels(["R1", "R1", "R1"], ["/w/Scenarios/reference/R1.yaml", "/tmp/q/a/R1.yaml", "/tmp/q/b/R1.yaml"])
            == ["R1 (reference/R1.yaml)", "R1 (a/R1.yaml)", "R1 (b/R1.yaml)"])
        // Only the group that needs it gets a longer suffix.
        #expect(labels(["A", "A", "B", "B"], ["/x/a/s.yaml", "/x/b/s.yaml", "/y/one.yaml", "/y/two.yaml"])
            == ["A (a/s.yaml)", "A (b/s.yaml)", "B (one.yaml)", "B (two.yaml)"])
        // Relative and dotted spellings of a path name the same file.
        #expect(labels(["A", "A"], ["/x/./a/s.yaml", "/x/c/../b/s.yaml"]) == ["A (a/s.yaml)", "A (b/s.yaml)"])
    }

    @Test func theSameFileTwiceOrNoFilesAreNumberedByPosition() {
        #expect(labels(["R1", "R1"], ["/s/r1.yaml", "/s/r1.yaml"]) == ["R1 (r1.yaml)", "R1 (r1.yaml) #2"])
        #expect(labels(["a", "b", "a", "a"], [nil, nil, nil, nil]) == ["a", "b", "a #3", "a #4"])
    }

    @Test func labelsAreUniqueEvenWhenNamesLookLikeLabels() {
        // A name equal to another option's composed label, and names that
        // end in a position themselves.
        let cases: [([String], [String?])] = [
            (["R1", "R1", "R1 (r1.yaml)"], ["/s/r1.yaml", "/t/r2.yaml", "/u/z.yaml"]),
            (["a", "a #2", "a"], [nil, nil, nil]),
            (["a #3", "a", "a", "a #2", "a #2"], [nil, nil, nil, nil, nil]),
        ]
        for (names, files) in cases {
            let result = labels(names, files)
            #expect(Set(result).count == names.count, "\(names) gave \(result)")
            #expect(labels(names, files) == result)   // deterministic
        }
    }

    @Test func comparisonsKeepTwoOptionsThatShareAName() throws {
        let base = ComparisonTests.result("R1", [["a": 1], ["a": 2]])
        let copy = ComparisonTests.result("R1", [["a": 1], ["a": 2]])
        let more = ComparisonTests.result("R1", [["a": 3], ["a": 5]])
        let comparison = Comparison(options: [base, copy, more])
        #expect(comparison.optionIDs.map(\.label) == ["R1", "R1 #2", "R1 #3"])
        #expect(comparison.differences.keys.sorted() == ["R1 #2", "R1 #3"])
        #expect(comparison.differences["R1 #2"]?[.system]?["a"]?.perReplication == [0, 0])
        #expect(comparison.differences["R1 #3"]?[.system]?["a"]?.perReplication == [2, 3])
    }

    @Test func comparisonDocumentsRoundTripTheirIdentities() throws {
        let ids = ComparedOption.identify(names: ["R1", "R1"], files: ["/x/a/r.yaml", "/x/b/r.yaml"])
        let comparison = Comparison(options: [ComparisonTests.result("R1 (a/r.yaml)", [["a": 1]]),
                                              ComparisonTests.result("R1 (b/r.yaml)", [["a": 2]])], ids: ids)
        let read = try JSONDecoder().decode(Comparison.self, from: try CanonicalJSON.encode(comparison))
        #expect(read.optionIDs == ids)
        #expect(read.differences.keys.sorted() == ["R1 (b/r.yaml)"])
    }
}
