import ArgumentParser
import FlowSim
import Foundation

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "List the metrics flowsim reports, with unit, direction and definition.",
        discussion: """
        Without a file, every entry of the metric catalogue (a family such as \
        ward_<ward>_occupancy_mean stands for one metric per ward). With a scenario \
        file, the metrics that scenario reports and the scopes they are in, known \
        from the file alone: nothing is run.
        """)

    @Argument(help: "A scenario file: list the metrics it reports.")
    var file: String?

    @Option(help: "Only metrics of this kind of scope: system, site or locality.")
    var scope: String?

    @Flag(help: "Write the catalogue as JSON (flowsim.metrics/1).")
    var json = false

    @Flag(help: "Write the catalogue as the Markdown tables of docs/results.md.")
    var markdown = false

    func validate() throws {
        if json && markdown { throw ValidationError("--json and --markdown are alternatives; give one") }
        if let scope, Scope.Kind(rawValue: scope) == nil {
            let kinds = ["system", "site", "locality"]
            throw ValidationError("--scope expects one of \(kinds.joined(separator: ", ")), got '\(Escaped.text(scope))'\(DidYouMean.hint(for: scope, among: kinds))")
        }
    }

    func run() throws {
        let kind = scope.flatMap(Scope.Kind.init(rawValue:))
        let definitions = MetricCatalogue.all.filter { kind == nil || $0.scopes.contains(kind!) }
        if markdown { print(MetricCatalogueReport.markdown(), terminator: ""); return }
        if json { FileHandle.standardOutput.write(try MetricCatalogueReport.json(definitions)); return }
        guard let file else {
            print(MetricCatalogueReport.text(definitions), terminator: "")
            return
        }
        let scenario = try RunOptions.load(file)
        print(MetricCatalogueReport.text(MetricLayout(scenario.config), scopeKind: kind), terminator: "")
    }
}
