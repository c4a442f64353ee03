import FlowSimCore
import FlowSimModel
import FlowSimScenario
import Foundation

/// A readable summary of a scenario, for `flowsim describe`.
public enum ScenarioDescription {
    public static func render(_ scenario: Scenario) -> String {
        let c = scenario.config
        var out = "\(c.name)\n"
        if scenario.files.count > 1 { out += "inherits: \(scenario.files.dropFirst().joined(separator: " <- "))\n" }
        out += String(format: "run: %.0f d warm-up, %.0f d measured, %d replications, seed %llu\n",
                      c.warmup / CalendarTime.minutesPerDay, c.horizon / CalendarTime.minutesPerDay, scenario.run.replications, scenario.run.seed)
        out += "\nsites:\n"
        for site in c.sites {
            out += "  \(site.id) (\(site.name))\n"
            if let t = site.triage { out += "    triage: \(servers(t.servers)), mean \(minutes(t.service.mean))\n" }
            for s in site.streams {
                out += "    stream \(s.id): \(servers(s.treatment.servers)), mean \(minutes(s.treatment.service.mean))\n"
            }
            for w in site.wards { out += "    ward \(w.id): \(w.beds) beds\n" }
        }
        out += "\npatient groups:\n"
        for g in c.groups {
            var line = "  \(g.id): stream \(g.stream), priority \(g.priority), admitted \(percent(g.admitProbability))"
            if let los = g.lengthOfStay { line += String(format: ", mean stay %.2f d", los.mean / CalendarTime.minutesPerDay) }
            out += line + "\n"
        }
        if !c.arrivals.isEmpty {
            out += "\narrivals:\n"
            for a in c.arrivals {
                out += String(format: "  %@ -> %@ (%@): %.1f a day", a.id, a.site, a.channel.id, a.rate.meanPerDay)
                out += "; mix " + a.mix.map { "\($0.group) \(percent($0.share))" }.joined(separator: ", ") + "\n"
            }
        }
        if let network = c.network {
            out += String(format: "\nnetwork: %d localities, %.0f people; demand: ", network.localities.count, network.population)
            out += network.demand.map { String(format: "%@ %.1f per 1,000 a year", $0.channel.rawValue, $0.perThousandPerYear) }
                .joined(separator: ", ") + "\n"
            out += "ambulance fleet: \(servers(network.ambulance.vehicles))\n"
            for site in c.sites { out += "  \(site.id): role \(site.role ?? "-")\n" }
        }
        if let community = c.community {
            out += String(format: "\ncommunity: MDT %.0f places per 100,000 at level 4; %d discharge-to-assess units (%d beds); ",
                          community.mdt.caseloadPer100k, community.d2aPools.count, community.d2aPools.reduce(0) { $0 + $1.beds })
            out += "\(community.levels.count) localities with maturity steps\n"
        }
        if !c.epochs.isEmpty {
            out += "\ntimeline: \(c.epochs.count) dated changes, at day "
            out += c.epochs.map { String(format: "%.0f", ($0.from - c.warmup) / CalendarTime.minutesPerDay) }.joined(separator: ", ")
            out += " of the measured period\n"
        }
        return out
    }

    static func servers(_ r: Rota) -> String {
        r.isConstant ? "\(r.byHourOfWeek[0]) servers" : String(format: "%d-%d servers by rota (mean %.1f)",
                                                             r.byHourOfWeek.min()!, r.maximum, r.meanServers)
    }
    static func minutes(_ m: Double) -> String { String(format: "%.1f min", m) }
    static func percent(_ p: Double) -> String { String(format: "%.1f%%", p * 100) }
}
