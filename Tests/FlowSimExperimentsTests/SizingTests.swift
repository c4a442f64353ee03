import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// `flowsim size` (docs/sizing.md): a known answer from Erlang C, the
/// allocation search on a constructed case, and refusals of bad standards.
@Suite struct SizingTests {
    static func settings(_ replications: Int = 10, seed: UInt64 = 1) -> Sizer.Settings {
        var s = Sizer.Settings(seed: seed, replications: replications)
        s.threads = 2
        return s
    }

    static let shortR1: [(path: String, yaml: String)] = [("run.warmup", "1 day"), ("run.horizon", "5 days")]

    /// R1 is M/M/c with λ = 0.5/min and mean service 15 min (offered load
    /// 7.5). Erlang C gives Wq = 1.84 min with 10 servers and 0.75 with 11,
    /// so the least servers for Wq <= 1.2 min is 11, well clear of both.
    @Test func leastCubiclesForAWaitTargetIsErlangCs() throws {
        let target = 1.2
        let erlang = (8...20).first { MMcQueue(arrivalRate: 0.5, serviceRate: 1.0 / 15, servers: $0).meanWait <= target }
        #expect(erlang == 11)
        #expect(MMcQueue(arrivalRate: 0.5, serviceRate: 1.0 / 15, servers: 10).meanWait > 1.5 * target)
        #expect(MMcQueue(arrivalRate: 0.5, serviceRate: 1.0 / 15, servers: 11).meanWait < 0.7 * target)
        var request = SizingRequest(file: PackagePaths.r1, settings: Self.settings())
        request.overrides = Self.shortR1
        request.vary = ["cubicles"]
        request.standards = [try Standard.parse("ED ae_wait_for_cubicle_mean_min <= \(target)")]
        let (report, sizer) = try request.run()
        #expect(report.knobs.map(\.sized) == [erlang!])
        #expect(report.knobs.map(\.today) == [9])
        #expect(report.standards.map(\.verdict) == [.met])
        #expect(report.cost.candidates == sizer.candidatesEvaluated && report.cost.replicationsRun > 0)
        // Common random numbers: candidates were re-read, not re-run.
        #expect(report.cost.replicationsReused > 0)
        let object = try #require(try JSONSerialization.jsonObject(with: CanonicalJSON.encode(report)) as? [String: Any])
        #expect(object["schema"] as? String == "flowsim.sizing/1")
    }

    /// The same search on P(wait): Erlang C's P(wait) is 0.307 with 10
    /// servers and 0.176 with 11; the least for <= 0.24 is 11.
    @Test func leastCubiclesForAShareWhoWaitIsErlangCs() throws {
        let erlang = (8...20).first { MMcQueue(arrivalRate: 0.5, serviceRate: 1.0 / 15, servers: $0).probabilityOfWaiting <= 0.24 }
        var request = SizingRequest(file: PackagePaths.r1, settings: Self.settings())
        request.overrides = Self.shortR1
        request.vary = ["sites.ED.streams.cubicles.servers"]
        request.standards = [try Standard.parse("ED ae_p_wait <= 24%")]
        #expect(try request.run().report.knobs.map(\.sized) == [erlang!])
    }

    static let twoWards = """
    schema: flowsim.scenario/1
    name: two wards
    run: {warmup: 3 days, horizon: 10 days, replications: 6, seed: 3}
    sites:
      A:
        name: Busy
        streams: {cubicles: {servers: 30, service: {exponential: {mean: 30 min}}}}
        wards: {general: {beds: 40}}
      B:
        name: Quiet
        streams: {cubicles: {servers: 30, service: {exponential: {mean: 30 min}}}}
        wards: {general: {beds: 40}}
    groups:
      all: {stream: cubicles, admit_probability: 0.5, ward: general, length_of_stay: {exponential: {mean: 1 day}}}
    arrivals:
      a: {site: A, channel: walk_in, rate_per_hour: 4, mix: {all: 1}}
      b: {site: B, channel: walk_in, rate_per_hour: 1, mix: {all: 1}}
    """

