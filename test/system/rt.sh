#!/usr/bin/env bash
# A throwaway Request Tracker 5 (Debian packages, SQLite) for system tests and fixtures.
#
#   rt.sh install   install the packages if missing, write the site config, keep a pristine DB
#   rt.sh start     start rt-server on 127.0.0.1:$RT_PORT with a fresh copy of the pristine DB
#   rt.sh stop      stop it
#
# Environment: RT_PORT (default 8971), RT_STATE_DIR (default /tmp/floorwalker-rt, holds the running
# instance's database, caches, pid and log), RT_ROOT_PASSWORD (the RT user root's password, default
# floorwalker-root, set in the pristine DB by install). Only install needs root, and only when
# something is missing. Idempotent: running any subcommand twice is harmless. One instance per
# state dir and port: give parallel runs their own RT_PORT and RT_STATE_DIR.
set -euo pipefail

PORT="${RT_PORT:-8971}"
STATE_DIR="${RT_STATE_DIR:-/tmp/floorwalker-rt}"
ROOT_PASSWORD="${RT_ROOT_PASSWORD:-floorwalker-root}"
# It is written into Perl and debconf lines unquoted.
if [[ ! "$ROOT_PASSWORD" =~ ^[A-Za-z0-9._-]{8,}$ ]]; then
  echo "rt.sh: RT_ROOT_PASSWORD must be 8 or more of A-Z a-z 0-9 . _ -" >&2
  exit 2
fi

PACKAGES=(request-tracker5 rt5-db-sqlite rt5-standalone)
SITE_CONFIG=/etc/request-tracker5/RT_SiteConfig.d/90-floorwalker-test.pm
# Debian's dbconfig-common keeps the SQLite database here.
PACKAGE_DB=/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb
PRISTINE_DB=/var/lib/floorwalker-rt/pristine.sqlite
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server

PID_FILE="$STATE_DIR/rt-server.pid"
LOG_FILE="$STATE_DIR/rt-server.log"
SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

log() { printf 'rt.sh: %s\n' "$*" >&2; }

packages_installed() {
  local package status
  for package in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || return 1
  done
}

require_root() {
  if [[ "$(id -u)" -ne 0 ]]; then
    log "$1 needs root. As root, run:"
    printf '  env RT_PORT=%q RT_ROOT_PASSWORD=%q %q install\n' "$PORT" "$ROOT_PASSWORD" "$SELF" >&2
    exit 3
  fi
}

install_packages() {
  if packages_installed; then
    return
  fi
  require_root "Installing Request Tracker"
  log "installing ${PACKAGES[*]}"

  # Answers for the package's questions; the site config below overrides the web settings.
  debconf-set-selections <<EOF
request-tracker5 request-tracker5/dbconfig-install boolean true
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/initial-root-password password $ROOT_PASSWORD
request-tracker5 request-tracker5/rtname string floorwalker.test
request-tracker5 request-tracker5/organization string floorwalker.test
request-tracker5 request-tracker5/correspondaddress string support@floorwalker.test
request-tracker5 request-tracker5/commentaddress string support-comment@floorwalker.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1:$PORT
request-tracker5 request-tracker5/webpath string
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
EOF

  # Keep the install from starting services (exim4 comes along as a dependency). An existing
  # policy (a container image's) is left alone.
  local own_policy=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=true
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi

  local apt=(apt-get -o DPkg::Lock::Timeout=120)
  if ! apt-cache show request-tracker5 >/dev/null 2>&1 \
    || apt-cache policy request-tracker5 | grep -q 'Candidate: (none)'; then
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -q
  fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -q --no-install-recommends "${PACKAGES[@]}"

  if [[ "$own_policy" == true ]]; then
    rm -f /usr/sbin/policy-rc.d
    trap - EXIT
  fi
}

# Serve at path '' (under the default /rt, REST 2.0 answered with the login page). Web settings
# and the database read the environment `start` sets, so one config serves any port and state dir;
# without that environment (RT's own tools) the package's database is used.
write_site_config() {
  local config
  config="$(cat <<EOF
# Written by floorwalker test/system/rt.sh: a local test instance, not for production.
my \$port = \$ENV{FLOORWALKER_RT_PORT} || $PORT;
Set(\$WebPath, '');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, \$port);
Set(\$WebBaseURL, "http://127.0.0.1:\$port");
# Never call sendmail: outgoing mail is written to files instead.
Set(\$MailCommand, 'testfile');
if (my \$state = \$ENV{FLOORWALKER_RT_STATE_DIR}) {
    Set(\$DatabaseName, "\$state/rt.sqlite");
    Set(\$MasonDataDir, "\$state/mason_data");
    Set(\$MasonSessionDir, "\$state/session_data");
}
1;
EOF
)"
  if [[ -f "$SITE_CONFIG" && "$(cat "$SITE_CONFIG")" == "$config" ]]; then
    return
  fi
  require_root "Writing $SITE_CONFIG"
  printf '%s\n' "$config" >"$SITE_CONFIG"
  chmod 644 "$SITE_CONFIG"
}

