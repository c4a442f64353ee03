/// Where a figure applies: the whole system, one site, one locality, ...,
/// over the whole measured window or one reporting period of it.
///
/// Scopes are values: code compares and filters them by their fields and
/// never takes their keys apart. `key` is the stable name used in result
/// files ("system", "BTUHFT", "L07", "system@2016/17").
public struct Scope: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        case system, site, locality
        // Kinds the results do not use yet; named here so that a metric can
        // declare them and reports can lay them out.
        case ward, stream, channel
        case arrivalHour = "arrival_hour"
        case responseCategory = "response_category"
    }

    public let kind: Kind
    /// The site, locality, ... id; empty for the system.
    public let id: String
    /// The reporting period (financial year) label; nil for the whole window.
    public let period: String?

    public init(kind: Kind, id: String, period: String? = nil) {
        self.kind = kind
        self.id = id
        self.period = period
    }

    public static let system = Scope(kind: .system, id: "")
    public static func site(_ id: String) -> Scope { Scope(kind: .site, id: id) }
    public static func locality(_ id: String) -> Scope { Scope(kind: .locality, id: id) }

    /// The same scope over one reporting period.
    public func during(_ period: String) -> Scope { Scope(kind: kind, id: id, period: period) }

    /// The same scope over the whole measured window.
    public var wholeWindow: Scope { Scope(kind: kind, id: id) }

    public var isPeriod: Bool { period != nil }

    /// The name in result files.
    public var key: String {
        let base = kind == .system ? "system" : id
        return period.map { "\(base)@\($0)" } ?? base
    }

    public var description: String { key }
}

extension Dictionary where Key == Scope {
    /// The same values keyed by each scope's file name, as result files
    /// write them.
    public var keyedByFileName: [String: Value] {
        Dictionary<String, Value>(uniqueKeysWithValues: map { ($0.key.key, $0.value) })
    }
}
