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
                // Composed once (`base:` files included), whichever kind of file it is.
                let document = try RunOptions.reportingProblems(of: file) { try ScenarioDocument.load(path: file) }
                if Self.isSweep(document) {
                    if !validateSweep(file) { failed = true }
                    continue
                }
                let overrides = options.parsedOverrides
                let s = try RunOptions.reportingProblems(of: file) { try Scenario.from(document, overrides: overrides) }
                let c = s.config
                print("\(file): valid — '\(c.name)', \(c.sites.count) site\(c.sites.count == 1 ? "" : "s"), "
                      + "\(c.groups.count) patient group\(c.groups.count == 1 ? "" : "s"), "
                      + "\(Int(c.warmup / CalendarTime.minutesPerDay)) d warm-up + \(Int(c.horizon / CalendarTime.minutesPerDay)) d measured, "
                      + "\(s.run.replications) replications")
            } catch {
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// A sweep file says `schema: flowsim.sweep/1`, or has the keys of one
    /// (scenarios and parameters) and none of a scenario's sites.
    static func isSweep(_ document: ScenarioDocument) -> Bool {
        if document.root["schema"]?.scalar == SweepDefinition.schemaID { return true }
        return document.root["scenarios"] != nil && document.root["parameters"] != nil && document.root["sites"] == nil
    }

    /// Checks a sweep file as `sweep --dry-run` does, every point included.
    func validateSweep(_ file: String) -> Bool {
        do {
            let sweep = try Sweep.load(path: file)
            var problems: [ScenarioIssue] = []
            for number in sweep.plan.pointNumbers {
                do { _ = try sweep.configurations(forPoint: number) }
                catch let error as ScenarioValidationError { problems += error.issues }
            }
            if !problems.isEmpty { throw ScenarioValidationError(problems) }
            let plan = sweep.plan
            print("\(file): valid sweep — '\(plan.name)', \(plan.points.count) point\(plan.points.count == 1 ? "" : "s") × "
                  + "\(plan.options.count) option\(plan.options.count == 1 ? "" : "s") × \(plan.replications) replications; "
                  + "'flowsim sweep \(file) --dry-run' prints the plan")
            return true
        } catch let error as ScenarioValidationError {
            Terminal.error(error.description)
            let count = error.issues.count
            Terminal.error("\(file): \(count) problem\(count == 1 ? "" : "s") (a sweep file); nothing was run")
            return false
        } catch {
            Terminal.error("\(file): \(error)")
            return false
        }
    }
}
