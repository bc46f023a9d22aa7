#!/usr/bin/env bash
# Add Feedback Triage to the desktop's application menu (for this user; no root needed).
# Run it from the unpacked bundle (./install-desktop.sh) or, after `pipx install .`, from the
# checkout (packaging/install-desktop.sh). `--uninstall` removes the menu entry and icons again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"

if [[ "${1:-}" == "--uninstall" ]]; then
    rm -f "$apps/feedback-triage.desktop" "$icons"/*/apps/feedback-triage.png "$icons/scalable/apps/feedback-triage.svg"
    echo "removed the Feedback Triage menu entry"
    exit 0
fi

if [[ -x "$here/triage-app" ]]; then            # the bundle
    exe="$here/triage-app"; icon_dir="$here/share/icons"; desktop="$here/share/feedback-triage.desktop"
else                                            # a checkout, with triage-app installed by pipx or pip
    exe="$(command -v triage-app || true)"; icon_dir="$here/../resources/icons"; desktop="$here/feedback-triage.desktop"
    [[ -n "$exe" ]] || { echo "triage-app is not on PATH: run 'pipx install .' first" >&2; exit 1; }
fi

mkdir -p "$apps" "$icons/scalable/apps"
for size in 16 32 48 64 128 256 512; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$icon_dir/feedback-triage-$size.png" "$icons/${size}x${size}/apps/feedback-triage.png"
done
cp "$icon_dir/feedback-triage.svg" "$icons/scalable/apps/feedback-triage.svg"
sed "s|^Exec=.*|Exec=\"$exe\"|" "$desktop" > "$apps/feedback-triage.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" || true
echo "Feedback Triage is in the application menu (starts $exe)"
