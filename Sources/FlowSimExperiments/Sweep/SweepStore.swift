import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `manifest.json` in a sweep output directory says: which sweep
/// (the whole plan, with the fingerprints of its input files) and which
/// shard of it the directory holds (schema "flowsim.sweep-manifest/1").
public struct SweepManifest: Sendable, Codable {
    public static let schemaID = "flowsim.sweep-manifest/1"
    public var schema = SweepManifest.schemaID
    /// The sweep file's name, for people reading the manifest.
    public var sweepFile: String
    public var shard: SweepShard
    public var plan: SweepPlan

    enum CodingKeys: String, CodingKey { case schema, sweepFile = "sweep_file", shard, plan }

    public init(sweepFile: String, shard: SweepShard, plan: SweepPlan) {
        self.sweepFile = sweepFile
        self.shard = shard
        self.plan = plan
    }
}

/// A sweep output directory:
///
///     DIR/manifest.json        the plan and the shard (written before any point runs)
///     DIR/points/p0001.json    one per finished point, written atomically
///     DIR/results.csv|json     combined results      } written when every
///     DIR/sensitivity.csv|json SRC and PRCC          } point of the sweep
///     DIR/uncertainty.csv      sampled designs only  } is in DIR
///
/// A point file either exists whole or not at all (temporary file and
/// rename), so after an interruption the finished points are exactly the
/// files present, and a resumed run or a merge can trust them.
public struct SweepStore: Sendable {
    public let path: String
    public let manifest: SweepManifest

    public var plan: SweepPlan { manifest.plan }
    var manifestPath: String { Self.manifestPath(path) }
    var pointsPath: String { (path as NSString).appendingPathComponent("points") }

    static func manifestPath(_ directory: String) -> String { (directory as NSString).appendingPathComponent("manifest.json") }

    func pointPath(_ number: Int) -> String {
        (pointsPath as NSString).appendingPathComponent(plan.pointID(number) + ".json")
    }

    // MARK: opening

