import Foundation

/// Scenario inheritance: `base: other.yaml` names a parent file whose
/// settings the child starts from, so a variant states only what differs.
extension ScenarioDocument {
    /// Loads a scenario file and, recursively, its `base` files, and merges
    /// them: mappings merge key by key (the child wins), lists and scalars
    /// are replaced whole, and a child value of `~`/`null` removes the key.
    ///
    /// Throws `ScenarioValidationError` when a file cannot be read, is not
    /// valid YAML, is not a mapping at the top level, or when a base file
    /// is missing or the bases form a cycle.
    public static func load(path: String) throws -> ScenarioDocument {
        try resolve(file: path, text: nil, chain: [], requestedAt: nil)
    }

    /// One file of the chain. `chain` holds the canonical paths of the
    /// files that (transitively) inherit from this one, to detect cycles;
    /// `requestedAt` is the `base:` key that named this file, where a
    /// missing file is reported.
    static func resolve(file: String, text: String?, chain: [(shown: String, canonical: String)],
                        requestedAt: SourceLocation?) throws -> ScenarioDocument {
        let yaml = try text ?? read(file: file, requestedAt: requestedAt)
        var root = try parseTree(yaml: yaml, file: file)
        let chain = chain + [(file, canonicalPath(file))]

        guard var entries = root.entries, let index = entries.firstIndex(where: { $0.key == "base" }) else {
            return ScenarioDocument(root: root, file: file, files: [file])
        }
        let baseEntry = entries.remove(at: index)
        root = LocatedNode(.mapping(entries), location: root.location)
        // `base:` is one file, or a list merged in order (later wins), so a
        // variant can combine, say, an option with a plan year.
        let baseNodes: [LocatedNode]
        if let items = baseEntry.value.items {
            baseNodes = items
        } else if baseEntry.value.isNull {
            return ScenarioDocument(root: root, file: file, files: [file])
        } else {
            baseNodes = [baseEntry.value]
        }
        var merged: LocatedNode? = nil
        var files: [String] = []
        for node in baseNodes {
            guard let baseName = node.scalar, !baseName.isEmpty else {
                throw ScenarioValidationError(ScenarioIssue(
                    location: node.location ?? baseEntry.value.location, fieldPath: "base",
                    message: "expected the path of a base scenario file (or a list of them), got \(node.kindDescription)"))
            }
            let basePath = joined(directoryOf: file, baseName)
            let canonical = canonicalPath(basePath)
            if chain.contains(where: { $0.canonical == canonical }) {
                let cycle = (chain.map(\.shown) + [basePath]).joined(separator: " -> ")
                throw ScenarioValidationError(ScenarioIssue(
                    location: baseEntry.keyLocation, fieldPath: "base",
                    message: "base files form a cycle: \(cycle)"))
            }
            // A missing file is reported at the `base` key, or at its item in a list.
            let requestedAt = baseEntry.value.items == nil ? baseEntry.keyLocation : (node.location ?? baseEntry.keyLocation)
            let parent = try resolve(file: basePath, text: nil, chain: chain, requestedAt: requestedAt)
            merged = merged.map { merge(base: $0, child: parent.root) } ?? parent.root
            files += parent.files
        }
        guard let merged else { return ScenarioDocument(root: root, file: file, files: [file]) }
        return ScenarioDocument(root: merge(base: merged, child: root), file: file, files: [file] + files)
    }

    /// Deep merge of a child tree over its base.
    /// Linear in the size of both mappings (keys looked up by hash).
    static func merge(base: LocatedNode, child: LocatedNode) -> LocatedNode {
        guard var merged = base.entries, let childEntries = child.entries else { return child }
        var index: [String: Int] = [:]
        for (i, entry) in merged.enumerated() where index[entry.key] == nil { index[entry.key] = i }
        var removed = Set<Int>()
        for entry in childEntries {
            if let i = index[entry.key], !removed.contains(i) {
                if entry.value.isNull {
                    removed.insert(i)
                } else {
                    merged[i] = LocatedNode.Entry(key: entry.key, keyLocation: entry.keyLocation,
                                                  value: merge(base: merged[i].value, child: entry.value))
                }
            } else if !entry.value.isNull {
                index[entry.key] = merged.count
                merged.append(entry)
            }
        }
        if !removed.isEmpty { merged = merged.enumerated().filter { !removed.contains($0.offset) }.map(\.element) }
        return LocatedNode(.mapping(merged), location: child.location)
    }

    static func read(file: String, requestedAt: SourceLocation?) throws -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
        func fail(_ message: String) -> ScenarioValidationError {
            if let requestedAt {
                return ScenarioValidationError(ScenarioIssue(location: requestedAt, fieldPath: "base", message: message))
            }
            return ScenarioValidationError(ScenarioIssue(
                location: SourceLocation(file: file, line: 0, column: 0), fieldPath: "", message: message))
        }
        if !exists {
            throw fail(requestedAt == nil ? "scenario file not found" : "base file '\(file)' not found")
        }
        if isDirectory.boolValue {
            throw fail("'\(file)' is a directory, not a scenario file")
        }
        // Refused before reading: a huge file would take seconds and
        // gigabytes to parse only to be refused anyway.
        if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int, size > maximumFileSize {
            throw fail("'\(file)' is \(describeSize(size)); scenario and sweep files may be at most \(describeSize(maximumFileSize)) (docs/scenario-format.md)")
        }
        // Read at most one byte over the limit: a device or a pipe has no size.
        guard let handle = FileHandle(forReadingAtPath: file) else { throw fail("cannot read '\(file)'") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()  // nil at once: an empty file
        } catch {
            throw fail("cannot read '\(file)': \(error.localizedDescription)")
        }
        if data.count > maximumFileSize {
            throw fail("'\(file)' is over \(describeSize(maximumFileSize)); scenario and sweep files may be at most \(describeSize(maximumFileSize)) (docs/scenario-format.md)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column, byte) = firstInvalidUTF8(data)
            // Reported where the bad byte is, also in a base file.
            throw ScenarioValidationError(ScenarioIssue(
                location: SourceLocation(file: file, line: line, column: column), fieldPath: "",
                message: "not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) is not valid UTF-8 (save the file as UTF-8)"))
        }
        return text
    }

    /// The largest scenario, base or sweep file accepted: 1 MiB, about 50
    /// times the largest scenario shipped (Scenarios/mse/baseline.yaml).
    public static let maximumFileSize = 1 << 20

    static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f KiB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) bytes"
    }

    /// Line and column (1-based, columns in characters) of the first byte
    /// that is not valid UTF-8, and the byte.
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int, byte: UInt8) {
        let bytes = [UInt8](data)
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column, b)
            }
            guard i + length <= bytes.count else { return (line, column, b) }
            if length > 1 {
                let scalar = String(bytes: bytes[i..<(i + length)], encoding: .utf8)
                if scalar == nil { return (line, column, b) }
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return (line, column, bytes.last ?? 0)
    }

    /// `base` is relative to the file that names it; the result stays as
    /// relative as the child's path so messages look like what was typed.
    static func joined(directoryOf file: String, _ relative: String) -> String {
        ScenarioPaths.resolve(relative, relativeTo: file)
    }

    /// The identity of a file for cycle detection (symlinks resolved).
    static func canonicalPath(_ path: String) -> String { ScenarioPaths.canonical(path) }
}
