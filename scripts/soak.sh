#!/usr/bin/env bash
# Soak test: N concurrent clients for T seconds against a locally started service, with a mix of
# valid uploads (answers checked), invalid uploads (problem answers checked) and uploads the client
# aborts mid-body. Reports counts by outcome, latency percentiles per kind, 5xx answers, wrong answers
# and the service's peak memory. Exits non-zero on any 5xx or wrong answer. Loopback only.
#
#   scripts/soak.sh [--clients 8] [--seconds 600] [--port 5190]
set -euo pipefail
cd "$(dirname "$0")/.."

clients=8
seconds=600
port=5190
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "usage: $0 [--clients N] [--seconds T] [--port P]" >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

work=$(mktemp -d)
trap 'kill "${service:-}" 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true' EXIT

echo "building (Release)..."
dotnet build src/IamUeba.Api -c Release -v quiet -nologo >/dev/null

# Inputs: the samples, a gzip, broken files, and a ~20 MB file to abort mid-upload.
cp samples/sample_cloudtrail.json samples/population_cloudtrail.json samples/sample_cloudtrail.json.gz "$work/"
head -c 5000 samples/sample_cloudtrail.json > "$work/truncated.json"
printf 'not json at all\n' > "$work/notes.txt"
: > "$work/empty.json"
for _ in $(seq 1 12); do cat samples/population_cloudtrail.json; done > "$work/big.jsonl"

base="http://127.0.0.1:$port"
# Overload limits sized for the soak: every client may be in flight at once (the queue is tested elsewhere).
IamUeba__Overload__MaxConcurrentAnalyses=$clients IamUeba__Overload__QueueLimit=$clients \
  dotnet src/IamUeba.Api/bin/Release/net10.0/IamUeba.Api.dll --urls "$base" >"$work/service.log" 2>&1 &
service=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf -F file=@"$work/sample_cloudtrail.json" "$base/detect" -o /dev/null
idle=$(awk '/VmRSS/ {print $2}' "/proc/$service/status")
echo "service pid $service, idle RSS $((idle / 1024)) MB; $clients clients for $seconds s"

# One request of a kind; prints "kind status seconds verdict".
request() {
  local kind=$1 out="$work/out.$BASHPID" code time verdict=ok
  case $kind in
    sample)     read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' -F file=@"$work/sample_cloudtrail.json" "$base/detect") ;;
    population) read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' -F file=@"$work/population_cloudtrail.json" "$base/detect") ;;
    gzip)       read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' --data-binary @"$work/sample_cloudtrail.json.gz" -H 'Content-Type: application/gzip' "$base/detect") ;;
    truncated)  read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' -F file=@"$work/truncated.json" "$base/detect") ;;
    notjson)    read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' -F file=@"$work/notes.txt" "$base/detect") ;;
    empty)      read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' -F file=@"$work/empty.json" "$base/detect") ;;
    mediatype)  read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' --data-binary @"$work/sample_cloudtrail.json" "$base/detect") ;;
    aborted)    read -r code time < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' --limit-rate 4M --max-time 1 -F file=@"$work/big.jsonl" "$base/detect" || true) ;;
  esac
  case $kind in
    sample|gzip)
      [ "$code" = 200 ] && grep -q '"max_risk_level":"CRITICAL"' "$out" && grep -q '"total_events":22,' "$out" \
        && grep -q '"user_arn":"arn:aws:iam::111122223333:user/alice","is_anomaly":false,"risk_score":0,"risk_level":"LOW"' "$out" || verdict=wrong ;;
    population)
      [ "$code" = 200 ] && grep -q '"total_events":1344,' "$out" && grep -q '"ran":true' "$out" || verdict=wrong ;;
    truncated|notjson) [ "$code" = 422 ] && grep -q '"line":' "$out" || verdict=wrong ;;
    empty) [ "$code" = 400 ] || verdict=wrong ;;
    mediatype) [ "$code" = 415 ] || verdict=wrong ;;
    aborted) verdict=aborted ;;
  esac
  echo "$kind $code $time $verdict"
}

kinds=(sample population gzip truncated notjson empty mediatype aborted sample gzip)
deadline=$(( $(date +%s) + seconds ))
for c in $(seq 1 "$clients"); do
  (
    i=$c
    while [ "$(date +%s)" -lt "$deadline" ]; do
      request "${kinds[$(( i % ${#kinds[@]} ))]}"
      i=$(( i + 7 ))
    done > "$work/client.$c.log"
  ) &
done

peak_rss=$idle
while [ "$(date +%s)" -lt "$deadline" ]; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$service/status" 2>/dev/null || echo 0)
  [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
  sleep 1
done
wait $(jobs -p | grep -v "^$service$") 2>/dev/null || true
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$service/status")
health=$(curl -s -o /dev/null -w '%{http_code}' "$base/health")

cat "$work"/client.*.log > "$work/all.log"
echo
echo "requests: $(wc -l < "$work/all.log")"
awk '{print $1, $2}' "$work/all.log" | sort | uniq -c | awk '{printf "  %-11s status %s: %d\n", $2, $3, $1}'
fivexx=$(awk '$2 ~ /^5/' "$work/all.log" | wc -l)
wrong=$(awk '$4 == "wrong"' "$work/all.log" | wc -l)
echo "latency (s) by kind: p50 p95 p99 max"
for kind in sample gzip population truncated notjson empty mediatype; do
  awk -v k="$kind" '$1 == k {print $3}' "$work/all.log" | sort -n | awk -v k="$kind" '
    function at(q,   i) { i = int(NR * q) + 1; if (i > NR) i = NR; return v[i] }
    { v[NR] = $1 }
    END { if (NR > 0) printf "  %-11s %.3f %.3f %.3f %.3f (n=%d)\n", k, at(0.5), at(0.95), at(0.99), v[NR], NR }'
done
echo "5xx answers: $fivexx"
echo "wrong answers: $wrong"
echo "service memory: idle $((idle / 1024)) MB, peak RSS sampled $((peak_rss / 1024)) MB, VmHWM $((hwm / 1024)) MB (peak above idle $(( (hwm - idle) / 1024 )) MB)"
echo "health after soak: $health"
if [ "$wrong" -gt 0 ]; then awk '$4 == "wrong"' "$work/all.log" | head -5; fi
[ "$fivexx" -eq 0 ] && [ "$wrong" -eq 0 ] && [ "$health" = 200 ]