    /// Opens `path` for running `shard` of `plan`: a new or empty directory,
    /// or one that holds the same sweep and shard (a resume). Nothing is
    /// written until `create()`.
    /// - Throws: `SweepError` when the directory holds another sweep (its
    ///   sweep file or a scenario changed), another shard, or something
    ///   that is not a sweep's output.
    public static func open(_ path: String, plan: SweepPlan, shard: SweepShard, sweepFile: String) throws -> SweepStore {
        let store = SweepStore(path: path, manifest: SweepManifest(
            sweepFile: (sweepFile as NSString).lastPathComponent, shard: shard, plan: plan))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return store }
        guard isDirectory.boolValue else { throw SweepError("--out \(path) is a file, not a directory") }
        guard FileManager.default.fileExists(atPath: manifestPath(path)) else {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if contents.filter({ !$0.hasPrefix(".") }).isEmpty { return store }
            throw SweepError("\(path) is not empty and has no manifest.json, so it is not a sweep output directory; choose a new or empty --out directory")
        }
        let existing = try readManifest(path)
        if existing.plan.identity != plan.identity || existing.plan != plan {
            throw SweepError("""
                \(path) holds results of a different sweep, so they cannot be resumed:
                \(differences(existing.plan, plan).map { "  " + $0 }.joined(separator: "\n"))
                Use a new --out directory, or delete \(path) to start again.
                """)
        }
        if existing.shard != shard {
            throw SweepError("\(path) was started as shard \(existing.shard) of this sweep, not \(shard); give the same --shard to resume it, or use another --out directory")
        }
        return SweepStore(path: path, manifest: existing)
    }

    /// Opens an existing output directory as it is (for merging).
    public static func existing(_ path: String) throws -> SweepStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SweepError("\(path): no such directory")
        }
        guard FileManager.default.fileExists(atPath: manifestPath(path)) else {
            throw SweepError("\(path) has no manifest.json, so it is not the output of 'flowsim sweep'")
        }
        return SweepStore(path: path, manifest: try readManifest(path))
    }

    static func readManifest(_ directory: String) throws -> SweepManifest {
        let file = manifestPath(directory)
        guard let data = FileManager.default.contents(atPath: file) else { throw SweepError("cannot read \(file)") }
        do {
            let manifest = try JSONDecoder().decode(SweepManifest.self, from: data)
            guard manifest.schema == SweepManifest.schemaID else {
                throw SweepError("\(file) has schema '\(manifest.schema)', expected '\(SweepManifest.schemaID)'")
            }
            return manifest
        } catch let error as SweepError {
            throw error
        } catch {
            throw SweepError("\(file) is not a sweep manifest (\(error))")
        }
    }

    /// What differs between the plan in a directory and the one asked for.
    static func differences(_ old: SweepPlan, _ new: SweepPlan) -> [String] {
        var lines: [String] = []
        let oldFiles = Dictionary(old.files.map { ("\($0.role) \($0.path)", $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let newFiles = Dictionary(new.files.map { ("\($0.role) \($0.path)", $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for file in new.files {
            let key = "\(file.role) \(file.path)"
            let what = file.role == "sweep" ? "sweep file" : "scenario"
            if let before = oldFiles[key] {
                if before != file.sha256 { lines.append("\(what) \(file.path) changed since the first run (sha256 \(before.prefix(12))… then, \(file.sha256.prefix(12))… now)") }
            } else {
                lines.append("\(what) \(file.path) was not part of the first run")
            }
        }
        for file in old.files where newFiles["\(file.role) \(file.path)"] == nil {
            lines.append("\(file.role == "sweep" ? "sweep file" : "scenario") \(file.path) was part of the first run but is not now")
        }
        if lines.isEmpty { lines.append("the sweep's plan differs (sweep identity \(old.identity.prefix(12))… then, \(new.identity.prefix(12))… now)") }
        return lines
    }

    // MARK: writing

    /// Writes the manifest (once, before the first point), and removes the
    /// temporary file of a point whose writing was cut short (a second
    /// Ctrl-C, a killed job): never a finished point, only a partial copy.
    public func create() throws {
        try Directories.create(pointsPath)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: pointsPath)) ?? []
        where name.hasPrefix(".p") && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: (pointsPath as NSString).appendingPathComponent(name))
        }
        if !FileManager.default.fileExists(atPath: manifestPath) {
            try AtomicFile.write(CanonicalJSON.encode(manifest), to: manifestPath)
        }
    }

    /// Saves one finished point, atomically, with a checksum of its content.
    public func save(_ point: SweepPointResult) throws {
        try AtomicFile.write(Self.sealed(Self.compactJSON(point)), to: pointPath(point.point))
    }

    /// A point file starts with `{"checksum":"sha256:<hex>",`, the SHA-256
    /// of the rest of the document (with `{` in place of that prefix), so
    /// a result edited by hand is refused rather than used.
    static let checksumPrefix = Data(#"{"checksum":"sha256:"#.utf8)

    static func sealed(_ body: Data) -> Data {
        var data = checksumPrefix
        data.append(Data(SHA256.hex(body).utf8))
        data.append(Data(#"","#.utf8))
        data.append(body.dropFirst())
        return data
    }

    /// The document without its checksum, or why the file is not to be trusted.
    static func unsealed(_ data: Data, file: String) throws -> Data {
        let hexLength = 64, prefixLength = checksumPrefix.count
        guard data.count > prefixLength + hexLength + 2, data.prefix(prefixLength) == checksumPrefix,
              let recorded = String(data: data.subdata(in: prefixLength..<(prefixLength + hexLength)), encoding: .utf8),
              data.subdata(in: (prefixLength + hexLength)..<(prefixLength + hexLength + 2)) == Data(#"","#.utf8) else {
            throw SweepError("\(file) has no checksum, so it was not written whole by 'flowsim sweep' (edited, or from an older flowsim); delete it and run the sweep again to redo that point")
        }
        var body = Data("{".utf8)
        body.append(data.subdata(in: (prefixLength + hexLength + 2)..<data.count))
        guard SHA256.hex(body) == recorded else {
            throw SweepError("\(file) does not match its checksum: its results were changed after the sweep wrote them; delete it and run the sweep again to redo that point")
        }
        return body
    }

    static func compactJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    // MARK: reading points

    /// The points of this directory's shard that are finished (their files exist).
    public func finishedPoints() -> [Int] {
        manifest.shard.points(of: plan).filter { FileManager.default.fileExists(atPath: pointPath($0)) }
    }

    /// Reads and checks point documents.
    public func loadPoints(_ numbers: [Int]) throws -> [SweepPointResult] {
        try numbers.map { number in
            let file = pointPath(number)
            guard let data = FileManager.default.contents(atPath: file) else { throw SweepError("cannot read \(file)") }
            let body = try Self.unsealed(data, file: file)
            let point: SweepPointResult
            do {
                point = try JSONDecoder().decode(SweepPointResult.self, from: body)
            } catch {
                throw SweepError("\(file) is not a readable point result (\(error)); delete it and run the sweep again to redo that point")
            }
            guard point.sweep == plan.identity, point.point == number, point.options.count == plan.options.count else {
                throw SweepError("\(file) belongs to another sweep or point; delete it and run the sweep again to redo that point")
            }
            return point
        }
    }

    // MARK: combined outputs

    /// Writes the combined files (results.csv/json, sensitivity.csv/json,
    /// uncertainty.csv for sampled designs, as `format` renders them) from
    /// the point files on disk, so a fresh run, a resumed run and a merge
    /// all produce them the same way.
    /// - Precondition: the directory holds every point of the sweep.
    @discardableResult
    public func writeCombinedOutputs(_ format: SweepOutputFormat) throws -> (SweepResults, SweepSensitivity) {
        let points = try loadPoints(Array(plan.pointNumbers))
        let (results, sensitivity) = SweepAnalysis.summarise(plan, points: points)
        for (name, data) in try format.files(plan: plan, results: results, sensitivity: sensitivity) {
            try AtomicFile.write(data, to: (path as NSString).appendingPathComponent(name))
        }
        return (results, sensitivity)
    }

    // MARK: merging

    /// Combines the output directories of every shard of one sweep into
    /// `out`, which then holds the same files as an unsharded run.
    /// - Throws: `SweepError` for a missing, duplicate or unfinished shard,
    ///   shards of different sweeps or of different splits, or an `out`
    ///   that holds another sweep.
    @discardableResult
    public static func merge(_ inputs: [String], into out: String, format: SweepOutputFormat) throws
        -> (store: SweepStore, results: SweepResults, sensitivity: SweepSensitivity) {
        guard !inputs.isEmpty else { throw SweepError("merge needs at least one shard directory") }
        let outCanonical = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == outCanonical {
            throw SweepError("--out \(out) is also one of the shard directories; merge into a new directory")
        }
        let stores = try inputs.map(existing)
        let first = stores[0]
        for store in stores.dropFirst() where store.plan.identity != first.plan.identity || store.plan != first.plan {
            throw SweepError("""
                \(first.path) and \(store.path) are shards of different sweeps, which cannot be merged:
                  \(first.path): sweep '\(first.plan.name)' (identity \(first.plan.identity.prefix(12))…, from \(first.manifest.sweepFile))
                  \(store.path): sweep '\(store.plan.name)' (identity \(store.plan.identity.prefix(12))…, from \(store.manifest.sweepFile))
                \(differences(first.plan, store.plan).map { "  " + $0 }.joined(separator: "\n"))
                """)
        }
        let count = first.manifest.shard.count
        for store in stores where store.manifest.shard.count != count {
            throw SweepError("\(first.path) is shard \(first.manifest.shard) but \(store.path) is shard \(store.manifest.shard): the shards come from runs split differently (all must use the same N in --shard K/N)")
        }
        var byIndex: [Int: SweepStore] = [:]
        for store in stores {
            if let other = byIndex[store.manifest.shard.index] {
                throw SweepError("shard \(store.manifest.shard) is given twice: \(other.path) and \(store.path)")
            }
            byIndex[store.manifest.shard.index] = store
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\($0)/\(count)" }.joined(separator: ", ")
            throw SweepError("missing shard\(missing.count == 1 ? "" : "s") \(list): a merge needs all \(count) shards of the sweep")
        }
        for index in 1...count {
            let store = byIndex[index]!
            let expected = store.manifest.shard.points(of: store.plan)
            let done = Set(store.finishedPoints())
            let absent = expected.filter { !done.contains($0) }
            if !absent.isEmpty {
                let sample = absent.prefix(5).map(store.plan.pointID).joined(separator: ", ")
                throw SweepError("shard \(store.manifest.shard) in \(store.path) is unfinished: \(absent.count) of its \(expected.count) points have no results (\(sample)\(absent.count > 5 ? ", …" : "")); run its 'flowsim sweep ... --shard \(store.manifest.shard)' again to finish it")
            }
        }

        let target = try open(out, plan: first.plan, shard: .whole, sweepFile: first.manifest.sweepFile)
        // Every point document is checked (checksum, sweep, point) before anything is written.
        for index in 1...count {
            let store = byIndex[index]!
            _ = try store.loadPoints(store.manifest.shard.points(of: store.plan))
        }
        // Built beside the target and renamed into place, so a merge that
        // fails leaves no half-built --out.
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let staging = outURL.deletingLastPathComponent()
            .appendingPathComponent(".\(outURL.lastPathComponent).merging-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: staging)
        let building = SweepStore(path: staging, manifest: target.manifest)
        do {
            try building.create()
            for index in 1...count {
                let store = byIndex[index]!
                for number in store.manifest.shard.points(of: store.plan) {
                    guard let data = FileManager.default.contents(atPath: store.pointPath(number)) else {
                        throw SweepError("cannot read \(store.pointPath(number))")
                    }
                    try AtomicFile.write(data, to: building.pointPath(number))
                }
            }
            let (results, sensitivity) = try building.writeCombinedOutputs(format)
            try place(staging, at: outURL.path)
            return (SweepStore(path: out, manifest: target.manifest), results, sensitivity)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Renames the finished directory `staging` to `path`, replacing an
    /// empty directory or an earlier merge of the same sweep there.
    static func place(_ staging: String, at path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            let old = staging + ".old"
            guard rename(path, old) == 0 else {
                throw SweepError("cannot replace \(path): \(String(cString: strerror(errno)))")
            }
            guard rename(staging, path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old, path)
                throw SweepError("cannot move the merged results into \(path): \(reason)")
            }
            try? FileManager.default.removeItem(atPath: old)
        } else if rename(staging, path) != 0 {
            throw SweepError("cannot move the merged results into \(path): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: locking

    /// An exclusive lock on an output directory, held while a sweep
    /// writes it and released when this is released or the process ends.
    public final class Lock: @unchecked Sendable {
        let descriptor: Int32
        init(_ descriptor: Int32) { self.descriptor = descriptor }
        deinit { close(descriptor) }
    }

    public static let lockName = ".flowsim.lock"

    /// Locks `directory` (created if need be) with flock(2) on
    /// DIR/.flowsim.lock, without waiting.
    /// - Throws: `SweepError` naming the directory when another process holds the lock.
    public static func lock(_ directory: String) throws -> Lock {
        do {
            try Directories.create(directory)
        } catch {
            throw SweepError("cannot create the output directory \(directory): \(error.localizedDescription)")
        }
        let file = (directory as NSString).appendingPathComponent(lockName)
        let fd = Glibc.open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SweepError("cannot create the lock file \(file): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SweepError(busy
                ? "\(directory) is being written by another flowsim sweep right now (it holds \(file)); wait for that one to finish, or use another --out directory"
                : "cannot lock \(file): \(reason)")
        }
        return Lock(fd)
    }
}
