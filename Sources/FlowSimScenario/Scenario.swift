import FlowSimCore
import FlowSimModel

/// A loaded, validated scenario: the model configuration plus how to run it.
public struct Scenario: Sendable {
    public let config: ModelConfig
    public let run: RunSettings
    /// The file it was loaded from, and its `base:` chain.
    public let file: String
    public let files: [String]
}

/// How a scenario is run unless the command line says otherwise.
public struct RunSettings: Sendable, Hashable {
    public var replications: Int
    public var seed: UInt64
    /// `run.max_in_system`: patients in the model at once before a
    /// replication is stopped as unstable.
    public var maximumInSystem = ModelConfig.defaultMaximumInSystem
}

extension Scenario {
    /// Loads, merges (`base:`), overrides and validates a scenario file,
    /// reporting every problem at once with file, line, column and field.
    /// - Throws: `ScenarioValidationError`.
    public static func load(path: String, overrides: [(path: String, yaml: String)] = []) throws -> Scenario {
        try from(ScenarioDocument.load(path: path), overrides: overrides)
    }

    /// Overrides and validates a loaded (and merged) document.
    /// - Throws: `ScenarioValidationError`.
    public static func from(_ document: ScenarioDocument, overrides: [(path: String, yaml: String)]) throws -> Scenario {
        try from(overrides.isEmpty ? document : document.overriding(overrides))
    }

    /// Builds a scenario from a parsed document (for tests and sweeps).
    public static func from(_ document: ScenarioDocument) throws -> Scenario {
        let reader = ScenarioReader(document)
        let parsed = ScenarioParser(reader: reader).parse()
        try reader.finish()
        guard case (var config, let run)? = parsed else {
            // The parser returns nil only after reporting why.
            throw ScenarioValidationError([ScenarioIssue(location: nil, fieldPath: "", message: "scenario is incomplete")])
        }
        config.epochs = epochs(of: document, base: config, reader: reader)
        try reader.finish()
        return Scenario(config: config, run: run, file: document.file, files: document.files)
    }
}
