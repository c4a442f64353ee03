"""R2 (A&E with exit block; the project's reference workload,
Scenarios/reference/, described in docs/performance.md) in Ciw.

Ciw expresses R2 directly:
- the hourly arrival profile is `PoissonIntervals` (it draws the number of
  arrivals in each hour and spreads them uniformly: the same process);
- triage (2 servers), cubicles (15) and beds (320) are three nodes; 25% of
  patients are routed from the cubicles to the beds, the rest leave;
- exit block is Ciw's type I blocking: the bed node has no waiting room
  (queue capacity 0), so a patient routed there while every bed is full
  stays blocked on their cubicle server until a bed frees, in order of
  blocking (first come, first served).
The statistics are read from Ciw's records afterwards, keeping the measured
window only; time in A&E is from arrival at triage to leaving the cubicle
node (blocked time included)."""
import math

import ciw

from common import R2, R2_RATES_PER_HOUR, arguments, clock, cpu_clock, lognormal_params, quantile, report


def run(seed):
    p = R2
    ciw.seed(seed)
    warmup, end = p["warmup"], p["warmup"] + p["horizon"]
    treat_mu, treat_sigma = lognormal_params(p["treat_mean"], p["treat_sd"])
    los_mu, los_sigma = lognormal_params(p["los_mean"], p["los_sd"])
    network = ciw.create_network(
        arrival_distributions=[
            ciw.dists.PoissonIntervals(rates=[r / 60 for r in R2_RATES_PER_HOUR],
                                       endpoints=[60.0 * (h + 1) for h in range(24)],
                                       max_sample_date=end),
            None, None],
        service_distributions=[
            ciw.dists.Exponential(rate=1 / p["triage_mean"]),
            ciw.dists.Lognormal(treat_mu, treat_sigma),
            ciw.dists.Lognormal(los_mu, los_sigma)],
        number_of_servers=[p["triage_servers"], p["cubicles"], p["beds"]],
        queue_capacities=[float("inf"), float("inf"), 0],
        routing=[[0.0, 1.0, 0.0],
                 [0.0, 0.0, p["admit_p"]],
                 [0.0, 0.0, 0.0]],
    )
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(end)
    records = sim.get_all_records()
    days = p["horizon"] / 1440
    arrived = {}
    for r in records:
        if r.node == 1:
            arrived[r.id_number] = r.arrival_date
    for individual in sim.nodes[1].all_individuals:
        arrived[individual.id_number] = individual.arrival_date
    cubicle = [r for r in records if r.node == 2]
    started = [r for r in cubicle if warmup <= r.service_start_date < end]
    left = sorted(r.exit_date - arrived[r.id_number] for r in cubicle if warmup <= r.exit_date < end)
    admissions = sum(1 for r in cubicle if r.destination == 3 and warmup <= r.exit_date < end)
    journeys = sum(1 for r in cubicle if r.destination == -1 and warmup <= r.exit_date < end)
    journeys += sum(1 for r in records if r.node == 3 and warmup <= r.exit_date < end)

    def occupied(node):
        """Server time in the window (a blocked patient still holds a cubicle)."""
        total = sum(max(0.0, min(r.exit_date, end) - max(r.service_start_date, warmup))
                    for r in records if r.node == node)
        for individual in sim.nodes[node].all_individuals:
            if individual.service_start_date is not False:
                total += end - max(individual.service_start_date, warmup)
        return total / p["horizon"]

    waits = [r.service_start_date - arrived[r.id_number] for r in started]
    metrics = {
        "ae_attendances_per_day": sum(1 for t in arrived.values() if warmup <= t < end) / days,
        "ae_wait_for_cubicle_mean_min": sum(waits) / len(waits),
        "ae_p_wait": sum(1 for r in started if r.waiting_time > 0) / len(started),
        "ae_time_in_dept_mean_min": sum(left) / len(left),
        "ae_time_in_dept_p95_min": quantile(left, 0.95),
        "ae_over_1h": sum(1 for t in left if t > 60) / len(left),
        "ae_within_4h": 1 - sum(1 for t in left if t > 240) / len(left),
        "admissions_per_day": admissions / days,
        "cubicle_occupancy_mean": occupied(2),
        "bed_occupancy_mean": occupied(3),
    }
    return journeys, metrics


if __name__ == "__main__":
    args = arguments(__doc__)
    start, cpu_start = clock(), cpu_clock()
    journeys, metrics = run(args.seed)
    cpu = cpu_clock() - cpu_start
    report("Ciw", "R2", args.seed, journeys, clock() - start, metrics, cpu)
