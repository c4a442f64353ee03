import Foundation

/// Paths inside the package, found from this source file's own location so
/// that tests work from any working directory and any scratch path.
public enum PackagePaths {
    /// The package root: this file is `Tests/FlowSimTestSupport/PackagePaths.swift`.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // FlowSimTestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root

    /// A scenario shipped with the package, e.g. `scenario("reference/R1-mmc.yaml")`.
    public static func scenario(_ relativePath: String) -> String {
        root.appendingPathComponent("Scenarios").appendingPathComponent(relativePath).path
    }

    public static var r1: String { scenario("reference/R1-mmc.yaml") }
    public static var r2: String { scenario("reference/R2-exit-block.yaml") }
}

/// A fresh directory under the system's temporary directory, unique per
/// call, so tests running in parallel never share files.
public func makeTemporaryDirectory(_ label: String = "flowsim-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
