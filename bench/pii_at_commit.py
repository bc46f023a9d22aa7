"""Load the personal-data detector (analysis/pii.py + analysis/pii_people.py) as it was at a git
commit, so a benchmark can compare against it in the same run without a frozen copy.

    from pii_at_commit import detector_at
    old_find_pii = detector_at("295ae32")   # the session 3 detector
"""
from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FILES = ("__init__.py", "pii.py", "pii_people.py", "person_names.py")  # pii_people from issue 16, person_names from session 4
#: the detector before issue 16 (e-mails, phones, IPs, cards, URL tokens)
BEFORE_ISSUE_16 = "e1a6e81"


def detector_at(commit: str):
    """``find_pii`` of the given commit (its own modules, loaded under a private package name)."""
    package = f"_pii_at_{commit}"
    if package not in sys.modules:
        folder = Path(tempfile.mkdtemp(prefix="pii-at-")) / package
        folder.mkdir()
        for name in _FILES:
            shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:analysis/{name}"],
                                   capture_output=True, text=True)
            if name == "pii.py" and shown.returncode != 0:  # the others are absent in older commits
                raise RuntimeError(shown.stderr.strip())
            (folder / name).write_text("" if name == "__init__.py" else shown.stdout, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(package, folder / "__init__.py",
                                                      submodule_search_locations=[str(folder)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[package] = module
        spec.loader.exec_module(module)
    return importlib.import_module(f"{package}.pii").find_pii
