import Foundation

/// Reads a scenario document into typed values while collecting every
/// problem, so one run reports all mistakes instead of stopping at the
/// first. Read everything through `root`, then call `finish()`.
public final class ScenarioReader {
    public let document: ScenarioDocument
    /// Issues so far, in the order found, without duplicates (the same
    /// missing key read twice is reported once).
    public private(set) var issues: [ScenarioIssue] = []
    private var seen: Set<ScenarioIssue> = []

    public init(_ doc: ScenarioDocument) {
        document = doc
    }

    /// The top-level mapping.
    public var root: Field {
        Field(reader: self, path: "", node: document.root, parentLocation: document.root.location, absence: nil)
    }

    /// Records a problem at `field` (its location, or its nearest existing
    /// parent's), for checks the typed readers cannot make themselves,
    /// such as cross-references between fields.
    public func report(_ field: Field, _ message: String) {
        report(ScenarioIssue(location: field.location, fieldPath: field.path, message: message))
    }

    /// Records a ready-made issue.
    /// Invisible characters in the message (from a name in the file) are
    /// shown escaped, so 'all\u{200B}' does not print as 'all'.
    public func report(_ issue: ScenarioIssue) {
        let shown = ScenarioIssue(location: issue.location, fieldPath: Escaped.text(issue.fieldPath, keepingNewlines: true),
                                  message: Escaped.text(issue.message, keepingNewlines: true))
        if seen.insert(shown).inserted { issues.append(shown) }
    }

    /// Throws every collected issue at once, if there are any.
    public func finish() throws {
        if !issues.isEmpty { throw ScenarioValidationError(issues) }
    }
}

/// A position in the scenario tree that may or may not hold a value.
///
/// Fields are cheap to make and never fail: asking for a key that is not
/// there gives a missing field, and reading it reports the problem where
/// it first went wrong (the missing key, or the parent that was not a
/// mapping). Readers return nil on a problem and keep going.
public struct Field {
    /// Dotted path, `sites.AE.beds.count`, with list items as `arrivals[0].rate`.
    public let path: String
    /// The value, nil when the key is absent (a `null` value is kept as a
    /// `.null` node but counts as absent).
    public let node: LocatedNode?
    let reader: ScenarioReader
    let parentLocation: SourceLocation?
    /// Why this field has no value, reported if a value is required.
    let absence: ScenarioIssue?

    init(reader: ScenarioReader, path: String, node: LocatedNode?, parentLocation: SourceLocation?,
         absence: ScenarioIssue?) {
        self.reader = reader
        self.path = path
        self.node = node
        self.parentLocation = parentLocation
        self.absence = absence
    }

    /// Where the value is, or where its nearest existing parent is when it is missing.
    public var location: SourceLocation? { node?.location ?? parentLocation }

    /// Whether a non-null value is present.
    public var exists: Bool { node.map { !$0.isNull } ?? false }

    /// The last path component (the key, or `[i]` for a list item).
    public var name: String {
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") { return String(path[open...]) }
        return String(path.split(separator: ".").last ?? "")
    }

    /// Records a problem at this field.
    public func report(_ message: String) {
        reader.report(self, message)
    }

    /// The value under `key`. Missing if this field is not a mapping or lacks the key.
    public subscript(key: String) -> Field {
        let childPath = FieldPath.child(path, key)
        guard let node, !node.isNull else {
            return Field(reader: reader, path: childPath, node: nil, parentLocation: location,
                         absence: absence ?? missingValueIssue())
        }
        guard let entries = node.entries else {
            return Field(reader: reader, path: childPath, node: nil, parentLocation: location,
                         absence: issue("expected a mapping, got \(node.kindDescription)"))
        }
        guard let entry = entries.first(where: { $0.key == key }) else {
            return Field(reader: reader, path: childPath, node: nil, parentLocation: location,
                         absence: issue("missing required key '\(key)'"))
        }
        return child(path: childPath, node: entry.value)
    }

    func child(path: String, node: LocatedNode) -> Field {
        Field(reader: reader, path: path, node: node, parentLocation: location, absence: nil)
    }

    func issue(_ message: String) -> ScenarioIssue {
        ScenarioIssue(location: location, fieldPath: path, message: message)
    }

    func missingValueIssue() -> ScenarioIssue {
        issue("expected a value, got nothing (null)")
    }

    /// Reports why the value is missing (for readers with no default).
    func reportMissing() {
        reader.report(absence ?? missingValueIssue())
    }

