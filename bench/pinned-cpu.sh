#!/usr/bin/env bash
# Pipeline CPU per imported row with the sandbox and the pipeline on separate cores (taskset), jars alternating:
# what a change costs per row without the two JVMs competing for the same cores (StreamLegBench's figures move
# +-20 % between runs of one jar on 2 shared cores). Each run: a fresh -Xmx256m pipeline JVM, a 100,000-row
# warm-up import, then ROUNDS imports of 50,000 new rows each; the CPU the pipeline's process
# used from each upload until its report exists, divided by the rows. Needs 2+ cores, taskset, curl and the aws CLI.
#   bench/pinned-cpu.sh <label>=<jar> [<label>=<jar> ...]   e.g. before=old.jar after=target/inventory-pipeline.jar after=... before=...
#   ROUNDS=8 (default)    imports per run after the warm-up (on 2 cores the JIT was still compiling until about
#                         round 7: compare jars round by round, or over all rounds)
# The sandbox runs from the first jar. Needs the test classes (mvn -B -q test-compile) for the input files.
# Prints one line per run: label, run, us/row per round. Files: target/bench-pinned/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n 2,9p "$0"; exit 2; }
ROUNDS=${ROUNDS:-8}
out=target/bench-pinned; mkdir -p "$out"; out=$(cd "$out" && pwd)
sandbox_jar=${1#*=}
# the files StreamLegBench imports (its generator, from the test classes)
[ -f target/test-classes/bench/LegFiles.class ] || { echo "build the test classes first: mvn -B -q test-compile" >&2; exit 2; }
[ -f "$out/files/leg50000-r$ROUNDS.csv" ] || java -cp "target/test-classes:$sandbox_jar" bench.LegFiles "$out" "$ROUNDS"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 0 java -Xmx2g -Dsandbox.port="$port" -jar "$sandbox_jar" sandbox > "$out/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/_sandbox/health" >/dev/null && break; sleep 1; done
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }   # user+system CPU of the process, in 10 ms ticks
import_file() { # bucket name file
  taskset -c 0 aws --endpoint-url "http://127.0.0.1:$port" s3 cp "$3" "s3://$1/incoming/$2" >/dev/null
  for _ in $(seq 1500); do curl -sfI "http://127.0.0.1:$port/$1/reports/$2.json" >/dev/null && return 0; sleep 0.2; done
  echo "no report for $2 in 300 s (see $out)" >&2; return 1
}
n=0
for spec in "$@"; do
  n=$((n+1)); label=${spec%%=*}; jar=${spec#*=}; bucket="pinned-$n"
  mgmt=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  taskset -c 1 java -Xmx256m -Daws.endpoint="http://127.0.0.1:$port" -Dinventory.bucket=$bucket -Dinventory.table=$bucket \
    -Dinventory.topic=$bucket -Dinventory.state-dir="$out/state-$n" -Dmanagement.port="$mgmt" -jar "$jar" > "$out/pipeline-$n.log" 2>&1 &
  pipeline=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$mgmt/observe/health/ready" >/dev/null && break; sleep 1; done
  import_file $bucket warm.csv "$out/files/warm100000.csv"
  sleep 3
  line="$label $n"
  for r in $(seq "$ROUNDS"); do
    t0=$(ticks $pipeline); import_file $bucket "leg$r.csv" "$out/files/leg50000-r$r.csv"; t1=$(ticks $pipeline)
    line="$line $(( (t1 - t0) * 10000 / 50000 ))"
    sleep 2
  done
  echo "$line us/row" | tee -a "$out/results.txt"
  kill $pipeline; wait $pipeline 2>/dev/null || true
done
