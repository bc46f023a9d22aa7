#!/usr/bin/env bash
# Smoke test of the desktop bundle (not part of `make test`): build it if needed, then from the
# bundle alone, as a new user: the first start offscreen and offline (window shown, demo workspace
# generated and analysed, exits 0), `--help` and `formats`, `demo` (a workspace with themes), the
# window on that workspace, and `brief` as PDF and PPTX.
# Prints timings. Usage: packaging/smoke_test.sh [--rebuild]   (DIST=... as for build.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="${DIST:-$root/dist}"
exe="$dist/feedback-triage/triage-app"
if [[ "${1:-}" == "--rebuild" || ! -x "$exe" ]]; then
    "$root/packaging/build.sh"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"                                   # nothing from the checkout is on the path
# A clean user: no settings, no caches, no network, no display.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 PYTHONPATH= PYTHONHOME=
mkdir -p "$HOME"
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }

# First start as a new user, with no network where a network namespace can be made (unshare -n):
# the window appears, the demo workspace is generated and analysed in the app, nothing is fetched.
offline=()
unshare -n true 2>/dev/null && offline=(unshare -n)
t0=$(now)
TRIAGE_EXIT_AFTER_SHOW=1 timeout 600 "${offline[@]}" "$exe" > first.txt 2> first.err \
    || { cat first.txt first.err; fail "the first start did not finish cleanly"; }
t1=$(now)
grep -q "title='Feedback Triage — demo.triage'.*opened=True idle=True" first.txt \
    || { cat first.txt first.err; fail "the first start did not open an analysed demo workspace"; }
echo "first start${offline:+ without network}: window shown after $(secs "$t0" "$(sed -n 's/^smoke: window shown=True at //p' first.txt)") s;" \
     "demo generated and analysed, idle after $(secs "$t0" "$t1") s"
sed -n 's/^smoke: /  /p' first.txt | tail -1

t0=$(now); "$exe" --help > help.txt; t1=$(now)
grep -q "Feedback Triage" help.txt || fail "--help printed no usage"
echo "triage-app --help: $(secs "$t0" "$t1") s"

t0=$(now); "$exe" formats > formats.txt; t1=$(now)
[[ $(wc -l < formats.txt) -ge 10 ]] || fail "formats listed fewer than 10 importers"
echo "triage-app formats: $(secs "$t0" "$t1") s ($(wc -l < formats.txt) formats)"

t0=$(now); "$exe" demo -w demo.triage > demo.txt; t1=$(now)
grep -Eq "[0-9,]+ items, [1-9][0-9]* themes" demo.txt || { cat demo.txt; fail "demo workspace has no themes"; }
echo "triage-app demo (generate, import, analyse): $(secs "$t0" "$t1") s — $(tail -1 demo.txt)"

t0=$(now)
TRIAGE_EXIT_AFTER_SHOW=1 TRIAGE_WORKSPACE="$tmp/demo.triage" timeout 300 "$exe" > window.txt 2> window.err \
    || { cat window.txt window.err; fail "the window did not start and exit cleanly"; }
t1=$(now)
shown=$(sed -n 's/^smoke: window shown=True at \([0-9.]*\)$/\1/p' window.txt)
[[ -n "$shown" ]] || { cat window.txt window.err; fail "the window was not shown"; }
grep -q "title='Feedback Triage — demo.triage'" window.txt || { cat window.txt; fail "the demo workspace was not opened"; }
grep -q "opened=True idle=True" window.txt || fail "the workspace did not open, or background tasks did not finish"
echo "window: shown after $(secs "$t0" "$shown") s; workspace open, idle and closed after $(secs "$t0" "$t1") s"
sed -n 's/^smoke: /  /p' window.txt | tail -1

for fmt in pdf pptx; do
    t0=$(now); "$exe" brief -w demo.triage -o "brief.$fmt" > /dev/null; t1=$(now)
    size=$(stat -c %s "brief.$fmt")
    [[ $size -gt 20000 ]] || fail "brief.$fmt is only $size bytes"
    echo "triage-app brief → $fmt: $(secs "$t0" "$t1") s, $size bytes"
done
[[ "$(head -c 5 brief.pdf)" == "%PDF-" ]] || fail "brief.pdf is not a PDF"
unzip -l brief.pptx > pptx.txt || fail "brief.pptx is not a zip"
grep -q "ppt/slides/slide1.xml" pptx.txt || fail "brief.pptx has no slides"
echo "briefings: PDF and PPTX ($(grep -c 'ppt/slides/slide[0-9]*.xml$' pptx.txt) slides) written and readable"

if "$exe" analyze -w demo.triage --model minilm > minilm.txt 2>&1; then
    echo "minilm model: available in this build"
else
    grep -q "not available in this build" minilm.txt || { cat minilm.txt; fail "minilm failed without a clear message"; }
    echo "minilm model: $(cat minilm.txt)"
fi
echo "bundle: $(du -sh "$dist/feedback-triage" | cut -f1)"
echo "SMOKE OK"
