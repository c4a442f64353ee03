import Foundation

/// Simulated time is in minutes from Monday 00:00 of week one.
public enum CalendarTime {
    public static let minutesPerHour = 60.0
    public static let minutesPerDay = 1_440.0
    public static let minutesPerWeek = 10_080.0
    public static let minutesPerYear = 525_600.0

    /// Hour of day 0...23.
    @inlinable public static func hourOfDay(_ t: Double) -> Int {
        Int(remainder(t, minutesPerDay) / minutesPerHour)
    }
    /// Day of week 0 (Monday) ... 6 (Sunday).
    @inlinable public static func dayOfWeek(_ t: Double) -> Int {
        Int(remainder(t, minutesPerWeek) / minutesPerDay)
    }
    /// Hour of the week 0...167.
    @inlinable public static func hourOfWeek(_ t: Double) -> Int {
        Int(remainder(t, minutesPerWeek) / minutesPerHour)
    }

    /// `t.truncatingRemainder(dividingBy: period)`, bit for bit, without
    /// libm's `fmod` (a loop over the exponent difference, ~100 instructions
    /// at a year's times; this is a handful). For 0 <= t < 2^52 and an
    /// integer period, `q * period` is an exact integer and `t - q * period`
    /// is exact by Sterbenz's lemma; the quotient can only round up, which
    /// leaves a negative remainder, and then (as for anything unusual) fmod
    /// answers.
    @inlinable @inline(__always)
    static func remainder(_ t: Double, _ period: Double) -> Double {
        let q = (t / period).rounded(.down)
        let r = t - q * period
        if t >= 0 && t < 0x1p52 && r >= 0 && r < period { return r }
        return t.truncatingRemainder(dividingBy: period)
    }
}
