// The hold model (Vaucher & Duval 1975; Jones 1986): a pending-event set of
// fixed size n where each operation pops the earliest event and pushes one
// new event at that time plus an exponential increment. It is the standard
// workload for comparing pending-event sets, and close to what a queueing
// model does between arrivals.
import FlowSimCore
import Foundation

/// The payload every queue carries: the same size as the model's events
/// (a kind tag and an entity index).
struct Token {
    var kind: UInt8
    var subject: Int32
}

/// A tiny xoshiro256** so the benchmark's own random numbers cost the same
/// for every queue and do not touch GSL.
struct HoldRandom {
    var s: (UInt64, UInt64, UInt64, UInt64)
    init(seed: UInt64) {
        var x = seed
        s = (splitMix64(&x), splitMix64(&x), splitMix64(&x), splitMix64(&x))
    }
    @inline(__always) mutating func next() -> UInt64 {
        @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3; s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }
    /// Exponential with mean 1 by inverse transform.
    @inline(__always) mutating func exponential() -> Double {
        -log((Double(next() >> 11) + 0.5) * 0x1.0p-53)
    }
}

/// What the benchmark needs from a pending-event set. Non-copyable queues
/// qualify: FlowSimCore's owns its storage and cannot be copied.
protocol HoldQueue: ~Copyable {
    init(reservingCapacity: Int)
    mutating func insert(_ token: Token, at time: Double)
    /// Removes the earliest event and returns its time and token.
    mutating func removeEarliest() -> (time: Double, token: Token)
}

extension HoldQueue where Self: ~Copyable {
    /// A queue of `size` events with exponential times.
    static func filled(size: Int, random: inout HoldRandom) -> Self {
        var queue = Self(reservingCapacity: size + 1)
        for i in 0..<size { queue.insert(Token(kind: 1, subject: Int32(i)), at: random.exponential()) }
        return queue
    }

    /// `operations` hold operations; returns the last time so the work is used.
    @inline(__always)
    mutating func hold(_ operations: Int, random: inout HoldRandom) -> Double {
        var now = 0.0
        for _ in 0..<operations {
            let (time, token) = removeEarliest()
            now = time
            insert(token, at: time + random.exponential())
        }
        return now
    }
}

// MARK: - FlowSimCore's event queue (the one the engine uses)

extension EventQueue: HoldQueue where Payload == Token {
    @inline(__always) mutating func insert(_ token: Token, at time: Double) { push(token, at: time) }
    @inline(__always) mutating func removeEarliest() -> (time: Double, token: Token) {
        let event = pop()!
        return (event.time, event.payload)
    }
}
