"""R2 (A&E with exit block; the project's reference workload,
Scenarios/reference/, described in docs/performance.md) in SimPy: a
process per patient; triage nurses, cubicles and beds are Resources, and an
admitted patient holds the cubicle request until the bed request succeeds
(exit block)."""
import random

import simpy

from common import R2, AEStats, Level, arguments, clock, cpu_clock, lognormal_params, next_arrival, report


def run(seed):
    p = R2
    rng = random.Random(seed)
    env = simpy.Environment()
    triage = simpy.Resource(env, capacity=p["triage_servers"])
    cubicles = simpy.Resource(env, capacity=p["cubicles"])
    beds = simpy.Resource(env, capacity=p["beds"])
    treat_mu, treat_sigma = lognormal_params(p["treat_mean"], p["treat_sd"])
    los_mu, los_sigma = lognormal_params(p["los_mean"], p["los_sd"])
    stats = AEStats(p["warmup"])
    cubicles_busy, beds_busy = Level(), Level()
    end = p["warmup"] + p["horizon"]

    def patient(env):
        arrived = env.now
        stats.arrival(arrived)
        with triage.request() as nurse:
            yield nurse
            yield env.timeout(rng.expovariate(1 / p["triage_mean"]))
        queued = cubicles.count >= cubicles.capacity or len(cubicles.queue) > 0
        cubicle = cubicles.request()
        yield cubicle
        now = env.now
        stats.treatment_start(now, arrived, queued)
        cubicles_busy.update(now, cubicles.count)
        yield env.timeout(rng.lognormvariate(treat_mu, treat_sigma))
        if rng.random() < p["admit_p"]:
            with beds.request() as bed:
                yield bed                      # exit block: the cubicle is still held
                now = env.now
                beds_busy.update(now, beds.count)
                cubicles.release(cubicle)
                cubicles_busy.update(now, cubicles.count)
                stats.leave_ae(now, arrived)
                stats.admitted(now)
                yield env.timeout(rng.lognormvariate(los_mu, los_sigma))
            now = env.now
            beds_busy.update(now, beds.count)
            stats.journey_end(now)
        else:
            now = env.now
            cubicles.release(cubicle)
            cubicles_busy.update(now, cubicles.count)
            stats.leave_ae(now, arrived)
            stats.journey_end(now)

    def arrivals(env):
        while True:
            yield env.timeout(next_arrival(env.now, rng) - env.now)
            env.process(patient(env))

    def warmup(env):
        yield env.timeout(p["warmup"])
        cubicles_busy.reset(env.now)
        beds_busy.reset(env.now)

    env.process(arrivals(env))
    env.process(warmup(env))
    env.run(until=end)
    metrics = stats.metrics(p["horizon"] / 1440)
    metrics["cubicle_occupancy_mean"] = cubicles_busy.mean(end)
    metrics["bed_occupancy_mean"] = beds_busy.mean(end)
    return stats.journeys, metrics


if __name__ == "__main__":
    args = arguments(__doc__)
    start, cpu_start = clock(), cpu_clock()
    journeys, metrics = run(args.seed)
    cpu = cpu_clock() - cpu_start
    report("SimPy", "R2", args.seed, journeys, clock() - start, metrics, cpu)
