#!/usr/bin/env bash
# Set up a fresh Debian machine for reportkit; safe to run again (does nothing that is done).
#   scripts/setup.sh          fonts + the Python package (enough to build and diff)
#   scripts/setup.sh --test   also LibreOffice, pandoc and poppler for the rendering tests
set -euo pipefail
cd "$(dirname "$0")/.."

apt_pkgs=(fontconfig fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei
          fonts-lxgw-wenkai fonts-cwtex-fs fonts-liberation2)
if [[ "${1:-}" == "--test" ]]; then
  apt_pkgs+=(libreoffice-writer-nogui pandoc poppler-utils yamllint chromium python3-uno)
fi

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [[ -x scripts/fonts.sh ]]; then scripts/fonts.sh; fi

extras="test"
[[ "${1:-}" == "--test" ]] && extras="test,bench,dask"
# Install when a package is missing, when reportkit is imported from another checkout, or for
# the tests (which also need the test, bench and dask extras).
here="$(pwd)/src/reportkit"
if ! "${PY:-python3}" -c "import sys, os, docx, reportlab, yaml, diff_match_patch, opencc, rjieba, rich, matplotlib, ruamel.yaml, duckdb
import reportkit; sys.exit(os.path.dirname(reportkit.__file__) != sys.argv[1])" "$here" \
    2>/dev/null || [[ "${1:-}" == "--test" ]]; then
  "${PY:-python3}" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    -e ".[$extras]" 2>&1 | grep -v -e "^WARNING: Location" -e "is ignored" || true
fi
# Byte-compile once: machines that set PYTHONDONTWRITEBYTECODE would otherwise recompile
# reportkit on every start, which costs validate about 75 ms.
"${PY:-python3}" -m compileall -q src/reportkit >/dev/null || true
# Register reportkit's font aliases where fontconfig looks (conf.d: system-wide as root, else for
# this user), so that LibreOffice as a user starts it draws the official faces too.
"${PY:-python3}" -m reportkit fonts --install >/dev/null