# What every test instance starts with, on top of the freshly installed database: privileged users
# may work tickets (so tests can make agents who own and answer them) and root has a known password.
initial_data() {
  cat <<EOF
# Written by floorwalker test/system/rt.sh.
@ACL = map { { GroupDomain => 'SystemInternal', GroupType => 'Privileged', Right => \$_ } }
    qw(SeeQueue ShowTicket ShowTicketComments OwnTicket ReplyToTicket CommentOnTicket ModifyTicket CreateTicket Watch);
@Final = (sub {
    my \$root = RT::User->new(RT->SystemUser);
    \$root->Load('root');
    my (\$ok, \$message) = \$root->SetPassword('$ROOT_PASSWORD');
    die "setting root's password: \$message" unless \$ok;
});
EOF
}

# A copy of the installed database with the initial data applied, so every start begins from the
# same state. Rebuilt when the initial data changes.
keep_pristine_db() {
  local data_file="$PRISTINE_DB.initialdata"
  if [[ -f "$PRISTINE_DB" && -f "$data_file" && "$(cat "$data_file")" == "$(initial_data)" ]]; then
    return
  fi
  require_root "Building the pristine database"
  local work
  work="$(mktemp -d)"
  cp "$PACKAGE_DB" "$work/rt.sqlite"
  initial_data >"$work/initialdata"
  FLOORWALKER_RT_STATE_DIR="$work" /usr/sbin/rt-setup-database-5 \
    --action insert --skip-create --datafile "$work/initialdata" >"$work/setup.log" 2>&1 \
    || { cat "$work/setup.log" >&2; rm -rf "$work"; exit 1; }
  mkdir -p "$(dirname "$PRISTINE_DB")"
  install -m 644 "$work/rt.sqlite" "$PRISTINE_DB"
  install -m 644 "$work/initialdata" "$data_file"
  rm -rf "$work"
}

cmd_install() {
  install_packages
  write_site_config
  keep_pristine_db
}

# Checks the command line too, so a stale pid file never leads to signalling another process.
server_running() {
  [[ -f "$PID_FILE" ]] && grep -qa rt-server "/proc/$(cat "$PID_FILE")/cmdline" 2>/dev/null
}

cmd_stop() {
  if server_running; then
    local pid
    pid="$(cat "$PID_FILE")"
    # The server leads its own process group (setsid): stop its workers with it, at once.
    kill -- "-$pid"
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid"
    fi
    log "stopped rt-server (pid $pid)"
  fi
  rm -f "$PID_FILE"
}

cmd_start() {
  if ! packages_installed || [[ ! -f "$SITE_CONFIG" || ! -f "$PRISTINE_DB" ]]; then
    cmd_install
  fi
  cmd_stop
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
    log "something else answers on 127.0.0.1:$PORT; choose another RT_PORT"
    exit 1
  fi

  # Fresh state on every start: the pristine DB, no sessions, no cached data. Compiled templates
  # (mason_data/obj) do not depend on the data and are kept, which saves seconds on the first pages.
  rm -rf "$STATE_DIR/mason_data/cache" "$STATE_DIR/session_data" "$STATE_DIR/rt.sqlite" "$LOG_FILE"
  mkdir -p "$STATE_DIR/mason_data" "$STATE_DIR/session_data"
  cp "$PRISTINE_DB" "$STATE_DIR/rt.sqlite"

  FLOORWALKER_RT_PORT="$PORT" FLOORWALKER_RT_STATE_DIR="$STATE_DIR" \
    setsid "$RT_SERVER" --host 127.0.0.1 --port "$PORT" --max-workers 2 \
    >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"

  local url="http://127.0.0.1:$PORT/NoAuth/Login.html"
  for _ in $(seq 120); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      log "ready at http://127.0.0.1:$PORT (pid $(cat "$PID_FILE"), log $LOG_FILE)"
      return
    fi
    if ! server_running; then
      break
    fi
    sleep 0.5
  done
  log "rt-server did not answer $url; its log:"
  cat "$LOG_FILE" >&2 || true
  cmd_stop
  exit 1
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 install|start|stop" >&2
    exit 2
    ;;
esac
