# shellcheck shell=bash
# ./hub bench, generate and score: the benchmark project (tests/IntegrationHub.Bench), built in Release and run against the
# running hub. Sourced by ./hub, which defines ROOT, HUB_DIR, LOG_DIR, APP_DIR and the helpers it uses (need_dotnet,
# with_progress, logged_to, hub_pid, hub_url, hub_env, the pg_* functions of postgres.sh, peer_pid of peer.sh).

# The bench, built once per command in Release (saying so while it builds), then run without building again.
build_bench() {
  need_dotnet
  mkdir -p "$LOG_DIR"
  echo "hub: building the bench (its log is $LOG_DIR/bench-build.log)" >&2
  with_progress "still building the bench" logged_to "$LOG_DIR/bench-build.log" \
    dotnet build "$ROOT/tests/IntegrationHub.Bench/IntegrationHub.Bench.csproj" -c Release -nologo -v quiet \
    || { cat "$LOG_DIR/bench-build.log" >&2; die "the bench did not build"; }
}

run_bench() {
  dotnet run --no-build --project "$ROOT/tests/IntegrationHub.Bench" -c Release -- "$@"
}

# True when the arguments ask for help: the command then prints its usage and needs no running hub.
wants_help() {
  local argument
  for argument in "$@"; do case "$argument" in -h|--help) return 0 ;; esac; done
  return 1
}

BENCH_IDENTITY_USAGE="usage: ./hub bench identity [--persons N] [--seed S]
  generate N persons (default 100000), send their records to the running hub, wait until they are linked, export the
  links and score them against the truth
usage: ./hub bench identity --incremental [--rate R] [--seconds S] [--warmup W] [--timeline FILE]
  single-record batches at R/s (200) for S s (30) after W s (30) unmeasured, send -> linked p50/p99"

bench_help() {
  case "${1:-}" in
    identity)
      if [[ " $* " == *" --incremental "* ]]; then build_bench; run_bench incremental --help; else echo "$BENCH_IDENTITY_USAGE"; fi ;;
    intake|events|incremental|abuse|transfer) build_bench; run_bench "$1" --help ;;
    *) bench_usage ;;
  esac
}

# ./hub bench intake [--records N]: needs the running hub (./hub up); prints records/s and the hub's peak memory.
cmd_bench() {
  need_dotnet
  if wants_help "$@"; then bench_help "$@"; return; fi
  [ $# -gt 0 ] || { bench_usage >&2; exit 2; }
  local pid url
  pid=$(hub_pid) || die "the hub is not running: ./hub up first"
  url=$(hub_url)
  if [ "$1" = identity ]; then shift; bench_identity "$pid" "$url" "$@"; return; fi
  if [ "$1" = policy ]; then
    shift
    # On the running hub's database (after a full load: ./hub bench identity --persons 59000 --seed 7).
    with_progress "bench policy running" hub_env dotnet "$APP_DIR/IntegrationHub.Handler.dll" policy-bench \
      --url "$url" --credentials "$HUB_DIR/credentials.json" "$@"
    return
  fi
  if [ "$1" = audit ]; then
    # On the running hub's database: ./hub bench audit [--append N] [--new M] (the entries it adds stay: the log is append-only).
    shift
    with_progress "bench audit running" hub_env dotnet "$APP_DIR/IntegrationHub.Handler.dll" audit-bench "$@"
    return
  fi
  if [ "$1" = exchange ]; then
    # On the running hub's database (after a full load: ./hub bench identity --persons 59000 --seed 7).
    with_progress "bench exchange running" hub_env dotnet "$APP_DIR/IntegrationHub.Handler.dll" exchange-bench
    return
  fi
  build_bench
  local name=$1; shift
  local to_hub=(--url "$url" --credentials "$HUB_DIR/credentials.json")
  case "$name" in
    abuse)
      with_progress "bench abuse running" run_bench abuse "$@" --hub-pid "$pid" "${to_hub[@]}" --database "$(pg_connection "$HUB_DATABASE")" ;;
    graduates|events)
      with_progress "bench $name running" run_bench "$name" "$@" "${to_hub[@]}" --database "$(pg_connection "$HUB_DATABASE")" ;;
    transfer)
      peer_pid >/dev/null || die "the peer hub is not running: ./hub up --peer first"
      with_progress "bench transfer running" run_bench transfer "$@" "${to_hub[@]}" --peer-region "$PEER_REGION" ;;
    *) with_progress "bench running" run_bench "$name" "$@" "${to_hub[@]}" --hub-pid "$pid" ;;
  esac
}

