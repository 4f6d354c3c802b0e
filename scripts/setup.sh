#!/usr/bin/env bash
# Idempotent set-up: installs what a fresh Debian 12 machine lacks to build and
# test Suture. Debian packages via apt (checked with dpkg first), the pinned npm
# toolchain (solc-js, anvil, forge, OpenZeppelin, Safe) via `npm ci`.
# A missing tool or a failed install stops with one line saying what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential make cmake pkg-config ccache git
  clang libclang-rt-14-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  libsqlite3-dev libsecp256k1-dev libcurl4-openssl-dev libssl-dev libgmp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs
  chromium sqlite3 jq
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# npm may come with nodejs (NodeSource) or as its own Debian package.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages, install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || { echo "setup: 'apt-get update' failed; check the network or apt sources" >&2; exit 1; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "setup: 'apt-get install ${missing[*]}' failed" >&2; exit 1; }
fi

command -v node >/dev/null 2>&1 || { echo "setup: node not found: apt-get install nodejs" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "setup: npm not found: apt-get install npm" >&2; exit 1; }

# npm ci only when node_modules was not installed from this exact lock file:
# the stamp holds the lock's hash (an mtime comparison misses a lock restored
# with an old timestamp, or node_modules copied from another checkout).
stamp=node_modules/.suture-installed
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(<"$stamp") != "$lock_hash" ]]; then
  echo "setup: npm ci (pinned solc, anvil, forge, OpenZeppelin, Safe, upgrades-core)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null \
    || { echo "setup: 'npm ci' failed; the npm registry must be reachable" >&2; exit 1; }
  echo "$lock_hash" >"$stamp"
fi
