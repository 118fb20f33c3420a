#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of the real CropDeck window under Xvfb, on the real data sets in ../shared/data (raccoon VOC,
# chess COCO), for the README and the AppStream metadata.
#   packaging/screenshots/make-screenshots.sh [CROPDECK_BINARY] [OUT_DIR]
# Needs xvfb, xauth, x11-utils (xwininfo) and imagemagick (import): apt-get install xvfb xauth x11-utils imagemagick
# (and qt6-gtk-platformtheme gnome-themes-extra for the dark-palette shot)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$repo/build/dev/app/cropdeck}
out=${2:-$repo/resources/screenshots}
data=${CROPDECK_SHARED_DATA:-$repo/../shared/data}
[ -x "$binary" ] || { echo "no cropdeck binary at $binary (build first)" >&2; exit 2; }
[ -d "$data" ] || { echo "no shared data at $data (set CROPDECK_SHARED_DATA)" >&2; exit 2; }
mkdir -p "$out"
# A first session: no window layout or batch settings kept from the user's own runs.
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

# shot NAME ARGS...: starts cropdeck with ARGS on a fresh X server, waits for its window and for the
# image to be drawn, and saves the screen as OUT/NAME.png.
shot() {
  local name=$1
  shift
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    set -e
    "$0" "$@" &
    app=$!
    window=
    for _ in $(seq 600); do # up to a minute: a loaded machine starts slowly
      window=$(xwininfo -root -tree | awk "/CropDeck\"/ {print \$1; exit}")
      [ -n "$window" ] && break
      sleep 0.1
    done
    if [ -z "$window" ]; then echo "no CropDeck window appeared" >&2; kill $app; exit 1; fi
    sleep 3 # the set opens and the first picture and thumbnails decode in the background
    import -window "$window" "'"$out/$name.png"'"
    kill $app
  ' "$binary" "$@"
  echo "wrote $out/$name.png"
}

shot raccoon-voc --images "$data/raccoon_voc_csv/images" --annotations "$data/raccoon_voc_csv/annotations"
shot chess-coco --annotations "$data/chess_coco/valid/_annotations.coco.json"

# The bounds policy on the canvas: a saved request with a 25 % margin and orange padding opens with those
# settings, so the windows that reach past the picture show the padding the batch will add.
request_dir=$(mktemp -d)
"$binary" --batch --dry-run --images "$data/raccoon_voc_csv/images" \
  --annotations "$data/raccoon_voc_csv/annotations" --out "$request_dir/crops" --margin 25% --bounds pad \
  --pad '#ff8800' --save-request "$request_dir/padded.json" >/dev/null
shot raccoon-padded "$request_dir/padded.json"
rm -rf "$request_dir"

# The platform's dark palette: GTK's Adwaita-dark through Qt's gtk3 platform theme, where it is installed
# (apt-get install qt6-gtk-platformtheme gnome-themes-extra).
if compgen -G "/usr/lib/*/qt6/plugins/platformthemes/libqgtk3.so" >/dev/null; then
  (export QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark
   shot raccoon-dark --images "$data/raccoon_voc_csv/images" --annotations "$data/raccoon_voc_csv/annotations")
else
  echo "no Qt gtk3 platform theme here: the dark-palette screenshot is skipped" >&2
fi
