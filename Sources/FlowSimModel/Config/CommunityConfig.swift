import FlowSimCore

/// The out-of-hospital half: locality multidisciplinary teams (MDTs,
/// "virtual wards"), discharge pathways 0-3, discharge-to-assess beds and
/// care-home placement, and how locality maturity grows over time.
/// A scenario without it behaves exactly as before.
public struct CommunityConfig: Sendable {
    public var mdt: MDTConfig
    /// Per group: shares of pathways [0 home, 1 home with MDT, 2 D2A bed,
    /// 3 care home] at the end of an acute stay (sum 1).
    public var pathways: [String: [Double]]
    public var d2aPools: [D2APoolConfig]
    /// Wait for a care-home placement (spent in the acute bed).
    public var careHomeWait: Distribution
    /// Per locality: maturity level (0-4) from each date (minutes), in order.
    public var levels: [String: [(from: Double, level: Int)]]

    public init(mdt: MDTConfig, pathways: [String: [Double]], d2aPools: [D2APoolConfig], careHomeWait: Distribution,
                levels: [String: [(from: Double, level: Int)]]) {
        self.mdt = mdt
        self.pathways = pathways
        self.d2aPools = d2aPools
        self.careHomeWait = careHomeWait
        self.levels = levels
    }

    /// The level of `locality` at time `t`.
    public func level(of locality: String, at t: Double) -> Int {
        var level = 0
        for step in levels[locality] ?? [] where step.from <= t { level = step.level }
        return level
    }
}

public struct MDTConfig: Sendable {
    /// People cared for at home at once, per 100,000 population, at level 4.
    public var caseloadPer100k: Double
    /// Capacity as a share of the level-4 caseload, for levels 0...4.
    public var capacityByLevel: [Double]
    /// Share of eligible step-up referrals managed at home, levels 0...4.
    public var effectivenessByLevel: [Double]
    /// Groups an MDT can take on step-up (frail, long-term conditions).
    public var eligibleGroups: [String]
    /// Share of those groups' referrals that the frailty index identifies.
    public var frailtyShare: Double
    public var stepUpEpisode: Distribution
    public var stepDownEpisode: Distribution
    /// Share of people managed at home who escalate to a 999 call later.
    public var escalation: Double

    public init(caseloadPer100k: Double, capacityByLevel: [Double], effectivenessByLevel: [Double],
                eligibleGroups: [String], frailtyShare: Double, stepUpEpisode: Distribution,
                stepDownEpisode: Distribution, escalation: Double) {
        self.caseloadPer100k = caseloadPer100k
        self.capacityByLevel = capacityByLevel
        self.effectivenessByLevel = effectivenessByLevel
        self.eligibleGroups = eligibleGroups
        self.frailtyShare = frailtyShare
        self.stepUpEpisode = stepUpEpisode
        self.stepDownEpisode = stepDownEpisode
        self.escalation = escalation
    }

    /// Caseload places of a locality of `population` people at `level`.
    public func places(population: Double, level: Int) -> Int {
        Int((caseloadPer100k * population / 100_000 * capacityByLevel[min(max(level, 0), 4)]).rounded())
    }
}

/// A pool of discharge-to-assess / step-down beds serving some localities.
public struct D2APoolConfig: Sendable {
    public var id: String
    public var beds: Int
    public var stay: Distribution
    public var localities: [String]

    public init(id: String, beds: Int, stay: Distribution, localities: [String]) {
        self.id = id
        self.beds = beds
        self.stay = stay
        self.localities = localities
    }
}
