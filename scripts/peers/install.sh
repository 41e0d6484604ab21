#!/usr/bin/env bash
# Installs the differential-testing peers at pinned versions into a cache outside the repo.
# Idempotent (a stamp per pinned version + shim source hash); non-fatal and loud when Go is missing.
#   NETPOL_PEERS_DIR   cache dir (default ~/.cache/netpol-peers); binaries land in $NETPOL_PEERS_DIR/bin
#   NETPOL_ANALYZER_VERSION  opt-in: np-guard/netpol-analyzer version to `go install` (see docs/peer-differences.md:
#                      the module proxy reachable here refuses np-guard modules, so it is off by default)
set -uo pipefail
cd "$(dirname "$0")"

CYCLONUS_VERSION=v0.5.6   # policy-assistant's published lineage; must match cyclonus-shim/go.mod
DIR="${NETPOL_PEERS_DIR:-$HOME/.cache/netpol-peers}"
BIN="$DIR/bin"
mkdir -p "$BIN"

GO="$(command -v go || true)"
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "peers: WARNING: Go is not installed: differential tests against the peers will SKIP" >&2
  exit 0
fi
export GOPROXY="${GOPROXY:-https://proxy.golang.org}" GOFLAGS=-mod=mod GOTOOLCHAIN=local

hash_of() { cat "$@" | sha256sum | cut -c1-16; }

# policy-assistant's matcher (module github.com/mattfenwick/cyclonus), driven by a small JSON shim.
shim="$BIN/cyclonus-shim"
want="$CYCLONUS_VERSION-$(hash_of cyclonus-shim/main.go cyclonus-shim/go.mod cyclonus-shim/go.sum)"
if [ -x "$shim" ] && [ "$(cat "$shim.stamp" 2>/dev/null)" = "$want" ]; then
  echo "peers: cyclonus-shim $CYCLONUS_VERSION already installed ($shim)" >&2
else
  echo "peers: building cyclonus-shim against cyclonus $CYCLONUS_VERSION (cold: several minutes on 2 cores)" >&2
  start=$(date +%s)
  if (cd cyclonus-shim && "$GO" build -trimpath -o "$shim.tmp" .) && mv "$shim.tmp" "$shim"; then
    echo "$want" >"$shim.stamp"
    echo "peers: cyclonus-shim built in $(( $(date +%s) - start ))s" >&2
  else
    echo "peers: WARNING: cyclonus-shim build FAILED: its differential tests will SKIP" >&2
  fi
fi

if [ -n "${NETPOL_ANALYZER_VERSION:-}" ]; then
  stamp="$BIN/netpolicy.stamp"
  if [ -x "$BIN/netpolicy" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$NETPOL_ANALYZER_VERSION" ]; then
    echo "peers: netpolicy $NETPOL_ANALYZER_VERSION already installed" >&2
  elif GOBIN="$BIN" "$GO" install "github.com/np-guard/netpol-analyzer/cmd/netpolicy@$NETPOL_ANALYZER_VERSION"; then
    echo "$NETPOL_ANALYZER_VERSION" >"$stamp"
  else
    echo "peers: WARNING: netpol-analyzer $NETPOL_ANALYZER_VERSION install FAILED: its differential tests will SKIP" >&2
  fi
else
  echo "peers: WARNING: netpol-analyzer not installed (set NETPOL_ANALYZER_VERSION; the module proxy here refuses it): its differential tests will SKIP" >&2
fi
exit 0
