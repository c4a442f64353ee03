import Foundation

/// JSON documents with sorted keys: the same results always give the same
/// bytes, which is what lets sharded runs be compared and merged exactly.
/// The stores of this layer (sweep manifests) and the reports of the next
/// (`JSONReport`) write through it, so both give the same bytes.
public enum CanonicalJSON {
    /// Indented, for documents people read.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encode(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func encode<T: Encodable>(_ value: T, formatting: JSONEncoder.OutputFormatting) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
