#!/usr/bin/env bash
# End-to-end load test of POST /detect (issue 7), on loopback only, bounded in time.
#
# Builds Release, generates a ~1.1 GB JSON Lines trail and its gzip with the CLI generator (cached),
# measures the limit in the same run (a single-thread Utf8JsonReader token pass over the same file,
# plain and through gunzip), then for each scenario starts a fresh service on 127.0.0.1, warms it up,
# takes its idle RSS and posts with curl as a user would:
#   1. one 1 GB file (multipart -F file=@...)       2. its gzip
#   3. the same JSON as two ~500 MB parts           4. four concurrent 1 GB uploads
#   5. the 22-event sample, 200 sequential requests (client latency, median and p95)
#   and, after 1 ("cold", in the default set), scenario 1 in a service that has had no warm-up at all, as a
#      CI job that starts the service, waits for /health and posts one upload sees it: it also pays for
#      compiling the whole pipeline (the warm-up's 30 requests take part of that away from scenario 1);
#   and ("primed", in the default set), scenario 1 again, in a service that has read the same upload
#      once already: the first large upload after start also pays for the process growing its heap
#      and compiling the code it meets (about 0.3 s of 2.6 here), a long-running service does not.
#      Its peak is VmHWM after the priming upload's peak is reset (clear_refs), minus VmRSS before it
#   6. (opt-in: SCENARIOS=huge) about 10 GB of JSON Lines streamed from the generator straight into
#      curl (chunked, raw body), never written to disk: peak memory above idle, sampled every second
#      to show how it grows with the upload; SCENARIOS=hugefile: the same events from a file generated
#      once into the cache (10 GB of disk), sent as fast as the service takes them
#   7. (opt-in: SCENARIOS=ceiling) what loopback HTTP allows on this machine: scenarios 1-3 posted to
#      a server that receives as the service does and then only drains the bytes ("drain"), or runs
#      the limit's token pass over them on the request's thread ("tokens"), and does nothing else
# Reported per scenario: MB/s of uncompressed JSON, % of the limit, peak memory above idle (VmHWM
# minus idle VmRSS), the service's CPU (utime+stime / wall), curl's CPU, and the CPU that other
# processes used meanwhile (a noisy machine shows there).
#
# Usage: scripts/load.sh
# Environment: LOAD_DIR (cache, default /tmp/iamueba-load), PORT, PRINCIPALS, EVENTS, HUGE_EVENTS
# (default 7000000, about 10 GB), BUDGET_SECONDS,
# API_DLL (another build of the service, e.g. a worktree's or a published one), SKIP_BUILD=1, SCENARIOS (default "one cold primed gzip two concurrent small"), SERVICE_ENV (extra variables for
# the service, e.g. "DOTNET_gcServer=0").
set -euo pipefail

# The whole run is bounded: past the budget, timeout sends TERM to this script and everything it started.
BUDGET_SECONDS=${BUDGET_SECONDS:-2700}
if [ -z "${LOAD_SH_BOUNDED:-}" ]; then
  LOAD_SH_BOUNDED=1 exec timeout -k 30 "$BUDGET_SECONDS" "$(readlink -f "$0")" "$@"
fi
cd "$(dirname "$(readlink -f "$0")")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

LOAD_DIR=${LOAD_DIR:-/tmp/iamueba-load}
PORT=${PORT:-5391}
PRINCIPALS=${PRINCIPALS:-2000}
EVENTS=${EVENTS:-800000}
SCENARIOS=${SCENARIOS:-one cold primed gzip two concurrent small}
SERVICE_ENV=${SERVICE_ENV:-}
HUGE_EVENTS=${HUGE_EVENTS:-7000000}
CONCURRENT=4
SMALL_REQUESTS=200
BASE="http://127.0.0.1:$PORT"
HZ=$(getconf CLK_TCK)
API_DLL=${API_DLL:-src/IamUeba.Api/bin/Release/net10.0/IamUeba.Api.dll}
CLI_DLL=src/IamUeba.Cli/bin/Release/net10.0/iamueba.dll
BENCH_DLL=tests/IamUeba.Benchmarks/bin/Release/net10.0/IamUeba.Benchmarks.dll
SAMPLE=samples/sample_cloudtrail.json

mkdir -p "$LOAD_DIR"
RUN_DIR=$(mktemp -d "$LOAD_DIR/run-XXXXXX")
REPORT="$RUN_DIR/report.md"
service=""
script_start=$(date +%s)

