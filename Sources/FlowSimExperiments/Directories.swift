import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creates directories so that processes starting together (the shards of
/// one Slurm array job writing under the same parent) never fail each other:
/// a directory another process made a moment earlier is as good as one made
/// here.
public enum Directories {
    /// Makes `path` and any missing parents, like `mkdir -p`.
    /// - Throws: `CocoaError` naming the directory that could not be made.
    public static func create(_ path: String) throws {
        if let problem = createReporting(path) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                             NSLocalizedDescriptionKey: problem])
        }
    }

    /// Makes `path` and any missing parents; returns the directories this
    /// call created (outermost first) or why it could not.
    public static func createMissing(_ path: String) -> Result<[String], DirectoryProblem> {
        // A parent another process made may be removed again (its own probe
        // cleaning up) between our look and our mkdir: then look again.
        var attempt = 0
        while true {
            attempt += 1
            let result = createMissingOnce(path)
            if case .failure(let problem) = result, problem.parentVanished, attempt < 8 {
                for dir in problem.made.reversed() { rmdir(dir) }
                continue
            }
            return result
        }
    }

    private static func createMissingOnce(_ path: String) -> Result<[String], DirectoryProblem> {
        var missing: [String] = []
        var current = path.isEmpty ? "." : path
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory) {
            missing.append(current)
            let up = (current as NSString).deletingLastPathComponent
            if up.isEmpty || up == current { break }
            current = up
        }
        if missing.last != current, !isDirectory.boolValue {
            return .failure(DirectoryProblem("\(current) is a file, so nothing can be created under it"))
        }
        var made: [String] = []
        for dir in missing.reversed() {
            if mkdir(dir, 0o777) == 0 { made.append(dir); continue }
            let code = errno
            if code == EEXIST, FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory),
               isDirectory.boolValue { continue }
            return .failure(DirectoryProblem("cannot create directory \(dir): \(String(cString: strerror(code)))",
                                             made: made, parentVanished: code == ENOENT))
        }
        return .success(made)
    }

    private static func createReporting(_ path: String) -> String? {
        switch createMissing(path) {
        case .success: return nil
        case .failure(let problem): return problem.message
        }
    }
}

/// Why a directory could not be made, with what was made before it failed.
public struct DirectoryProblem: Error {
    public let message: String
    public let made: [String]
    let parentVanished: Bool
    init(_ message: String, made: [String] = [], parentVanished: Bool = false) {
        self.message = message
        self.made = made
        self.parentVanished = parentVanished
    }
}
