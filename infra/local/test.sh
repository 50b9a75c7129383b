# shellcheck shell=bash
# ./hub test: the build, the test projects against the local cluster, the contract checks and the scan for identity
# numbers in what the hub wrote meanwhile; ends with "N passed, N failed". Sourced by ./hub, which defines ROOT, HUB_DIR and
# the helpers it uses (need_dotnet, with_progress, logged_to, the pg_* functions of postgres.sh).

need_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  echo "hub: installing Node.js and npm from Debian's packages (the contract validators need them)" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >&2
}

# Runs a checker that ends with "<name>: N passed, N failed" and adds its counts to the totals; a checker that dies counts as a failure.
tally() {
  local log=$1; shift
  local found line
  found=$("$@" 2>&1 | tee "$log" | grep -E '^FAIL|passed, [0-9]+ failed') || true
  [ -n "$found" ] && printf '%s\n' "$found"
  line=$(printf '%s\n' "$found" | tail -n 1)
  if [[ "$line" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  else
    echo "hub: $* did not finish; see $log" >&2
    failed=$((failed + 1))
  fi
}

# What the hub wrote while the tests ran, gathered into DIR for the identity-number scan: the part of PostgreSQL's log
# written meanwhile (from byte OFFSET) and, from every database the suite created (not named in BEFORE), its audit
# entries, its stored batch reports and line problems, and its delivery errors, a row a line. Test databases are not
# dropped after the suite (the event checks read them too), so they are all still there.
collect_for_scan() {
  local dir=$1 offset=$2 before=$3 pg_log; pg_log="$(pg_home)/postgres.log"
  mkdir -p "$dir/db"
  tail -c +"$((offset + 1))" "$pg_log" > "$dir/postgres.log" 2>/dev/null || true
  local database
  for database in $(pg_psql -d postgres -c "SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn ORDER BY 1"); do
    grep -qxF "$database" "$before" && continue
    mkdir -p "$dir/db/$database"
    # A table or column a migration has not made (yet) is skipped: to_regclass and to_jsonb(row)->'column' never fail.
    # Identity numbers' keys and ciphers (bytea, printed as hex) are left to the scanner's hexadecimal rule.
    pg_psql -d "$database" <<SQL >/dev/null || echo "hub: could not read $database for the scan" >&2
SELECT to_regclass('audit_log') IS NOT NULL AS present \\gset
\\if :present
\\o $dir/db/$database/audit_log.ndjson
SELECT to_jsonb(t)::text FROM audit_log t ORDER BY to_jsonb(t)->'seq';
\\o
\\endif
SELECT to_regclass('intake_batch') IS NOT NULL AS present \\gset
\\if :present
\\o $dir/db/$database/intake_batch.ndjson
SELECT (to_jsonb(t) - 'content_hash')::text FROM intake_batch t;
\\o
\\endif
SELECT to_regclass('intake_line') IS NOT NULL AS present \\gset
\\if :present
\\o $dir/db/$database/intake_line.problems.ndjson
SELECT jsonb_build_object('batchId', t->'batch_id', 'line', t->'line_no', 'problems', t->'problems')::text
FROM (SELECT to_jsonb(l) AS t FROM intake_line l) lines WHERE t->'problems' IS NOT NULL AND t->'problems' <> 'null';
\\o
\\endif
SELECT to_regclass('delivery') IS NOT NULL AS present \\gset
\\if :present
\\o $dir/db/$database/delivery.last_error.txt
SELECT t->>'last_error' FROM (SELECT to_jsonb(d) AS t FROM delivery d) deliveries WHERE t->>'last_error' IS NOT NULL;
\\o
\\endif
SQL
  done
}

cmd_test() {
  need_dotnet
  pg_start
  chromium_install
  export HUB_CHROMIUM="$CHROMIUM_BIN"
  export HUB_TEST_DATABASE; HUB_TEST_DATABASE=$(pg_connection "$TEST_DATABASE")
  local results="$HUB_DIR/test-results"
  rm -rf "$results"; mkdir -p "$results"
  export HUB_CAPTURE_PEER_RESPONSES="$results/peer-responses"
  export HUB_CAPTURE_RESPONSES="$results/responses" HUB_CAPTURE_EVENTS="$results/events" HUB_CAPTURE_DELIVERED="$results/delivered"
  export HUB_TEST_LOGS="$results/logs"
  local passed=0 failed=0 skipped=0 counters status=0
  echo "hub: building the solution (its log is $results/build.log)" >&2
  if ! with_progress "still building" logged_to "$results/build.log" dotnet build "$ROOT/IntegrationHub.sln" -nologo -v quiet; then
    cat "$results/build.log" >&2
    echo "hub: the build failed" >&2
    echo "0 passed, 1 failed"
    return 1
  fi
  # The databases of earlier runs are dropped: each run makes a few hundred, and they would pile up without end.
  pg_psql -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 't\_%'" | while read -r stale; do
    if [ -n "$stale" ]; then pg_psql -d postgres -c "DROP DATABASE IF EXISTS \"$stale\" WITH (FORCE)" >/dev/null; fi
  done
  # Where this run starts, so that the scan reads only what the hub wrote during it.
  local pg_log_offset; pg_log_offset=$(stat -c %s "$(pg_home)/postgres.log" 2>/dev/null || echo 0)
  pg_psql -d postgres -c "SELECT datname FROM pg_database" > "$results/databases-before.txt"
  echo "hub: running the tests" >&2
  dotnet test "$ROOT/IntegrationHub.sln" --no-build -nologo --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "$@" || status=$?
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    skipped=$((skipped + $(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")))
  done
  # The contract documents, checked by real validators from npm, and the responses the tests captured against them.
  need_node
  tally "$results/contracts.log" "$ROOT/contracts/tools/check"
  tally "$results/responses.log" node "$ROOT/contracts/tools/check-responses.mjs" "$ROOT/contracts/openapi.yaml" "$HUB_CAPTURE_RESPONSES" \
    ${1:+--partial}
  tally "$results/peer-responses.log" node "$ROOT/contracts/tools/check-responses.mjs" "$ROOT/contracts/peer-openapi.yaml" \
    "$HUB_CAPTURE_PEER_RESPONSES" --partial
  tally "$results/events.log" node "$ROOT/contracts/tools/check-events.mjs" "$ROOT/contracts" "$HUB_CAPTURE_EVENTS" ${1:+--partial}
  tally "$results/delivered.log" node "$ROOT/contracts/tools/check-delivered.mjs" "$ROOT/contracts" "$HUB_CAPTURE_DELIVERED" \
    ${1:+--partial}
  # No identity number in anything the hub wrote: its logs, PostgreSQL's, audit entries, reports, responses, deliveries.
  collect_for_scan "$results/scan" "$pg_log_offset" "$results/databases-before.txt"
  tally "$results/scan-self-test.log" node "$ROOT/contracts/tools/scan-identity-numbers.mjs" --self-test
  tally "$results/scan.log" node "$ROOT/contracts/tools/scan-identity-numbers.mjs" --base "$results" \
    "$HUB_TEST_LOGS" "$results/scan" "$HUB_CAPTURE_RESPONSES" "$HUB_CAPTURE_EVENTS" "$HUB_CAPTURE_DELIVERED"
  local summary="$passed passed, $failed failed"
  [ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
  echo
  echo "$summary"
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
