import Foundation
import Yams

/// Command-line overrides (`--set sites.BTUHFT.wards.medical.beds=420`) and sweeps
/// change one parameter of a loaded scenario without editing its files.
extension ScenarioDocument {
    /// Where overridden values "were written": they came from the command
    /// line, so there is no file line to point at.
    public static let overrideLocation = SourceLocation(file: "<override>", line: 0, column: 0)

    /// The document with each `path` set to the YAML value `yaml` (a scalar
    /// such as `420` or `15 min`, or a flow value such as `[1, 2]` or
    /// `{exponential: {mean: 9 min}}`), applied in order.
    ///
    /// The whole path must already exist, so a typo in a sweep fails loudly
    /// instead of silently adding an unused key. Paths are dotted; list
    /// items are numbers (`arrivals.0.rate_per_hour`, or `arrivals[0].rate_per_hour`).
    /// A mapping value replaces the old value whole. All problems are
    /// thrown together as a `ScenarioValidationError`.
    public func overriding(_ overrides: [(path: String, yaml: String)]) throws -> ScenarioDocument {
        var root = self.root
        var issues: [ScenarioIssue] = []
        for (path, yaml) in overrides {
            let components = Self.pathComponents(path)
            func issue(_ message: String) {
                issues.append(ScenarioIssue(location: Self.overrideLocation, fieldPath: path, message: message))
            }
            guard !components.isEmpty, !components.contains(where: \.isEmpty) else {
                issue("invalid parameter path '\(path)'")
                continue
            }
            let value: LocatedNode
            do {
                if let node = try Self.compose(yaml: yaml) {
                    var parseIssues: [ScenarioIssue] = []
                    value = Self.located(node, file: Self.overrideLocation.file, path: path, issues: &parseIssues)
                        .relocated(to: Self.overrideLocation)
                    if let first = parseIssues.first { issue(first.message); continue }
                } else {
                    value = LocatedNode(.null, location: Self.overrideLocation)
                }
            } catch {
                issue("cannot parse the value '\(yaml)': \(Self.yamlIssue(error, file: "").message)")
                continue
            }
            switch Self.setting(value, in: root, at: components[...], walked: []) {
            case .success(let updated): root = updated
            case .failure(let problem): issue("unknown parameter path '\(path)': \(problem.message)")
            }
        }
        if !issues.isEmpty { throw ScenarioValidationError(issues) }
        return ScenarioDocument(root: root, file: file, files: files)
    }

    /// The node at a dotted path (same syntax as `overriding`), or nil.
    public func value(at path: String) -> LocatedNode? {
        var node = root
        for component in Self.pathComponents(path) {
            if let entries = node.entries, let entry = entries.first(where: { $0.key == component }) {
                node = entry.value
            } else if let items = node.items, let i = Int(component), items.indices.contains(i) {
                node = items[i]
            } else {
                return nil
            }
        }
        return node
    }

    struct PathProblem: Error { let message: String }

    /// `a.b[2].c` and `a.b.2.c` both become `["a", "b", "2", "c"]`.
    static func pathComponents(_ path: String) -> [String] {
        let flat = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
        return flat.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    static func setting(_ value: LocatedNode, in node: LocatedNode, at components: ArraySlice<String>,
                        walked: [String]) -> Result<LocatedNode, PathProblem> {
        guard let component = components.first else { return .success(value) }
        let here = walked.isEmpty ? "the scenario" : "'\(walked.joined(separator: "."))'"
        let rest = components.dropFirst()
        switch node.content {
        case .mapping(var entries):
            guard let i = entries.firstIndex(where: { $0.key == component }) else {
                let hint = DidYouMean.hint(for: component, among: entries.map(\.key))
                return .failure(PathProblem(message: "\(here) has no key '\(component)'\(hint)"))
            }
            return setting(value, in: entries[i].value, at: rest, walked: walked + [component]).map {
                entries[i].value = $0
                return LocatedNode(.mapping(entries), location: node.location)
            }
        case .sequence(var items):
            guard let i = Int(component) else {
                return .failure(PathProblem(message: "\(here) is a list; '\(component)' is not an item number"))
            }
            guard items.indices.contains(i) else {
                return .failure(PathProblem(message: "\(here) has \(items.count) items (numbered from 0), so there is no item \(i)"))
            }
            return setting(value, in: items[i], at: rest, walked: walked + [component]).map {
                items[i] = $0
                return LocatedNode(.sequence(items), location: node.location)
            }
        case .scalar, .null:
            return .failure(PathProblem(message: "\(here) is \(node.kindDescription), not a mapping, so it has no key '\(component)'"))
        }
    }
}
