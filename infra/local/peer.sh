# shellcheck shell=bash
# The second hub of `./hub up --peer`: Sichuan (510000) beside the primary Chongqing hub (500000), each with its own
# database (hub, hub_peer) in the local cluster, its own identity-number keys, its own signing key and folder
# (.hub and .hub/peer), registered as each other's peer. Sourced by ./hub, which defines ROOT, HUB_DIR, APP_DIR, HUB_PORT.

PEER_DIR="$HUB_DIR/peer"
PEER_DATABASE=hub_peer
PEER_PORT=${HUB_PEER_PORT:-$((HUB_PORT + 10))}
PRIMARY_REGION=${HUB_REGION:-500000}
PEER_REGION=${HUB_PEER_REGION:-510000}

peer_pid() {
  [ -f "$PEER_DIR/hub.pid" ] || return 1
  local pid; pid=$(cat "$PEER_DIR/hub.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# A signing key pair, made once per hub and kept in its folder (the private half never leaves it; ./hub reset deletes it).
peer_ensure_key() {
  local dir=$1 kid=$2 out
  [ -f "$dir/federation-key.env" ] && return 0
  mkdir -p "$dir"
  out=$(dotnet "$APP_DIR/IntegrationHub.Handler.dll" peer keygen "$kid") || die "could not make a signing key"
  (umask 077
   { grep '^HUB_FEDERATION__' <<<"$out"; printf 'FEDERATION_PUBLIC_KEY=%s\n' "$(sed -n 's/^# public key[^:]*: //p' <<<"$out")"; } \
     > "$dir/federation-key.env")
}

peer_public_key() { sed -n 's/^FEDERATION_PUBLIC_KEY=//p' "$1/federation-key.env"; }
peer_key_id() { sed -n 's/^HUB_FEDERATION__SIGNINGKEYID=//p' "$1/federation-key.env"; }

# The registry of one hub: its region and the other hub, its URL, public key and the agreement (written at every up,
# so a changed port or a rotated key is picked up).
peer_write_registry() {
  local file=$1 own=$2 other=$3 url=$4 kid=$5 public=$6 p=HUB_FEDERATION__PEERS__0__
  {
    echo "HUB_FEDERATION__REGION=$own"
    echo "${p}REGION=$other"
    echo "${p}BASEURL=$url"
    echo "${p}KEYS__0__ID=$kid"
    echo "${p}KEYS__0__PUBLICKEY=$public"
    local i=0 field
    for field in employed employmentForm registeredUnemployedSince difficultyCategories graduateStatus; do
      echo "${p}SERVICES__status__FIELDS__${i}=$field"; i=$((i + 1))
    done
    echo "${p}SERVICES__transfer__FIELDS__0=*"
    echo "${p}SERVICES__events__FIELDS__0=*"
  } > "$file"
}

# Before the primary starts: keys for both hubs, both registries. A primary already running without a peer must restart.
peer_prepare() {
  if hub_pid >/dev/null && [ ! -f "$HUB_DIR/federation.env" ]; then
    die "the hub runs without a peer; ./hub down first, then ./hub up --peer"
  fi
  mkdir -p "$LOG_DIR" "$PEER_DIR/logs"
  build_app
  peer_ensure_key "$HUB_DIR" "cq-1"
  peer_ensure_key "$PEER_DIR" "sc-1"
  [ -f "$PEER_DIR/keys.env" ] || (umask 077; printf 'HUB_PROTECTION__IDENTITYKEY=%s\nHUB_PROTECTION__BLINDINDEXKEY=%s\n' \
    "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" > "$PEER_DIR/keys.env")
  peer_write_registry "$HUB_DIR/federation.env" "$PRIMARY_REGION" "$PEER_REGION" "http://127.0.0.1:$PEER_PORT" \
    "$(peer_key_id "$PEER_DIR")" "$(peer_public_key "$PEER_DIR")"
  peer_write_registry "$PEER_DIR/federation.env" "$PEER_REGION" "$PRIMARY_REGION" "http://127.0.0.1:$HUB_PORT" \
    "$(peer_key_id "$HUB_DIR")" "$(peer_public_key "$HUB_DIR")"
}

# Runs a command in the peer's environment only: nothing of the primary's keys or registry leaks into it.
peer_env() {
  (
    local name
    for name in $(compgen -e); do
      case "$name" in HUB_FEDERATION__* | HUB_PROTECTION__*) unset "$name" ;; esac
    done
    set -a
    # shellcheck disable=SC1091
    . "$PEER_DIR/keys.env"; . "$PEER_DIR/federation-key.env"; . "$PEER_DIR/federation.env"
    set +a
    HUB_DATABASE__CONNECTIONSTRING=$(pg_connection "$PEER_DATABASE") \
    HUB_FUNCTIONSROOT="$ROOT/functions" \
    HUB_EXCHANGE__ROOT="$PEER_DIR/exchange" \
    HUB_PORT="$PEER_PORT" \
    HUB_EVENTS__ALLOWLOOPBACKHTTP=true \
    ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
    DOTNET_EnableWriteXorExecute=${DOTNET_EnableWriteXorExecute:-0} \
    "$@"
  )
}

peer_up() {
  local url="http://127.0.0.1:$PEER_PORT"
  if ! peer_pid >/dev/null; then
    port_in_use "$PEER_PORT" && die "port $PEER_PORT (the peer's) is in use; choose another: HUB_PEER_PORT=... ./hub up --peer"
    pg_ensure_database "$PEER_DATABASE"
    peer_env dotnet "$APP_DIR/IntegrationHub.Handler.dll" credentials --out "$PEER_DIR/credentials.json" >/dev/null \
      || die "could not migrate the peer's database or write its credentials"
    echo "hub: starting the peer hub ($PEER_REGION) on $url" >&2
    rm -f "$PEER_DIR/hub.pid"
    peer_env setsid bash -c 'echo $$ > "$1"; exec dotnet "$2"' _ "$PEER_DIR/hub.pid" "$APP_DIR/IntegrationHub.Handler.dll" \
      >>"$PEER_DIR/logs/hub.log" 2>&1 < /dev/null &
    for _ in $(seq 1 50); do [ -s "$PEER_DIR/hub.pid" ] && break; sleep 0.1; done
    echo "$url" > "$PEER_DIR/hub.url"
    local waited=0
    until [ "$(http_status "$url" /api/health 2>/dev/null || true)" = 200 ]; do
      peer_pid >/dev/null || { tail -n 30 "$PEER_DIR/logs/hub.log" >&2; die "the peer hub exited during start-up; see $PEER_DIR/logs/hub.log"; }
      waited=$((waited + 1))
      [ "$waited" -le 120 ] || die "the peer hub did not become healthy within 60 s; see $PEER_DIR/logs/hub.log"
      sleep 0.5
    done
  fi
  cat <<SUMMARY
hub: federation
  $PRIMARY_REGION (this hub)  $(cat "$URL_FILE" 2>/dev/null || echo "http://127.0.0.1:$HUB_PORT")   credentials: $HUB_DIR/credentials.json
  $PEER_REGION (its peer)  $url   credentials: $PEER_DIR/credentials.json   log: $PEER_DIR/logs/hub.log
  each signs with its key in federation-key.env of its folder and knows the other from federation.env
  try: curl -X POST -H "Authorization: Bearer <admin of $PRIMARY_REGION>" -H 'Content-Type: application/json' \\
         -d '{"personId":"P000000001","toRegion":"$PEER_REGION","reason":"moved"}' $(cat "$URL_FILE" 2>/dev/null)/api/transfers
SUMMARY
}

peer_down() {
  if pid=$(peer_pid); then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    echo "hub: stopped the peer hub (pid $pid)"
  fi
  rm -f "$PEER_DIR/hub.pid" "$PEER_DIR/hub.url"
}

# ./hub status: the peer hub of ./hub up --peer (its process), then the running hub's view of each peer it registers
# (GET /api/peers with its admin token: URL, reachable, circuit, last message each way, transfers not done yet).
peer_status() {
  local url=$1
  if pid=$(peer_pid); then
    local peer_url; peer_url=$(cat "$PEER_DIR/hub.url" 2>/dev/null || echo "http://127.0.0.1:$PEER_PORT")
    echo "peer hub ($PEER_REGION): running (pid $pid), health $(http_status "$peer_url" /api/health 2>/dev/null || echo unreachable) at $peer_url"
  fi
  [ -n "$url" ] && [ -f "$HUB_DIR/federation.env" ] && [ -f "$APP_DIR/IntegrationHub.Handler.dll" ] || return 0
  dotnet "$APP_DIR/IntegrationHub.Handler.dll" peer status --url "$url" --credentials "$HUB_DIR/credentials.json" || true
}

# ./hub peer keygen [KID] | verify-log [--peer]: a new signing key pair; the offline check of this hub's (or the peer's)
# message log against the registered keys.
cmd_peer() {
  local sub=${1:-}; shift || true
  case "$sub" in
    keygen)
      [ -f "$APP_DIR/IntegrationHub.Handler.dll" ] || { mkdir -p "$LOG_DIR"; build_app; }
      dotnet "$APP_DIR/IntegrationHub.Handler.dll" peer keygen "$@" ;;
    verify-log)
      [ -f "$APP_DIR/IntegrationHub.Handler.dll" ] || die "build the hub first (./hub up)"
      pg_start >/dev/null
      if [ "${1:-}" = --peer ]; then
        peer_env dotnet "$APP_DIR/IntegrationHub.Handler.dll" peer verify-log
      else
        hub_env dotnet "$APP_DIR/IntegrationHub.Handler.dll" peer verify-log
      fi ;;
    *) die "usage: ./hub peer keygen [KID] | ./hub peer verify-log [--peer]" ;;
  esac
}
