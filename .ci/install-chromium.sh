#!/usr/bin/env bash
# Installs Debian's chromium for the browser suite (npm run test:browser), unless a Chromium is
# already there. TRACECTL_CHROMIUM names another binary (the suite uses it instead of
# /usr/bin/chromium). Needs root for apt-get; prints one line saying what it did.
set -euo pipefail

chromium="${TRACECTL_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "chromium: $("$chromium" --version 2>/dev/null || echo "$chromium")"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing and installing it needs root: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
echo "chromium: $(/usr/bin/chromium --version)"
