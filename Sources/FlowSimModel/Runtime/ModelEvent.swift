/// What happens, to whom. `subject` is a patient index, an arrival source
/// or a server pool, depending on the kind.
struct ModelEvent {
    enum Kind: UInt8 {
        case arrival            // subject: arrival source
        case triageDone         // subject: patient
        case treatmentDone      // subject: patient
        case bedDischarge       // subject: patient
        case rotaChange         // every pool on a rota (subject unused)
        case crewAtScene        // subject: patient
        case crewLeavesScene    // subject: patient
        case ambulanceArrival   // subject: patient, at the site's door
        case vehicleFree        // subject: the vehicle's standby point, or points + site × points + point when free at a site (0 without points)
        case vehicleHome        // subject: site × points + point of a vehicle back at its point
        case carAtScene         // subject: patient; a rapid response car arrived; stale unless `tag` is their generation
        case carFree            // subject: standby point a rapid response car is back at
        case transferArrival    // subject: patient, at the receiving site
        case transferPickup     // subject: patient; the transfer vehicle reached the sending site
        case bedReady           // subject: patient, whose allocated bed is now ready
        case handoverRelease    // subject: patient; stale unless `tag` is their generation
        case patienceEnd        // subject: patient queueing for a cubicle; stale unless `tag` is their generation
        case mdtEnd             // subject: patient leaving an MDT caseload
        case d2aEnd             // subject: patient leaving a discharge-to-assess bed
        case careHomePlaced     // subject: patient whose care-home place is ready
        case escalation         // subject: patient at home whose condition escalates; tag: generation
        case maturityChange     // subject: locality
        case epochChange        // subject: index of the configuration now in force
        case periodEnd          // end of a reporting period (financial year)
        case stabilityMark      // a mark of StabilityRule.marks in the measured window (the stability check)
        case warmupEnd
        case horizonEnd
    }
    let kind: Kind
    let subject: Int32
    /// The patient's generation when scheduled: a pooled slot may be reused
    /// by another patient before a cancellable event fires.
    var tag: UInt32 = 0
}
