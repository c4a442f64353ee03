import Foundation
import FlowSimCore
import FlowSimModel
import FlowSimScenario

/// A model description following STRESS-DES, the discrete-event
/// simulation checklist of "Strengthening the reporting of empirical
/// simulation studies: Introducing the STRESS guidelines" (Monks et al.,
/// Journal of Simulation, 2019), generated from a scenario: every section
/// (1 objectives, 2 logic, 3 data, 4 experimentation, 5 implementation,
/// 6 code access) and every parameter with the source its comment gives.
public enum StressDESReport {
    /// One value of a scenario file and the comment beside it.
    public struct Parameter: Sendable, Equatable {
        public let file: String
        public let line: Int
        /// The dotted path of keys, e.g. `sites.BTUHFT.triage.servers`.
        public let path: String
        public let value: String
        public let comment: String?

        /// "assumption" when the comment says so or there is none; else the comment.
        public var source: String {
            guard let comment, !comment.isEmpty else { return "assumption (no source given)" }
            return comment
        }

        public var isAssumption: Bool { comment.map { $0.lowercased().contains("assumption") } ?? true }
    }

    /// The values of the YAML files, read from their text lines (the parser
    /// keeps no comments): each `key: value  # comment` with its key path.
    public static func readSources(_ files: [String]) -> [Parameter] {
        files.flatMap { file -> [Parameter] in
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
            return parameters(yaml: text, file: file)
        }
    }

