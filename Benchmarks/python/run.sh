#!/usr/bin/env bash
# SimPy and Ciw on the project's reference workloads R1 and R2
# (Scenarios/reference/, described in docs/performance.md), against flowsim
# on the same work.
#
#   Benchmarks/python/run.sh            3 seeds per script (median speed)
#   Benchmarks/python/run.sh --quick    1 seed per script
#
# Creates a virtual environment in Benchmarks/python/.venv with simpy and
# ciw from PyPI, runs every script once per seed (each run is one
# replication: 1 simulated year after its warm-up), builds flowsim in
# release mode and runs the same scenarios with `flowsim run` (30
# replications) and `flowsim bench` (1 replication, 1 thread), then prints
# patients/s per tool (wall clock, and per CPU second) and checks that every
# output agrees with flowsim's within 3 standard errors, and R1 with Erlang C
# (compare.py). Takes 5-10 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seeds=(1 2 3)
[ "${1:-}" = "--quick" ] && seeds=(1)

if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check simpy ciw

out="$here/.venv/results"
mkdir -p "$out"
rm -f "$out"/*.json
py="$here/.venv/bin/python"
"$py" -c 'import simpy, ciw, sys; print(f"Python {sys.version.split()[0]}, SimPy {simpy.__version__}, Ciw {ciw.__version__}")'
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

for script in r1_simpy r2_simpy r1_ciw r2_ciw; do
  for seed in "${seeds[@]}"; do
    (cd "$here" && "$py" "$script.py" --seed "$seed") > "$out/$script.$seed.json"
  done
done

echo "building flowsim (release)..." >&2
(cd "$root" && scripts/setup && swift build -c release --product flowsim >&2)
flowsim="$root/.build/release/flowsim"
for w in R1-mmc R2-exit-block; do
  # 30 replications: a tight reference for the cross-validation.
  "$flowsim" run "$root/Scenarios/reference/$w.yaml" --replications 30 --quiet --json "$out/flowsim.$w.json" > /dev/null
  "$flowsim" bench "$root/Scenarios/reference/$w.yaml" --threads 1 --replications 1 --repeats 5 > "$out/flowsim.$w.bench.txt"
  # Patients per CPU second of the whole process (10 replications, 1 thread):
  # on a shared machine this moves less than wall-clock time.
  "$py" - "$flowsim" "$root/Scenarios/reference/$w.yaml" "$out/flowsim.$w.cpu.json" <<'PY'
import json, resource, subprocess, sys
flowsim, scenario, out = sys.argv[1:4]
subprocess.run([flowsim, "run", scenario, "--replications", "10", "--threads", "1", "--quiet",
                "--json", out + ".run"], check=True, stdout=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
patients = json.load(open(out + ".run"))["patients"]
json.dump({"patients": patients, "cpu_seconds": usage.ru_utime + usage.ru_stime}, open(out, "w"))
PY
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
"$py" "$here/compare.py" "$out"
