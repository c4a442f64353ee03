import FlowSimExperiments

/// What a sweep will run, for `flowsim sweep --dry-run`.
public enum SweepPlanReport {
    public static func render(_ plan: SweepPlan, shard: SweepShard = .whole) -> String {
        let runs = plan.points.count * plan.options.count * plan.replications
        var out = "\(plan.name): valid — \(plan.points.count) points (\(plan.design.kind), seed \(plan.seed)) × "
        out += "\(plan.options.count) option\(plan.options.count == 1 ? "" : "s") × \(plan.replications) replications = \(runs) runs\n"
        if shard.count > 1 { out += "shard \(shard): \(shard.points(of: plan).count) points\n" }
        out += "options: " + plan.options.map { "\($0.label) (\($0.file))" }.joined(separator: ", ") + "\n"
        out += "parameters:\n"
        for (j, p) in plan.parameters.enumerated() {
            let values = plan.points.map { $0[j] }
            let range = "\(SweepParameter.format(values.min() ?? 0))…\(SweepParameter.format(values.max() ?? 0))"
            out += "  \(p.name): \(p.domain.kind)\(p.integer ? ", integer" : "")\(p.unit.map { ", in \($0)" } ?? ""); points span \(range)\n"
        }
        out += "metrics: \(plan.metrics.joined(separator: ", "))\nscopes: \(plan.scopes.joined(separator: ", "))\n"
        if let days = plan.horizonDays { out += "horizon overridden: \(SweepParameter.format(days)) days" + (plan.warmupDays.map { ", warm-up \(SweepParameter.format($0)) days" } ?? "") + "\n" }
        if let best = plan.best { out += "best: \(best.direction.rawValue) \(best.metric) [\(best.scope)]\n" }
        out += "sweep identity: \(plan.identity)\n"
        return out
    }
}