    /// A needs about 48 beds (4 an hour, half admitted, 1 day's stay), B
    /// about 12: with 40 each, beds move from B to A and the total holds.
    @Test func allocationMovesBedsTowardTheOverloadedWard() throws {
        let dir = try makeTemporaryDirectory("flowsim-sizing")
        let file = dir.appendingPathComponent("two.yaml").path
        try Self.twoWards.write(toFile: file, atomically: true, encoding: .utf8)
        var request = SizingRequest(file: file, settings: Self.settings(6, seed: 3))
        request.objective = try SizingRequest.objective("system decision_to_admission_mean_min", higher: false)
        request.block = 8
        let (report, _) = try request.run()
        let sized = Dictionary(uniqueKeysWithValues: report.knobs.map { ($0.site!, $0.sized) })
        #expect(sized["A"]! + sized["B"]! == 80)
        #expect(sized["A"]! >= 48 && sized["B"]! >= 12)
        let objective = try #require(report.objective)
        #expect(objective.found < objective.today / 2)
        #expect(objective.moves.allSatisfy { $0.contains("B → A") })
        // The written scenario inherits the input and states only the beds.
        let out = dir.appendingPathComponent("sub/placed.yaml").path
        try FileManager.default.createDirectory(atPath: dir.appendingPathComponent("sub").path, withIntermediateDirectories: true)
        try report.scenarioYAML(writtenTo: out, name: "placed", command: "test").write(toFile: out, atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("base: \"../two.yaml\""))
        let placed = try Scenario.load(path: out).config
        #expect(placed.sites.map { $0.wards[0].beds } == [sized["A"]!, sized["B"]!])
    }

    /// `twoWards` over 20 days with A's and B's beds as given.
    static func twoWards(a: Int, b: Int) -> String {
        let lines = twoWards.replacingOccurrences(of: "horizon: 10 days", with: "horizon: 20 days")
            .components(separatedBy: "\n")
        var site = ""
        return lines.map { line in
            if line.hasPrefix("  A:") || line.hasPrefix("  B:") { site = String(line.dropFirst(2).prefix(1)) }
            guard line.contains("beds: 40") else { return line }
            return line.replacingOccurrences(of: "beds: 40", with: "beds: \(site == "A" ? a : b)")
        }.joined(separator: "\n")
    }

    /// The allocation question on `twoWards(a:b:)`, moving 8 beds at a
    /// time, with no site unstable in any replication.
    static func stablePlacement(a: Int, b: Int, replications: Int, objective: String,
                                higher: Bool) throws -> SizingRequest {
        let file = try makeTemporaryDirectory("flowsim-sizing").appendingPathComponent("two.yaml").path
        try twoWards(a: a, b: b).write(toFile: file, atomically: true, encoding: .utf8)
        var request = SizingRequest(file: file, settings: settings(replications, seed: 3))
        request.objective = try SizingRequest.objective(objective, higher: higher)
        request.standards = [try Standard.parse("* unstable_replication <= 0")]
        request.block = 8
        return request
    }

    /// B's 6 beds for a load of 12 gridlock; the objective (A's wait for a
    /// bed, already nil with 70 beds) would never move a bed to B, so only
    /// the repair of the broken stability standard does.
    @Test func allocationRepairsABrokenStandardFirst() throws {
        let request = try Self.stablePlacement(a: 70, b: 6, replications: 6,
                                               objective: "A decision_to_admission_mean_min", higher: false)
        let (report, _) = try request.run()
        let sized = Dictionary(uniqueKeysWithValues: report.knobs.map { ($0.site!, $0.sized) })
        #expect(sized["A"]! + sized["B"]! == 76)
        #expect(sized["B"]! > 12)
        #expect(report.standards.map(\.verdict) == [.met, .met])
        let objective = try #require(report.objective)
        #expect(objective.moves.first == "8 general beds A → B (to meet the standards)")
    }

