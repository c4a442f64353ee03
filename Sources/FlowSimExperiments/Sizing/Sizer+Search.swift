import Foundation
import FlowSimCore
import FlowSimModel

/// The outcome of a search: the levels found and how each standard reads there.
public struct SizingOutcome: Sendable {
    public let levels: [Int]
    public let readings: [Sizer.Reading]
    /// For the allocation question: the objective today and at `levels`
    /// (means), and the beds moved, in order.
    public var objectiveToday: Double? = nil
    public var objectiveFound: Double? = nil
    public var moves: [String] = []
    /// Knobs no standard bears on (kept at today's level).
    public var unconstrained: [Int] = []
}

extension Sizer {
    /// Replications of a first look at a candidate: half of them (at least
    /// 2). A candidate whose every verdict is clear after them is not run further.
    var firstLook: Int { max(2, (settings.replications + 1) / 2) }

    /// Values of each candidate at a first look, extended to every
    /// replication for those whose verdict on some knob is not yet clear.
    func staged(_ candidates: [[Int]], clear: ([Reading]) -> Bool) throws -> [[Reading]] {
        let first = try evaluate(candidates, replications: firstLook)
        var readings = first.map { v in standards.map { reading($0, v) } }
        let unclear = candidates.indices.filter { !clear(readings[$0]) }
        if !unclear.isEmpty && firstLook < settings.replications {
            let full = try evaluate(unclear.map { candidates[$0] }, replications: settings.replications)
            for (i, c) in unclear.enumerated() { readings[c] = standards.map { reading($0, full[i]) } }
        }
        return readings
    }

    /// The least level of each knob that meets every standard bearing on
    /// it, with the standards confirmed together at the levels returned.
    ///
    /// Method (docs/sizing.md): today's levels and the ceilings are run
    /// first; a knob whose standards hold today is searched between 1 and
    /// today, the others between today and the ceiling (if the standards
    /// fail even with every knob at its ceiling the search stops with an
    /// error). Then every knob is bisected at once: each round runs one
    /// candidate with every unsettled knob at the middle of its range, and
    /// a knob's range keeps the half its own standards point to. Knobs no
    /// standard bears on stay at today's level. The levels found are
    /// confirmed with every replication; a standard that fails there (knobs
    /// interact) raises the knobs it bears on a step at a time.
    public func leastCapacity() throws -> SizingOutcome {
        let relevant = knobs.map { k in standards.indices.filter { bears(standards[$0], on: k) } }
        let constrained = knobs.indices.filter { !relevant[$0].isEmpty }
        guard !constrained.isEmpty else {
            throw SizingError("no standard bears on the capacities varied (\(knobs.map(\.label).joined(separator: ", "))); a ward's metric bears on its beds, a site's on the site's capacities")
        }
        let ceilings = knobs.map(ceiling)
        for (k, c) in zip(knobs, ceilings) where c < k.today {
            throw SizingError("the ceiling for \(k.kind.rawValue) (\(c)) is below today's \(k.today) at \(k.label)")
        }
        var top = today
        for i in constrained { top[i] = ceilings[i] }
        let verdictOf: ([Reading], Int) -> Verdict = { r, i in
            let vs = relevant[i].map { r[$0].verdict }
            return vs.allSatisfy { $0 == .met } ? .met : (vs.contains(.failed) ? .failed : .undecided)
        }
        let start = try staged([today, top]) { r in constrained.allSatisfy { verdictOf(r, $0) != .undecided } }
        let atTop = try evaluate([top], replications: settings.replications)[0]
        let topReadings = standards.map { reading($0, atTop) }
        let failing = standards.indices.filter { topReadings[$0].verdict != .met }
        if !failing.isEmpty {
            let lines = failing.map { i in
                "\(standards[i].label): \(Self.format(topReadings[i].mean)) (95% bound \(Self.format(topReadings[i].bound)))"
            }
            throw SizingError("no capacity within the ceiling meets the standards: with every knob at its ceiling (\(ceilingText)), " +
                              lines.joined(separator: "; ") + ". Raise the ceiling (--max-beds, --max-cubicles, --max-vehicles) or relax the standard")
        }
        var lo = knobs.map { _ in 0 }, hi = today
        for i in constrained {
            if verdictOf(start[0], i) == .met { lo[i] = 0; hi[i] = today[i] } else { lo[i] = today[i]; hi[i] = ceilings[i] }
        }
        var rounds = 0
        while constrained.contains(where: { hi[$0] - lo[$0] > 1 }) {
            rounds += 1
            guard rounds <= settings.maxRounds else {
                throw SizingError("the search did not settle in \(settings.maxRounds) rounds")
            }
            var mid = hi
            let active = constrained.filter { hi[$0] - lo[$0] > 1 }
            for i in active { mid[i] = (lo[i] + hi[i]) / 2 }
            let r = try staged([mid]) { r in active.allSatisfy { verdictOf(r, $0) != .undecided } }[0]
            for i in active { if verdictOf(r, i) == .met { hi[i] = mid[i] } else { lo[i] = mid[i] } }
        }
        // Confirm together, with every replication; raise what still fails.
        var levels = hi
        for _ in 0..<settings.maxRounds {
            let values = try evaluate([levels], replications: settings.replications)[0]
            let readings = standards.map { reading($0, values) }
            let failed = standards.indices.filter { readings[$0].verdict != .met }
            if failed.isEmpty {
                var outcome = SizingOutcome(levels: levels, readings: readings)
                outcome.unconstrained = knobs.indices.filter { relevant[$0].isEmpty }
                return outcome
            }
            var raised = false
            for i in constrained where failed.contains(where: { relevant[i].contains($0) }) && levels[i] < ceilings[i] {
                levels[i] = min(ceilings[i], levels[i] + max(1, levels[i] / 50))
                raised = true
            }
            if !raised { break }
        }
        throw SizingError("the levels found by bisection do not meet the standards together, and raising them to the ceiling did not either; the standards may not be monotone in capacity")
    }

