/// What happens, to whom. `subject` is a patient index, an arrival source
/// or a server pool, depending on the kind.
struct ModelEvent {
    enum Kind: UInt8 {
        case arrival          // subject: arrival source
        case triageDone       // subject: patient
        case treatmentDone    // subject: patient
        case bedDischarge     // subject: patient
        case rotaChange       // subject: server pool
        case warmupEnd
        case horizonEnd
    }
    let kind: Kind
    let subject: Int32
}
