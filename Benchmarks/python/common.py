"""Shared pieces of the SimPy and Ciw versions of the project's reference
workloads R1 and R2 (Scenarios/reference/, described in docs/performance.md):
parameters, the statistics flowsim
reports (same names and the same definitions), and the output format.

Time unit: minutes. Statistics cover the measured window only
[warm-up, warm-up + horizon), exactly as flowsim records them:
- a wait is recorded when treatment starts in the window;
- a time in A&E is recorded when the patient leaves A&E in the window
  (home from the cubicle, or into a bed);
- occupancies are time averages over the window;
- a "patient" (for patients/s) is a whole journey that ends in the window.
"""
import argparse
import json
import math
import sys
import time

DAY = 1440.0

# R1: M/M/c.
R1 = dict(rate_per_min=30 / 60, servers=9, service_mean=15.0, warmup=7 * DAY, horizon=365 * DAY)

# R2: A&E with exit block.
R2_RATES_PER_HOUR = [5.0, 4.0, 3.5, 3.0, 3.0, 3.5, 5.0, 8.0, 14.0, 18.0, 19.5, 19.5,
                     19.0, 18.5, 18.0, 17.5, 17.0, 17.0, 16.5, 16.0, 14.5, 12.0, 9.5, 6.5]
R2 = dict(triage_servers=2, triage_mean=5.0, cubicles=15, treat_mean=60.0, treat_sd=45.0,
          admit_p=0.25, beds=320, los_mean=5760.0, los_sd=7200.0, warmup=30 * DAY, horizon=365 * DAY)


def lognormal_params(mean, sd):
    """(mu, sigma) of the underlying normal for a lognormal of this mean and sd."""
    sigma2 = math.log(1 + (sd * sd) / (mean * mean))
    return math.log(mean) - sigma2 / 2, math.sqrt(sigma2)


def next_arrival(now, rng, rates_per_hour=R2_RATES_PER_HOUR):
    """Next arrival after `now` of a Poisson process whose rate is constant
    within each hour of the day: one exponential draw, inverted exactly
    through the cumulative rate (the same method as flowsim)."""
    remaining = rng.expovariate(1.0)
    while True:
        hour_end = math.floor(now / 60) * 60 + 60
        rate = rates_per_hour[int((now % DAY) // 60)] / 60
        span = hour_end - now
        if rate * span > remaining:
            return now + remaining / rate
        remaining -= rate * span
        now = hour_end


class Level:
    """Time average of a piecewise-constant level (flowsim's TimeWeighted)."""
    __slots__ = ("value", "last", "area", "start")

    def __init__(self):
        self.value = 0
        self.last = 0.0
        self.area = 0.0
        self.start = 0.0

    def update(self, now, value):
        self.area += self.value * (now - self.last)
        self.last = now
        self.value = value

    def reset(self, now):
        self.area = 0.0
        self.last = now
        self.start = now

    def mean(self, end):
        return (self.area + self.value * (end - self.last)) / (end - self.start)


class AEStats:
    """What flowsim's SiteStatistics records, for the metrics compared."""

    def __init__(self, warmup):
        self.warmup = warmup
        self.arrivals = 0
        self.waits = 0
        self.wait_sum = 0.0
        self.waited = 0
        self.times = []          # time in A&E of each departure in the window
        self.admissions = 0
        self.journeys = 0        # whole journeys ended in the window

    def arrival(self, now):
        if now >= self.warmup:
            self.arrivals += 1

    def treatment_start(self, now, arrived, queued):
        if now >= self.warmup:
            self.waits += 1
            self.wait_sum += now - arrived
            if queued:
                self.waited += 1

    def leave_ae(self, now, arrived):
        if now >= self.warmup:
            self.times.append(now - arrived)

    def admitted(self, now):
        if now >= self.warmup:
            self.admissions += 1

    def journey_end(self, now):
        if now >= self.warmup:
            self.journeys += 1

    def metrics(self, days):
        times = sorted(self.times)
        n = len(times)
        mean = sum(times) / n
        return {
            "ae_attendances_per_day": self.arrivals / days,
            "ae_wait_for_cubicle_mean_min": self.wait_sum / max(self.waits, 1),
            "ae_p_wait": self.waited / max(self.waits, 1),
            "ae_time_in_dept_mean_min": mean,
            "ae_time_in_dept_p95_min": quantile(times, 0.95),
            "ae_over_1h": sum(1 for t in times if t > 60) / n,
            "ae_within_4h": 1 - sum(1 for t in times if t > 240) / n,
            "admissions_per_day": self.admissions / days,
        }


def quantile(sorted_values, q):
    """The smallest value at or below which a fraction q of the values lie."""
    if not sorted_values:
        return 0.0
    k = max(0, math.ceil(q * len(sorted_values)) - 1)
    return sorted_values[k]


def arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def report(tool, workload, seed, journeys, seconds, metrics, cpu_seconds=None):
    """One human line on stderr, one JSON document on stdout. `seconds` is
    wall-clock time; `cpu_seconds` the process's CPU time over the same span
    (less sensitive to other work on a shared machine)."""
    rate = journeys / seconds
    shown = ", ".join(f"{k} {v:.4g}" for k, v in metrics.items())
    print(f"{tool} {workload} seed {seed}: {journeys} patients in {seconds:.2f} s = {rate:,.0f} patients/s; {shown}",
          file=sys.stderr)
    doc = {"tool": tool, "workload": workload, "seed": seed, "patients": journeys,
           "wall_seconds": seconds, "patients_per_second": rate, "metrics": metrics}
    if cpu_seconds:
        doc["cpu_seconds"] = cpu_seconds
        doc["patients_per_cpu_second"] = journeys / cpu_seconds
    print(json.dumps(doc))


def clock():
    return time.perf_counter()


def cpu_clock():
    return time.process_time()