log() { printf '[%4ds] %s\n' "$(( $(date +%s) - script_start ))" "$*" >&2; }

stop_service() {
  if [ -n "$service" ] && kill -0 "$service" 2>/dev/null; then
    kill "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
  fi
  service=""
}

trap 'stop_service' EXIT
trap 'exit 124' TERM INT

for tool in curl gzip python3 split /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "installing the Debian package for $tool"
    apt-get update -qq && apt-get install -y -qq curl gzip python3 coreutils time >/dev/null
    break
  fi
done

# --- build ---------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building Release"
  dotnet build -c Release src/IamUeba.Api -v q -nologo >/dev/null
  dotnet build -c Release tests/IamUeba.Benchmarks -v q -nologo >/dev/null
fi

# --- data (cached) -------------------------------------------------------------------------------
TRAIL="$LOAD_DIR/trail-${PRINCIPALS}p-${EVENTS}e-seed1.jsonl"
if [ ! -s "$TRAIL" ]; then
  log "generating $TRAIL"
  dotnet "$CLI_DLL" generate --principals "$PRINCIPALS" --events "$EVENTS" --format jsonl --out "$TRAIL.tmp"
  mv "$TRAIL.tmp" "$TRAIL"
fi
if [ ! -s "$TRAIL.gz" ]; then
  log "compressing $TRAIL (gzip -6)"
  gzip -6 -c "$TRAIL" >"$TRAIL.gz.tmp"
  mv "$TRAIL.gz.tmp" "$TRAIL.gz"
fi
PART1="${TRAIL%.jsonl}.part1.jsonl"
PART2="${TRAIL%.jsonl}.part2.jsonl"
if [ ! -s "$PART1" ] || [ ! -s "$PART2" ]; then
  log "splitting $TRAIL into two parts at a line boundary"
  split -n l/2 -d -a 1 "$TRAIL" "$RUN_DIR/part-"
  mv "$RUN_DIR/part-0" "$PART1"
  mv "$RUN_DIR/part-1" "$PART2"
fi
# A few MB of the same trail for the warm-up: large enough to take the batched, multi-threaded read
# path, so that its code is JIT-optimised before the measured upload, as in a service that has run a while.
WARM="$LOAD_DIR/warm-up.jsonl"
if [ ! -s "$WARM" ]; then
  head -n 6000 "$TRAIL" >"$WARM"
fi
JSON_BYTES=$(stat -c %s "$TRAIL")
GZIP_BYTES=$(stat -c %s "$TRAIL.gz")
LINES=$(wc -l <"$TRAIL")
# Read the files once so every scenario starts from the page cache.
cat "$TRAIL" "$TRAIL.gz" "$PART1" "$PART2" >/dev/null

# --- helpers -------------------------------------------------------------------------------------
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }     # utime + stime of a process
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; } # all processes, all cores
status_kb() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }

# Waits (at most a minute) until other processes use less than a third of a core, and says so if they never do.
wait_quiet() {
  local b0 b1 waited=0
  while :; do
    b0=$(busy_ticks); sleep 2; b1=$(busy_ticks)
    if [ "$(calc "($b1 - $b0) / $HZ / 2 < 0.33")" = True ] || [ $waited -ge 60 ]; then
      if [ $waited -ge 60 ]; then
        log "machine still busy ($(calc "round(($b1 - $b0) / $HZ / 2, 2)") cores in use by others); measuring anyway"
      fi
      return 0
    fi
    waited=$((waited + 2))
  done
}

wanted() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# What start_service starts: the service, or the ceiling server ("ceiling drain" or "ceiling tokens").
server=service

start_service() {
  if [ "$server" = service ]; then
    # shellcheck disable=SC2086
    env IamUeba__Overload__MaxConcurrentAnalyses=4 Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production $SERVICE_ENV \
      dotnet "$API_DLL" --urls "$BASE" >>"$RUN_DIR/service.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    env $SERVICE_ENV dotnet "$BENCH_DLL" $server --urls "$BASE" >>"$RUN_DIR/service.log" 2>&1 &
  fi
  service=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && break
    sleep 0.25
  done
  curl -sf "$BASE/health" >/dev/null
  if [ -n "${COLD:-}" ]; then
    # As a CI job: the upload right after /health answers, nothing before it.
    idle_kb=$(status_kb "$service" VmRSS)
    return 0
  fi
  # Warm-up: JIT the upload path, the reader (small and batched), rules and the ML layer; then let the process settle.
  for _ in $(seq 1 10); do
    curl -sf -o /dev/null -F "file=@$SAMPLE" "$BASE/detect"
    curl -sf -o /dev/null -F "file=@samples/population_cloudtrail.json" "$BASE/detect"
    curl -sf -o /dev/null -F "file=@$WARM" "$BASE/detect"
  done
  sleep 2
  if ! kill -0 "$service" 2>/dev/null; then
    log "the service (pid $service) is gone after its warm-up; see $RUN_DIR/service.log"
    exit 1
  fi
  idle_kb=$(status_kb "$service" VmRSS)
}

