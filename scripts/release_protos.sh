#!/usr/bin/env bash
# Record the protos as released: scripts/test.sh runs `buf breaking` against this
# snapshot, so once a version is out no change may break its clients.
#
#   scripts/release_protos.sh VERSION          # snapshot the protos of the working tree (at release time)
#   scripts/release_protos.sh VERSION REF      # snapshot the protos of git commit REF
#
# VERSION names the contract release in CHANGELOG.md (for example 1.1.0). The
# snapshot is a buf image (the FileDescriptorSet of our files and what they
# import, no source info: compact and byte-for-byte reproducible), read offline.
# The snapshot it replaces moves to protos-released/history/, named by the
# version it was released as (its .source file's first line), so that
# tests/e2e/test_proto_hygiene.py can prove every release wire- and
# JSON-compatible with all earlier ones. Commit protos-released/ whole with the
# release, and its CHANGELOG.md entry.
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT=$PWD
BUF=${BUF:-.venv/bin/buf}
# buf runs from another folder below: make a path to it absolute (a bare name stays on PATH).
if [[ $BUF == */* ]]; then BUF=$(realpath "$BUF"); fi
SNAPSHOT=protos-released/loyalty-identity-v1.binpb
SOURCE=${SNAPSHOT%.binpb}.source
HISTORY=protos-released/history
VERSION=${1:?usage: scripts/release_protos.sh VERSION [REF]}
REF=${2:-}
if ! [[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "VERSION must look like 1.2.0, not $VERSION" >&2
  exit 2
fi

source_dir=.
origin="working tree at $(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [ -n "$REF" ]; then
  source_dir=$(mktemp -d)
  trap 'rm -rf "$source_dir"' EXIT
  # The whole tree of REF: buf.yaml names module folders besides protos/ (third_party/googleapis).
  git archive "$REF" | tar -x -C "$source_dir"
  origin="commit $(git rev-parse "$REF^{commit}")"
fi

mkdir -p "$(dirname "$SNAPSHOT")" "$HISTORY"
if [ -f "$SNAPSHOT" ]; then
  previous=$(sed -n 's/^version \([0-9.]*\)$/\1/p' "$SOURCE")
  if [ -z "$previous" ]; then
    echo "$SOURCE names no version: cannot file the previous snapshot in $HISTORY" >&2
    exit 1
  fi
  if [ "$previous" = "$VERSION" ]; then
    echo "$VERSION is already the released version: pick the next one" >&2
    exit 1
  fi
  cp "$SNAPSHOT" "$HISTORY/loyalty-identity-v1-$previous.binpb"
  cp "$SOURCE" "$HISTORY/loyalty-identity-v1-$previous.source"
fi
# --path: only our package is the released contract (vendored googleapis files
# come in as imports where used, never as files of their own).
(cd "$source_dir" && "$BUF" build --path protos/loyalty --exclude-source-info -o "$ROOT/$SNAPSHOT")
printf 'version %s\n%s\n' "$VERSION" "$origin" >"$SOURCE"
echo "wrote $SNAPSHOT (version $VERSION) from the protos of the $origin"
