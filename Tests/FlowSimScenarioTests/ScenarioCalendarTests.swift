import FlowSimCore
@testable import FlowSimScenario
import Foundation
import Testing

/// Dates in scenarios are read in integers, not by Foundation (which started
/// ICU for them); Foundation's `DateFormatter` is the reference they must
/// agree with, day for day.
private func foundationDay(_ text: String) -> Int? {
    let iso = DateFormatter()
    iso.locale = Locale(identifier: "en_GB_POSIX")
    iso.timeZone = TimeZone(identifier: "UTC")
    iso.dateFormat = "yyyy-MM-dd"
    guard text.count == 10, let date = iso.date(from: text) else { return nil }
    return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
}

private func day(_ date: CivilDate) -> Int {
    MonthOfYear.daysFromCivil(year: date.year, month: date.month, day: date.day)
}

@Test(arguments: [
    "2016-04-01", "2017-03-31", "2016-02-29", "2017-02-29", "2017-02-28", "2000-02-29", "1900-02-29",
    "2017-04-31", "2017-12-31", "2017-13-01", "2017-00-10", "2017-01-00", "2017-01-32", "2017-1-01",
    "17-04-2016", "2017-04-0a", "20170401", "2017-04-01T00", "", "2100-06-15", "1970-01-01",
])
func isoDatesAgreeWithFoundation(text: String) {
    #expect(ScenarioCalendar.isoDate(text).map(day) == foundationDay(text), "'\(text)'")
}

/// Foundation also took `2017/04/01` for `yyyy-MM-dd`; the format is ISO
/// (docs/scenario-format.md, "Dates"), so it is refused.
@Test func onlyHyphenatedIsoDaysAreDays() {
    #expect(foundationDay("2017/04/01") != nil)
    #expect(ScenarioCalendar.parseDate("2017/04/01") == nil)
    #expect(ScenarioCalendar.parseDate("2017-04-01") == CivilDate(year: 2017, month: 4, day: 1))
}

@Test func financialQuartersStartInAprilJulyOctoberAndJanuary() {
    #expect(ScenarioCalendar.parseDate("2017/18 Q1") == CivilDate(year: 2017, month: 4, day: 1))
    #expect(ScenarioCalendar.parseDate("2017/18 Q3") == CivilDate(year: 2017, month: 10, day: 1))
    #expect(ScenarioCalendar.parseDate("2017/18 Q4") == CivilDate(year: 2018, month: 1, day: 1))
    #expect(ScenarioCalendar.parseDate(" 2016-04-01 ") == CivilDate(year: 2016, month: 4, day: 1))
    #expect(ScenarioCalendar.parseDate("2017/18 Q5") == nil)
    #expect(ScenarioCalendar.parseDate("17/18 Q1") == nil)
}

@Test func datesBecomeMinutesFromTheStartAfterTheWarmUp() throws {
    let calendar = ScenarioCalendar(start: CivilDate(year: 2016, month: 4, day: 1), warmup: 28 * 1440)
    // February 2017 has 28 days, February 2020 29.
    #expect(calendar.days(to: CivilDate(year: 2017, month: 4, day: 1)) == 365)
    #expect(calendar.days(to: CivilDate(year: 2020, month: 4, day: 1)) == 4 * 365 + 1)
    #expect(calendar.days(to: CivilDate(year: 2016, month: 3, day: 31)) == -1)
    #expect(calendar.financialYearLabel == "2016/17")
    #expect(ScenarioCalendar(start: CivilDate(year: 2017, month: 3, day: 31), warmup: 0).financialYearLabel
            == "2016/17")
    #expect(ScenarioCalendar(start: CivilDate(year: 2099, month: 4, day: 1), warmup: 0).financialYearLabel
            == "2099/00")
}