# Runs one scenario: NAME JSON_BYTES LIMIT_MBPS then curl argument sets separated by "--" (run concurrently).
scenario() {
  local name=$1 bytes=$2 limit=$3; shift 3
  local -a sets=() current=()
  for arg in "$@"; do
    if [ "$arg" = "--" ]; then sets+=("${current[*]}"); current=(); else current+=("$arg"); fi
  done
  if [ ${#current[@]} -gt 0 ]; then sets+=("${current[*]}"); fi

  wait_quiet
  start_service
  if [ -n "${PRIMED:-}" ]; then
    # The same upload once, unmeasured; then the peak starts again from here.
    for i in "${!sets[@]}"; do
      # shellcheck disable=SC2086
      curl -s --max-time 1200 -o /dev/null ${sets[$i]} "$BASE/detect"
    done
    sleep 2
    idle_kb=$(status_kb "$service" VmRSS)
    echo 5 >"/proc/$service/clear_refs" || log "could not reset VmHWM: the primed peak includes the priming upload's"
  fi
  local t0 s0 b0 t1 s1 b1 i pids=() rc=0
  t0=$(now); s0=$(cpu_ticks "$service"); b0=$(busy_ticks)
  for i in "${!sets[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$RUN_DIR/$name.$i.time" \
      curl -s --max-time 1200 -o "$RUN_DIR/$name.$i.json" -w '%{http_code} %{time_total}\n' ${sets[$i]} "$BASE/detect" \
      >"$RUN_DIR/$name.$i.curl" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  t1=$(now); s1=$(cpu_ticks "$service"); b1=$(busy_ticks)
  local hwm_kb
  hwm_kb=$(status_kb "$service" VmHWM)
  stop_service

  local wall service_cpu curl_cpu others mbps peak codes events
  wall=$(calc "$t1 - $t0")
  service_cpu=$(calc "($s1 - $s0) / $HZ")
  curl_cpu=$(cat "$RUN_DIR/$name".*.time | awk '{u += $2 + $3} END {print u + 0}')
  others=$(calc "max(0.0, ($b1 - $b0) / $HZ - $service_cpu - $curl_cpu)")
  mbps=$(calc "$bytes * ${#sets[@]} / $wall / 1e6")
  peak=$(calc "($hwm_kb - $idle_kb) / 1024")
  codes=$(cut -d' ' -f1 "$RUN_DIR/$name".*.curl | sort | uniq -c | awk '{printf "%s%sx%s", sep, $1, $2; sep=","}')
  events=$(python3 - "$RUN_DIR" "$name" <<'PY'
import glob, json, sys
out = []
for path in sorted(glob.glob(f"{sys.argv[1]}/{sys.argv[2]}.*.json")):
    try:
        r = json.load(open(path))
        if "durationMs" in r:  # the ceiling server's answer
            out.append(f"{r['tokens']} tokens/{r['bytes']} B/{r['durationMs']:.0f} ms")
            continue
        out.append(f"{r['total_events']} events/{sum(f['bytes'] for f in r['files'])} B/{r['duration_ms']} ms")
    except Exception as e:  # an error answer is reported, not hidden
        out.append("no report: " + open(path).read(200).replace("\n", " "))
print("; ".join(out))
PY
)
  [ "$rc" -eq 0 ] || log "$name: a curl failed"
  printf '| %s | %s | %.1f | %.1f | %.0f%% | %.0f | %.0f | %.0f%% | %.0f%% | %.2f |\n' \
    "$name" "$codes" "$wall" "$mbps" "$(calc "100 * $mbps / $limit")" "$idle_kb" "$peak" \
    "$(calc "100 * $service_cpu / $wall")" "$(calc "100 * $curl_cpu / $wall")" "$(calc "$others / $wall")" | tee -a "$REPORT"
  echo "  $name: $events" >>"$RUN_DIR/answers.txt"
}

# --- the limit, in the same run ------------------------------------------------------------------
wait_quiet
log "measuring the limit (token pass, single thread; median of 3)"
limit_out=$(dotnet "$BENCH_DLL" limit "$TRAIL" "$TRAIL.gz")
echo "$limit_out" >"$RUN_DIR/limit.txt"
LIMIT_PLAIN=$(sed -n '1s/.*mb_per_s=\([0-9.]*\).*/\1/p' <<<"$limit_out")
LIMIT_GZIP=$(sed -n '2s/.*mb_per_s=\([0-9.]*\).*/\1/p' <<<"$limit_out")

{
  echo "# scripts/load.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem/ {print $2}') GiB; .NET $(dotnet --version); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "Data: $TRAIL: $JSON_BYTES bytes of JSON Lines, $LINES events ($(calc "$JSON_BYTES // $LINES") B/event), gzip -6 $GZIP_BYTES bytes."
  echo "Service: Release, MaxConcurrentAnalyses=4${SERVICE_ENV:+, $SERVICE_ENV}; a fresh process per scenario, warmed up with 30 requests (the two samples and $(stat -c %s "$WARM") bytes of the trail, ten times each), but for one-1gb-cold (none: the upload as soon as /health answers)."
  echo "Limit (single-thread Utf8JsonReader token pass over the file, median of 3): plain $LIMIT_PLAIN MB/s, through gunzip $LIMIT_GZIP MB/s."
  echo
  echo "| scenario | HTTP | wall s | MB/s (JSON) | % of limit | idle RSS KiB | peak above idle MiB | service CPU | curl CPU | other processes (cores) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} | tee "$REPORT"

# --- scenarios -----------------------------------------------------------------------------------
if wanted one; then
  log "1 GB JSON Lines, one multipart part"
  scenario one-1gb "$JSON_BYTES" "$LIMIT_PLAIN" -F "file=@$TRAIL"
fi
if wanted cold; then
  log "1 GB JSON Lines, one multipart part, in a service with no warm-up"
  COLD=1 scenario one-1gb-cold "$JSON_BYTES" "$LIMIT_PLAIN" -F "file=@$TRAIL"
fi
if wanted primed; then
  log "1 GB JSON Lines, one multipart part, in a service that has read it once"
  PRIMED=1 scenario one-1gb-primed "$JSON_BYTES" "$LIMIT_PLAIN" -F "file=@$TRAIL"
fi
if wanted gzip; then
  log "its gzip, one multipart part"
  scenario gzip-1gb "$JSON_BYTES" "$LIMIT_GZIP" -F "file=@$TRAIL.gz"
fi
if wanted two; then
  log "two ~500 MB parts in one request"
  scenario two-parts "$JSON_BYTES" "$LIMIT_PLAIN" -F "file=@$PART1" -F "file=@$PART2"
fi
if wanted concurrent; then
  log "$CONCURRENT concurrent 1 GB uploads"
  args=()
  for i in $(seq 1 $CONCURRENT); do
    if [ "$i" -gt 1 ]; then args+=(--); fi
    args+=(-F "file=@$TRAIL")
  done
  scenario "concurrent-$CONCURRENT" "$JSON_BYTES" "$LIMIT_PLAIN" "${args[@]}"
fi

# --- the ceiling: the same uploads to a server that does no more than receive (and token-pass) ----
if wanted ceiling; then
  for work in drain tokens; do
    server="ceiling $work"
    log "ceiling ($work): one part, its gzip, two parts"
    scenario "ceiling-$work-one" "$JSON_BYTES" "$LIMIT_PLAIN" -F "file=@$TRAIL"
    scenario "ceiling-$work-gzip" "$JSON_BYTES" "$LIMIT_GZIP" -F "file=@$TRAIL.gz"
    scenario "ceiling-$work-two" "$JSON_BYTES" "$LIMIT_PLAIN" -F "file=@$PART1" -F "file=@$PART2"
  done
  server=service
fi

# --- about 10 GB, streamed from the generator or sent from a file: does memory stay flat? -------------
for kind in huge hugefile; do
  wanted "$kind" || continue
  if [ "$kind" = hugefile ]; then
    # The same events from a file (generated once into the cache), so the upload comes as fast as
    # the service takes it: the streamed one is paced by the generator on the same two cores.
    huge_file="$LOAD_DIR/huge-${PRINCIPALS}p-${HUGE_EVENTS}e-seed2.jsonl"
    if [ ! -s "$huge_file" ]; then
      log "generating $huge_file"
      dotnet "$CLI_DLL" generate --principals "$PRINCIPALS" --events "$HUGE_EVENTS" --format jsonl --seed 2 >"$huge_file.tmp"
      mv "$huge_file.tmp" "$huge_file"
    fi
    source_cmd=(cat "$huge_file")
    how="read from $huge_file by cat into curl -T -"
  else
    source_cmd=(dotnet "$CLI_DLL" generate --principals "$PRINCIPALS" --events "$HUGE_EVENTS" --format jsonl --seed 2)
    how="streamed by the generator into curl -T -"
  fi
  log "$HUGE_EVENTS events, $how, in one raw-body upload"
  wait_quiet
  start_service
  t0=$(now); s0=$(cpu_ticks "$service")
  ( "${source_cmd[@]}" \
      | curl -s --max-time 2400 -X POST -T - -H 'Content-Type: application/x-ndjson' \
          -o "$RUN_DIR/$kind.json" -w '%{http_code} %{time_total}\n' "$BASE/detect" >"$RUN_DIR/$kind.curl" ) &
  pipeline=$!
  : >"$RUN_DIR/$kind.rss"
  while kill -0 "$pipeline" 2>/dev/null; do
    echo "$(calc "round($(now) - $t0)") $(status_kb "$service" VmRSS)" >>"$RUN_DIR/$kind.rss"
    sleep 1
  done
  wait "$pipeline" || log "$kind: the pipeline failed"
  t1=$(now); s1=$(cpu_ticks "$service")
  hwm_kb=$(status_kb "$service" VmHWM)
  stop_service
  huge=$(python3 - "$RUN_DIR" "$kind" "$idle_kb" "$hwm_kb" "$(calc "$t1 - $t0")" <<'PY'
import json, sys
run, kind, idle, hwm, wall = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
code = open(f"{run}/{kind}.curl").read().split()[0]
try:
    r = json.load(open(f"{run}/{kind}.json"))
    read = sum(f["bytes"] for f in r["files"])
    answer = f"{r['total_events']} events, {read} bytes of JSON, {r['total_users']} principals, {read / wall / 1e6:.1f} MB/s"
except Exception:
    answer = "no report: " + open(f"{run}/{kind}.json").read(300)
rss = [line.split() for line in open(f"{run}/{kind}.rss") if len(line.split()) == 2]
steps = [f"{int(t)} s: {(int(kb) - idle) / 1024:.0f}" for t, kb in rss[:: max(1, len(rss) // 8)]]
print(f"HTTP {code}; {answer}; {wall:.0f} s; peak above idle {(hwm - idle) / 1024:.0f} MiB; above idle over time (MiB): {', '.join(steps)}")
PY
)
  {
    echo
    echo "Huge upload ($HUGE_EVENTS generated events, JSON Lines $how): $huge."
  } | tee -a "$REPORT"
done

# --- small uploads: client latency ---------------------------------------------------------------
if wanted small; then
  log "$SMALL_REQUESTS sequential uploads of $SAMPLE"
  wait_quiet
  start_service
  : >"$RUN_DIR/small.times"
  for _ in $(seq 1 $SMALL_REQUESTS); do
    curl -s --max-time 10 -o /dev/null -w '%{http_code} %{time_total}\n' -F "file=@$SAMPLE" "$BASE/detect" >>"$RUN_DIR/small.times"
  done
  stop_service
  small=$(python3 - "$RUN_DIR/small.times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
ok = sorted(float(t) * 1000 for code, t in rows if code == "200")
p95 = ok[min(len(ok) - 1, int(round(0.95 * len(ok))) - 1)]
print(f"{len(ok)}/{len(rows)} answered 200; median {statistics.median(ok):.2f} ms, p95 {p95:.2f} ms, min {ok[0]:.2f} ms, max {ok[-1]:.2f} ms")
PY
)
  {
    echo
    echo "Small upload ($SAMPLE, 22 events, curl -F, a new connection each, $SMALL_REQUESTS in a row): $small."
  } | tee -a "$REPORT"
fi

{
  if [ -s "$RUN_DIR/answers.txt" ]; then
    echo
    echo "Answers (total_events / JSON bytes the service read / its duration_ms):"
    echo
    sed 's/^/    /' "$RUN_DIR/answers.txt"
  fi
  echo
  echo "Files: $RUN_DIR (service.log, answers, curl timings). Whole run: $(( $(date +%s) - script_start )) s."
} | tee -a "$REPORT"
