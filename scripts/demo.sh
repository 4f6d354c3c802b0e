#!/usr/bin/env bash
# The main job, `./dev demo`: `suture demo` on the embedded default (no node,
# no network): the derivatives venue of examples/venue is deployed with a
# history, drained, caught by the monitor and paused; the fix goes through
# every gate, two of three reviewers approve its digest, the Safe schedules
# and executes the upgrade through the timelock, it is verified and the venue
# unpaused; the four wrong fixes each stop at their gate; the report's path
# is printed at the end. The work dir is BUILD_DIR/suture-demo.
# Usage: demo.sh [BUILD_DIR] [suture demo options, e.g. --rpc URL]
set -euo pipefail
build=${1:-build}
shift || true
exec "$build/suture" demo --dir "$build/suture-demo" "$@"
