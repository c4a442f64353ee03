"""R1 (M/M/c A&E; the project's reference workload, Scenarios/reference/,
described in docs/performance.md) in Ciw: one node with 9
servers; the statistics are read from Ciw's records afterwards, keeping
the measured window only."""
import math

import ciw

from common import R1, arguments, clock, cpu_clock, quantile, report


def run(seed):
    p = R1
    ciw.seed(seed)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=p["rate_per_min"])],
        service_distributions=[ciw.dists.Exponential(rate=1 / p["service_mean"])],
        number_of_servers=[p["servers"]],
    )
    sim = ciw.Simulation(network)
    warmup, end = p["warmup"], p["warmup"] + p["horizon"]
    sim.simulate_until_max_time(end)
    records = sim.get_all_records()
    days = p["horizon"] / 1440
    started = [r for r in records if warmup <= r.service_start_date < end]
    left = sorted(r.exit_date - r.arrival_date for r in records if warmup <= r.exit_date < end)
    # Busy time in the window, including patients still in service at the end.
    busy = sum(max(0.0, min(r.exit_date, end) - max(r.service_start_date, warmup)) for r in records)
    for individual in sim.nodes[1].all_individuals:
        if individual.service_start_date is not False:
            busy += end - max(individual.service_start_date, warmup)
    # Patients still queueing at the end have no record; their waits are not
    # counted, exactly as flowsim counts a wait when treatment starts.
    arrivals = sum(1 for r in records if warmup <= r.arrival_date < end)
    arrivals += sum(1 for i in sim.nodes[1].all_individuals if warmup <= i.arrival_date < end)
    metrics = {
        "ae_attendances_per_day": arrivals / days,
        "ae_wait_for_cubicle_mean_min": sum(r.waiting_time for r in started) / len(started),
        "ae_p_wait": sum(1 for r in started if r.waiting_time > 0) / len(started),
        "ae_time_in_dept_mean_min": sum(left) / len(left),
        "ae_time_in_dept_p95_min": quantile(left, 0.95),
        "ae_over_1h": sum(1 for t in left if t > 60) / len(left),
        "ae_within_4h": 1 - sum(1 for t in left if t > 240) / len(left),
        "cubicle_occupancy_mean": busy / p["horizon"],
    }
    return len(left), metrics


if __name__ == "__main__":
    args = arguments(__doc__)
    start, cpu_start = clock(), cpu_clock()
    journeys, metrics = run(args.seed)
    cpu = cpu_clock() - cpu_start
    report("Ciw", "R1", args.seed, journeys, clock() - start, metrics, cpu)
