import FlowSimCore

/// What the ambulance service and NHS 111 record in the measured window.
struct NetworkStatistics {
    static let categories = 4

    var nhs111Calls = 0
    var nhs111Dispositions = [Int](repeating: 0, count: NHS111Disposition.allCases.count)
    var incidents = 0
    var hearAndTreat = 0
    var seeAndTreat = 0
    var conveyed = 0
    var dispatches = 0
    var secondaryDispatches = 0
    var response = Tally()
    var responseSketch = QuantileSketch()
    var responseByCategory = [Tally](repeating: Tally(), count: categories)
    var responseSketchByCategory = [QuantileSketch](repeating: QuantileSketch(), count: categories)

    mutating func recordResponse(_ minutes: Double, category: Int) {
        response.add(minutes)
        responseSketch.record(minutes: minutes)
        responseByCategory[category].add(minutes)
        responseSketchByCategory[category].record(minutes: minutes)
    }
}
