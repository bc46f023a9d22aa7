"""The layering rule of docs/architecture.md, checked mechanically."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", out.stdout)
    assert kept and int(kept.group(1)) >= 7, out.stdout  # every contract in pyproject.toml ran (7 in session 6)


def test_core_and_analysis_do_not_load_qt_or_heavy_models():
    code = (
        "import sys, triage_app.cli, triage_app.services.importing, triage_app.importers, analysis;"
        "triage_app.importers.all_importers();"
        "bad = [m for m in ('PySide6', 'torch', 'bertopic', 'umap') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_sql_outside_the_store():
    import re

    pattern = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b")
    offenders = []
    for folder in ("triage_app", "analysis", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if "store" in path.relative_to(ROOT).parts:
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"SQL outside triage_app/store: {offenders}"
