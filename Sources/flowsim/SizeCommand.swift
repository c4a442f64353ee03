import ArgumentParser
import FlowSim
import Foundation

struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Find the least capacity that meets stated standards, or the best placement of today's beds.",
        discussion: """
        Standards are 'SCOPE METRIC OP BOUND', e.g. 'BTUHFT ward_medical_occupancy_rate <= 0.92', \
        '* ward_*_occupancy_rate <= 92%' (every ward of every site), 'system ae_within_4h >= baseline' \
        (with --baseline FILE), 'system handover_delay_over_60_min <= 2/day'. A standard is met when the \
        one-sided 95% bound of its mean over the replications (common random numbers) satisfies it. \
        See docs/sizing.md.
        """)

    @Argument(help: "Scenario file (YAML).")
    var file: String

    @Option(name: .customLong("standard"), parsing: .singleValue,
            help: ArgumentHelp("A standard, 'SCOPE METRIC <=|>= BOUND' (repeatable).", valueName: "standard"))
    var standardTexts: [String] = []

    @Option(help: ArgumentHelp("A standards file (schema flowsim.standards/1).", valueName: "file"))
    var standards: String?

    @Option(help: ArgumentHelp("The baseline scenario, for standards relative to it.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("vary"), parsing: .singleValue,
            help: ArgumentHelp("What to size: beds, cubicles, vehicles, or a knob's path (repeatable; default beds).",
                               valueName: "what"))
    var vary: [String] = []

    @Option(help: ArgumentHelp("Most beds any one ward may have (default: twice today's, at least today's + 10).", valueName: "n"))
    var maxBeds: String?
    @Option(help: ArgumentHelp("Most cubicles in a stream's peak hour (default as --max-beds).", valueName: "n"))
    var maxCubicles: String?
    @Option(help: ArgumentHelp("Most vehicles in the fleet's peak hour (default as --max-beds).", valueName: "n"))
    var maxVehicles: String?

    @Option(help: ArgumentHelp("Best use of today's beds: maximise 'SCOPE METRIC', e.g. 'system ae_within_4h'.", valueName: "objective"))
    var maximise: String?
    @Option(help: ArgumentHelp("Best use of today's beds: minimise 'SCOPE METRIC', e.g. 'system trolley_waits_12h'.", valueName: "objective"))
    var minimise: String?
    @Option(help: ArgumentHelp("Beds moved at a time by the allocation search, halved to 1 (default 4).", valueName: "n"))
    var block: String?

    @Option(name: [.customShort("r"), .customLong("replications")],
            help: ArgumentHelp("Replications per decision, 2-100000 (default: the scenario's run.replications).", valueName: "n"))
    var replicationsText: String?
    @Option(name: [.customShort("s"), .customLong("seed")], help: ArgumentHelp("Master seed (default: the scenario's).", valueName: "n"))
    var seedText: String?
    @Option(name: [.customShort("t"), .customLong("threads")], help: ArgumentHelp("Worker threads (default: every core).", valueName: "n"))
    var threadsText: String?
    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a scenario value while sizing (e.g. a shorter run.horizon).", valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: "Write the sizing document (JSON, schema flowsim.sizing/1) here.")
    var json: String?
    @Option(help: ArgumentHelp("Write the sized scenario (base: the input, plus the changed capacities) here.", valueName: "path"))
    var writeScenario: String?
    @Option(help: ArgumentHelp("The name of the written scenario (default: the input's name + ' sized').", valueName: "name"))
    var name: String?
    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    func int(_ text: String?, _ option: String, _ range: ClosedRange<Int>) throws -> Int? {
        do { return try text.map { try NumericOption.parse($0, option: option, range: range) } } catch let e as BadInput {
            throw BadInput.refuse("size", e.message)
        }
    }

    func run() throws {
        let replications = try int(replicationsText, "--replications", 2...100_000)
        let seed = try int(seedText, "--seed", NumericOption.seed)
        let threads = try int(threadsText, "--threads", NumericOption.threads)
        var ceilings: [CapacityKnob.Kind: Int] = [:]
        if let n = try int(maxBeds, "--max-beds", 1...1_000_000) { ceilings[.beds] = n }
        if let n = try int(maxCubicles, "--max-cubicles", 1...1_000_000) { ceilings[.cubicles] = n }
        if let n = try int(maxVehicles, "--max-vehicles", 1...1_000_000) { ceilings[.vehicles] = n }
        let block = try int(block, "--block", 1...1_000_000) ?? 4
        for o in overrides where !o.contains("=") { throw BadInput.refuse("size", "--set expects path=value, got '\(o)'") }
        let parsedOverrides = overrides.map { item -> (path: String, yaml: String) in
            let eq = item.firstIndex(of: "=")!
            return (String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
        for (option, path) in [("--json", json), ("--write-scenario", writeScenario)] {
            if let path, let problem = OutputPath.problemWritingFile(path) {
                throw BadInput.refuse("size", "\(option) \(path): \(problem); nothing was run")
            }
        }
        if maximise != nil && minimise != nil { throw BadInput.refuse("size", "give --maximise or --minimise, not both") }
        do {
            // Load once for the run settings (and to report a bad file the usual way).
            let scenario = try RunOptions.load(file, overrides: parsedOverrides)
            var settings = Sizer.Settings(seed: seed.map(UInt64.init) ?? scenario.run.seed,
                                          replications: replications ?? scenario.run.replications)
            settings.threads = threads
            settings.ceilings = ceilings
            var request = SizingRequest(file: file, settings: settings)
            request.overrides = parsedOverrides
            request.standards = try standardTexts.map { try Standard.parse($0) } + (standards.map { try Standard.load(path: $0) } ?? [])
            request.baselineFile = baseline
            if !vary.isEmpty { request.vary = vary }
            request.block = block
            if let maximise { request.objective = try SizingRequest.objective(maximise, higher: true) }
            if let minimise { request.objective = try SizingRequest.objective(minimise, higher: false) }
            let quiet = self.quiet
            let (report, _) = try request.run { if !quiet { Terminal.error("flowsim size: \($0)") } }
            if let json { try AtomicFile.write(CanonicalJSON.encode(report), to: json) }
            if let writeScenario {
                let command = (["flowsim"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
                let text = report.scenarioYAML(writtenTo: writeScenario, name: name ?? "\(scenario.config.name) sized",
                                               command: command)
                try AtomicFile.write(Data(text.utf8), to: writeScenario)
            }
            print(report.table(), terminator: "")
        } catch let error as SizingError {
            throw BadInput.refuse("size", error.description)
        } catch let error as ScenarioValidationError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
