"""Reads the results of run.sh and prints (1) simulated patients per second
of each tool on one core, median over seeds, and (2) a cross-validation:
every output of SimPy and Ciw against flowsim's, and R1 against Erlang C.

Agreement test (the project's rule for validation against theory: within z
standard errors, not pinned decimals): the difference between a tool's mean
over its replications (one per seed) and flowsim's mean over its
replications is at most 3 standard errors of that difference. With a single
replication of the tool, flowsim's replication variance stands for both,
since both simulate the same stochastic model. Erlang C is checked the same
way against flowsim's mean (3 standard errors of that mean). At 3 standard
errors a correct engine fails about one check in 370; at 95% (about 2) it
would fail one in 20, and there are some 25 checks."""
import glob
import json
import math
import os
import re
import statistics
import sys

Z = 3.0


def erlang_c(lam=0.5, mu=1 / 15, c=9):
    """M/M/c FCFS: P(wait), Wq, W and P(time in system > t)."""
    a = lam / mu
    rho = a / c
    top = a ** c / math.factorial(c) / (1 - rho)
    p_wait = top / (sum(a ** k / math.factorial(k) for k in range(c)) + top)
    wq = p_wait / (c * mu - lam)

    def tail(t):
        d = c * mu - lam
        return math.exp(-mu * t) + p_wait * mu / (d - mu) * (math.exp(-mu * t) - math.exp(-d * t))

    return {"ae_p_wait": p_wait, "ae_wait_for_cubicle_mean_min": wq, "ae_time_in_dept_mean_min": wq + 1 / mu,
            "ae_over_1h": tail(60), "ae_within_4h": 1 - tail(240), "cubicle_occupancy_mean": a,
            "ae_attendances_per_day": lam * 1440}


def z_score(values, reference):
    """Difference of the means in standard errors of the difference."""
    n1, n2 = len(values), len(reference)
    m1, m2 = statistics.fmean(values), statistics.fmean(reference)
    v2 = statistics.variance(reference)
    v1 = statistics.variance(values) if n1 >= 2 else v2
    se = math.sqrt(v1 / n1 + v2 / n2)
    if se == 0:
        return 0.0 if abs(m1 - m2) < 1e-9 else math.inf
    return (m1 - m2) / se


def z_theory(value, reference):
    se = statistics.stdev(reference) / math.sqrt(len(reference))
    m = statistics.fmean(reference)
    if se == 0:
        return 0.0 if abs(m - value) < 1e-6 else math.inf
    return (m - value) / se


def main(folder):
    runs = {}
    for path in sorted(glob.glob(os.path.join(folder, "r*_*.json"))):
        with open(path) as f:
            doc = json.loads(f.read().strip().splitlines()[-1])
        runs.setdefault((doc["workload"], doc["tool"]), []).append(doc)
    failures = 0
    for workload, scenario in (("R1", "R1-mmc"), ("R2", "R2-exit-block")):
        with open(os.path.join(folder, f"flowsim.{scenario}.json")) as f:
            flowsim = json.load(f)["metrics"]["system"]
        with open(os.path.join(folder, f"flowsim.{scenario}.bench.txt")) as f:
            flowsim_rate = float(re.search(r": (\d+) patients/s", f.read()).group(1))
        cpu_path = os.path.join(folder, f"flowsim.{scenario}.cpu.json")
        flowsim_cpu = None
        if os.path.exists(cpu_path):
            with open(cpu_path) as f:
                doc = json.load(f)
            flowsim_cpu = doc["patients"] / doc["cpu_seconds"]
        print(f"\n== {workload}: simulated patients per second, one core (median over runs)")
        print(f"   {'':<8} {'wall clock':>12} {'CPU time':>12}")
        print(f"   {'flowsim':<8} {flowsim_rate:>12,.0f} {flowsim_cpu or 0:>12,.0f}")
        tools = [t for t in ("SimPy", "Ciw") if (workload, t) in runs]
        for tool in tools:
            docs = runs[(workload, tool)]
            rate = statistics.median(d["patients_per_second"] for d in docs)
            cpu = statistics.median(d.get("patients_per_cpu_second", 0) for d in docs)
            ratio = f"flowsim is {flowsim_rate / rate:,.0f}x by wall clock"
            if flowsim_cpu and cpu:
                ratio += f", {flowsim_cpu / cpu:,.0f}x by CPU time"
            print(f"   {tool:<8} {rate:>12,.0f} {cpu:>12,.0f}   ({ratio}; {len(docs)} run(s): "
                  + ", ".join(f"{d['patients_per_second']:,.0f}" for d in docs) + ")")
        theory = erlang_c() if workload == "R1" else {}
        print(f"\n== {workload}: outputs, mean over replications (flowsim: 95% CI over {len(next(iter(flowsim.values()))['per_replication'])})")
        header = f"   {'metric':<30} {'flowsim [95% CI]':>28}"
        for tool in tools:
            header += f" {tool + ' (' + str(len(runs[(workload, tool)])) + ')':>18}"
        if theory:
            header += f" {'Erlang C':>15}"
        print(header)
        names = list(runs[(workload, tools[0])][0]["metrics"].keys()) if tools else []
        for name in names:
            f = flowsim[name]
            line = f"   {name:<30} {f['mean']:>11.4g} [{f['ci95_low']:.4g}, {f['ci95_high']:.4g}]".ljust(63)
            for tool in tools:
                values = [d["metrics"][name] for d in runs[(workload, tool)]]
                z = z_score(values, f["per_replication"])
                ok = abs(z) <= Z
                failures += 0 if ok else 1
                line += f" {statistics.fmean(values):>10.4g} {z:+5.1f}{' ' if ok else '!'}".rjust(19)
            if theory:
                if name in theory:
                    z = z_theory(theory[name], f["per_replication"])
                    ok = abs(z) <= Z
                    failures += 0 if ok else 1
                    line += f" {theory[name]:>9.4g} {z:+5.1f}{' ' if ok else '!'}"
            print(line)
    print(f"\nEach tool's column: its mean, then z = (its mean - flowsim's) / standard error of the difference;"
          f"\nErlang C's: the exact value, then z = (flowsim's mean - exact) / standard error. |z| <= {Z:g} agrees."
          f"\n{'every output agrees' if failures == 0 else str(failures) + ' output(s) disagree (marked !)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
