#!/usr/bin/env bash
# Install the Fandol faces used for the official roles: FandolFang 仿宋, FandolKai 楷, FandolHei
# 黑 and FandolSong Bold (the title's 小标宋). They ship in Debian's texlive-lang-chinese, which
# pulls in all of TeX Live: we download the .deb alone, unpack it in a temporary folder and copy
# only the Fandol .otf files.
# Digits and Latin letters are set in Times New Roman: Liberation Serif (fonts-liberation2) has
# the same metrics, so LibreOffice breaks lines as Word does; without it fontconfig would draw
# digits with a Chinese face.
# Safe to run twice: does nothing when the faces are present.
# The fallbacks (AR PL UMing/UKai, WenQuanYi Zen Hei) come from scripts/setup.sh's apt packages.
set -euo pipefail

DEST="${REPORTKIT_FONT_DIR:-/usr/local/share/fonts/reportkit}"
FACES=(FandolFang-Regular.otf FandolKai-Regular.otf FandolHei-Regular.otf FandolSong-Bold.otf)
# The Bold and Regular faces of FandolHei and FandolSong all declare weight 400, so fontconfig
# and LibreOffice cannot tell them apart by name and weight: install one face per family only
# (宋体 page numbers use AR PL UMing instead) and remove the other if an older run left it.
AMBIGUOUS=(FandolHei-Bold.otf FandolSong-Regular.otf)
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"

if ! dpkg-query -W -f='${Status}' fonts-liberation2 2>/dev/null | grep -q "install ok installed"
then
  echo "fonts: installing fonts-liberation2 (Times New Roman metrics)" >&2
  $SUDO apt-get install -y -qq --no-install-recommends fonts-liberation2 >/dev/null 2>&1 || {
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      fonts-liberation2 >/dev/null
  }
fi

removed=0
for f in "${AMBIGUOUS[@]}"; do
  if [[ -e "$DEST/$f" ]]; then $SUDO rm -f "$DEST/$f"; removed=1; fi
done

have_all() {
  local f
  for f in "${FACES[@]}"; do [[ -s "$DEST/$f" ]] || return 1; done
}

if have_all; then
  if ((removed)); then $SUDO fc-cache -f "$DEST" >/dev/null; fi
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fonts: fetching the Fandol faces (texlive-lang-chinese, files only)" >&2
(
  cd "$work"
  # `apt-get download` needs package lists; refresh them once if the package is unknown.
  if ! apt-get download texlive-lang-chinese >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    apt-get download texlive-lang-chinese >/dev/null
  fi
  dpkg -x texlive-lang-chinese_*.deb root
)

$SUDO mkdir -p "$DEST"
for f in "${FACES[@]}"; do
  src="$(find "$work/root" -name "$f" -print -quit)"
  if [[ -z "$src" ]]; then
    echo "fonts: $f not found in texlive-lang-chinese" >&2
    exit 1
  fi
  $SUDO install -m 0644 "$src" "$DEST/$f"
done
$SUDO fc-cache -f "$DEST" >/dev/null
echo "fonts: installed ${#FACES[@]} Fandol faces in $DEST" >&2
