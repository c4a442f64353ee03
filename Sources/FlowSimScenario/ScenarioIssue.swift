import Foundation

/// Where a value was written, so an error can send the author straight to it.
///
/// Lines and columns are 1-based, as editors count them. Values that came
/// from the command line rather than a file (overrides) use line 0.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as it was given to the loader (usually a relative path),
    /// so messages match what the user typed.
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, or just `file` when there is no line.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }
}

/// One thing wrong with a scenario. Issues are collected rather than thrown
/// one at a time, so a single run reports every mistake in a file.
public struct ScenarioIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the offending value (or its nearest existing parent) is.
    public let location: SourceLocation?
    /// Dotted path of the field, e.g. `sites.AE.beds.count` or
    /// `arrivals[0].rate`; empty for the whole document.
    public let fieldPath: String
    /// What was expected and what was found.
    public let message: String

    public init(location: SourceLocation?, fieldPath: String, message: String) {
        self.location = location
        self.fieldPath = fieldPath
        self.message = message
    }

    /// `R2.yaml:12:5: sites.AE.beds.count: expected an integer >= 1, got -3`,
    /// the compiler-like shape editors and CI logs know how to link.
    public var description: String {
        let path = fieldPath.isEmpty ? "(top level)" : fieldPath
        if let location { return "\(location): \(path): \(message)" }
        return "\(path): \(message)"
    }
}

/// Every issue found in a scenario, thrown once at the end of loading or
/// reading so the author can fix them all in one pass.
public struct ScenarioValidationError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// Sorted by file, line and column (issues without a location first),
    /// so the report reads top to bottom like the file.
    public let issues: [ScenarioIssue]

    public init(_ issues: [ScenarioIssue]) {
        self.issues = issues.enumerated().sorted { a, b in
            let (la, lb) = (a.element.location, b.element.location)
            switch (la, lb) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?):
                if x.file != y.file { return x.file < y.file }
                if x.line != y.line { return x.line < y.line }
                if x.column != y.column { return x.column < y.column }
                return a.offset < b.offset
            }
        }.map(\.element)
    }

    public init(_ issue: ScenarioIssue) { self.init([issue]) }

    /// One issue per line; after the first 200, how many more there are.
    public var description: String {
        let limit = 200
        var lines = issues.prefix(limit).map(\.description)
        if issues.count > limit { lines.append("... and \(issues.count - limit) more problems") }
        return lines.joined(separator: "\n")
    }

    /// Lets `localizedDescription` (and so most error printers) show the issues.
    public var errorDescription: String? { description }
}
