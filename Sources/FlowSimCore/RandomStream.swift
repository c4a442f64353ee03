import CGSL
import Foundation

/// One independent pseudo-random stream, used for one named purpose
/// ("arrivals/walk-in", "ae/treatment", ...).
///
/// The generator is xoshiro256** (Blackman & Vigna), exposed to GSL as a
/// custom `gsl_rng_type`, so that GSL's distributions and the inline fast
/// paths (uniform, exponential) draw from the *same* state. A stream is a
/// pair of pointers: copying it copies no state and costs no reference
/// counting, which is why the hot loop can hold streams by value. The
/// memory belongs to the `RandomStreams` that created it.
public struct RandomStream {
    /// GSL's view of the stream, for `gsl_ran_*` calls.
    public let rng: UnsafeMutablePointer<gsl_rng>
    @usableFromInline let state: UnsafeMutablePointer<UInt64>

    init(seed: UInt64) {
        rng = gsl_rng_alloc(XoshiroGSL.type)
        state = rng.pointee.state.assumingMemoryBound(to: UInt64.self)
        XoshiroGSL.seed(state, seed)
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public func nextUInt64() -> UInt64 {
        xoshiroNext(state)
    }

    /// A uniform draw on the open interval (0, 1): never 0, so `log` is safe.
    @inlinable @inline(__always)
    public func nextUniform() -> Double {
        (Double(nextUInt64() >> 11) + 0.5) * 0x1.0p-53
    }

    /// An exponential draw by inverse transform; about 3x faster than going
    /// through GSL's function-pointer interface, and exact.
    @inlinable @inline(__always)
    public func nextExponential(mean: Double) -> Double {
        -mean * log(nextUniform())
    }

    /// True with probability `p`. A certain outcome (`p` 0 or 1) takes no
    /// draw: the draw would decide nothing (R1 admits nobody, and drew a
    /// number per patient to say so).
    @inlinable @inline(__always)
    public func nextBernoulli(_ p: Double) -> Bool {
        guard p > 0 && p < 1 else { return p >= 1 }
        return nextUniform() < p
    }

    /// A standard normal draw (GSL's ziggurat, the fastest of its methods).
    @inlinable @inline(__always)
    public func nextStandardNormal() -> Double {
        gsl_ran_gaussian_ziggurat(rng, 1.0)
    }
}

@inlinable @inline(__always)
func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

@inlinable @inline(__always)
func xoshiroNext(_ s: UnsafeMutablePointer<UInt64>) -> UInt64 {
    let result = rotl(s[1] &* 5, 7) &* 9
    let t = s[1] << 17
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = rotl(s[3], 45)
    return result
}

/// SplitMix64: turns one 64-bit seed into well-mixed words (Vigna's
/// recommended seeder for xoshiro), and mixes seed components together.
@inlinable
public func splitMix64(_ x: inout UInt64) -> UInt64 {
    x &+= 0x9E37_79B9_7F4A_7C15
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// The xoshiro256** generator registered with GSL as a `gsl_rng_type`.
enum XoshiroGSL {
    static func seed(_ s: UnsafeMutablePointer<UInt64>, _ seed: UInt64) {
        var x = seed
        for i in 0..<4 { s[i] = splitMix64(&x) }
        // An all-zero state never leaves zero; splitmix cannot give four
        // zeros in a row, but keep the guarantee explicit.
        if s[0] | s[1] | s[2] | s[3] == 0 { s[0] = 1 }
    }

    nonisolated(unsafe) static let type: UnsafeMutablePointer<gsl_rng_type> = {
        let name = strdup("xoshiro256**")!
        let t = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
        t.initialize(to: gsl_rng_type(
            name: UnsafePointer(name),
            max: UInt.max,
            min: 0,
            size: 4 * MemoryLayout<UInt64>.size,
            set: { state, seed in
                XoshiroGSL.seed(state!.assumingMemoryBound(to: UInt64.self), UInt64(seed))
            },
            get: { state in
                UInt(xoshiroNext(state!.assumingMemoryBound(to: UInt64.self)))
            },
            get_double: { state in
                let bits = xoshiroNext(state!.assumingMemoryBound(to: UInt64.self))
                return Double(bits >> 11) * 0x1.0p-53
            }
        ))
        // GSL's default error handler aborts the process; flowsim validates
        // parameters before a run, so GSL errors are programmer errors and
        // are reported through return values instead.
        gsl_set_error_handler_off()
        return t
    }()
}

/// The set of named streams of one replication.
///
/// A stream's seed is derived from (master seed, replication, stream name)
/// only, never from creation order, so two scenarios run with the same
/// master seed draw identical numbers from identically named streams
/// (common random numbers), and adding a stream disturbs no other.
public final class RandomStreams {
    public let masterSeed: UInt64
    public let replication: Int
    private var streams: [String: RandomStream] = [:]

    public init(masterSeed: UInt64, replication: Int) {
        self.masterSeed = masterSeed
        self.replication = replication
    }

    deinit {
        for stream in streams.values { gsl_rng_free(stream.rng) }
    }

    /// The stream for `name`, created on first use. Call during set-up,
    /// not per event: it hashes the name.
    public func stream(_ name: String) -> RandomStream {
        if let existing = streams[name] { return existing }
        let created = RandomStream(seed: Self.seed(master: masterSeed, replication: replication, name: name))
        streams[name] = created
        return created
    }

    /// The 64-bit seed of a named stream: FNV-1a of the name, mixed with
    /// the master seed and replication index through SplitMix64.
    public static func seed(master: UInt64, replication: Int, name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var x = master
        var mixed = splitMix64(&x)
        x = mixed ^ UInt64(truncatingIfNeeded: replication) &* 0xD1B5_4A32_D192_ED03
        mixed = splitMix64(&x)
        x = mixed ^ hash
        return splitMix64(&x)
    }
}
