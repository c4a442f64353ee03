import Foundation

/// Fields are publicly settable only so that `add` can be inlined across
/// modules; treat them as read-only.
/// Running mean and variance by Welford's method: numerically stable,
/// constant memory, mergeable (Chan et al.) for combining replications.
public struct Tally: Sendable, Hashable {
    public var count: Int = 0
    public var mean: Double = 0
    @usableFromInline var m2: Double = 0
    public var min: Double = .infinity
    public var max: Double = -.infinity

    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Sample variance (n - 1 denominator); 0 with fewer than two values.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    public var standardDeviation: Double { variance.squareRoot() }
    public var standardError: Double { count > 1 ? (variance / Double(count)).squareRoot() : 0 }

    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / n
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }
}

/// The time average of a piecewise-constant quantity (queue length,
/// occupancy), accumulated as area under the curve.
public struct TimeWeighted: Sendable, Hashable {
    public var value: Double = 0
    @usableFromInline var lastTime: Double = 0
    @usableFromInline var area: Double = 0
    public var startTime: Double = 0
    public var maximum: Double = 0

    public init(value: Double = 0, at time: Double = 0) {
        self.value = value
        lastTime = time
        startTime = time
        maximum = value
    }

    @inlinable
    public mutating func update(to newValue: Double, at time: Double) {
        area += value * (time - lastTime)
        lastTime = time
        value = newValue
        if newValue > maximum { maximum = newValue }
    }

    /// Forgets the past (end of warm-up), keeping the current value.
    public mutating func reset(at time: Double) {
        area = 0
        lastTime = time
        startTime = time
        maximum = value
    }

    /// The area under the curve from the last reset to `time` (for a
    /// level of servers, the busy server-minutes).
    public func area(upTo time: Double) -> Double { area + value * (time - lastTime) }

    /// Time average from the last reset to `time`.
    public func mean(at time: Double) -> Double {
        let span = time - startTime
        guard span > 0 else { return value }
        return area(upTo: time) / span
    }
}

/// Time spent at each integer level of a bounded quantity (beds occupied),
/// giving exact time-weighted quantiles and time at full capacity in
/// memory proportional to the capacity, not to the horizon.
///
/// A class that owns its buffer, so copies share it: a recorder keeps one
/// per bed pool for the whole measured window and writes it on every
/// change of occupancy. As a struct over an array, each of those writes
/// asked the runtime whether the array's buffer was shared (453,000 calls
/// on four R2 replications; docs/performance.md, eleventh round).
public final class LevelDurations {
    /// `levels` slots: the minutes spent at each level since the last reset.
    @usableFromInline let time: UnsafeMutablePointer<Double>
    @usableFromInline let levels: Int
    @usableFromInline var level: Int = 0
    @usableFromInline var lastTime: Double = 0
    @usableFromInline var startTime: Double = 0

    public init(maximumLevel: Int) {
        precondition(maximumLevel >= 0, "a maximum level of \(maximumLevel)")
        levels = maximumLevel + 1
        time = .allocate(capacity: levels)
        time.initialize(repeating: 0, count: levels)
    }

    deinit { time.deallocate() }

    /// From now on the quantity is at `newLevel` (levels above the maximum
    /// count as the maximum).
    @inlinable
    public func update(to newLevel: Int, at now: Double) {
        precondition(newLevel >= 0, "a level of \(newLevel)")
        time[Swift.min(level, levels - 1)] += now - lastTime
        lastTime = now
        level = newLevel
    }

    /// Starts the window at `now`, keeping the current level.
    public func reset(at now: Double) {
        time.update(repeating: 0, count: levels)
        lastTime = now
        startTime = now
    }

    /// The minutes at each level, the current one counted up to `now`.
    private func closed(at now: Double) -> [Double] {
        var t = Array(UnsafeBufferPointer(start: time, count: levels))
        t[Swift.min(level, t.count - 1)] += now - lastTime
        return t
    }

    /// The smallest level at or below which the quantity spent fraction `q` of the time.
    public func quantile(_ q: Double, at now: Double) -> Double {
        let t = closed(at: now)
        let total = t.reduce(0, +)
        guard total > 0 else { return Double(level) }
        var running = 0.0
        for (i, span) in t.enumerated() {
            running += span
            if running >= q * total - 1e-9 { return Double(i) }
        }
        return Double(t.count - 1)
    }

    /// Time (minutes) spent at or above `threshold`.
    public func time(atOrAbove threshold: Int, at now: Double) -> Double {
        let t = closed(at: now)
        guard threshold < t.count else { return 0 }
        return t[Swift.max(threshold, 0)...].reduce(0, +)
    }
}
