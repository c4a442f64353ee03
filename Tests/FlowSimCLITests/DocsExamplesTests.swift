import FlowSimTestSupport
import Foundation
import Testing

// Issue 13: the examples in docs/sweeps.md and docs/scenario-format.md are
// executed. A ```yaml block is a complete file when it starts with
// `schema:` or `base:`, or when the paragraph before it names it
// (`broken.yaml`); a ``` block starting with `$ flowsim validate NAME`
// is that command's expected standard error, compared line by line.

/// Code blocks of a markdown file: (info string, lines, the text before).
private func blocks(_ markdown: String) -> [(kind: String, lines: [String], before: String)] {
    var result: [(kind: String, lines: [String], before: String)] = []
    var inside: (kind: String, lines: [String], before: String)?
    var prose: [String] = []
    for line in markdown.components(separatedBy: "\n") {
        if line.hasPrefix("```") {
            if let block = inside {
                result.append(block)
                inside = nil
                prose = []
            } else {
                inside = (String(line.dropFirst(3)), [], prose.suffix(4).joined(separator: "\n"))
            }
        } else if inside != nil {
            inside!.lines.append(line)
        } else {
            prose.append(line)
        }
    }
    return result
}

/// A scratch directory laid out like Scenarios/ (reference/, mse/, sweeps/
/// with every entry linked), so that the examples' relative paths resolve
/// and an example written "next to" a shipped file lands there.
private func scratch() throws -> URL {
    let dir = try makeTemporaryDirectory("flowsim-docs")
    let scenarios = PackagePaths.root.appendingPathComponent("Scenarios")
    let fm = FileManager.default
    for name in ["reference", "mse", "sweeps"] {
        let here = dir.appendingPathComponent(name)
        try fm.createDirectory(at: here, withIntermediateDirectories: true)
        for entry in try fm.contentsOfDirectory(atPath: scenarios.appendingPathComponent(name).path) {
            try fm.createSymbolicLink(at: here.appendingPathComponent(entry),
                                      withDestinationURL: scenarios.appendingPathComponent("\(name)/\(entry)"))
        }
    }
    return dir
}

/// The directory an example belongs in: where its `base:` file is, else sweeps/.
private func home(of lines: [String], in dir: URL) -> URL {
    let candidates = ["sweeps", "reference", "mse"].map { dir.appendingPathComponent($0) }
    guard let base = lines.first(where: { $0.hasPrefix("base: ") }) else { return candidates[0] }
    var name = String(base.dropFirst(6))
    if let hash = name.range(of: " #") { name = String(name[..<hash.lowerBound]) }
    name = name.trimmingCharacters(in: CharacterSet(charactersIn: " []")).components(separatedBy: ",")[0]
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).path) } ?? candidates[0]
}

@Suite struct DocsExamplesTests {
    @Test(arguments: ["docs/sweeps.md", "docs/scenario-format.md"])
    func completeExamplesValidateAsDocumented(_ doc: String) throws {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent(doc), encoding: .utf8)
        let dir = try scratch()
        // Complete files go where their relative paths work: sweeps next to
        // the sweep files, scenarios that inherit R2 next to it (its
        // directory is linked, so they are written beside the link).
        var written: [String: URL] = [:]   // name → its directory
        var checked = 0
        for (index, block) in blocks(text).enumerated() {
            let body = block.lines.joined(separator: "\n") + "\n"
            if block.kind == "yaml" {
                let named = block.before.range(of: #"`[A-Za-z0-9_-]+\.yaml`"#, options: [.regularExpression, .backwards])
                    .map { String(block.before[$0].dropFirst().dropLast()) }
                let first = block.lines.first { !$0.hasPrefix("#") && !$0.isEmpty } ?? ""
                let complete = first.hasPrefix("schema: flowsim.") || (named != nil && (first.hasPrefix("base: ") || first.hasPrefix("schema:")))
                guard complete else { continue }
                let name = named ?? "example-\(index).yaml"
                let work = home(of: block.lines, in: dir)
                try body.write(toFile: work.appendingPathComponent(name).path, atomically: true, encoding: .utf8)
                written[name] = work
                if let expected = blocks(text).dropFirst(index + 1).first(where: { $0.kind.isEmpty })?.lines.first,
                   expected == "$ flowsim validate \(name)" {
                    continue  // checked against its documented output below
                }
                let r = try FlowSimTool.run(["validate", name], in: work)
                #expect(r.status == 0, "\(doc): the example \(name) does not validate:\n\(r.stderr)")
                checked += 1
            } else if block.kind.isEmpty, let command = block.lines.first, command.hasPrefix("$ flowsim validate ") {
                let name = String(command.dropFirst("$ flowsim validate ".count))
                guard let work = written[name] else { continue }
                // Up to the next command of the block.
                let expected = block.lines.dropFirst().prefix { !$0.hasPrefix("$ ") }.filter { !$0.isEmpty }
                let r = try FlowSimTool.run(["validate", name], in: work)
                #expect(r.status == 2, "\(doc): \(name) was expected to fail")
                let actual = r.stderr.split(separator: "\n").map(String.init)
                #expect(actual == Array(expected), "\(doc): `flowsim validate \(name)` prints\n\(r.stderr)\nbut the page says\n\(expected.joined(separator: "\n"))")
                checked += 1
            }
        }
        #expect(checked > 0, "\(doc): no complete example found")
    }
}
