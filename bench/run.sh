#!/usr/bin/env bash
# Benchmarks of the pipeline and its sandbox, all in one run; prints a table, writes target/bench/results.md.
#   bench/run.sh            full run (about 15 minutes on 2 cores)
#   bench/run.sh --smoke    tiny sizes, a few seconds per part: checks that the harness still works
#   bench/run.sh compare    only the side-by-side import comparison (--rows N, default 50000; --smoke: 1000)
#   bench/run.sh restart    restart to first new alert with 500,000 records retained (checkpoints kept vs deleted)
#   bench/run.sh footprint [--items N] [--xmx 8g]   the sandbox's live heap per item (inserted, then modified) and CPU per write
#   bench/run.sh latency    upload-to-alert latency of this jar vs --baseline <jar>, alternating, and the state-table calls per alert (issue 18)
#   bench/run.sh streamleg  import of 50,000 rows with the alert route reading vs idle, alternating (issue 12 item 4; --jfr, --rows, --rounds, --warmup N, --set key=value, --write put, --jar)
#   bench/run.sh tracing    import of 50,000 rows and its alerts with tracing off / on / a collector that never answers / refused (issue 20 item 4; --rows, --rounds)
#   --no-build              use the jar and test classes already in target/ (e.g. right after mvn -B verify)
# bench/pinned-cpu.sh before=<jar> after=<jar> ...   pipeline CPU per row, sandbox and pipeline on separate cores (issue 21)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
main=bench.Bench
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    restart) main=bench.RestartBench ;;
    compare) main=bench.ImportComparison ;;
    footprint) main=bench.SandboxFootprint ;;
    streamleg) main=bench.StreamLegBench ;;
    latency) main=bench.AlertLatencyBench ;;
    tracing) main=bench.TracingBench ;;
    *) args+=("$a") ;;
  esac
done

if [ "$build" = 1 ] || [ ! -f target/inventory-pipeline.jar ] || [ ! -f target/test-classes/bench/Bench.class ]; then
  echo "== building (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi

# The harness runs on the test classes plus the application jar (which carries the AWS SDK and Jackson).
exec java -cp target/test-classes:target/inventory-pipeline.jar "$main" "${args[@]}"
