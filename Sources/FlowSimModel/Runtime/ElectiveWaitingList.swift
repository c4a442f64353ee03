import FlowSimCore

/// The cancelled overnight electives of one site awaiting a new date, in
/// the order they were cancelled. Each may take an overnight slot of the
/// planned list from its earliest date on; the operation planned for that
/// slot is deferred instead (booking against capacity: the volume stays the
/// plan, so rebooking never adds bed days of its own).
public struct ElectiveWaitingList: Sendable {
    /// Earliest new dates, in cancellation order, which is date order
    /// because a site's `rebook_after` is one duration; and when each
    /// patient's operation was first cancelled.
    private var earliest: [Double] = []
    private var firstCancelled: [Double] = []
    private var head = 0

    public init() {}

    public var count: Int { earliest.count - head }

    /// A cancelled patient's earliest new date: the first Monday morning at
    /// least `after` from the cancellation. Why not exactly `after` later:
    /// the usual intervals (14 or 28 days) are whole weeks, so the new date
    /// would fall on the weekday and hour of the cancellation, when the
    /// ward is fullest (a week's electives build up to Friday), and the
    /// operation would be cancelled again and again; wards are emptiest at
    /// the start of the week.
    public static func newDate(cancelledAt now: Double, after: Double) -> Double {
        let date = now + after, week = CalendarTime.minutesPerWeek
        let weekStart = date - date.truncatingRemainder(dividingBy: week)
        return weekStart == date ? date : weekStart + week
    }

    public mutating func add(earliest date: Double, firstCancelled first: Double) {
        earliest.append(date)
        firstCancelled.append(first)
    }

    /// Takes the longest-waiting patient if their earliest date has come,
    /// and gives when their operation was first cancelled.
    public mutating func takeReady(at now: Double) -> Double? {
        guard head < earliest.count, earliest[head] <= now else { return nil }
        let first = firstCancelled[head]
        head += 1
        // Drop the taken front now and then so memory follows the list, not the run.
        if head >= 4096 && head * 2 >= earliest.count {
            earliest.removeFirst(head)
            firstCancelled.removeFirst(head)
            head = 0
        }
        return first
    }
}
