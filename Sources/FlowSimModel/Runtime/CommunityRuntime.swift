import FlowSimCore

/// The compiled community side: which pool is each locality's MDT and D2A
/// unit, pathway choices by group, and the samplers and streams.
///
/// A class, and immutable: handlers read it on every discharge and step-up
/// referral, and copying a struct of this many arrays would retain each of
/// them every time; a reference costs one.
final class CommunityRuntime {
    /// Per locality: MDT pool, and D2A pool (-1 when none serves it).
    let mdtPool: [Int]
    let d2aPool: [Int]
    /// Per pool index: the D2A stay sampler (only D2A pools are set).
    let d2aStay: [Int: Sampler]
    /// Per group: pathway choice (nil: always home), step-up eligibility.
    let pathway: [Categorical?]
    let eligible: [Bool]
    let frailtyShare: Double
    let escalation: Double
    let stepUp: Sampler
    let stepDown: Sampler
    let careHomeWait: Sampler
    /// Per locality: level-4 caseload, and the level schedule.
    let population: [Double]
    let mdt: MDTConfig
    let levels: [[(from: Double, level: Int)]]
    let stream: RandomStream
    let stepUpStream: RandomStream

    init(mdtPool: [Int], d2aPool: [Int], d2aStay: [Int: Sampler], pathway: [Categorical?], eligible: [Bool],
         frailtyShare: Double, escalation: Double, stepUp: Sampler, stepDown: Sampler, careHomeWait: Sampler,
         population: [Double], mdt: MDTConfig, levels: [[(from: Double, level: Int)]],
         stream: RandomStream, stepUpStream: RandomStream) {
        self.mdtPool = mdtPool
        self.d2aPool = d2aPool
        self.d2aStay = d2aStay
        self.pathway = pathway
        self.eligible = eligible
        self.frailtyShare = frailtyShare
        self.escalation = escalation
        self.stepUp = stepUp
        self.stepDown = stepDown
        self.careHomeWait = careHomeWait
        self.population = population
        self.mdt = mdt
        self.levels = levels
        self.stream = stream
        self.stepUpStream = stepUpStream
    }
}

/// What the community side records in the measured window.
struct LocalityStatistics {
    var accepted = 0
    var declined = 0
    var avoided = 0
    var escalated = 0
    /// Time-weighted MDT places (capacity changes with maturity).
    var places = TimeWeighted()
}

/// How a patient leaves an acute bed (the NHS discharge pathways 0-3); the
/// raw value is the index into a group's pathway shares.
enum DischargePathway: Int, CaseIterable {
    case home = 0
    /// Home with the locality MDT.
    case mdt = 1
    /// A discharge-to-assess bed.
    case dischargeToAssess = 2
    case careHome = 3
}
