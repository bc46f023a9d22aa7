"""Refresh the Chinese translation: collect the UI's strings (pyside6-lupdate), fill in the
translations kept in zh_CN.json, and compile the .qm the app loads (pyside6-lrelease).

    .venv/bin/python resources/translations/build_translations.py

Prints the strings that still have no translation.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent


def main() -> int:
    ts = HERE / "triage_zh_CN.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts)], cwd=ROOT, check=True)
    table = json.loads((HERE / "zh_CN.json").read_text(encoding="utf-8"))
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        elif translation.attrib.get("type") != "vanished":
            missing.append(source)
    tree.getroot().set("language", "zh_CN")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(HERE / "triage_zh_CN.qm")], check=True)
    for source in missing:
        print("untranslated:", source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
