import Foundation
import FlowSimExperiments

/// JSON documents with sorted keys: the same results always give the same
/// bytes, which is what lets sharded runs be compared and merged exactly.
public enum JSONReport {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try CanonicalJSON.encode(value)
    }
}