    public static func parameters(yaml: String, file: String) -> [Parameter] {
        var out: [Parameter] = []
        var stack: [(indent: Int, key: String)] = []
        var inBlockScalar: Int?
        for (n, raw) in yaml.components(separatedBy: "\n").enumerated() {
            let indent = raw.prefix { $0 == " " }.count
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let block = inBlockScalar {
                if line.isEmpty || indent > block { continue }
                inBlockScalar = nil
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (content, comment) = splitComment(line)
            var body = content
            var listItem = false
            if body.hasPrefix("- ") { body = String(body.dropFirst(2)); listItem = true }
            guard let colon = keyColon(body) else { continue }
            let key = String(body[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let keyIndent = indent + (listItem ? 2 : 0)
            while let last = stack.last, last.indent >= keyIndent { stack.removeLast() }
            let path = (stack.map(\.key) + [key]).joined(separator: ".")
            if value.isEmpty || value == ">" || value == "|" || value == ">-" || value == "|-" {
                if value.hasPrefix(">") || value.hasPrefix("|") { inBlockScalar = indent }
                stack.append((keyIndent, key))
                if let comment { out.append(Parameter(file: file, line: n + 1, path: path, value: "", comment: comment)) }
                continue
            }
            if key == "description" || key == "name" || key == "schema" { continue }
            out.append(Parameter(file: file, line: n + 1, path: path, value: value, comment: comment))
        }
        return out
    }

    /// The line without its comment, and the comment (a `#` after a space,
    /// outside quotes).
    static func splitComment(_ line: String) -> (String, String?) {
        var quote: Character?
        var previous: Character = " "
        for i in line.indices {
            let c = line[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "#" && previous == " " {
                return (String(line[..<i]).trimmingCharacters(in: .whitespaces),
                        String(line[line.index(after: i)...]).trimmingCharacters(in: .whitespaces))
            }
            previous = c
        }
        return (line, nil)
    }

    /// The colon that ends a mapping key (not one inside braces or quotes).
    static func keyColon(_ text: String) -> String.Index? {
        for i in text.indices {
            let c = text[i]
            if c == "{" || c == "[" || c == "\"" || c == "'" { return nil }
            if c == ":" {
                let next = text.index(after: i)
                if next == text.endIndex || text[next] == " " { return i }
            }
        }
        return nil
    }

    // MARK: the document

    public static func render(_ scenario: Scenario, sources: [Parameter], version: String?, replications: Int,
                              seed: UInt64) -> String {
        let c = scenario.config
        let days = { (m: Double) in String(format: "%.0f days", m / CalendarTime.minutesPerDay) }
        var md = "# STRESS-DES model description: \(c.name)\n\n"
        md += "Generated by flowsim\(version.map { " \($0)" } ?? "") from `\(scenario.file)`"
        if scenario.files.count > 1 { md += " (inherits \(scenario.files.dropFirst().map { "`\($0)`" }.joined(separator: ", ")))" }
        md += ". It follows the STRESS-DES checklist of Monks et al. (2019), \"Strengthening the reporting of empirical simulation studies: Introducing the STRESS guidelines\", *Journal of Simulation* 13(1).\n\n"

        md += "## 1. Objectives\n\n"
        md += "### 1.1 Purpose of the model\n\n"
        md += "To compare configurations of urgent and emergency care (today's sites and the reconfiguration options) on patient flow: A&E waits against the 4-hour standard, waits for a bed, ambulance handovers and responses, and bed occupancy, so that planners can see which option does better on what, by how much and how sure.\n\n"
        if let description = description(scenario) { md += "This scenario: \(description)\n\n" }
        md += "### 1.2 Model outputs\n\n"
        md += "Every metric is declared once in the metric catalogue (`flowsim metrics FILE` lists those of a scenario with their definitions; docs/results.md has the tables). The key ones, each computed over the measured window after the warm-up, per site and for the system:\n\n"
        let available = Set(MetricLayout(c).metrics.map(\.name))
        for d in MetricCatalogue.keyMetrics where available.contains(d.id) {
            md += "- **\(d.label)** (`\(d.id)`, \(d.unit == .fraction ? "%" : d.unit.rawValue)): \(d.definition)\n"
        }
        md += "\n### 1.3 Experimentation aims\n\n"
        md += "Scenario comparison with common random numbers: each option is run with the same seed and replication indices as the baseline, so identically named random streams give the same patients, and differences are paired replication by replication with 95% confidence intervals. Parameter uncertainty is explored with sweeps (`flowsim sweep`, random or Latin hypercube designs, SRC and PRCC sensitivity, probability of being best).\n\n"

        md += "## 2. Logic\n\n### 2.1 Base model overview diagram\n\n"
        md += diagram(c)
        md += "\n### 2.2 Base model logic\n\n"
        md += "Patients arrive by channel (walk-in, NHS 111, 999 ambulance, GP referral, transfer) at a site's A&E door"
        md += c.network != nil ? " from the 26 localities of the network (999 calls are answered by the ambulance fleet: hear and treat, see and treat, or conveyance to a site chosen by role and travel time)" : ""
        md += ". Each is triaged (where the site has triage), queues by priority for a cubicle of its group's stream, is treated, and then leaves A&E home or, with its group's admission probability, waits for a bed in its group's ward (exit block: the cubicle is held until a bed is free). Admitted patients stay for their length of stay and are discharged"
        md += c.community != nil ? " by a discharge pathway (0 home; 1 MDT at home; 2 discharge-to-assess bed; 3 care home), waiting in the acute bed when the pathway has no room" : ""
        md += ". The 4-hour clock starts at arrival (at handover for ambulance patients).\n\n"
        md += "### 2.3 Scenario logic\n\n"
        if scenario.files.count > 1 {
            md += "This scenario inherits `\(scenario.files.last!)` and states only what it changes; the values it sets are those in section 3.3 from `\(scenario.file)`.\n\n"
        } else {
            md += "This is a base scenario; options inherit it (`base:`) and state only what they change.\n\n"
        }
        if !c.epochs.isEmpty { md += "It has \(c.epochs.count) dated changes (a timeline) during the measured period.\n\n" }
        md += "### 2.4 Algorithms\n\n"
        md += "- Arrivals: non-homogeneous Poisson processes by hour of the week (thinning of a rate profile).\n"
        md += "- Queues: priority first, then first come first served; servers follow rotas by hour of the week (nobody is pre-empted when a rota falls).\n"
        md += "- Service and length-of-stay times: the distributions in section 3.3 (exponential, lognormal, gamma, ...).\n"
        if c.sites.contains(where: { $0.targetEffect != nil }) {
            md += "- The 4-hour target effect: with a probability, a patient about to breach is moved within a window before the 4-hour mark.\n"
        }
        md += "\n### 2.5 Components\n\n#### 2.5.1 Entities\n\nPatients, in \(c.groups.count) groups:\n\n"
        for g in c.groups {
            md += "- `\(g.id)`: stream `\(g.stream)`, priority \(g.priority), admitted \(String(format: "%.1f%%", g.admitProbability * 100))\n"
        }
        if c.network != nil { md += "- Ambulance vehicles (a fleet with a rota) and 999 incidents.\n" }
        md += "\n#### 2.5.2 Activities\n\nTriage, treatment in a cubicle, the bed turnaround, the inpatient stay"
        md += c.network != nil ? "; ambulance travel to the scene, on-scene time, conveyance, handover and clear-up" : ""
        md += c.community != nil ? "; MDT management at home and discharge-to-assess stays" : ""
        md += ".\n\n#### 2.5.3 Resources\n\n"
        for site in c.sites {
            md += "- **\(site.id)** (\(site.name))\(site.role.map { ", role \($0)" } ?? ""): "
            var parts: [String] = []
            if let t = site.triage { parts.append("triage \(ScenarioDescription.servers(t.servers))") }
            parts += site.streams.map { "\($0.id) cubicles \(ScenarioDescription.servers($0.treatment.servers))" }
            parts += site.wards.map { "\($0.id) ward \($0.beds) beds" }
            md += parts.joined(separator: "; ") + "\n"
        }
        if let n = c.network { md += "- Ambulance fleet: \(ScenarioDescription.servers(n.ambulance.vehicles))\n" }
        md += "\n#### 2.5.4 Queues\n\nOne queue per triage stage, per stream's cubicles and per ward, each ordered by group priority then arrival; "
        md += c.network != nil ? "999 incidents queue for a free vehicle by response category; ambulance crews queue at the door for handover when the stream needs a cubicle. " : ""
        md += "No balking or reneging: patients wait however long it takes.\n\n"
        md += "#### 2.5.5 Entry and exit points\n\nPatients enter at an arrival (a channel at a site, or a call from a locality) and leave the model when they go home from A&E, are discharged from a bed, are seen and treated or heard and treated by the ambulance service, or are transferred onward to a site where their journey continues.\n\n"

        md += "## 3. Data\n\n### 3.1 Data sources\n\n"
        md += "The scenario files say where each number comes from in a comment beside it: the two NHS planning documents (Mid and South Essex Success Regime \"STP Update\", October 2016; Thurrock CCG \"Thurrock Transformation Plan\", January 2016), public England-wide facts, or our own assumption. Section 3.3 lists them.\n\n"
        md += "### 3.2 Pre-processing\n\n"
        md += "Derived values (rates per locality, bed loads, rota shapes) are worked out in docs/mse-parameters.md and docs/calibration.md; the scenario holds the results, each marked with its source.\n\n"
        md += "### 3.3 Input parameters\n\n"
        let assumptions = sources.filter { !$0.value.isEmpty && $0.isAssumption }.count
        let values = sources.filter { !$0.value.isEmpty }
        md += "\(values.count) values in \(Set(values.map(\.file)).count) file\(Set(values.map(\.file)).count == 1 ? "" : "s"); \(assumptions) of them are assumptions (their comment says so, or there is none).\n\n"
        md += "| file:line | parameter | value | source |\n|---|---|---|---|\n"
        for p in values {
            md += "| \(cell(URL(fileURLWithPath: p.file).lastPathComponent)):\(p.line) | `\(cell(p.path))` | `\(cell(p.value))` | \(cell(p.source)) |\n"
        }
        md += "\n### 3.4 Assumptions\n\n"
        md += "Every value marked \"assumption\" above is our own estimate (docs/mse-parameters.md shows the arithmetic, docs/calibration.md what was tuned). Structural assumptions: no patient leaves a queue unseen; a cubicle is held until its patient leaves A&E; beds are the binding constraint on admission; the model has no calendar dates, only weeks from a Monday.\n\n"

        md += "## 4. Experimentation\n\n### 4.1 Initialisation\n\n"
        md += "The model starts empty and idle; a warm-up of \(days(c.warmup)) is run and discarded before measurement begins (results count only what happens after it).\n\n"
        md += "### 4.2 Run length\n\nThe measured period is \(days(c.horizon)) after the warm-up"
        md += c.period < c.horizon ? ", reported also by financial year" : ""
        md += "; time is in minutes.\n\n"
        md += "### 4.3 Estimation approach\n\n"
        md += "\(replications) independent replications (the scenario's default is \(scenario.run.replications)); each metric's mean and 95% confidence interval (Student t) across replications; options are compared by paired differences under common random numbers.\n\n"

        md += "## 5. Implementation\n\n### 5.1 Software or programming language\n\n"
        md += "flowsim\(version.map { " \($0)" } ?? ""), a discrete-event simulation engine written in Swift (SwiftPM), using the GNU Scientific Library for random distributions; scenario files in YAML.\n\n"
        md += "### 5.2 Random sampling\n\n"
        md += "Every random quantity draws from its own named stream (\"arrivals/...\", \"ae/treatment\", ...). Each stream is a xoshiro256** generator (Blackman and Vigna) seeded by SplitMix64 from the master seed (\(seed)), the replication index and a hash of the stream's name, and exposed to GSL so its distributions draw from the same state. Identically named streams in two options therefore give the same draws (common random numbers), and results do not depend on the number of threads.\n\n"
        md += "### 5.3 Model execution\n\n"
        md += "Event scheduling: a binary-heap event list in simulated minutes; ties are broken by the order events were scheduled, so a run is deterministic for its seed. Replications run in parallel on every core, each on its own streams.\n\n"
        md += "### 5.4 System specification\n\n"
        md += "Runs on Linux or macOS on any 64-bit processor; a year of the Mid and South Essex network takes seconds per replication. The hardware of a particular run is not recorded in its results.\n\n"
        md += "## 6. Code access\n\n### 6.1 Computer model sharing statement\n\n"
        md += "flowsim is free software under the GNU General Public License, version 3 or later (it links GSL). The scenario files above, with their SHA-256 in the HTML report, and the command line that produced the results are all that is needed to reproduce them.\n"
        return md
    }

    static func description(_ scenario: Scenario) -> String? {
        guard let text = (try? ScenarioDocument.load(path: scenario.file))?.root["description"]?.scalar else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
    }

    /// The pathways as a Mermaid flowchart (GitHub and most Markdown
    /// viewers draw it; the text reads as a list of steps too).
    static func diagram(_ c: ModelConfig) -> String {
        var m = "```mermaid\nflowchart LR\n"
        if c.network != nil {
            m += "  L[\"26 localities\"] -->|walk-in, NHS 111| D[\"A&E door\"]\n"
            m += "  L -->|999 call| Q[\"Ambulance queue by category\"]\n"
            m += "  Q --> V[\"Vehicle: travel, scene\"]\n"
            m += "  V -->|hear / see and treat| X[\"Leave the model\"]\n"
            m += "  V -->|conveyance| H[\"Handover at the door\"]\n  H --> D\n"
            m += "  L -->|GP admission| W\n"
        } else {
            m += "  A[\"Arrivals by channel\"] --> D[\"A&E door\"]\n"
        }
        m += "  D --> T[\"Triage\"]\n"
        m += "  T --> S[\"Cubicle queue by stream (\(Set(c.sites.flatMap { $0.streams.map(\.id) }).sorted().joined(separator: ", ")))\"]\n"
        m += "  S --> R[\"Treatment\"]\n"
        m += "  R -->|discharged| X\n"
        m += "  R -->|decision to admit| W[\"Bed queue by ward (\(Set(c.sites.flatMap { $0.wards.map(\.id) }).sorted().joined(separator: ", ")))\"]\n"
        m += "  R -->|group not admitted here| TR[\"Transfer to another site\"]\n  TR --> W\n"
        m += "  W --> B[\"Inpatient stay\"]\n"
        if c.community != nil {
            m += "  B --> P{\"Discharge pathway\"}\n  P -->|0| X\n  P -->|1 MDT at home| X\n  P -->|2 D2A bed| X\n  P -->|3 care home| X\n"
        } else {
            m += "  B --> X\n"
        }
        if c.network == nil { m += "  X[\"Leave the model\"]\n" }
        return m + "```\n"
    }
}
