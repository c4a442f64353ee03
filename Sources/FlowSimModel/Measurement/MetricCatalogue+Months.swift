import FlowSimCore

extension MetricCatalogue {
    /// A&E by calendar month of departure (scenarios with `run.start_date`),
    /// for comparison with NHS England's monthly A&E statistics.
    static let months: [MetricDefinition] = [
        .init("ae_within_4h_month_<month>", "Within 4 hours by month", .fraction, better: .higher,
              requires: .startDate, dimension: .month,
              "1 − breaches ÷ departures among departures from A&E in that calendar month, `apr` to `mar` (1 with no departures); months from the calendar of `run.start_date`; a run longer than a year pools the same month of every year") { r, k in
            let m = MonthCounts.calendarMonth(part: k)
            return r.months.departures[m] > 0
                ? 1 - Double(r.months.breaches[m]) / Double(r.months.departures[m]) : 1
        },
        .init("ae_attendances_month_<month>", "A&E attendances by month", .count, better: .neither,
              requires: .startDate, dimension: .month,
              "departures from A&E in that calendar month (attendances counted when they leave, as the 4-hour figure of the month; NHS England counts by arrival, which differs by the few in A&E at a month's end)") { r, k in
            Double(r.months.departures[MonthCounts.calendarMonth(part: k)])
        },
    ]
}