    /// 46 beds for loads of 48 and 12: no placement holds both sites.
    @Test func anAllocationNoMoveCanRepairStopsWithAnError() throws {
        let request = try Self.stablePlacement(a: 40, b: 6, replications: 4, objective: "system ae_within_4h", higher: true)
        #expect {
            _ = try request.run()
        } throws: { error in
            let text = "\(error)"
            return text.contains("today's beds cannot be placed to meet A unstable_replication <= 0.0")
                && text.contains("no move of one bed between the sites comes closer to meeting them")
        }
    }

    func refusal(_ standard: String, file: String = PackagePaths.r1, vary: [String] = ["cubicles"],
                 _ settings: Sizer.Settings = SizingTests.settings(3)) throws -> String {
        var request = SizingRequest(file: file, settings: settings)
        request.overrides = Self.shortR1
        request.vary = vary
        do {
            request.standards = [try Standard.parse(standard)]
            _ = try request.run()
        } catch let e as SizingError {
            return e.description
        }
        Issue.record("'\(standard)' was not refused")
        return ""
    }

    @Test func badStandardsAreRefusedPrecisely() throws {
        #expect(try refusal("ED ae_wait_for_cubicl_mean_min <= 1").contains("did you mean 'ae_wait_for_cubicle_mean_min'"))
        #expect(try refusal("EDD ae_p_wait <= 0.2").contains("no scope 'EDD'; did you mean 'ED'"))
        #expect(try refusal("ED ae_p_wait <= 1.5").contains("constrains nothing"))
        #expect(try refusal("ED ae_within_4h >= 1.2").contains("cannot be met"))
        #expect(try refusal("ED ae_p_wait < 0.2").contains("is not <= or >="))
        #expect(try refusal("ED ae_p_wait <= lots").contains("is not a number"))
        #expect(try refusal("ED ae_p_wait <= 2/day").contains("N/day is for totals"))
        #expect(try refusal("ED ae_within_4h >= baseline").contains("--baseline FILE"))
        #expect(try refusal("ED ae_p_wait <= 0.2", vary: ["bedz"]).contains("did you mean 'beds'"))
        #expect(try refusal("ED ae_p_wait <= 0.2", vary: ["beds"]).contains("no beds to vary"))
    }

    @Test func anImpossibleTargetWithinTheCeilingStopsWithAnError() throws {
        var settings = Self.settings(3)
        settings.ceilings = [.cubicles: 10]
        let message = try refusal("ED ae_p_wait <= 0.001", settings)
        #expect(message.contains("no capacity within the ceiling meets the standards"))
        #expect(message.contains("cubicles 10"))
    }

    @Test func rotasScaleAsAWhole() {
        let knob = CapacityKnob(kind: .cubicles, path: "p", site: "S", id: "majors", today: 28,
                                rota: [20, 20, 24, 28, 14])
        #expect(knob.hours(at: 28) == [20, 20, 24, 28, 14])
        #expect(knob.hours(at: 35) == [25, 25, 30, 35, 18])   // ×1.25: 17.5 rounds up
        #expect(knob.yaml(at: 14) == "[10, 10, 12, 14, 7]")
    }

    @Test func standardsFileIsReadWithPositions() throws {
        let dir = try makeTemporaryDirectory("flowsim-standards")
        let file = dir.appendingPathComponent("s.yaml").path
        try "schema: flowsim.standards/1\nstandards:\n  - \"* ward_*_occupancy_rate <= 92%\"\n  - system ae_within_4h >= baseline-0.01\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let standards = try Standard.load(path: file)
        #expect(standards.count == 2)
        #expect(standards[0].bound == .value(0.92) && standards[0].scope == "*")
        #expect(standards[1].bound == .baseline(offset: -0.01) && standards[1].relation == .atLeast)
        try "schema: flowsim.standards/1\nstandards:\n  - system ae_within_4h = 0.9\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: SizingError.self) { try Standard.load(path: file) }
        do { _ = try Standard.load(path: file) } catch let e as SizingError {
            #expect(e.description.hasPrefix("\(file):3:5: standards.0: "))
        }
    }
}
