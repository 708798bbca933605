#!/usr/bin/env bash
# Install everything the tests need into .venv and run the whole suite:
# quality gates (ruff, mypy, buf lint/format) and pytest, on SQLite and on a
# PostgreSQL server this script starts (and stops) itself.
#
# ./scripts/test.sh --fast: the fast tier, seconds: ruff, then the domain and every use case over the
# in-memory repositories, the layer rules and the repository contracts (fakes vs SQLite).
# ./scripts/test.sh --quick: the inner loop (about three minutes on two quiet cores): ruff, the
# domain and the use cases in memory, the repository contract and the end-to-end tests on SQLite;
# no mypy, no PostgreSQL, no other languages' toolchains, no browser, no ops checks, and not the
# README walk-throughs (half a minute: grpcurl's and buf curl's). CI runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=""
FAST=""
if [ "${1:-}" = "--quick" ]; then
  QUICK=1
  shift
elif [ "${1:-}" = "--fast" ]; then
  FAST=1
  shift
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]' -c constraints/tools.txt  # exact tool versions

echo "== ruff"
.venv/bin/ruff check src tests scripts
.venv/bin/ruff format --check src tests scripts
if [ -n "$FAST" ]; then
  # The fast tier (cosmicpython's): the domain's rules and every use case over the in-memory repositories,
  # the layer rules, and the repository contracts that hold the fakes equal to SQLite. No server, no network.
  echo "== pytest (fast: the domain and the use cases in memory)"
  exec env -u CI -u LOYALTY_IDENTITY_TEST_POSTGRES_URL .venv/bin/pytest -q tests/unit tests/contract -k "not postgresql" "$@"
fi
if [ -n "$QUICK" ]; then
  echo "== pytest (quick: SQLite only)"
  exec env -u CI -u LOYALTY_IDENTITY_TEST_POSTGRES_URL .venv/bin/pytest -q tests/unit tests/contract tests/e2e tests/security \
    -k "not postgresql" --ignore tests/e2e/test_node_client.py --ignore tests/e2e/test_go_client.py \
    --ignore tests/e2e/test_java_client.py --ignore tests/e2e/test_readme.py --ignore tests/e2e/test_buf_curl.py "$@"
fi
echo "== mypy"
.venv/bin/mypy
echo "== buf"
.venv/bin/buf lint
.venv/bin/buf format --diff --exit-code
.venv/bin/buf breaking --against protos-released/loyalty-identity-v1.binpb  # last release: scripts/release_protos.sh
if ! command -v npm >/dev/null 2>&1; then
  # tests/e2e/test_node_client.py runs the Node client's own tests against a live server.
  echo "== installing Node.js (Debian packages nodejs, npm)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "npm is missing and installing it needs root: apt-get install nodejs npm" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# tests/e2e/test_go_client.py builds the Go client (GOPATH mode over Debian's Go sources: no module
# proxy) and runs its tests against a live server; tests/e2e/test_java_client.py generates the Java code,
# compiles it with javac against Debian's jars and runs a smoke call. golang-github-golang-protobuf-1-5-dev
# is named on purpose: golang-google-grpc-dev accepts 1-3 too, with which a client panics decoding.
GO_JAVA_PACKAGES="golang-go protobuf-compiler protoc-gen-go protoc-gen-go-grpc golang-google-grpc-dev
  golang-github-golang-protobuf-1-5-dev protobuf-compiler-grpc-java-plugin libgrpc-java libprotobuf-java
  libgoogle-common-protos-java libnetty-java libguava-java libperfmark-java libgoogle-gson-java
  libgeronimo-annotation-1.3-spec-java"
missing=""
for package in $GO_JAVA_PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
if ! command -v javac >/dev/null 2>&1; then
  missing="$missing default-jdk-headless"
fi
if [ -n "$missing" ]; then
  echo "== installing the Go and Java client toolchains (Debian packages:$missing)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "installing them needs root: apt-get install$missing" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # one word per package
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
# tests/browser/test_console.py drives the console in Debian's headless Chromium through Debian's chromedriver
# (Selenium is given its path: nothing is downloaded).
missing=""
for package in chromium chromium-driver; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
if [ -n "$missing" ]; then
  echo "== installing Chromium for the console's browser tests (Debian packages:$missing)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "installing them needs root: apt-get install$missing" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # one word per package
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
# tests/ops/ checks deploy/prometheus/ (and the dashboard's queries) with promtool, from Debian's prometheus
# package (its recommended exporters are not needed).
if ! command -v promtool >/dev/null 2>&1; then
  echo "== installing promtool for the ops kit's tests (Debian package prometheus)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "promtool is missing and installing it needs root: apt-get install prometheus" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
# tests/e2e/test_pgbouncer.py runs the end-to-end suite's PostgreSQL part through PgBouncer in transaction
# mode (Debian package pgbouncer; the tests start their own, the package's service is not used).
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "== installing PgBouncer (Debian package pgbouncer)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "pgbouncer is missing and installing it needs root: apt-get install pgbouncer" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
  # Debian starts its own pgbouncer on port 6432: the tests do not need it.
  systemctl disable --now pgbouncer >/dev/null 2>&1 || true
fi
echo "== PostgreSQL"
. scripts/postgres.sh
start_postgres
echo "== pytest"
# pytest exits 5 when it collects nothing: that must fail too, and does (non-zero).
# Not exec: the EXIT trap stops PostgreSQL afterwards.
.venv/bin/pytest "$@"
