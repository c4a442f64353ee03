import Foundation

/// Paths as scenario and sweep files write them: relative to the file that
/// names them, normalised without touching the disk so that messages show
/// what was typed, and canonical (symlinks resolved) for identity.
public enum ScenarioPaths {
    /// `path` resolved against the directory of `file`.
    public static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        let directory = (file as NSString).deletingLastPathComponent
        return normalized(directory.isEmpty ? path : directory + "/" + path)
    }

    /// Removes `.` and `dir/..` components.
    public static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The identity of a file (symlinks resolved).
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
