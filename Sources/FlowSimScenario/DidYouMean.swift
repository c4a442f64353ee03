/// Suggestions for misspelt names, so an unknown key or choice tells the
/// author what they probably meant instead of only that it is wrong.
public enum DidYouMean {
    /// The closest of `candidates` to `input`, if any is close enough:
    /// an exact match ignoring case, else a candidate that `input` starts
    /// (or, for 3+ letters, is started by), else the smallest edit distance
    /// within 2 (1 for names of 3 letters or fewer). Ties go to the
    /// earlier candidate.
    public static func suggestion(for input: String, among candidates: [String]) -> String? {
        let word = input.lowercased()
        guard !word.isEmpty else { return nil }
        let lowered = candidates.map { ($0, $0.lowercased()) }
        if let exact = lowered.first(where: { $0.1 == word }) { return exact.0 }
        let prefixed = lowered.filter {
            $0.1.hasPrefix(word) || (min($0.1.count, word.count) >= 3 && word.hasPrefix($0.1))
        }
        if let best = prefixed.min(by: { abs($0.1.count - word.count) < abs($1.1.count - word.count) }) {
            return best.0
        }
        let limit = word.count <= 3 ? 1 : 2
        var best: (name: String, distance: Int)?
        for (name, lower) in lowered {
            let d = distance(word, lower)
            if d <= limit, d < (best?.distance ?? .max) { best = (name, d) }
        }
        return best?.name
    }

    /// `"; did you mean 'x'?"`, or an empty string when nothing is close.
    public static func hint(for input: String, among candidates: [String]) -> String {
        suggestion(for: input, among: candidates).map { "; did you mean '\(Escaped.text($0))'?" } ?? ""
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1,
                                       previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
