#!/usr/bin/env bash
# Makes sure Debian's Chromium and ChromeDriver are installed (the portal's browser tests drive them headless).
# Installs the Debian packages chromium and chromium-driver when /usr/bin/chromedriver is missing; needs root or
# passwordless sudo. Never downloads a browser from anywhere else.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "Installing Debian's chromium and chromium-driver for the portal's browser tests…" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver > /dev/null
/usr/bin/chromedriver --version >&2
