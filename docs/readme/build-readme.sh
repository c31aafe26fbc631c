#!/usr/bin/env bash
# README.md is assembled from the sections in this folder, in reading order: edit a section, then run this.
set -euo pipefail
cd "$(dirname "$0")"
out=../../README.md
: > "$out"
for f in 00-intro.md protocol.md 10-api.md 20-settings.md client.md operations.md 30-reliability.md performance.md \
         security.md scale-out.md 90-project.md; do
  cat "$f" >> "$out"
  printf '\n' >> "$out"
done
