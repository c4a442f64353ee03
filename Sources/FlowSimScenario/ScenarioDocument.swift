import Foundation
import Yams

/// A YAML value that remembers the file, line and column it was written at.
///
/// Yams nodes carry a line and column but not a file name, and inheritance
/// merges nodes from several files into one tree. Converting each file into
/// this small tree right after parsing lets every value, inherited or not,
/// point at the file it really came from.
public struct LocatedNode: Sendable, Hashable {
    /// The value itself. Scalars stay text: the typed readers interpret
    /// them, so that `3.0` can be refused where an integer is expected.
    public enum Content: Sendable, Hashable {
        /// `~`, `null` or an empty value: "not set" (and, in a child
        /// scenario, "remove what the base file set").
        case null
        case scalar(String)
        /// Entries in document order.
        case mapping([Entry])
        case sequence([LocatedNode])
    }

    /// One key of a mapping, with the key's own location (where an unknown
    /// or misspelt key should be reported).
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation?
        public var value: LocatedNode

        public init(key: String, keyLocation: SourceLocation?, value: LocatedNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var content: Content
    public var location: SourceLocation?

    public init(_ content: Content, location: SourceLocation?) {
        self.content = content
        self.location = location
    }

    public var isNull: Bool { if case .null = content { return true } else { return false } }

    /// The text of a scalar, nil for anything else.
    public var scalar: String? { if case .scalar(let s) = content { return s } else { return nil } }

    /// The entries of a mapping, nil for anything else.
    public var entries: [Entry]? { if case .mapping(let e) = content { return e } else { return nil } }

    /// The items of a sequence, nil for anything else.
    public var items: [LocatedNode]? { if case .sequence(let i) = content { return i } else { return nil } }

    /// The value under `key` of a mapping.
    public subscript(key: String) -> LocatedNode? {
        entries?.first { $0.key == key }?.value
    }

    /// How the node reads in "got …" messages: numbers bare, other text
    /// quoted, containers by kind.
    public var kindDescription: String {
        switch content {
        case .null: return "nothing (null)"
        case .scalar(let text): return Self.describe(text)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    static func describe(_ text: String) -> String {
        Double(text.trimmingCharacters(in: .whitespaces)) != nil && !text.isEmpty ? text : "'\(Escaped.text(text))'"
    }

    /// The same value with every node moved to `location` (for values
    /// that came from the command line rather than a file).
    public func relocated(to location: SourceLocation?) -> LocatedNode {
        switch content {
        case .null, .scalar:
            return LocatedNode(content, location: location)
        case .mapping(let entries):
            return LocatedNode(.mapping(entries.map {
                Entry(key: $0.key, keyLocation: location, value: $0.value.relocated(to: location))
            }), location: location)
        case .sequence(let items):
            return LocatedNode(.sequence(items.map { $0.relocated(to: location) }), location: location)
        }
    }
}

/// Dotted field paths as issues print them: `sites.AE.beds`, `arrivals[0].rate`.
enum FieldPath {
    static func child(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    static func item(_ parent: String, _ index: Int) -> String {
        "\(parent)[\(index)]"
    }
}

/// A scenario file after parsing and inheritance: one merged tree whose
/// nodes still know where they were written.
public struct ScenarioDocument: Sendable {
    /// The merged top-level mapping (the `base` key removed).
    public let root: LocatedNode
    /// The file that was loaded, as given.
    public let file: String
    /// The inheritance chain, child first, the last being the root ancestor.
    public let files: [String]

    public init(root: LocatedNode, file: String, files: [String]) {
        self.root = root
        self.file = file
        self.files = files
    }

    /// Parses YAML text as if it were the content of `file`. A `base` key is
    /// resolved on disk relative to `file`'s directory, as `load` does.
    public static func parse(yaml: String, file: String) throws -> ScenarioDocument {
        try resolve(file: file, text: yaml, chain: [], requestedAt: nil)
    }

    /// Parses one file's text into a located tree whose top level is a
    /// mapping; every problem becomes an issue in the thrown error.
    static func parseTree(yaml: String, file: String) throws -> LocatedNode {
        let node: Yams.Node?
        do {
            node = try compose(yaml: yaml)
        } catch {
            throw ScenarioValidationError(yamlIssue(error, file: file, yaml: yaml))
        }
        guard let node else {
            throw ScenarioValidationError(ScenarioIssue(
                location: SourceLocation(file: file, line: 1, column: 1), fieldPath: "",
                message: "the file is empty; expected a mapping of scenario settings"))
        }
        var issues: [ScenarioIssue] = []
        let tree = located(node, file: file, path: "", issues: &issues)
        if tree.entries == nil {
            issues.append(ScenarioIssue(location: tree.location, fieldPath: "",
                                        message: "expected a mapping at the top level, got \(tree.kindDescription)"))
        }
        if !issues.isEmpty { throw ScenarioValidationError(issues) }
        return tree
    }

    /// YAML text as Yams nodes, with no implicit tags resolved.
    ///
    /// Yams's default resolver matches a plain scalar against up to seven
    /// regular expressions (bool, int, float, ..., in ICU), and its
    /// duplicate-key check resolves every key that way: on the Mid and
    /// South Essex baseline that was 46 M instructions of a 151 M load.
    /// The typed readers interpret scalars from their text themselves, so
    /// the one tag that matters, null, is told apart by `isNull` instead.
    /// With no rules every implicit scalar is a string; only a key written
    /// both plain and quoted (`true` and `"true"`) now counts as a duplicate.
    static func compose(yaml: String) throws -> Yams.Node? {
        try Yams.compose(yaml: yaml, .basic)
    }

    /// The spellings of null in YAML 1.1's core schema, as Yams's default
    /// resolver has them (`Resolver.Rule.null`), for a plain scalar.
    static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// Whether a scalar is null: tagged `!!null`, or plain, untagged and
    /// spelt as null. The tag is read as the file gave it: `compose` leaves
    /// a value's tag unresolved ("" when the file gave none).
    static func isNull(_ scalar: Yams.Node.Scalar) -> Bool {
        let written = scalar.tag.description
        if written == Tag.Name.null.rawValue { return true }
        return written.isEmpty && scalar.style == .plain && nullSpellings.contains(scalar.string)
    }

    /// Converts a Yams node, resolving `<<` merge keys and refusing keys
    /// that are not plain text.
    static func located(_ node: Yams.Node, file: String, path: String,
                        issues: inout [ScenarioIssue]) -> LocatedNode {
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
        switch node {
        case .scalar(let scalar):
            if isNull(scalar) { return LocatedNode(.null, location: location) }
            return LocatedNode(.scalar(scalar.string), location: location)
        case .alias:
            // Yams dereferences aliases while composing; kept for completeness.
            return LocatedNode(.null, location: location)
        case .sequence(let sequence):
            let items = sequence.enumerated().map {
                located($1, file: file, path: FieldPath.item(path, $0), issues: &issues)
            }
            return LocatedNode(.sequence(items), location: location)
        case .mapping(let mapping):
            var entries: [LocatedNode.Entry] = []
            var merged: [LocatedNode.Entry] = []
            for (key, value) in mapping {
                let keyLocation = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
                guard case .scalar(let keyScalar) = key else {
                    issues.append(ScenarioIssue(location: keyLocation, fieldPath: path,
                                                message: "mapping keys must be plain names, got \(key.mapping != nil ? "a mapping" : "a list")"))
                    continue
                }
                if keyScalar.string == "<<" && keyScalar.style == .plain {
                    // YAML merge key: `<<: *defaults` or `<<: [*a, *b]`.
                    let sources = value.sequence.map(Array.init) ?? [value]
                    for source in sources {
                        let tree = located(source, file: file, path: path, issues: &issues)
                        if let sourceEntries = tree.entries {
                            merged += sourceEntries
                        } else {
                            issues.append(ScenarioIssue(location: tree.location, fieldPath: path,
                                                        message: "'<<' must merge a mapping, got \(tree.kindDescription)"))
                        }
                    }
                    continue
                }
                let childPath = FieldPath.child(path, keyScalar.string)
                entries.append(LocatedNode.Entry(
                    key: keyScalar.string, keyLocation: keyLocation,
                    value: located(value, file: file, path: childPath, issues: &issues)))
            }
            // Explicit keys win over merged ones; earlier merge sources win over later.
            var seen = Set(entries.map(\.key))
            for entry in merged where !seen.contains(entry.key) {
                seen.insert(entry.key)
                entries.append(entry)
            }
            return LocatedNode(.mapping(entries), location: location)
        }
    }

    /// Turns a Yams error into an issue at the line and column Yams found.
    static func yamlIssue(_ error: Error, file: String, yaml: String = "") -> ScenarioIssue {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func detail(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        guard let yamlError = error as? YamlError else {
            return ScenarioIssue(location: SourceLocation(file: file, line: 0, column: 0), fieldPath: "",
                                 message: "invalid YAML: \(error)")
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return ScenarioIssue(location: at(mark), fieldPath: "", message: detail(problem, context))
        case let .reader(problem, offset, _, yaml):
            var line = 1, column = 1
            for character in yaml.prefix(offset ?? 0) {
                if character.isNewline { line += 1; column = 1 } else { column += 1 }
            }
            return ScenarioIssue(location: SourceLocation(file: file, line: line, column: column), fieldPath: "",
                                 message: "cannot read the file as text: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams gives the mapping's position only; its field path and
            // the line of the repeated key are read from the text.
            let place = DuplicateKeyPlace(text: yaml, line: context.mark.line, column: context.mark.column,
                                          keys: duplicates)
            let location = place.repeatLine.map { SourceLocation(file: file, line: $0, column: place.repeatColumn ?? 1) }
                ?? at(context.mark)
            return ScenarioIssue(location: location, fieldPath: place.path,
                                 message: "invalid YAML: duplicate key \(names) in the same mapping"
                                     + (place.firstLine.map { " (first at line \($0))" } ?? ""))
        default:
            return ScenarioIssue(location: SourceLocation(file: file, line: 0, column: 0), fieldPath: "",
                                 message: "invalid YAML: \(yamlError)")
        }
    }
}

/// Where a mapping with a repeated key sits in the text: its dotted field
/// path (from the keys of the enclosing lines, block or flow style) and,
/// for a block mapping, the lines of the first and the repeated key.
struct DuplicateKeyPlace {
    var path = ""
    var firstLine: Int?
    var repeatLine: Int?
    var repeatColumn: Int?

    init(text: String, line: Int, column: Int, keys: [String]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard line >= 1, line <= lines.count else { return }
        func indent(_ s: String) -> Int { s.prefix { $0 == " " }.count }
        func key(of s: String) -> String? {
            var body = Substring(s.drop { $0 == " " })
            while body.hasPrefix("- ") { body = body.dropFirst(2).drop { $0 == " " } }
            guard !body.hasPrefix("#"), let colon = body.firstIndex(of: ":") else { return nil }
            let after = body.index(after: colon)
            guard after == body.endIndex || body[after] == " " else { return nil }
            let name = body[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains("{"), !name.contains("[") else { return nil }
            return name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        let here = lines[line - 1]
        let start = max(0, min(column - 1, here.count))
        let prefix = String(here.prefix(start))
        // Keys of the flow mappings open before the mark on its line.
        var flow: [String] = []
        var last: String?
        var token = ""
        for ch in prefix + (here.dropFirst(start).first == "{" ? "{" : "") {
            switch ch {
            case "{":
                flow.append(last ?? "?")
                last = nil; token = ""
            case "}":
                if !flow.isEmpty { flow.removeLast() }
                token = ""
            case ":":
                last = token.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                token = ""
            case ",":
                token = ""
            default:
                token.append(ch)
            }
        }
        var blocks: [String] = []
        var level: Int
        if !flow.isEmpty {
            // The line's own key holds the first flow mapping.
            if let own = key(of: here), flow.first == own { flow.removeFirst(); blocks.append(own) }
            level = indent(here)
        } else {
            level = start
            // A block mapping: find the repeated key among the lines at its indentation.
            var seen: [String: Int] = [:]
            var n = line - 1
            while n < lines.count {
                let s = lines[n]
                let trimmed = s.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                    if indent(s) < level { break }
                    if indent(s) == level, let k = key(of: s) {
                        if keys.contains(k), let first = seen[k] {
                            firstLine = first; repeatLine = n + 1; repeatColumn = level + 1
                            break
                        }
                        seen[k] = seen[k] ?? n + 1
                    }
                }
                n += 1
            }
        }
        // Enclosing block keys: the nearest lines above with less indentation.
        var n = line - 2
        var limit = level
        while n >= 0, limit > 0 {
            let s = lines[n]
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), indent(s) < limit, let k = key(of: s) {
                blocks.insert(k, at: 0)
                limit = indent(s)
            }
            n -= 1
        }
        path = (blocks + flow).joined(separator: ".")
    }
}
