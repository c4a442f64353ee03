/// One fact of a patient's journey in an event log.
public struct TraceEntry: Sendable, Hashable {
    public enum Fact: String, Sendable, CaseIterable {
        case arrivedAtDepartment = "arrived at A&E"
        case handedOver = "handed over"
        case startedTreatment = "treatment started"
        case leftDepartment = "left A&E"
        case leftBeforeTreatment = "left without being seen"
        case admitted = "admitted to a bed"
        case transferredOut = "transferred out"
        case responded = "first responder at scene"
        case conveyed = "conveyed"
        case delayEnded = "delayed discharge ended"
        case journeyEnded = "left the model"
    }

    /// Simulated minutes.
    public let time: Double
    /// The patient's journey: 1, 2, ... in order of their first fact (the
    /// model's pooled slots are reused, so a slot is not an identity).
    public let journey: Int
    public let fact: Fact
    /// The site index in configuration order, or -1.
    public let site: Int
}

/// The facts a traced replication kept: the first `limit`, and how many
/// more there were.
public struct EventTrace: Sendable {
    public internal(set) var entries: [TraceEntry] = []
    public internal(set) var dropped = 0
}

/// A recorder that keeps the first `limit` facts of patients' journeys as
/// an event log and passes every fact on to `base`, so a traced run gives
/// the same results as an untraced one. Memory is bounded by `limit`.
struct TraceRecorder<Base: FactRecorder>: ForwardingRecorder {
    var base: Base
    let limit: Int
    private(set) var trace = EventTrace()
    /// The journey now in each pooled slot.
    private var journeyInSlot: [Int32: Int] = [:]
    private var journeys = 0

    init(passingOn base: Base, limit: Int) {
        self.base = base
        self.limit = max(limit, 0)
    }

    private mutating func keep(_ fact: TraceEntry.Fact, _ patient: Int32, site: Int, at time: Double) {
        let journey: Int
        if let known = journeyInSlot[patient] {
            journey = known
        } else {
            journeys += 1
            journey = journeys
            journeyInSlot[patient] = journey
        }
        if fact == .journeyEnded { journeyInSlot[patient] = nil }
        guard trace.entries.count < limit else { trace.dropped += 1; return }
        trace.entries.append(TraceEntry(time: time, journey: journey, fact: fact, site: site))
    }

    mutating func arrivedAtDepartment(patient: Int32, site: Int, channel: Int, at: Double) {
        keep(.arrivedAtDepartment, patient, site: site, at: at)
        base.arrivedAtDepartment(patient: patient, site: site, channel: channel, at: at)
    }
    mutating func handedOver(patient: Int32, site: Int, delay: Double, at: Double) {
        keep(.handedOver, patient, site: site, at: at)
        base.handedOver(patient: patient, site: site, delay: delay, at: at)
    }
    mutating func startedTreatment(patient: Int32, site: Int, wait: Double, queued: Bool, at: Double) {
        keep(.startedTreatment, patient, site: site, at: at)
        base.startedTreatment(patient: patient, site: site, wait: wait, queued: queued, at: at)
    }
    mutating func leftBeforeTreatment(patient: Int32, site: Int, at: Double) {
        keep(.leftBeforeTreatment, patient, site: site, at: at)
        base.leftBeforeTreatment(patient: patient, site: site, at: at)
    }
    mutating func leftDepartment(patient: Int32, site: Int, group: Int, channel: Int, door: Double,
                                 clockStart: Double, at: Double) {
        keep(.leftDepartment, patient, site: site, at: at)
        base.leftDepartment(patient: patient, site: site, group: group, channel: channel, door: door,
                            clockStart: clockStart, at: at)
    }
    mutating func admitted(patient: Int32, site: Int, channel: Int, fromDepartment: Bool, decisionTime: Double,
                           at: Double) {
        keep(.admitted, patient, site: site, at: at)
        base.admitted(patient: patient, site: site, channel: channel, fromDepartment: fromDepartment,
                      decisionTime: decisionTime, at: at)
    }
    mutating func transferredOut(patient: Int32, site: Int, at: Double) {
        keep(.transferredOut, patient, site: site, at: at)
        base.transferredOut(patient: patient, site: site, at: at)
    }
    mutating func responded(patient: Int32, category: Int, minutes: Double, at: Double) {
        keep(.responded, patient, site: -1, at: at)
        base.responded(patient: patient, category: category, minutes: minutes, at: at)
    }
    mutating func conveyed(patient: Int32, site: Int, travel: Double, at: Double) {
        keep(.conveyed, patient, site: site, at: at)
        base.conveyed(patient: patient, site: site, travel: travel, at: at)
    }
    mutating func delayEnded(patient: Int32, site: Int, pathway: DischargePathway, since: Double, at: Double) {
        keep(.delayEnded, patient, site: site, at: at)
        base.delayEnded(patient: patient, site: site, pathway: pathway, since: since, at: at)
    }
    mutating func journeyEnded(patient: Int32, at: Double) {
        keep(.journeyEnded, patient, site: -1, at: at)
        base.journeyEnded(patient: patient, at: at)
    }
}
