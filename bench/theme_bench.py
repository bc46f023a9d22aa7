"""Theme analysis speed on generated feedback: 20,000 and 100,000 items, cold and warm.

    .venv/bin/python bench/theme_bench.py [--sizes 20000,100000] [--dir /tmp/theme-bench] [--skip-defaults]

Each measurement runs in a fresh process (as a user's `triage-app analyze` does), so import and
compilation costs count, and reports wall seconds, CPU seconds, seconds per stage and peak RSS:
- numba: find_themes on 2,000 items with an empty UMAP compile cache, then with a filled one;
- cold: `analyze` on a new workspace (every text embedded), warm: `analyze --mode full` again (all
  vectors cached);
- defaults: plain ``BERTopic()`` on the same vectors (read from the workspace cache);
- add: 1,000 new items imported into the analysed workspace, then `triage-app analyze` (auto mode;
  wall and CPU seconds of that command, which also scores the new items' sentiment).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PY = sys.executable

TOPICS_EN = [
    ("battery", "battery drains {n}% an hour since version {v}", "phone gets hot and the battery dies by noon"),
    ("login", "cannot log in, password rejected on {d}", "login loops back to the sign-in page after update {v}"),
    ("export", "export to PDF fails for reports over {n} pages", "the Excel export is missing columns since {v}"),
    ("dark", "please add a dark mode, the white screen hurts at night", "dark theme colours are unreadable on {d}"),
    ("sync", "sync between {d} and laptop loses my notes", "changes do not sync for {n} minutes"),
    ("crash", "app crashes when I open the camera on {d}", "crash on start after updating to {v}"),
    ("price", "subscription price went up {n}% without notice", "too expensive compared to other apps"),
    ("ads", "too many ads, one every {n} seconds", "video ads play with sound and cannot be skipped"),
    ("notify", "notifications arrive {n} minutes late", "I get no push notifications on {d}"),
    ("search", "search does not find notes with accents", "search results are slow with {n} items"),
    ("support", "support never answered my ticket after {n} days", "customer service was rude and unhelpful"),
    ("refund", "I was charged twice and want a refund", "refund still not received after {n} days"),
    ("slow", "the app is very slow to load on {d}", "every screen takes {n} seconds to open"),
    ("font", "text is too small, let me change the font size", "font looks blurry on {d}"),
    ("offline", "please make it work offline", "offline mode loses edits made on the train"),
    ("share", "sharing a link opens the wrong page", "cannot share files larger than {n} MB"),
    ("calendar", "calendar events show the wrong time zone", "reminders fire an hour late since {v}"),
    ("language", "please add Spanish and Portuguese", "translation errors in the German menu"),
    ("login2fa", "two-factor code SMS never arrives", "authenticator codes rejected on {d}"),
    ("love", "love this app, use it every day", "great app, five stars, keep it up"),
]
TOPICS_ZH = [
    ("delivery", "送餐太慢了，等了{n}分钟", "配送时间太长，骑手迟到"),
    ("cold", "饭菜送到的时候已经凉了", "汤都凉了，米饭也是冷的"),
    ("taste", "味道太咸了，不好吃", "菜的味道一般，分量也少"),
    ("rider", "骑手态度很差，还骂人", "送餐员很没礼貌"),
    ("wrong", "送错了，少了一份{n}号套餐", "订单送错，饮料也没有"),
    ("appzh", "应用在{d}上经常闪退", "更新到{v}以后登录不了"),
]
DEVICES = ["Pixel 7", "iPhone 14", "Galaxy S23", "iPad", "Xiaomi 13", "OnePlus 11", "Moto G"]
EXTRA = ["", " Please fix.", " Very annoying.", " Otherwise fine.", " This started last week.", " 谢谢", " Thanks!",
         " My whole team sees this.", " Happens every time."]


def generate(n: int, seed: int) -> list[str]:
    """``n`` distinct feedback texts over 26 topics, ~15% Chinese."""
    import random

    rng = random.Random(seed)
    out = []
    for i in range(n):
        topics = TOPICS_ZH if rng.random() < 0.15 else TOPICS_EN
        _, a, b = rng.choice(topics)
        text = rng.choice((a, b)).format(n=rng.randint(2, 90), v=f"{rng.randint(1, 9)}.{rng.randint(0, 20)}",
                                         d=rng.choice(DEVICES))
        out.append(f"{text}{rng.choice(EXTRA)} (ticket {i})")
    return out


def write_csv(path: Path, texts: list[str], start: int = 0) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "Comment", "Date"])
        for i, t in enumerate(texts):
            w.writerow([start + i, t, f"2025-{1 + (start + i) % 12:02d}-{1 + (start + i) % 28:02d}"])


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- children (one fresh process each) ---------------------------------------------------------------
def child_numba(_args) -> dict:
    import numpy as np

    from analysis.topics import ThemeParams, find_themes
    from triage_app.engine_cache import cache_dir as engine_cache_dir

    rng = np.random.default_rng(0)
    centers = rng.normal(size=(20, 64))
    x = (centers[rng.integers(0, 20, 2000)] + 0.3 * rng.normal(size=(2000, 64))).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    t = time.perf_counter()
    r = find_themes(generate(2000, seed=0), x, ThemeParams(), cache_dir=engine_cache_dir())
    return {"seconds": round(time.perf_counter() - t, 1), "stages": r.seconds, "themes": len(r.themes)}


def child_analyze(args) -> dict:
    from triage_app.services.analysis import run_analysis
    from triage_app.store import Workspace

    with Workspace(args.workspace) as ws:
        r = run_analysis(ws, mode=args.mode)
    return {"mode": r.mode, "items": r.items, "embedded": r.embedded, "cached": r.cached, "themes": r.themes,
            "created": r.themes_created, "kept": r.themes_kept, "updated": r.themes_updated,
            "unassigned_share": r.unassigned_share, "stages": r.seconds}


def child_defaults(args) -> dict:
    import numpy as np

    from analysis.text_clean import clean_views
    from triage_app.services.analysis import EMBED_CHARS, embed_texts
    from triage_app.domain import CancelToken
    from triage_app.store import Workspace
    from triage_app.store import themes as tq

    with Workspace(args.workspace) as ws:
        rows = tq.items_for_analysis(ws.conn)
        embedded, docs = clean_views([r[1:] for r in rows])
        gen = embed_texts(ws, [d[:EMBED_CHARS] for d in embedded], "use-multilingual", CancelToken(), {})
        try:
            while True:
                next(gen)
        except StopIteration as stop:
            emb = stop.value
    t = time.perf_counter()
    from bertopic import BERTopic

    topics, _ = BERTopic().fit_transform(docs, emb)
    topics = np.asarray(topics)
    return {"seconds_fit": round(time.perf_counter() - t, 1), "themes": int(topics.max()) + 1,
            "unassigned_share": round(float((topics < 0).mean()), 4)}


def run_child(kind: str, *extra: str, env: dict | None = None) -> dict:
    t = time.perf_counter()
    out = subprocess.run([PY, __file__, "--child", kind, *extra], capture_output=True, text=True,
                         env={**os.environ, **(env or {})})
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data["wall_s"] = round(time.perf_counter() - t, 1)
    return data


def import_items(workspace: Path, csv_path: Path) -> float:
    t = time.perf_counter()
    subprocess.run([str(Path(PY).with_name("triage-app")), "import", str(csv_path), "-w", str(workspace), "--map",
                    "text=Comment", "--map", "id=id", "--map", "created_at=Date"], check=True, capture_output=True)
    return round(time.perf_counter() - t, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "theme-bench")
    ap.add_argument("--skip-defaults", action="store_true")
    ap.add_argument("--warm-only", action="store_true",
                    help="Reuse the workspaces of an earlier run (vectors cached): warm runs and adding items only.")
    ap.add_argument("--child")
    ap.add_argument("--workspace")
    ap.add_argument("--mode", default="auto")
    args = ap.parse_args()
    if args.child:
        t, c = time.perf_counter(), time.process_time()
        data = {"numba": child_numba, "analyze": child_analyze, "defaults": child_defaults}[args.child](args)
        data.update({"child_wall_s": round(time.perf_counter() - t, 1), "cpu_s": round(time.process_time() - c, 1),
                     "peak_rss_mb": peak_rss_mb()})
        print(json.dumps(data))
        return

    args.dir.mkdir(parents=True, exist_ok=True)
    results = {}
    empty = tempfile.mkdtemp(prefix="numba-empty-")
    results["numba_cold_cache"] = run_child("numba", env={"NUMBA_CACHE_DIR": empty})
    results["numba_warm_cache"] = run_child("numba", env={"NUMBA_CACHE_DIR": empty})
    shutil.rmtree(empty, ignore_errors=True)
    print(json.dumps(results), flush=True)
    for n in (int(s) for s in args.sizes.split(",")):
        ws = args.dir / f"bench-{n}.triage"
        r = {}
        if not args.warm_only:
            for p in args.dir.glob(f"bench-{n}.triage*"):
                p.unlink()
            data = args.dir / f"items-{n}.csv"
            write_csv(data, generate(n, seed=n))
            r["import_s"] = import_items(ws, data)
            r["cold"] = run_child("analyze", "--workspace", str(ws), "--mode", "full")
            print(json.dumps({n: r}), flush=True)
        r["warm"] = run_child("analyze", "--workspace", str(ws), "--mode", "full")
        print(json.dumps({n: r}), flush=True)
        if not args.skip_defaults:
            r["defaults"] = run_child("defaults", "--workspace", str(ws))
            print(json.dumps({n: r}), flush=True)
        from triage_app.store import Workspace

        with Workspace(ws) as w:
            count = w.stats()["items"]
        r["items"] = count
        more = args.dir / f"more-{n}-{count}.csv"
        write_csv(more, generate(1000, seed=count + 1), start=count)
        r["add_1000_import_s"] = import_items(ws, more)
        t, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        cli = subprocess.run([str(Path(PY).with_name("triage-app")), "analyze", "-w", str(ws), "--json"],
                             capture_output=True, text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        r["add_1000_analyze"] = {"wall_s": round(time.perf_counter() - t, 1), "cpu_s": round(cpu, 1),
                                 **json.loads(cli.stdout)}
        results[n] = r
        print(json.dumps({n: r}), flush=True)
    (args.dir / ("results-warm.json" if args.warm_only else "results.json")).write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
