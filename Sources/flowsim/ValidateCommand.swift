import ArgumentParser
import FlowSim

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without running them; print every problem with file, line and field.")

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    @OptionGroup var options: RunOptions

    func run() throws {
        var failed = false
        for file in files {
            do {
                let s = try options.load(file)
                let c = s.config
                print("\(file): valid — '\(c.name)', \(c.sites.count) site\(c.sites.count == 1 ? "" : "s"), "
                      + "\(c.groups.count) patient group\(c.groups.count == 1 ? "" : "s"), "
                      + "\(Int(c.warmup / 1440)) d warm-up + \(Int(c.horizon / 1440)) d measured, "
                      + "\(s.run.replications) replications")
            } catch {
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