    /// How many standards a candidate's values do not meet.
    func unmet(_ values: [[String: Double]]) -> Int {
        standards.reduce(0) { $0 + (reading($1, values).verdict == .met ? 0 : 1) }
    }

    /// How far the means of the standards not met are from their targets,
    /// summed (each in its metric's unit; the repair compares it only
    /// between placements that break the same number of standards).
    func shortfall(_ values: [[String: Double]]) -> Double {
        standards.reduce(0) { total, s in
            let r = reading(s, values)
            guard r.verdict != .met else { return total }
            switch s.standard.relation {
            case .atMost: return total + max(0, r.mean - s.threshold)
            case .atLeast: return total + max(0, s.threshold - r.mean)
            }
        }
    }

    /// The repair move among `values`: fewest standards broken, then the
    /// smallest shortfall, then the best mean objective; nil unless it is
    /// closer to meeting them than `now` (fewer broken, or as many and a
    /// smaller shortfall).
    private func repair(_ values: [[[String: Double]]], now: (broken: Int, shortfall: Double), objective key: String,
                        sign: Double) -> (index: Int, gain: Double)? {
        var best: (index: Int, broken: Int, shortfall: Double, mean: Double)?
        for (i, v) in values.enumerated() {
            let broken = unmet(v), short = shortfall(v)
            let mean = sign * v.map { $0[key] ?? 0 }.reduce(0, +) / Double(max(1, v.count))
            if let b = best, (broken, short, -mean) >= (b.broken, b.shortfall, -b.mean) { continue }
            best = (i, broken, short, mean)
        }
        guard let best, (best.broken, best.shortfall) < (now.broken, now.shortfall) else { return nil }
        return (best.index, best.mean)
    }

    var ceilingText: String {
        CapacityKnob.Kind.allCases.compactMap { kind in
            let ks = knobs.filter { $0.kind == kind }
            guard !ks.isEmpty else { return nil }
            return settings.ceilings[kind].map { "\(kind.rawValue) \($0)" } ?? "\(kind.rawValue) twice today's"
        }.joined(separator: ", ")
    }

    static func format(_ v: Double) -> String { String(format: "%.4g", v) }

