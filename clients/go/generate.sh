#!/bin/sh
# Generates gen/ (the Go code of ../../protos) with protoc, protoc-gen-go and
# protoc-gen-go-grpc (Debian: protobuf-compiler, protoc-gen-go, protoc-gen-go-grpc).
#
#   ./generate.sh          rewrite gen/
#   ./generate.sh --check  exit 1 if gen/ differs from what the protos give
#
# The Go import path is go.mod's module path + /gen/loyalty/identity/v1. The protos'
# go_package still names the old loyalty-identity/clients/go/... path (changing it is a
# breaking change for buf, and the protos are released), so M options override it;
# paths=source_relative puts loyalty/identity/v1/*.proto in gen/loyalty/identity/v1/.
# The google/api protos they import (field behaviour, resources) are found in
# third_party/googleapis and not generated: their Go package is genproto's
# google.golang.org/genproto/googleapis/api/annotations.
set -eu
cd "$(dirname "$0")"
ROOT=../..
for tool in protoc protoc-gen-go protoc-gen-go-grpc; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: apt-get install protobuf-compiler protoc-gen-go protoc-gen-go-grpc)" >&2; exit 1; }
done
MODULE=$(sed -n 's/^module //p' go.mod)
PROTOS=$(cd "$ROOT/protos" && find loyalty -name '*.proto' | LC_ALL=C sort)
M=$(for f in $PROTOS; do printf 'M%s=%s/gen/%s;identityv1,' "$f" "$MODULE" "$(dirname "$f")"; done)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
protoc -I "$ROOT/protos" -I "$ROOT/third_party/googleapis" \
  --go_out="$out" --go_opt="${M}paths=source_relative" \
  --go-grpc_out="$out" --go-grpc_opt="${M}paths=source_relative" \
  $PROTOS
if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$out" gen >/dev/null 2>&1; then
    diff -r "$out" gen | head -20 >&2 || true
    echo "gen/ is out of date with the protos: run ./generate.sh (clients/go)" >&2
    exit 1
  fi
  echo "gen/ is up to date"
else
  rm -rf gen
  cp -r "$out" gen
  echo "wrote $(find gen -name '*.go' | wc -l) files to gen/"
fi
