import Foundation

/// One option of a comparison: its position (0 is the reference, then
/// command-line order), a label no other option of the comparison has, and
/// where it came from. The label, not the scenario's name, is what keys
/// `Comparison.differences` and heads the report columns, so two scenarios
/// that share a name stay two options.
public struct ComparedOption: Sendable, Codable, Hashable {
    public let index: Int
    /// Unique among the options (`OptionLabels.unique`).
    public let label: String
    /// The scenario's own `name`, which other options may share.
    public let name: String
    /// The scenario file, when the option came from one.
    public let file: String?

    public init(index: Int, label: String, name: String, file: String?) {
        self.index = index
        self.label = label
        self.name = name
        self.file = file
    }

    /// Options for scenarios with these names and files, in order, labelled
    /// by `OptionLabels.unique`.
    public static func identify(names: [String], files: [String?]) -> [ComparedOption] {
        precondition(names.count == files.count)
        let labels = OptionLabels.unique(names: names, files: files)
        return names.indices.map { ComparedOption(index: $0, label: labels[$0], name: names[$0], file: files[$0]) }
    }
}

/// The one labelling rule of compared and swept options (`flowsim compare`
/// and the options of a sweep file).
public enum OptionLabels {
    /// The names made unique, deterministically:
    ///
    /// 1. a name no other option has is its own label;
    /// 2. options that share a name are told apart by the shortest suffix
    ///    of their file paths (whole path components, the same number for
    ///    every option of the group) that differs between all of them:
    ///    `R1 (R1-mmc.yaml)` and `R1 (other.yaml)`, or `R1 (a/R1-mmc.yaml)`
    ///    and `R1 (b/R1-mmc.yaml)` when the file names agree too;
    /// 3. labels still equal (the same file twice, no files, or a name that
    ///    happens to equal another option's label from step 2) get their
    ///    position after all but the first: `R1 (R1-mmc.yaml) #3`;
    /// 4. should that still leave two equal (names that end in ` #<n>`
    ///    themselves), every label of step 2 gets its position, which is
    ///    unique: the text after the last ` #` is the position.
    public static func unique(names: [String], files: [String?]) -> [String] {
        precondition(names.count == files.count)
        var labels = names
        for group in groups(names) where group.count > 1 {
            let suffixes = distinguishingSuffixes(group.map { files[$0] })
            for (i, suffix) in zip(group, suffixes) {
                if let suffix { labels[i] = "\(names[i]) (\(suffix))" }
            }
        }
        var numbered = labels
        for group in groups(labels) where group.count > 1 {
            for i in group.dropFirst() { numbered[i] += " #\(i + 1)" }
        }
        if groups(numbered).allSatisfy({ $0.count == 1 }) { return numbered }
        return labels.enumerated().map { "\($1) #\($0 + 1)" }
    }

    /// Indices of equal strings, each group in index order, groups in order
    /// of their first index.
    static func groups(_ strings: [String]) -> [[Int]] {
        var byString: [String: Int] = [:]
        var groups: [[Int]] = []
        for (i, s) in strings.enumerated() {
            if let g = byString[s] { groups[g].append(i) } else {
                byString[s] = groups.count
                groups.append([i])
            }
        }
        return groups
    }

    /// The last k components of each path, for the smallest k that makes
    /// them all differ; the file names alone when no k does (the same file
    /// twice), so that step 3 numbers them. Paths are made absolute and
    /// standardised first (`./a/x.yaml` and `a/x.yaml` are one file).
    static func distinguishingSuffixes(_ files: [String?]) -> [String?] {
        let components: [[String]?] = files.map { file in
            file.map { URL(fileURLWithPath: $0).standardizedFileURL.pathComponents.filter { $0 != "/" } }
        }
        func suffixes(_ k: Int) -> [String?] {
            components.map { $0.map { $0.suffix(k).joined(separator: "/") } }
        }
        let longest = components.map { $0?.count ?? 0 }.max() ?? 0
        if longest > 0 {
            for k in 1...longest {
                let candidate = suffixes(k)
                if Set(candidate.map { $0 ?? "" }).count == candidate.count && !candidate.contains(nil) { return candidate }
            }
        }
        return suffixes(1)
    }
}
