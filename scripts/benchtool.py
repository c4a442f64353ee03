#!/usr/bin/env python3
"""The JSON side of scripts/bench: turns the lines printed by
`flowsim bench ... --repeats 1` (one process per sample) into a
`flowsim.bench/1` document, prints it as a table, compares two documents
with the regression rule, aggregates the SimPy/Ciw peer runs, and tests
itself. Standard library only. Called by scripts/bench; see
docs/performance.md for the schema and the rule.

  benchtool.py record SAMPLES.tsv OUT.json --flowsim PATH --repeats K [--quick] [--load-start X]
  benchtool.py table DOC.json
  benchtool.py compare BASE.json NEW.json
  benchtool.py peers SAMPLES.tsv
  benchtool.py selftest BENCH_SCRIPT FIXTURES_DIR
"""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

SCHEMA = "flowsim.bench/1"

# Regression rule (docs/performance.md, "Regression rule"): a workload has
# regressed when its new median rate is below the base median by more than
# the tolerance max(SPEED_FLOOR, spread(base), spread(new)), where
# spread = (max - min) / median of that run's samples. Peak memory has
# regressed when the new median is above the base median by more than
# max(MEMORY_FLOOR, the two runs' spreads of peak RSS).
SPEED_FLOOR = 0.03
MEMORY_FLOOR = 0.10

LINE = re.compile(
    r": (?P<reps>\d+) replications? on (?P<threads>\d+) threads?: (?P<pps>[0-9.]+) patients/s "
    r"\(median of (?P<k>\d+)\), (?P<eps>[0-9.]+) events/s, (?P<ppr>\d+) patients per run, "
    r"peak RSS (?P<rss>[0-9.]+) MiB")


def fail(message, code=2):
    print(f"scripts/bench: {message}", file=sys.stderr)
    sys.exit(code)


