#!/bin/bash
# Start the real S3 server (single-node Ceph radosgw) that the S3 storage tests run against, on
# http://127.0.0.1:7480 with TESTACCESSKEY / TESTSECRETKEY123. Idempotent: does nothing when a
# healthy one already answers. Installs radosgw when missing (the caller runs apt-get update).
# The server itself is ../shared/tools/s3-test-server.sh, next to the repo (or $UAM_SHARED_DIR).
#
# Why so defensive: CI runs on the machine a session leaves behind, so it can meet a cluster
# that is half there (a monitor still holding port 6789 while radosgw is gone). A fresh cluster
# started beside such a monitor talks to the old one and fails ("wrong fsid"). Anything Ceph that
# is not a healthy, answering cluster is therefore stopped by name and the ports waited for.
set -euo pipefail

ENDPOINT=${UAM_TEST_S3_ENDPOINT:-http://127.0.0.1:7480}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=${UAM_SHARED_DIR:-$ROOT/../shared}
SERVER="$SHARED/tools/s3-test-server.sh"
export D=${D:-/tmp/uam-s3}
DAEMONS=(radosgw ceph-osd ceph-mon)

answers() { curl -s -o /dev/null -m 2 "$ENDPOINT/"; }

# An endpoint we did not start (MinIO, a remote S3) is trusted once it answers; our own cluster
# must also have a live monitor and the test user, or radosgw answers while writes hang.
healthy() {
  answers || return 1
  [ -n "${UAM_TEST_S3_ENDPOINT:-}" ] && return 0
  [ -f "$D/ceph.conf" ] || return 1
  timeout 15 radosgw-admin -c "$D/ceph.conf" user info --uid=test >/dev/null 2>&1
}

port_busy() { ss -ltn "sport = :$1" | grep -q LISTEN; }

# pgrep/pkill match names one at a time: an alternation longer than 15 characters matches nothing.
signal_ceph() { for d in "${DAEMONS[@]}"; do pkill "-$1" -x "$d" 2>/dev/null || true; done; }
ceph_running() { for d in "${DAEMONS[@]}"; do pgrep -x "$d" >/dev/null && return 0; done; return 1; }

stop_ceph() {
  signal_ceph TERM
  for _ in $(seq 1 40); do
    ceph_running || break
    sleep 0.25
  done
  signal_ceph KILL
  for _ in $(seq 1 40); do
    port_busy 6789 || port_busy 7480 || return 0
    sleep 0.25
  done
  echo "ports 6789/7480 are still held after stopping Ceph:" >&2
  ss -ltnp "( sport = :6789 or sport = :7480 )" >&2 || true
  return 1
}

if healthy; then
  echo "S3 already answers on $ENDPOINT"
  exit 0
fi
if [ -n "${UAM_TEST_S3_ENDPOINT:-}" ]; then
  echo "UAM_TEST_S3_ENDPOINT=$UAM_TEST_S3_ENDPOINT does not answer" >&2
  exit 1
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

for attempt in 1 2 3; do
  stop_ceph
  if timeout 180 bash "$SERVER"; then
    for _ in $(seq 1 30); do
      healthy && exit 0
      sleep 1
    done
  fi
  echo "S3 start attempt $attempt failed; last log lines:" >&2
  tail -n 5 "$D"/log/*.log >&2 2>/dev/null || true
done
echo "S3 did not come up on $ENDPOINT; see $D/log" >&2
exit 1