# ./hub bench identity [--persons N] [--seed S]: generate, send, wait until linked, export, score.
# ./hub bench identity --incremental [--rate R] [--seconds S] [--warmup W] [--timeline FILE]: single-record batches at R/s, p50/p99 from send to linked.
bench_identity() {
  local pid=$1 url=$2; shift 2
  if [ "${1:-}" = --incremental ]; then
    shift
    build_bench
    pg_load_env
    # The bench shares the hub's cores, so it runs as lean as the hub (hub_env's setting, for the same reason).
    DOTNET_EnableWriteXorExecute=0 with_progress "bench running" run_bench incremental "$@" --url "$url" \
      --credentials "$HUB_DIR/credentials.json" --database "$(pg_connection "$HUB_DATABASE")" --hub-pid "$pid"
    return
  fi
  local persons=100000 seed=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --persons) persons=$2; shift 2 ;;
      --seed) seed=$2; shift 2 ;;
      *) echo "$BENCH_IDENTITY_USAGE" >&2; exit 2 ;;
    esac
  done
  local dir="$HUB_DIR/bench/identity-$persons-$seed-$(date +%s)"
  cmd_generate --persons "$persons" --seed "$seed" --out "$dir" | tail -n 3
  sed -i "s/\"batchId\":\"gen-/\"batchId\":\"gen-$(basename "$dir")-/" "$dir"/*/*.ndjson
  local records; records=$(($(cat "$dir"/*/*.ndjson | wc -l) - $(ls "$dir"/*/*.ndjson | wc -l)))
  local hwm_before; hwm_before=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  local start; start=$(date +%s.%N)
  with_progress "sending" dotnet "$APP_DIR/IntegrationHub.Handler.dll" send --url "$url" --credentials "$HUB_DIR/credentials.json" \
    --dir "$dir"
  local sent; sent=$(date +%s.%N)
  local waited
  waited=$(with_progress "waiting until every record is linked" \
    dotnet "$APP_DIR/IntegrationHub.Handler.dll" wait-linked --url "$url" --credentials "$HUB_DIR/credentials.json")
  echo "$waited"
  # Linking ended when the counts last changed, not when wait-linked had watched them stay put long enough to be sure.
  local linked; linked=$(awk -v s="$sent" -v w="$(echo "$waited" | sed -n 's/.*settled \([0-9.]*\) s after.*/\1/p')" 'BEGIN { printf "%.3f", s + w }')
  cmd_export links --out "$dir/links.ndjson"
  cmd_score "$dir/truth.csv" "$dir/links.ndjson"
  awk -v r="$records" -v s="$start" -v t="$sent" -v l="$linked" 'BEGIN {
    printf "identity bench: %d records; intake %.1f s, linked %.1f s after the first byte: %.0f records/s end to end\n", r, t - s, l - s, r / (l - s) }'
  echo "hub memory: peak RSS $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") kB (before: $hwm_before kB)"
}

# ./hub generate --persons N --out DIR [--seed S]: a synthetic population, its seven feeds and truth.csv (no hub needed).
cmd_generate() {
  build_bench
  with_progress "generating" run_bench generate --reference-data "$ROOT/../shared/data" "$@"
}

# ./hub score TRUTH LINKS [--json]: pairwise precision, recall and F1 of a linkage against truth.csv.
cmd_score() {
  build_bench
  run_bench score "$@"
}

bench_usage() {
  cat <<USAGE
usage: ./hub bench intake [--records N]: send N generated records (default 200000) as NDJSON to the running hub
       ./hub bench identity [--persons N]: generate, send, wait until linked, export and score (default 100000 persons)
       ./hub bench events [--persons N] [--batch B]: new persons through intake and linking, person.created delivered to a
           local webhook; events/s and p50/p99 latency from the intake reply and from the commit (default 20000)
       ./hub bench identity --incremental [--rate R] [--seconds S] [--warmup W] [--timeline FILE]: single-record batches
           at R/s (200) for S s (30) after W s (30) unmeasured, send -> linked p50/p99; FILE gets each batch's send time
           and latency
       ./hub bench graduates [--graduates N] [--records M]: a 2026 cohort among M records across the feeds; time until the
           ledger, verification, indicators and ratings are complete after the last record, verification accuracy (100000/1000000)
       ./hub bench exchange: time computing every person's comparison findings and twelve months' indicators on the
           running hub's data, each against a ceiling measured in the same run
       ./hub bench policy [--rate R] [--seconds S] [--wait W]: on the running hub's data, every policy decided for every
           subject from scratch against a plain read of the facts; arrival -> policy event p50/p99 at R/s (200) for S s (20)
           against the intake reply latency (re-announces every eligible decision: a bench database only)
       ./hub bench audit [--append N] [--new M]: the audit chain's whole walk against the dashboard's incremental check of
           M new seals (1000), and a plain read of the chain's rows as the ceiling; --append adds N entries first
       ./hub bench COMMAND --help: that benchmark's options
USAGE
}
