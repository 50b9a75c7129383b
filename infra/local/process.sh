# shellcheck shell=bash
# The running hub's process and address, and the wrappers long steps run under (a log file, a progress ticker). Sourced by
# ./hub, which defines PID_FILE, URL_FILE, HUB_PORT and PROGRESS_SECONDS.

# A plain HTTP GET over bash's /dev/tcp, so the script needs no curl. Takes the hub's URL (http://127.0.0.1:PORT) and a
# path; prints the status code.
http_status() {
  local url=$1 path=$2 line port
  port=${url##*:}
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
  IFS= read -r -t 10 line <&3 || line=""
  exec 3<&- 3>&-
  line=${line%$'\r'}
  echo "${line#* }" | cut -d' ' -f1
}

hub_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# The running hub's URL as `up` recorded it; with no hub running, where `up` would start one (HUB_PORT, default 7071).
hub_url() {
  if [ -s "$URL_FILE" ] && hub_pid >/dev/null; then cat "$URL_FILE"; else echo "http://127.0.0.1:$HUB_PORT"; fi
}

# Runs a command with its output (both streams) in a file.
logged_to() {
  local log=$1; shift
  "$@" >"$log" 2>&1
}

# Runs a command and, while it runs, says on stderr every PROGRESS_SECONDS what it is doing and for how long, so that a
# long step (a first build, a benchmark) is not mistaken for a hung one. The ticker's own output goes nowhere else: a
# caller that captures the command's stdout does not wait for it.
with_progress() {
  local label=$1; shift
  local parent=$$ started; started=$(date +%s)
  (
    while sleep "$PROGRESS_SECONDS" </dev/null >/dev/null 2>&1; do
      kill -0 "$parent" 2>/dev/null || exit 0
      echo "hub: $label, $(( $(date +%s) - started )) s" >&2
    done
  ) </dev/null >/dev/null &
  local ticker=$! status=0
  "$@" || status=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return "$status"
}
