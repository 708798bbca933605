#!/usr/bin/env bash
# Record the protos as released: scripts/test.sh runs `buf breaking` against this
# snapshot, so once a version is out no change may break its clients.
#
#   scripts/release_protos.sh          # snapshot the protos of the working tree (at release time)
#   scripts/release_protos.sh REF      # snapshot the protos of git commit REF
#
# The snapshot is a buf image (the FileDescriptorSet of our files and what they
# import, no source info: compact and byte-for-byte reproducible), read offline.
# Commit it, and its .source file, with the release.
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT=$PWD
BUF=${BUF:-.venv/bin/buf}
# buf runs from another folder below: make a path to it absolute (a bare name stays on PATH).
if [[ $BUF == */* ]]; then BUF=$(realpath "$BUF"); fi
SNAPSHOT=protos-released/loyalty-identity-v1.binpb
REF=${1:-}

source_dir=.
origin="working tree at $(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [ -n "$REF" ]; then
  source_dir=$(mktemp -d)
  trap 'rm -rf "$source_dir"' EXIT
  # The whole tree of REF: buf.yaml may name module folders besides protos/.
  git archive "$REF" | tar -x -C "$source_dir"
  origin="commit $(git rev-parse "$REF^{commit}")"
fi

mkdir -p "$(dirname "$SNAPSHOT")"
# --path: only our package is the released contract (vendored googleapis files
# come in as imports where used, never as files of their own).
(cd "$source_dir" && "$BUF" build --path protos/loyalty --exclude-source-info -o "$ROOT/$SNAPSHOT")
echo "$origin" >"${SNAPSHOT%.binpb}.source"
echo "wrote $SNAPSHOT from the protos of the $origin"
