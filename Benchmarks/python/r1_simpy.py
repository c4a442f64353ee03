"""R1 (M/M/c A&E; the project's reference workload, Scenarios/reference/,
described in docs/performance.md) in SimPy, written the way
SimPy's documentation writes such models: a process per patient and a
Resource for the cubicles."""
import random

import simpy

from common import R1, AEStats, Level, arguments, clock, cpu_clock, report


def run(seed):
    p = R1
    rng = random.Random(seed)
    env = simpy.Environment()
    cubicles = simpy.Resource(env, capacity=p["servers"])
    stats = AEStats(p["warmup"])
    busy = Level()
    end = p["warmup"] + p["horizon"]

    def patient(env):
        arrived = env.now
        stats.arrival(arrived)
        queued = cubicles.count >= cubicles.capacity
        with cubicles.request() as request:
            yield request
            now = env.now
            stats.treatment_start(now, arrived, queued)
            busy.update(now, cubicles.count)
            yield env.timeout(rng.expovariate(1 / p["service_mean"]))
        now = env.now
        busy.update(now, cubicles.count)
        stats.leave_ae(now, arrived)
        stats.journey_end(now)

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(p["rate_per_min"]))
            env.process(patient(env))

    def warmup(env):
        yield env.timeout(p["warmup"])
        busy.reset(env.now)

    env.process(arrivals(env))
    env.process(warmup(env))
    env.run(until=end)
    metrics = stats.metrics(p["horizon"] / 1440)
    del metrics["admissions_per_day"]
    metrics["cubicle_occupancy_mean"] = busy.mean(end)
    return stats.journeys, metrics


if __name__ == "__main__":
    args = arguments(__doc__)
    start, cpu_start = clock(), cpu_clock()
    journeys, metrics = run(args.seed)
    cpu = cpu_clock() - cpu_start
    report("SimPy", "R1", args.seed, journeys, clock() - start, metrics, cpu)
