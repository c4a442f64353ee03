import Foundation
import FlowSimTestSupport

/// Runs the built `flowsim` executable, as a user would.
///
/// The executable is looked for next to the running test binary (SwiftPM
/// puts every product of a build in one directory, whatever the scratch
/// path: `.build/debug`, `.build-tests/debug`, ...), then in the usual
/// scratch paths of the package. `FLOWSIM_EXECUTABLE` overrides both.
enum FlowSimTool {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the flowsim executable was not found; build it first (swift build --build-tests). Searched: "
                + searched.joined(separator: ", ")
        }
    }

    static let executable: Result<URL, NotFound> = {
        let fm = FileManager.default
        var searched: [String] = []
        func isExecutableFile(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fm.isExecutableFile(atPath: url.path)
        }
        if let override = ProcessInfo.processInfo.environment["FLOWSIM_EXECUTABLE"] {
            let url = URL(fileURLWithPath: override)
            return isExecutableFile(url) ? .success(url) : .failure(NotFound(searched: [override]))
        }
        // Where the test binary (or bundle) lives, and a few levels up, for
        // layouts such as debug/flowsimPackageTests.xctest/Contents/MacOS/.
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        if let main = Bundle.main.executableURL { starts.append(main.resolvingSymlinksInPath()) }
        starts += Bundle.allBundles.map(\.bundleURL)
        var directories: [URL] = []
        for start in starts {
            var dir = start.deletingLastPathComponent()
            for _ in 0..<4 {
                directories.append(dir)
                dir = dir.deletingLastPathComponent()
            }
        }
        let root = PackagePaths.root
        directories += [".build-tests/debug", ".build/debug", ".build-tests/release", ".build/release"]
            .map { root.appendingPathComponent($0) }
        for dir in directories {
            let candidate = dir.appendingPathComponent("flowsim")
            searched.append(candidate.path)
            if isExecutableFile(candidate) { return .success(candidate) }
        }
        return .failure(NotFound(searched: searched))
    }()

    /// Runs `flowsim` with `arguments` in `directory`, capturing its output
    /// through files (pipes could fill up and block a chatty process).
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let tool = try executable.get()
        let scratch = try makeTemporaryDirectory("flowsim-cli-output")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? PackagePaths.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}