    /// Best use of today's beds: with the total of each ward kind (ward id)
    /// fixed, moves `block` beds at a time between the sites' wards of a
    /// kind to improve `objective` (a higher or lower mean).
    ///
    /// Greedy, with common random numbers (docs/sizing.md): each round runs
    /// every single move of `block` beds (each ordered pair of wards of a
    /// kind), and takes the one with the best paired mean change if its
    /// one-sided `confidence` bound is an improvement and every standard
    /// still holds; with no such move the block is halved, down to one bed.
    ///
    /// When today's placement breaks a standard (a site that gridlocks, a
    /// ward over its occupancy), repair comes first: each round takes the
    /// move that leaves the fewest standards broken, then the smallest
    /// shortfall of their means from their targets (a site unstable in 1
    /// replication of 20 rather than 2), then the best mean objective, if
    /// it is closer to meeting them than now by either measure; when none
    /// is at one bed, the search stops with an error naming the standards.
    public func bestAllocation(objective: (scope: Scope, metric: String), higherIsBetter: Bool, block: Int,
                               maxMoves: Int = 200) throws -> SizingOutcome {
        let beds = knobs.indices.filter { knobs[$0].kind == .beds }
        guard beds.count == knobs.count else {
            throw SizingError("the allocation question moves beds only; vary beds (--vary beds or ward bed paths)")
        }
        let kinds = Dictionary(grouping: beds, by: { knobs[$0].id }).filter { $0.value.count > 1 }
        guard !kinds.isEmpty else {
            throw SizingError("no ward kind has beds at two or more sites among the knobs, so there is nothing to move")
        }
        guard block >= 1 else { throw SizingError("--block must be at least 1 bed") }
        let key = Self.key(objective.scope, objective.metric)
        let sign = higherIsBetter ? 1.0 : -1.0
        var current = today
        var currentValues = try evaluate([current], replications: settings.replications)[0]
        let todayMean = currentValues.map { $0[key] ?? 0 }.reduce(0, +) / Double(currentValues.count)
        var block = block, moves: [String] = []
        while moves.count < maxMoves {
            var candidates: [(levels: [Int], text: String)] = []
            for (kind, wards) in kinds.sorted(by: { $0.key < $1.key }) {
                for d in wards where current[d] - block >= 1 {
                    for r in wards where r != d {
                        var c = current
                        c[d] -= block
                        c[r] += block
                        candidates.append((c, "\(block) \(kind) bed\(block == 1 ? "" : "s") \(knobs[d].site!) → \(knobs[r].site!)"))
                    }
                }
            }
            let values = try evaluate(candidates.map(\.levels), replications: settings.replications)
            let broken = unmet(currentValues)
            var best: (index: Int, gain: Double)?
            if broken > 0 {
                best = repair(values, now: (broken, shortfall(currentValues)), objective: key, sign: sign)
            } else {
                for (i, v) in values.enumerated() {
                    guard unmet(v) == 0 else { continue }
                    var tally = Tally()
                    for (a, b) in zip(v, currentValues) { tally.add(sign * ((a[key] ?? 0) - (b[key] ?? 0))) }
                    let lower = tally.mean - tOneSided(v.count) * tally.standardError
                    guard lower > 0, tally.mean > (best?.gain ?? 0) else { continue }
                    best = (i, tally.mean)
                }
            }
            if let best {
                current = candidates[best.index].levels
                currentValues = values[best.index]
                moves.append(candidates[best.index].text + (broken > 0 ? " (to meet the standards)" : ""))
            } else if block > 1 {
                block = max(1, block / 2)
            } else if broken > 0 {
                let names = standards.filter { reading($0, currentValues).verdict != .met }.map(\.label)
                throw SizingError("today's beds cannot be placed to meet \(names.joined(separator: "; ")): no move of one bed between the sites comes closer to meeting them (after \(moves.count) move\(moves.count == 1 ? "" : "s")); the option needs more beds (size it without --maximise) or the standards are out of reach")
            } else {
                break
            }
        }
        var outcome = SizingOutcome(levels: current, readings: standards.map { reading($0, currentValues) })
        outcome.objectiveToday = todayMean
        outcome.objectiveFound = currentValues.map { $0[key] ?? 0 }.reduce(0, +) / Double(currentValues.count)
        outcome.moves = moves
        return outcome
    }
}
