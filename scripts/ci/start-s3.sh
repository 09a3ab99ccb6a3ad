#!/bin/bash
# Start the real S3 server (single-node Ceph radosgw) that the S3 storage tests run against, on
# http://127.0.0.1:7480 with TESTACCESSKEY / TESTSECRETKEY123. Idempotent: does nothing when
# the endpoint already answers. Installs radosgw when missing (the caller runs apt-get update).
# The server itself is ../shared/tools/s3-test-server.sh, next to the repo (or $UAM_SHARED_DIR).
set -euo pipefail

ENDPOINT=${UAM_TEST_S3_ENDPOINT:-http://127.0.0.1:7480}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=${UAM_SHARED_DIR:-$ROOT/../shared}
SERVER="$SHARED/tools/s3-test-server.sh"
export D=${D:-/tmp/uam-s3}

answers() { curl -s -o /dev/null -m 2 "$ENDPOINT/"; }

if answers; then
  echo "S3 already answers on $ENDPOINT"
  exit 0
fi

if ! command -v radosgw >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing radosgw (about 85 s)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y radosgw ceph-mon ceph-osd uuid-runtime
fi

if [ ! -f "$SERVER" ]; then
  echo "cannot find $SERVER; set UAM_SHARED_DIR to the folder holding tools/s3-test-server.sh" >&2
  exit 1
fi

# A half-dead cluster from an earlier run in the same folder would hold the monitor port and
# make the fresh one fail: stop the daemons it recorded (their pids only) before starting over.
if [ -d "$D/run" ]; then
  for f in "$D"/run/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
  done
  sleep 1
fi

bash "$SERVER"

for _ in $(seq 1 30); do
  answers && exit 0
  sleep 1
done
echo "S3 did not answer on $ENDPOINT; see $D/log" >&2
exit 1