def summary(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def spread(stats):
    """Relative spread (max - min) / median of a {min, median, max}."""
    return (stats["max"] - stats["min"]) / stats["median"] if stats["median"] else 0.0


def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    try:  # macOS
        return subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown"


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def load_average():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def command_output(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def read_samples(path):
    """Rows of the samples file: tab-separated fields, the last one a line
    of output. Returns the rows as lists."""
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                rows.append(line.split("\t"))
    return rows


# ---------------------------------------------------------------- record

def record(args):
    """SAMPLES.tsv rows: id, name, scenario, replications, threads, round,
    the `flowsim bench` line of that process."""
    import argparse
    p = argparse.ArgumentParser(prog="benchtool.py record")
    p.add_argument("samples")
    p.add_argument("out")
    p.add_argument("--flowsim", required=True)
    p.add_argument("--repeats", type=int, required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--load-start", type=float)
    a = p.parse_args(args)

    workloads = {}
    for row in read_samples(a.samples):
        if len(row) != 7:
            fail(f"malformed sample row in {a.samples}: {row!r}")
        wid, name, scenario, reps, threads, _round, line = row
        m = LINE.search(line)
        if not m:
            fail(f"'flowsim bench {scenario}' printed an unexpected line: {line!r}")
        if int(m["reps"]) != int(reps) or int(m["threads"]) != int(threads):
            fail(f"'flowsim bench {scenario}' ran {m['reps']} replications on {m['threads']} threads, "
                 f"asked for {reps} on {threads}")
        w = workloads.setdefault(wid, {
            "id": wid, "name": name, "scenario": scenario, "replications": int(reps),
            "threads": int(threads), "patients_per_run": int(m["ppr"]), "runs": []})
        if int(m["ppr"]) != w["patients_per_run"]:
            fail(f"{wid}: patients per run changed between samples ({w['patients_per_run']} and {m['ppr']}); "
                 "the simulation is not reproducible")
        eps = float(m["eps"])
        w["runs"].append({"patients_per_second": float(m["pps"]), "events_per_second": eps,
                          "ns_per_event": 1e9 / eps if eps > 0 else None, "peak_rss_mib": float(m["rss"])})
    if not workloads:
        fail(f"no samples in {a.samples}")

    out = []
    for w in workloads.values():
        runs = w["runs"]
        entry = {k: w[k] for k in ("id", "name", "scenario", "replications", "threads", "patients_per_run")}
        entry["samples"] = len(runs)
        for key in ("patients_per_second", "events_per_second", "ns_per_event", "peak_rss_mib"):
            values = [r[key] for r in runs if r[key] is not None]
            entry[key] = summary(values) if values else None
        entry["runs"] = runs
        out.append(entry)

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    doc = {
        "schema": SCHEMA,
        "commit": commit,
        "dirty": bool(status) if status is not None else None,
        "date": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "flowsim_version": command_output([a.flowsim, "--version"]),
        "swift_version": (re.search(r"Swift version [0-9.]+", command_output(["swift", "--version"]) or "") or [None])[0],
        "machine": {
            "cpu_model": cpu_model(),
            "cores": cores(),
            "os": f"{platform.system()} {platform.release()} {platform.machine()}",
            "load_average_start": a.load_start,
            "load_average_end": load_average(),
        },
        "method": {
            "repeats": a.repeats,
            "quick": a.quick,
            "sample": "one `flowsim bench FILE --replications N --threads T --repeats 1` process per sample; "
                      "samples taken in rounds over all workloads",
        },
        "workloads": out,
    }
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    return 0


# ---------------------------------------------------------------- load / table

def load(path):
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {path}: {e}")
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        fail(f"{path} is not a {SCHEMA} document (schema: {doc.get('schema') if isinstance(doc, dict) else None!r})")
    for w in doc.get("workloads", []):
        for key in ("id", "threads", "replications", "patients_per_second", "peak_rss_mib"):
            if key not in w:
                fail(f"{path}: workload {w.get('id', '?')} has no '{key}'")
        for key in ("patients_per_second", "peak_rss_mib"):
            s = w[key]
            if not (isinstance(s, dict) and all(isinstance(s.get(k), (int, float)) for k in ("min", "median", "max"))
                    and s["min"] <= s["median"] <= s["max"] and s["median"] > 0):
                fail(f"{path}: workload {w['id']}: '{key}' must be {{min <= median <= max}} with median > 0")
    return doc


def table(args):
    doc = load(args[0])
    m = doc["machine"]
    print(f"\nflowsim {doc.get('flowsim_version') or '?'} at {(doc.get('commit') or '?')[:12]}"
          f"{' (uncommitted changes)' if doc.get('dirty') else ''} | {m.get('cpu_model')} | {m.get('cores')} cores"
          f" | {doc.get('swift_version') or '?'} | load average {m.get('load_average_start')} at start,"
          f" {m.get('load_average_end')} at end")
    k = doc["method"]["repeats"]
    print(f"simulated patients (whole journeys) per wall-clock second: median [min, max] of {k} process(es) each\n")
    print(f"{'workload':<28} {'reps':>4} {'thr':>3} {'patients/s median':>18} {'[min, max]':>25} {'ns/event':>9} {'peak RSS':>9}")
    print(f"{'-' * 28} {'-' * 4} {'-' * 3} {'-' * 18} {'-' * 25} {'-' * 9} {'-' * 9}")
    for w in doc["workloads"]:
        p = w["patients_per_second"]
        ns = w.get("ns_per_event") or {}
        print(f"{w['name']:<28} {w['replications']:>4} {w['threads']:>3} {p['median']:>18,.0f} "
              f"{'[' + format(p['min'], ',.0f') + ', ' + format(p['max'], ',.0f') + ']':>25} "
              f"{ns.get('median', float('nan')):>9.1f} {w['peak_rss_mib']['median']:>5.1f} MiB")
    by_id = {w["id"]: w for w in doc["workloads"]}
    scaling = []
    for wid, w in by_id.items():
        if wid.endswith("/1") and wid[:-2] + "/all" in by_id:
            many = by_id[wid[:-2] + "/all"]
            scaling.append(f"{w['id'][:-2]} {many['patients_per_second']['median'] / w['patients_per_second']['median']:.2f}x")
    if scaling:
        print(f"\nscaling, all cores over 1 thread (medians): {', '.join(scaling)}")
    return 0


# ---------------------------------------------------------------- compare

def compare_docs(base, new, out=sys.stdout):
    """Prints the comparison; returns (regressions, compared)."""
    bm, nm = base["machine"], new["machine"]
    print(f"base: {(base.get('commit') or '?')[:12]} of {base.get('date')}, {bm.get('cpu_model')}, "
          f"{bm.get('cores')} cores, {base['method'].get('repeats')} repeats", file=out)
    print(f"new:  {(new.get('commit') or '?')[:12]}{' (uncommitted changes)' if new.get('dirty') else ''} "
          f"of {new.get('date')}, {nm.get('cpu_model')}, {nm.get('cores')} cores, "
          f"{new['method'].get('repeats')} repeats", file=out)
    if (bm.get("cpu_model"), bm.get("cores")) != (nm.get("cpu_model"), nm.get("cores")):
        print("warning: different machines; the ratios say little about the code", file=out)
    if min(base["method"].get("repeats") or 0, new["method"].get("repeats") or 0) < 3:
        print("warning: fewer than 3 samples per workload: the spread does not measure the noise, "
              f"so only the {SPEED_FLOOR:.0%} floor applies", file=out)
    busy = [f"{which} {d['machine'].get('load_average_start')}/{d['machine'].get('load_average_end')}"
            for which, d in (("base", base), ("new", new))
            if any(isinstance(x, (int, float)) and x > (d["machine"].get("cores") or 1) / 2
                   for x in (d["machine"].get("load_average_start"), d["machine"].get("load_average_end")))]
    if busy:
        print(f"warning: the machine was busy (load average at start/end: {', '.join(busy)}; more than half "
              "the cores): a change of load between the runs is not in either run's spread, so a verdict "
              "may be the load, not the code; measure both on a quiet machine", file=out)
    print(f"\n{'workload':<34} {'base median':>13} {'new median':>13} {'new/base':>9} {'tolerance':>9}  "
          f"{'verdict':<14} {'RSS new/base':>12}", file=out)
    base_by_id = {w["id"]: w for w in base["workloads"]}
    new_by_id = {w["id"]: w for w in new["workloads"]}
    regressions, compared = [], 0
    for wid in list(base_by_id) + [i for i in new_by_id if i not in base_by_id]:
        b, n = base_by_id.get(wid), new_by_id.get(wid)
        name = label(b or n)
        if b is None or n is None:
            print(f"{name:<34} {'(only in ' + ('new' if b is None else 'base') + ': not compared)'}", file=out)
            continue
        differs = [k for k in ("scenario", "replications", "threads") if b.get(k) != n.get(k)]
        if differs:
            print(f"{name:<34} (not comparable: " + ", ".join(f"{k} {b.get(k)} vs {n.get(k)}" for k in differs)
                  + ")", file=out)
            continue
        compared += 1
        bp, np_ = b["patients_per_second"], n["patients_per_second"]
        ratio = np_["median"] / bp["median"]
        tol = max(SPEED_FLOOR, spread(bp), spread(np_))
        if ratio < 1 - tol:
            verdict = "REGRESSION"
            regressions.append(f"{name}: speed {ratio:.3f}x (tolerance {tol:.1%})")
        elif ratio > 1 + tol:
            verdict = "faster"
        else:
            verdict = "within noise"
        br, nr = b["peak_rss_mib"], n["peak_rss_mib"]
        rss_ratio = nr["median"] / br["median"]
        rss_tol = max(MEMORY_FLOOR, spread(br), spread(nr))
        rss_note = f"{rss_ratio:.3f}x"
        if rss_ratio > 1 + rss_tol:
            rss_note += " MEMORY"
            regressions.append(f"{name}: peak RSS {rss_ratio:.3f}x (tolerance {rss_tol:.1%})")
        work = ""
        if b.get("patients_per_run") != n.get("patients_per_run"):
            work = f"  (patients per run {b.get('patients_per_run')} -> {n.get('patients_per_run')}: the work changed)"
        print(f"{name:<34} {bp['median']:>13,.0f} {np_['median']:>13,.0f} {ratio:>8.3f}x {tol:>9.1%}  "
              f"{verdict:<14} {rss_note:>12}{work}", file=out)
    print(f"\nrule: a regression is a new median below the base median by more than max({SPEED_FLOOR:.0%}, "
          f"(max-min)/median of either run), or a median peak RSS above the base by more than "
          f"max({MEMORY_FLOOR:.0%}, either run's RSS spread)", file=out)
    return regressions, compared


def label(w):
    """A workload's name and thread count, unique within a document."""
    threads = w.get("threads")
    return f"{w.get('name', w.get('id'))}, {threads} thr"


def compare(args):
    if len(args) != 2:
        fail("usage: benchtool.py compare BASE.json NEW.json")
    base, new = load(args[0]), load(args[1])
    regressions, compared = compare_docs(base, new)
    if compared == 0:
        print("no workload could be compared (different workloads, threads or replications)", file=sys.stderr)
        return 2
    if regressions:
        print(f"\n{len(regressions)} regression(s) beyond the noise:")
        for r in regressions:
            print(f"  {r}")
        return 1
    print(f"\nno regression beyond the noise ({compared} workload(s) compared)")
    return 0


# ---------------------------------------------------------------- peers

def peers(args):
    """SAMPLES.tsv rows: workload, tool, round, then a flowsim bench line
    (tool flowsim) or a peer script's JSON document."""
    rates = {}
    for row in read_samples(args[0]):
        if len(row) != 4:
            fail(f"malformed peer sample row: {row!r}")
        workload, tool, _round, text = row
        if tool == "flowsim":
            m = LINE.search(text)
            if not m:
                fail(f"flowsim bench printed an unexpected line: {text!r}")
            rate = float(m["pps"])
        else:
            try:
                rate = float(json.loads(text)["patients_per_second"])
            except (ValueError, KeyError) as e:
                fail(f"{tool} {workload} printed no patients_per_second: {e}")
        rates.setdefault(workload, {}).setdefault(tool, []).append(rate)
    print(f"\n{'workload':<9} {'tool':<8} {'patients/s median':>18} {'[min, max]':>25} {'runs':>4}  flowsim/peer (medians)")
    for workload, tools in rates.items():
        if "flowsim" not in tools:
            fail(f"no flowsim samples for {workload}")
        f = statistics.median(tools["flowsim"])
        for tool, values in tools.items():
            med = statistics.median(values)
            ratio = "" if tool == "flowsim" else f"{f / med:,.1f}x"
            print(f"{workload:<9} {tool:<8} {med:>18,.0f} "
                  f"{'[' + format(min(values), ',.0f') + ', ' + format(max(values), ',.0f') + ']':>25} "
                  f"{len(values):>4}  {ratio}")
    return 0


# ---------------------------------------------------------------- selftest

def selftest(args):
    """Runs `BENCH_SCRIPT --compare A B` on the hand-written documents in
    FIXTURES_DIR and checks the exit status and the verdicts. No timing."""
    script, fixtures = args
    base = os.path.join(fixtures, "base.json")
    slower = os.path.join(fixtures, "regressed.json")
    failures = []

    def run(*argv):
        r = subprocess.run([script, "--compare", *argv], capture_output=True, text=True)
        return r.returncode, r.stdout + r.stderr

    def check(what, ok, output):
        print(f"{'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            failures.append(what)
            print("     " + output.replace("\n", "\n     "))

    code, output = run(base, base)
    check("an identical document passes (exit 0)", code == 0 and "REGRESSION" not in output, output)

    code, output = run(base, slower)
    lines = lines_of(output)
    check("a synthetic regression fails (exit 1)", code == 1, output)
    check("W1 (20% slower, spreads 2%) is a regression", "REGRESSION" in lines.get("W1 slower", ""), output)
    check("W2 (5% slower, spread 12%) is within the noise", "within noise" in lines.get("W2 noisy", ""), output)
    check("W3 (2.5% slower, spreads 0%) is within the 3% floor", "within noise" in lines.get("W3 floor", ""), output)
    check("W4 (peak RSS +25%, same speed) is a memory regression", "MEMORY" in lines.get("W4 memory", ""), output)
    check("W5 (threads differ) is not compared", "not comparable" in lines.get("W5 threads", ""), output)
    check("W6 (25% faster) is reported as faster", "faster" in lines.get("W6 faster", ""), output)

    code, output = run(slower, base)
    check("the reverse comparison (base faster than new) flags only W6 (exit 1)",
          code == 1 and output.count("REGRESSION") == 1 and "REGRESSION" in lines_of(output).get("W6 faster", ""),
          output)

    # `scripts/bench --model-only` names its workloads "<id>-model": such a
    # record is never set against an ordinary one.
    code, output = run(base, os.path.join(fixtures, "model-only.json"))
    check("a model-only record against an ordinary one compares nothing (exit 2)",
          code == 2 and "no workload could be compared" in output, output)
    r = subprocess.run([script, "--model-only", "--peers"], capture_output=True, text=True)
    check("--model-only with --peers is refused (exit 2)", r.returncode == 2, r.stdout + r.stderr)

    bad = os.path.join(fixtures, "not-a-bench.json")
    code, output = run(base, bad)
    check("a document of another schema is refused (exit 2)", code == 2, output)

    print(f"\nbench selftest: {'all checks passed' if not failures else str(len(failures)) + ' check(s) failed'}")
    return 1 if failures else 0


def lines_of(output):
    return {line.split(",")[0].strip(): line for line in output.splitlines() if line.startswith("W")}


def main():
    if len(sys.argv) < 2:
        fail(__doc__.strip())
    command, args = sys.argv[1], sys.argv[2:]
    commands = {"record": record, "table": table, "compare": compare, "peers": peers, "selftest": selftest}
    if command not in commands:
        fail(f"unknown command {command!r}")
    return commands[command](args)


if __name__ == "__main__":
    sys.exit(main())
