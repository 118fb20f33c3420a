#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Opens the real CropDeck window on the demo set under Xvfb, with a private D-Bus session and the AT-SPI
# bus, and reads it as a screen reader would (check_accessibility.py, with dogtail).
#
#   tests/accessibility/run_accessibility_check.sh CROPDECK_BINARY
#
# Needs xvfb, xauth, dbus, at-spi2-core and python3-dogtail (Debian packages); exits 77 (CTest: skipped)
# naming what is missing.
set -u
binary=${1:?usage: run_accessibility_check.sh CROPDECK_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
missing=()
for tool in xvfb-run xauth dbus-run-session; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x /usr/libexec/at-spi-bus-launcher ] || missing+=(at-spi2-core)
/usr/bin/python3 -c 'import dogtail, pyatspi' 2>/dev/null || missing+=(python3-dogtail)
if [ ${#missing[@]} -gt 0 ]; then
    echo "SKIP: the accessibility check needs ${missing[*]} (apt-get install xvfb xauth dbus at-spi2-core python3-dogtail)"
    exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" --make-demo "$work/demo" >/dev/null || { echo "FAIL: cropdeck --make-demo failed"; exit 1; }

export CROPDECK_BINARY="$binary" CHECK_DIR="$here" DEMO_DIR="$work/demo"
timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- bash -c '
    /usr/libexec/at-spi-bus-launcher --launch-immediately &
    bus=$!
    export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_ACCESSIBILITY=1 QT_QPA_PLATFORM=xcb NO_AT_BRIDGE=0
    export HOME="$DEMO_DIR/home"; mkdir -p "$HOME"
    sleep 1
    "$CROPDECK_BINARY" "$DEMO_DIR/annotations.csv" >"$DEMO_DIR/gui.log" 2>&1 &
    app=$!
    # dogtail refuses to start unless it believes assistive technology is on (GNOME setting or this).
    GTK_MODULES=gail:atk-bridge /usr/bin/python3 "$CHECK_DIR/check_accessibility.py"
    rc=$?
    kill $app $bus 2>/dev/null
    wait $app 2>/dev/null
    [ $rc -ne 0 ] && { echo "--- cropdeck output:"; cat "$DEMO_DIR/gui.log"; }
    exit $rc'
