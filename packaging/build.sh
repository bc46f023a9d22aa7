#!/usr/bin/env bash
# Build the one-folder Linux bundle: dist/feedback-triage/ and dist/feedback-triage-linux-x86_64.tar.gz.
#
#   packaging/build.sh                        # without torch: the default (see packaging/feedback_triage.spec)
#   TRIAGE_BUNDLE_TORCH=1 packaging/build.sh  # with torch + sentence-transformers, for the `minilm` model
#   DIST=/tmp/out WORK=/tmp/work packaging/build.sh   # elsewhere (default: dist/ and build/, both gitignored)
#
# Needs the project's .venv with the `packaging` extra: .venv/bin/pip install -e ".[packaging]"
# (the script installs it when PyInstaller is missing). CPU- and disk-heavy: it runs under nice.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
py="$root/.venv/bin/python"
dist="${DIST:-$root/dist}"
work="${WORK:-$root/build/pyinstaller}"
name=feedback-triage

[[ -x "$py" ]] || { echo "no .venv: run 'make install' first" >&2; exit 1; }
"$py" -c "import PyInstaller" 2>/dev/null || "$py" -m pip install --quiet -e ".[packaging]"

# PyInstaller's cache (--clean empties it) under the work folder: builds never share one.
export PYINSTALLER_CONFIG_DIR="$work/cache"
started=$(date +%s)
nice -n 19 "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/feedback_triage.spec

bundle="$dist/$name"
# What the desktop needs: the menu entry, the icons and the script that installs both.
mkdir -p "$bundle/share/icons"
cp resources/icons/feedback-triage-*.png resources/icons/feedback-triage.svg "$bundle/share/icons/"
cp packaging/feedback-triage.desktop "$bundle/share/"
cp packaging/install-desktop.sh "$bundle/"
# Dead weight PyInstaller's hooks bring along: test suites and C headers.
find "$bundle/_internal" -depth -type d \( -name tests -o -name include \) -exec rm -rf {} +
find "$bundle/_internal" -xtype l -delete   # links to the Qt libraries the spec pruned

tarball="$dist/$name-linux-$(uname -m).tar.gz"
nice -n 19 tar -C "$dist" -czf "$tarball" "$name"
echo "bundle:  $bundle ($(du -sh "$bundle" | cut -f1)), built in $(( $(date +%s) - started )) s"
echo "tarball: $tarball ($(du -sh "$tarball" | cut -f1))"
