import Foundation
import FlowSimExperiments

/// The line `flowsim bench` prints per scenario (scripts/bench reads it).
public enum BenchReport {
    public static func line(_ b: Benchmark, peakMebibytes: Double) -> String {
        String(format: "%@: %d replication%@ on %d thread%@: %.0f patients/s (median of %d), %.0f events/s, %d patients per run, peak RSS %.1f MiB",
               b.modelOnly ? "\(b.scenario) (model only)" : b.scenario, b.replications, b.replications == 1 ? "" : "s",
               b.threads, b.threads == 1 ? "" : "s", b.patientsPerSecond, b.repeats,
               b.eventsPerSecond, b.patientsPerRepeat, peakMebibytes)
    }
}
