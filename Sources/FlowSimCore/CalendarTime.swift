import Foundation

/// Simulated time is in minutes from Monday 00:00 of week one.
public enum CalendarTime {
    public static let minutesPerHour = 60.0
    public static let minutesPerDay = 1_440.0
    public static let minutesPerWeek = 10_080.0
    public static let minutesPerYear = 525_600.0

    /// Hour of day 0...23. Whole hours are never negative, so they divide
    /// as unsigned numbers, which needs no correction for a negative dividend.
    @inlinable @inline(__always) public static func hourOfDay(_ t: Double) -> Int {
        guard let hour = wholeHours(t) else {
            return Int(t.truncatingRemainder(dividingBy: minutesPerDay) / minutesPerHour)
        }
        return Int(UInt(bitPattern: hour) % 24)
    }
    /// Day of week 0 (Monday) ... 6 (Sunday).
    @inlinable @inline(__always) public static func dayOfWeek(_ t: Double) -> Int {
        guard let hour = wholeHours(t) else {
            return Int(t.truncatingRemainder(dividingBy: minutesPerWeek) / minutesPerDay)
        }
        return Int(UInt(bitPattern: hour) / 24 % 7)
    }
    /// Hour of the week 0...167.
    @inlinable @inline(__always) public static func hourOfWeek(_ t: Double) -> Int {
        guard let hour = wholeHours(t) else {
            return Int(t.truncatingRemainder(dividingBy: minutesPerWeek) / minutesPerHour)
        }
        return Int(UInt(bitPattern: hour) % 168)
    }

    /// The whole hours elapsed at `t`, ⌊t / 60⌋ exactly, for 0 <= t < 2^52
    /// (nil otherwise): one division and a truncation, where reducing `t`
    /// modulo the day or week first took two divisions and a call to
    /// `floor`. The answers are those of reducing first, bit for bit
    /// (tested), because a rounded quotient t / d never reaches an integer
    /// the exact one is below: if t / d lies in (n - 1, n), t is at least
    /// one of its own ulps below d·n, so t / d is at least ulp(t) / d below
    /// n, more than half the spacing of doubles below n (which is at most
    /// ulp(t) / 2^k, for 2^k <= d). So Int(t / 60) is the exact floor, and
    /// the hour of the day or week is that floor modulo 24 or 168, as it is
    /// of the exact remainder.
    @inlinable @inline(__always)
    public static func wholeHours(_ t: Double) -> Int? {
        guard t >= 0 && t < 0x1p52 else { return nil }
        return Int(t / minutesPerHour)
    }
}
