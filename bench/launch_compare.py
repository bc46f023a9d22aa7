"""Window start on one 1,000,000-item workspace, a baseline checkout against this tree, alternated.

    .venv/bin/python bench/launch_compare.py --baseline /path/to/checkout [--rows 1000000] [--folder DIR]

The workspace is the import benchmark's generated survey CSV, imported once with this tree's code and
not sentiment-scored (``ui_bench.py`` also scores every item, which now embeds them all for the feedback
type: about ten minutes at 1,000,000). Each side's ``ui_bench.launch_times`` (median of 3 fresh
offscreen launches: window shown, first page on screen) runs twice, alternating. Prints JSON.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from import_bench import generate

    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the baseline's code")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "triage-launch-compare")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    ws = args.folder / f"launch-{args.rows}.triage"
    if not ws.exists():
        csv = args.folder / "rows.csv"
        generate(csv, args.rows)
        with Workspace(ws) as w:
            run_import(w, csv, ImportOptions(format="generic"))
        csv.unlink()
    out: dict[str, list] = {"load_average_start": list(os.getloadavg())}
    for rep in range(2):
        for name, root in (("baseline", args.baseline), ("this tree", ROOT)):
            spec = importlib.util.spec_from_file_location(f"ui_bench_{rep}_{len(out)}", f"{root}/bench/ui_bench.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            out.setdefault(name, []).append(module.launch_times(ws))
    out["load_average_end"] = list(os.getloadavg())
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
