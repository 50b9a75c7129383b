# shellcheck shell=bash
# Debian's Chromium, which the console's browser tests drive headless (through Playwright, pointed at this executable:
# Playwright's own browser download needs a host the machines here cannot reach). Installed from Debian's packages when
# missing, as root or through sudo, like PostgreSQL (postgres.sh, sourced before this file, defines as_root).

CHROMIUM_BIN=${HUB_CHROMIUM:-/usr/bin/chromium}

chromium_install() {
  [ -x "$CHROMIUM_BIN" ] && return 0
  echo "hub: installing Chromium from Debian's packages (the console's browser tests drive it)" >&2
  as_root apt-get update -qq
  # fonts-noto-cjk: the console is in Chinese, and a screenshot without a CJK font shows boxes.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2
  [ -x "$CHROMIUM_BIN" ] || { echo "hub: Chromium did not install ($CHROMIUM_BIN missing)" >&2; return 1; }
}