    /// Checks that this is a mapping whose keys are all known and whose
    /// required keys are present. Misspelt keys get a suggestion. Nothing
    /// is reported when the field itself is missing: that is the parent's
    /// concern.
    public func keys(allowed: [String], required: [String] = []) {
        guard let node, !node.isNull else { return }
        guard let entries = node.entries else {
            report("expected a mapping, got \(node.kindDescription)")
            return
        }
        let known = required + allowed.filter { !required.contains($0) }
        let knownSet = Set(known)
        let unknown = entries.filter { !knownSet.contains($0.key) }
        // A pasted block of thousands of keys is one mistake: the first
        // few are reported, then how many more there are.
        for entry in unknown.prefix(Self.unknownKeysShown) {
            let shown = Escaped.text(entry.key)
            let hint = DidYouMean.suggestion(for: entry.key, among: known)
            let message = hint.map { "unknown key '\(shown)'; did you mean '\(Escaped.text($0))'?" }
                ?? "unknown key '\(shown)' (expected \(Self.list(known)))"
            reader.report(ScenarioIssue(location: entry.keyLocation ?? location, fieldPath: path, message: message))
        }
        if unknown.count > Self.unknownKeysShown {
            report("\(unknown.count - Self.unknownKeysShown) more unknown keys in this mapping (expected only \(Self.list(known)))")
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            reader.report(issue("missing required key '\(key)'"))
        }
    }

    /// For a mapping keyed by names defined elsewhere (sites, localities,
    /// groups): reports every key that names none of `known`, with a
    /// suggestion. Returns whether all keys are known.
    @discardableResult
    public func namesKnown(_ known: [String], what: String) -> Bool {
        var ok = true
        for entry in entries() where !known.contains(entry.key) {
            ok = false
            entry.field.report("unknown \(what) '\(Escaped.text(entry.key))'\(DidYouMean.hint(for: entry.key, among: known)) (\(what)s: \(known.isEmpty ? "none" : Self.list(known)))")
        }
        return ok
    }

    /// Mapping entries in document order (for mappings keyed by user names,
    /// such as sites). Reports a value that is not a mapping; missing gives [].
    public func entries() -> [(key: String, field: Field)] {
        guard let node, !node.isNull else { return [] }
        guard let entries = node.entries else {
            report("expected a mapping, got \(node.kindDescription)")
            return []
        }
        return entries.map { ($0.key, child(path: FieldPath.child(path, $0.key), node: $0.value)) }
    }

