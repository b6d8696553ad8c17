#!/usr/bin/env bash
# HTTP benchmark: sowflow on loopback against nginx (one worker, `return 200`)
# as the ceiling, in the same run, with wrk. Prints req/s and p50/p99 for
#   GET /a/{token}                         (acceptance page render)
#   GET /api/v1/engagements/{id}           (JSON, bearer auth = one store read)
#   POST /a/{token}/accept, distinct submissions (durable append each)
# at 64 connections, plus the bare SQLite commit loop and the start-up
# catch-up of N overdue windows (catchup_bench).
#   bench/http_bench.sh [BUILD_DIR] [DURATION] [DECISION_ENGAGEMENTS] [CATCHUP_WINDOWS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
duration=${2:-10s}
engagements=${3:-6000}
catchup=${4:-100000}
sowflow=$build/server/sowflow
fixture=$build/bench/http_fixture_bench
catchup_bin=$build/bench/catchup_bench
for tool in wrk nginx; do command -v $tool >/dev/null || { echo "need $tool (scripts/install-deps --test)"; exit 1; }; done

work=$(mktemp -d /tmp/sowflow-http-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port_sowflow=18080
port_nginx=18081
echo "== machine: $(nproc) cores, $(uname -r); wrk 2 threads, 64 connections, $duration each"

# --- nginx ceiling -----------------------------------------------------------
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$port_nginx; location / { return 200 "ok\n"; } }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)

# --- sowflow over a prepared store -------------------------------------------
# Filled on tmpfs (fast), then copied to the real disk the server runs on.
mkdir -p "$work/data"
"$fixture" "sqlite:/dev/shm/sowflow-http-bench.db" "$engagements" "$work/tokens.txt" \
  "http://127.0.0.1:$port_sowflow" > "$work/fixture.out"
cp /dev/shm/sowflow-http-bench.db* "$work/data/" 2>/dev/null; rm -f /dev/shm/sowflow-http-bench.db*
for f in "$work"/data/sowflow-http-bench.db*; do
  b=$(basename "$f"); mv "$f" "$work/data/${b/sowflow-http-bench/sowflow}"; done
# Written back now, not by the kernel's flusher (after 30 s) in the middle of
# the decisions' run, where it queued the commits' fsyncs behind the copy.
sync
read -r engagement_kv token_kv < "$work/fixture.out"
engagement=${engagement_kv#engagement=}
owner=${token_kv#owner_token=}
printf 'sowflow.log.level = warning\nsowflow.http.max_threads = 80\n' > "$work/sowflow.properties"
"$sowflow" serve --config "$work/sowflow.properties" --db "sqlite:$work/data/sowflow.db" \
  --listen 127.0.0.1:$port_sowflow --public-url "http://127.0.0.1:$port_sowflow" \
  --test-clock=2026-09-29T12:00:00+08:00 > "$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port_sowflow/healthz" >/dev/null && break; sleep 0.2; done
sleep 0.5

page_token=$(head -1 "$work/tokens.txt")
tail -n +2 "$work/tokens.txt" > "$work/decide.txt"

cat > "$work/decide.lua" <<'LUA'
-- Each wrk thread posts accept decisions on its own slice of distinct links.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local threads, next_id = {}, 1
function setup(thread) thread:set("tid", next_id); next_id = next_id + 1; threads[#threads + 1] = thread end
function init(args) i = tid; step = 2; exhausted = 0 end
function request()
  local t = tokens[i]
  if t == nil then exhausted = exhausted + 1; i = tid; t = tokens[i] end
  i = i + step
  return wrk.format("POST", "/a/" .. t .. "/accept",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json"}, "comment=ok")
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    if thread:get("exhausted") > 0 then io.write("WARNING: ran out of distinct links; rerun with more\n") end
  end
end
LUA

ceiling=""
report() {  # name, wrk output; the first call is the nginx ceiling
  local rps p50 p99 non2xx ratio
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$2")
  p50=$(awk '$1=="50%" {print $2}' <<<"$2")
  p99=$(awk '$1=="99%" {print $2}' <<<"$2")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$2")
  [ -n "$ceiling" ] || ceiling=$rps
  ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   non-2xx %-6s %s of nginx\n' \
    "$1" "$rps" "$p50" "$p99" "${non2xx:-0}" "$ratio"
}
# The same wrk settings for every target, nginx included: 2 threads, 64 keep-alive connections.
run() { wrk -t2 -c64 -d"$duration" --latency "$@" 2>&1; }

echo "== HTTP (64 connections)"
report "nginx return 200 (ceiling)" "$(run "http://127.0.0.1:$port_nginx/")"
report "sowflow GET /healthz" "$(run "http://127.0.0.1:$port_sowflow/healthz")"
report "sowflow GET /a/{token}" "$(run "http://127.0.0.1:$port_sowflow/a/$page_token")"
report "sowflow GET /api/v1/engagements/{id}" \
  "$(run -H "Authorization: Bearer $owner" "http://127.0.0.1:$port_sowflow/api/v1/engagements/$engagement")"
out=$(TOKENS="$work/decide.txt" run -s "$work/decide.lua" "http://127.0.0.1:$port_sowflow")
report "sowflow POST /a/{token}/accept (durable)" "$out"
grep -q WARNING <<<"$out" && grep WARNING <<<"$out" | head -1
accepted=$(curl -s "http://127.0.0.1:$port_sowflow/metrics" | awk -F' ' '/^sowflow_decisions_total\{kind="accepted"\}/ {print $2}')
echo "   decisions recorded by the server: $accepted"
curl -s "http://127.0.0.1:$port_sowflow/metrics" | grep -E '^sowflow_journal_append_seconds_(sum|count)' | sed 's/^/   /'

echo "== durability floor and start-up catch-up ($catchup overdue windows)"
"$catchup_bin" "$catchup" /dev/shm "$work"
