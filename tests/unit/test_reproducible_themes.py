"""Issue 12, "Reproducible": the same workspace and seed give the same themes in every process.

Spam posted word for word a dozen times (apple-tweets holds such texts) makes each copy's nearest
neighbours its own copies: a separate part of UMAP's graph whose Laplacian has one eigenvalue many
times over, on which scipy's eigsh restarted from OS entropy (``analysis.seeded_eigsh``). Before the
fix, every analysis of this fixture grouped the items differently.
"""
from __future__ import annotations

import csv
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[2]

_SUBJECTS = {
    "login": ["I can't log in to my account", "login fails after the update", "the app keeps logging me out",
              "password reset email never arrives", "two-factor code is rejected", "sign in button does nothing"],
    "battery": ["the battery drains overnight", "my phone gets hot and the battery dies",
                "battery life is terrible since the update", "charging is very slow now",
                "the battery percentage jumps around", "phone shuts down at 30% battery"],
    "crash": ["the app crashes when I open photos", "it freezes on the home screen",
              "crashes every time I upload a video", "the app closes by itself", "it hangs when I scroll the feed",
              "white screen then crash on start"],
    "delivery": ["my order arrived two weeks late", "the package was lost in transit",
                 "delivery driver left it in the rain", "tracking has not updated for days", "the parcel came damaged",
                 "courier never showed up"],
    "support": ["customer support never answers", "I waited an hour on hold", "the agent hung up on me",
                "no reply to my ticket after a week", "support chat is useless", "they keep transferring my call"],
    "praise": ["love the new design", "great app, works perfectly", "the camera is amazing",
               "best update so far, thank you", "really smooth and fast now", "the dark mode looks beautiful"],
}
_TAILS = ["", " please fix it", " very annoying", " since Monday", " on my iPhone", " on Android", " again today",
          " what is going on", " every single day", " thanks"]
_SPAM = ["Trade signals posted nightly, follow us for free stock tips", "Win a free gift card, click the link in our bio",
         "Happy birthday grandma, we all love you", "Check out my new mixtape on SoundCloud",
         "Flash sale: 50% off all cases this weekend only", "Good morning everyone, have a blessed Sunday",
         "Follow back if you like cats and coffee", "New blog post: ten tips for better sleep"]


def feedback_with_duplicates() -> list[str]:
    """~350 short complaints and praise (some mixing two subjects) and 8 spam texts, 12 copies each."""
    rng = random.Random(7)
    out: list[str] = []
    for lines in _SUBJECTS.values():
        combos = [a + b for a, b in itertools.product(lines, _TAILS)]
        rng.shuffle(combos)
        out += combos[:25]
    flat = [line for lines in _SUBJECTS.values() for line in lines]
    for _ in range(150):
        a, b = rng.sample(flat, 2)
        out.append(f"{a} and {b}{rng.choice(_TAILS)}")
    for text in _SPAM:
        out += [text] * 12
    rng.shuffle(out)
    return out


def _cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    env.pop("PYTHONHASHSEED", None)  # each process its own hash seed, as users run it
    return subprocess.Popen([sys.executable, "-m", "triage_app", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _done(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-2000:]
    return out


def test_two_processes_analysing_copies_of_a_workspace_get_the_same_themes(tmp_path):
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    data = tmp_path / "feedback.csv"
    with data.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["text"], *([t] for t in feedback_with_duplicates())])
    first = tmp_path / "a.triage"
    with Workspace(first) as ws:
        run_import(ws, data)
    second = tmp_path / "b.triage"
    shutil.copyfile(first, second)

    runs = [_cli("analyze", "-w", str(w), "--mode", "full", "--json") for w in (first, second)]
    results = [json.loads(_done(p)) for p in runs]
    assert results[0]["sub_themes"] >= 3
    themes, items = [], []
    for w in (first, second):
        listed = json.loads(_done(_cli("themes", "-w", str(w), "--json")))
        themes.append(sorted((t["label"], t["size"], t["parent_id"] is None) for t in listed))
        rows = [json.loads(line) for line in _done(_cli("items", "-w", str(w), "--jsonl")).splitlines()]
        items.append([(r["id"], r["theme_label"], r["top_theme_label"]) for r in sorted(rows, key=lambda r: r["id"])])
    assert themes[0] == themes[1]
    assert items[0] == items[1]
    for key in ("themes", "top_themes", "sub_themes", "unassigned"):
        assert results[0][key] == results[1][key]


def _complete_graph_laplacian(n: int):
    """The normalised Laplacian UMAP's spectral start reads for ``n`` copies of one text (all weights 1)."""
    graph = sp.csr_matrix(np.ones((n, n)) - np.eye(n))
    scale = sp.diags(1 / np.sqrt(np.asarray(graph.sum(axis=0)).ravel()))
    return sp.identity(n) - scale @ graph @ scale


def test_eigsh_inside_seeded_eigsh_gives_the_same_vectors_and_is_scipys_own_outside():
    import scipy.sparse.linalg as sla

    from analysis.seeded_eigsh import seeded_eigsh

    original = sla.eigsh
    laplacian = _complete_graph_laplacian(12)  # as umap.spectral calls it for one part of 12 duplicates
    runs = []
    for _ in range(2):
        with seeded_eigsh(42):
            _values, vectors = sla.eigsh(laplacian, 6, which="SM", ncv=13, tol=1e-4, v0=np.ones(12), maxiter=60)
        runs.append(vectors)
    assert np.array_equal(runs[0], runs[1])
    assert sla.eigsh is original