    /// List items. Reports a value that is not a list; missing gives [].
    public func items() -> [Field] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.items else {
            report("expected a list, got \(node.kindDescription)")
            return []
        }
        return items.enumerated().map { child(path: FieldPath.item(path, $0), node: $1) }
    }

    /// The shared shape of scalar readers: missing → default or a report;
    /// not a scalar → "expected …, got a mapping"; else `parse`, which
    /// returns the value or the message to report.
    /// `expected` is only built for a report: the bounds in it are
    /// formatted by Foundation, which cost every valid number as much again.
    func scalar<T>(default defaultValue: T?, expected: @autoclosure () -> String,
                   _ parse: (String) -> Parsed<T>) -> T? {
        guard let node, !node.isNull else {
            if let defaultValue { return defaultValue }
            reportMissing()
            return nil
        }
        guard let text = node.scalar else {
            report("expected \(expected()), got \(node.kindDescription)")
            return nil
        }
        switch parse(text) {
        case .value(let value): return value
        case .problem(let message):
            report(message)
            return nil
        }
    }

    enum Parsed<T> {
        case value(T)
        case problem(String)
    }

    /// Any scalar, as written.
    public func string(default defaultValue: String? = nil) -> String? {
        scalar(default: defaultValue, expected: "a text value") { .value($0) }
    }

    /// One of a fixed set of words (a policy name, a mode).
    public func oneOf(_ choices: [String], default defaultValue: String? = nil) -> String? {
        scalar(default: defaultValue, expected: "one of \(Self.list(choices))") { text in
            if choices.contains(text) { return .value(text) }
            return .problem("expected one of \(Self.list(choices)), got \(LocatedNode.describe(text))"
                            + DidYouMean.hint(for: text, among: choices))
        }
    }

    /// A whole number. `3.0` is refused: an integer setting written with a
    /// decimal point is more likely a mistake than a convenience.
    public func int(min: Int? = nil, max: Int? = nil, default defaultValue: Int? = nil) -> Int? {
        func expected() -> String { "an integer" + Self.bounds(min.map(Double.init), max.map(Double.init)) }
        return scalar(default: defaultValue, expected: expected()) { text in
            let trimmed = Self.trimmed(text)
            guard let value = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed),
                  value >= (min ?? .min), value <= (max ?? .max) else {
                return .problem("expected \(expected()), got \(LocatedNode.describe(text))")
            }
            return .value(value)
        }
    }

    /// A finite number.
    public func double(min: Double? = nil, max: Double? = nil, default defaultValue: Double? = nil) -> Double? {
        func expected() -> String { "a number" + Self.bounds(min, max) }
        return scalar(default: defaultValue, expected: expected()) { text in
            guard let value = Self.number(text), value >= (min ?? -.infinity), value <= (max ?? .infinity) else {
                return .problem("expected \(expected()), got \(LocatedNode.describe(text))")
            }
            return .value(value)
        }
    }

    /// A probability in [0, 1].
    public func probability(default defaultValue: Double? = nil) -> Double? {
        let expected = "a probability between 0 and 1"
        return scalar(default: defaultValue, expected: expected) { text in
            guard let value = Self.number(text), value >= 0, value <= 1 else {
                return .problem("expected \(expected), got \(LocatedNode.describe(text))")
            }
            return .value(value)
        }
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`, any case).
    public func bool(default defaultValue: Bool? = nil) -> Bool? {
        scalar(default: defaultValue, expected: "true or false") { text in
            switch text.lowercased() {
            case "true", "yes", "on": return .value(true)
            case "false", "no", "off": return .value(false)
            default: return .problem("expected true or false, got \(LocatedNode.describe(text))")
            }
        }
    }

    /// A list of numbers (hourly profiles and the like); each bad item is
    /// reported at its own line.
    public func doubles(count: Int? = nil, min: Double? = nil) -> [Double]? {
        let expected = count.map { "a list of \($0) numbers" } ?? "a list of numbers"
        guard let node, !node.isNull else {
            reportMissing()
            return nil
        }
        guard let items = node.items else {
            report("expected \(expected), got \(node.kindDescription)")
            return nil
        }
        if let count, items.count != count {
            report("expected \(expected), got \(items.count)")
            return nil
        }
        let values = self.items().map { $0.double(min: min) }
        return values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
    }

    /// A mapping of outcome name to probability (dispositions, routing
    /// shares), in document order; with `sumToOne` the probabilities must
    /// add up to 1 within 1e-6.
    ///
    /// With `names`, a key that is none of them is reported first (with a
    /// suggestion), and the sum is not checked: a misspelt `selfcare` next
    /// to an inherited `self_care` is one mistake, not a wrong total.
    public func probabilities(sumToOne: Bool, names: [String]? = nil, what: String = "name")
        -> [(name: String, probability: Double)]? {
        guard let node, !node.isNull else {
            reportMissing()
            return nil
        }
        guard node.entries != nil else {
            report("expected a mapping of names to probabilities, got \(node.kindDescription)")
            return nil
        }
        let entries = self.entries()
        if entries.isEmpty {
            report("expected at least one name with a probability")
            return nil
        }
        if let names {
            let unknown = entries.filter { !names.contains($0.key) }
            for entry in unknown {
                report("unknown \(what) '\(Escaped.text(entry.key))'\(DidYouMean.hint(for: entry.key, among: names)) (\(what)s: \(Self.list(names)))")
            }
            if !unknown.isEmpty { return nil }
        }
        let values = entries.map { (name: $0.key, probability: $0.field.probability()) }
        guard values.allSatisfy({ $0.probability != nil }) else { return nil }
        let result = values.map { (name: $0.name, probability: $0.probability!) }
        let total = result.reduce(0) { $0 + $1.probability }
        if sumToOne, abs(total - 1) > 1e-6 {
            report("probabilities must sum to 1, got \(Self.format(total))")
            return nil
        }
        return result
    }

    // MARK: Formatting helpers

    /// Parses a YAML-ish number: digits, sign, decimal point, exponent,
    /// `_` separators. Refuses `inf`, `nan` and hexadecimal.
    static func number(_ text: String) -> Double? {
        // Nearly every number in a scenario is bare (`0.95`, `120`) and is
        // read as it is: Foundation's trimming and replacing, done for every
        // number, cost some 4,000 instructions each, a third of a Mid and
        // South Essex load.
        let trimmed = Self.trimmed(text)
        let digits = trimmed.utf8.contains(UInt8(ascii: "_")) ? trimmed.replacingOccurrences(of: "_", with: "") : trimmed
        guard !digits.isEmpty, digits.utf8.allSatisfy(isBareNumberByte),
              let value = Double(digits), value.isFinite else { return nil }
        return value
    }

    /// `text` without white space at either end, as Foundation trims it;
    /// text that starts and ends with an ASCII character other than a space
    /// or a tab (nearly every value) is returned as it is, without Foundation.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") }
        return plain(first) && plain(last) ? text : text.trimmingCharacters(in: .whitespaces)
    }

    /// The bytes a number may hold once spaces and `_` separators are gone.
    private static func isBareNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    /// `1`, `0.95`, `2.5e-07`: short, without binary noise.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.10g", value)
    }

    static func bounds(_ min: Double?, _ max: Double?) -> String {
        switch (min, max) {
        case let (lo?, hi?): return " between \(format(lo)) and \(format(hi))"
        case let (lo?, nil): return " >= \(format(lo))"
        case let (nil, hi?): return " <= \(format(hi))"
        case (nil, nil): return ""
        }
    }

    /// How many unknown keys of one mapping are reported one by one.
    static let unknownKeysShown = 10

    static func list(_ words: [String]) -> String {
        words.joined(separator: ", ")
    }
}
