#!/usr/bin/env bash
# A local Redis for routing-lab's job queue (BullMQ needs Redis >= 6.2).
#   scripts/redis.sh start PORT   starts redis-server on 127.0.0.1:PORT (data in .cache/redis-PORT,
#                                 maxmemory-policy noeviction, as BullMQ requires) and prints
#                                 redis://127.0.0.1:PORT as its last line
#   scripts/redis.sh stop PORT    stops it (its data folder stays, so a restart keeps the queue)
# Installs Debian's redis-server package when missing (as root with apt-get, like
# scripts/setup-jupyter.sh does with Jupyter); elsewhere it prints what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
action=${1:-}
port=${2:-}
usage() { echo "usage: scripts/redis.sh start|stop PORT" >&2; exit 2; }
[ "$action" = start ] || [ "$action" = stop ] || usage
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || usage
dir="$root/.cache/redis-$port"
pidfile="$dir/redis.pid"

find_server() {
  for bin in "$(command -v redis-server || true)" /usr/bin/redis-server /usr/local/bin/redis-server; do
    [ -n "$bin" ] && [ -x "$bin" ] && { echo "$bin"; return 0; }
  done
  return 1
}

# Is something answering PING on the port? (bash's /dev/tcp: no redis-cli needed)
answers() {
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  local reply=""
  read -r -t 1 reply <&3 || true
  exec 3<&- 3>&-
  [[ "$reply" == +PONG* ]]
}

if [ "$action" = stop ]; then
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -0 "$pid" 2>/dev/null && { echo "redis.sh: redis-server (pid $pid) did not stop" >&2; exit 1; }
    echo "redis.sh: stopped redis-server on 127.0.0.1:$port"
  else
    echo "redis.sh: no redis-server of ours runs on port $port"
  fi
  exit 0
fi

if ! server=$(find_server); then
  if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "redis.sh: installing Debian package redis-server" >&2
    export DEBIAN_FRONTEND=noninteractive
    # apt-get update only when the package lists cannot offer it yet.
    if ! apt-cache show redis-server >/dev/null 2>&1; then apt-get update -qq; fi
    apt-get install -y -qq --no-install-recommends redis-server >/dev/null || {
      apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    }
    server=$(find_server) || { echo "redis.sh: installed redis-server but cannot find it" >&2; exit 1; }
  else
    cat >&2 <<MSG
redis.sh: redis-server is missing and cannot be installed here (apt-get as root on Debian/Ubuntu).
Install Redis >= 6.2, then run this again:
  Debian/Ubuntu:  sudo apt-get install redis-server
  macOS:          brew install redis
  elsewhere:      https://redis.io/docs/latest/operate/oss_and_stack/install/
MSG
    exit 1
  fi
fi

mkdir -p "$dir"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && answers; then
  echo "redis.sh: redis-server already runs on 127.0.0.1:$port" >&2
else
  if answers; then
    echo "redis.sh: port $port is taken by another server; choose another port" >&2
    exit 1
  fi
  # Localhost only, no persistence beyond the data folder; noeviction: BullMQ must never lose keys.
  "$server" --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
    --pidfile "$pidfile" --logfile "$dir/redis.log" --maxmemory-policy noeviction \
    --save "" --appendonly yes --protected-mode yes >/dev/null
  for _ in $(seq 1 100); do answers && break; sleep 0.05; done
  answers || { echo "redis.sh: redis-server did not start; see $dir/redis.log" >&2; exit 1; }
fi
echo "redis://127.0.0.1:$port"
