import FlowSim
import Testing

/// Servers that follow a rota by hour: nobody starts treatment in an hour
/// with no staffed cubicle, and lowering the number never pre-empts.
@Suite struct RotaTests {
    static let group = PatientGroupConfig(id: "all", stream: "cubicles", admitProbability: 0, ward: nil, lengthOfStay: nil)

    static func onlyDuringHour(_ hour: Int, perHour: Double) -> RateProfile {
        var rates = [Double](repeating: 0, count: 24)
        rates[hour] = perHour
        return .hourly(perHour: rates)
    }

    /// Cubicles closed 00:00-08:00, arrivals only 00:00-01:00, a fixed
    /// 10-minute treatment: had anyone started before 08:00 they would have
    /// left within 4 hours. Everyone waits for 08:00 exactly.
    @Test func noTreatmentStartsInHoursWithoutServers() {
        let rota = Rota.daily(Array(repeating: 0, count: 8) + Array(repeating: 1_000, count: 16))
        let config = ModelTest.singleSite(horizonDays: 14,
                                          cubicles: StageConfig(servers: rota, service: .constant(10)),
                                          groups: [Self.group], rate: Self.onlyDuringHour(0, perHour: 20),
                                          mix: [("all", 1)])
        let r = Replication.run(config, seed: 3, replication: 0)
        let value = { (m: String) in r.value(m) ?? .nan }
        #expect(value("ae_attendances_per_day") > 15)
        #expect(value("ae_p_wait") == 1)
        #expect(value("ae_within_4h") == 0)
        #expect(value("ae_over_1h") == 1)
        // Arrivals during 00:00-01:00 start at 08:00: waits are in (420, 480].
        let wait = value("ae_wait_for_cubicle_mean_min")
        #expect(wait > 420 && wait <= 480)
        #expect(abs(value("ae_time_in_dept_mean_min") - wait - 10) < 1e-6)
        #expect(value("ae_time_in_dept_p95_min") <= 490 * 1.001)
        #expect(r.conservesPatients)
    }

    /// Cubicles open 00:00-08:00 only, arrivals 07:00-08:00, a fixed 2-hour
    /// treatment that runs past the 08:00 closure: nobody is thrown out.
    @Test func closingCubiclesDoesNotPreemptTreatment() {
        let rota = Rota.daily(Array(repeating: 1_000, count: 8) + Array(repeating: 0, count: 16))
        let config = ModelTest.singleSite(horizonDays: 14,
                                          cubicles: StageConfig(servers: rota, service: .constant(120)),
                                          groups: [Self.group], rate: Self.onlyDuringHour(7, perHour: 20),
                                          mix: [("all", 1)])
        let r = Replication.run(config, seed: 3, replication: 0)
        #expect(r.value("ae_p_wait") == 0)
        #expect(r.value("ae_wait_for_cubicle_mean_min") == 0)
        #expect(abs((r.value("ae_time_in_dept_mean_min") ?? 0) - 120) < 1e-6)
        #expect(r.value("ae_within_4h") == 1)
        // Staffed cubicles average 1000 × 8 / 24.
        #expect(abs((r.value("cubicle_utilisation") ?? 0) * 1_000 * 8 / 24 - (r.value("cubicle_occupancy_mean") ?? 0)) < 1e-6)
        #expect(r.conservesPatients)
    }

    static let closedAtNight = Rota.daily(Array(repeating: 0, count: 8) + Array(repeating: 1_000, count: 16))

    /// Two weeks of arrivals only 00:00-01:00 and a fixed 10-minute
    /// treatment, with the cubicles on rota `first` until `day`, then on `then`.
    static func runTimeline(from first: Rota, to then: Rota, onDay day: Double) -> ReplicationResult {
        func config(_ rota: Rota) -> ModelConfig {
            ModelTest.singleSite(horizonDays: 14, cubicles: StageConfig(servers: rota, service: .constant(10)),
                                 groups: [group], rate: onlyDuringHour(0, perHour: 20), mix: [("all", 1)])
        }
        var timeline = config(first)
        timeline.epochs = [(from: day * 1_440, config: config(then))]
        return Replication.run(timeline, seed: 3, replication: 0)
    }

    /// A timeline date that brings a rota where there was none: from day 7
    /// the cubicles close 00:00-08:00, and the rota's steps follow from
    /// then on (the model takes a rota step only at the hours some rota
    /// changes, so the date must renew those hours). Arrivals come only
    /// 00:00-01:00: the first week nobody waits, the second everyone waits
    /// for 08:00.
    @Test func aRotaThatATimelineDateBringsIsFollowed() {
        let r = Self.runTimeline(from: .constant(1_000), to: Self.closedAtNight, onDay: 7)
        let value = { (m: String) in r.value(m) ?? .nan }
        // About half the patients (the second week's) waited, each 7-8 hours.
        let share = value("ae_p_wait")
        #expect(share > 0.4 && share < 0.6)
        let wait = value("ae_wait_for_cubicle_mean_min")
        #expect(wait > 420 * share * 0.95 && wait <= 480 * share * 1.05)
        #expect(value("ae_time_in_dept_p95_min") <= 490 * 1.001)
        #expect(r.conservesPatients)
    }

    /// A timeline date between two steps of the old rota (closed on
    /// Sundays): the new rota's first step (opening at 08:00 on day 2) comes
    /// long before the old one's next (Sunday), and is taken. Arrivals come
    /// only 00:00-01:00: from day 2 everyone waits 7-8 hours, nobody longer.
    @Test func aTimelineDateBetweenTwoRotaStepsTakesTheNewRotasSteps() {
        let closedOnSundays = Rota(byHourOfWeek: (0..<168).map { $0 >= 144 ? 0 : 1_000 })
        let r = Self.runTimeline(from: closedOnSundays, to: Self.closedAtNight, onDay: 2)
        let value = { (m: String) in r.value(m) ?? .nan }
        let share = value("ae_p_wait")
        #expect(share > 10.0 / 14 && share < 13.5 / 14)
        #expect(value("ae_time_in_dept_p95_min") <= 490 * 1.001)
        #expect(r.conservesPatients)
    }

    /// A weekly rota: cubicles closed all Sunday. Sunday arrivals wait for Monday 00:00.
    @Test func weeklyRotaClosesOnSundays() {
        let rota = Rota(byHourOfWeek: (0..<168).map { $0 >= 144 ? 0 : 1_000 })
        var perDay = [Double](repeating: 0, count: 7)
        perDay[6] = 1
        let config = ModelTest.singleSite(horizonDays: 28,
                                          cubicles: StageConfig(servers: rota, service: .constant(10)),
                                          groups: [Self.group],
                                          rate: .hourly(perHour: Array(repeating: 2, count: 24), dayFactors: perDay),
                                          mix: [("all", 1)])
        let r = Replication.run(config, seed: 5, replication: 0)
        #expect(r.value("ae_p_wait") == 1)
        // Waits from a uniform arrival over Sunday to Monday 00:00: mean 12 hours.
        let wait = r.value("ae_wait_for_cubicle_mean_min") ?? 0
        #expect(wait > 0 && wait <= 1_440)
        #expect(abs(wait - 720) < 4 * 1_440 / (12.0).squareRoot() / (4 * 48.0).squareRoot())
    }
}
