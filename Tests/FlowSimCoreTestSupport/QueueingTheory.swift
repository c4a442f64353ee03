import Foundation

/// Closed-form results for the M/M/c queue (FCFS, infinite waiting room),
/// the yardstick for the engine's validation tests.
public struct MMcQueue {
    public let arrivalRate: Double
    public let serviceRate: Double
    public let servers: Int

    public init(arrivalRate: Double, serviceRate: Double, servers: Int) {
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
    }

    public var offeredLoad: Double { arrivalRate / serviceRate }
    public var utilisation: Double { offeredLoad / Double(servers) }

    /// Erlang C: probability that an arrival waits.
    public var probabilityOfWaiting: Double {
        let a = offeredLoad, c = Double(servers)
        var term = 1.0, sum = 1.0
        for k in 1..<servers {
            term *= a / Double(k)
            sum += term
        }
        let last = term * a / c * (c / (c - a))
        return last / (sum + last)
    }

    /// Mean wait in queue.
    public var meanWait: Double { probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate) }
    /// Mean time in system.
    public var meanSojourn: Double { meanWait + 1 / serviceRate }
    /// Mean number in system (Little).
    public var meanInSystem: Double { arrivalRate * meanSojourn }

    /// P(time in system > t) for FCFS M/M/c: service Exp(mu) plus a wait
    /// that is 0 with probability 1 - Pw and Exp(c·mu - lambda) otherwise.
    public func sojournTail(_ t: Double) -> Double {
        let mu = serviceRate
        let theta = Double(servers) * mu - arrivalRate
        let pw = probabilityOfWaiting
        if abs(theta - mu) < 1e-12 {
            return exp(-mu * t) * (1 + pw * mu * t)
        }
        return exp(-mu * t) + pw * mu / (mu - theta) * (exp(-theta * t) - exp(-mu * t))
    }
}
