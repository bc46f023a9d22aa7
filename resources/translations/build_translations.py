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
# Qt's own strings with a disambiguation (which pyside6-lupdate does not collect from Python) that
# Qt's Chinese catalogue lacks: (context, source, disambiguation); the Chinese is in zh_CN.json
QT_EXTRA = [("QAbstractFileIconProvider", "Folder", "All other platforms")]  # the file dialog's Type of a folder


def _add_extra(root) -> None:
    for context_name, source, comment in QT_EXTRA:
        context = next((c for c in root.iter("context") if c.findtext("name") == context_name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = context_name
        if any(m.findtext("source") == source and m.findtext("comment") == comment for m in context.iter("message")):
            continue
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "comment").text = comment
        ET.SubElement(message, "translation", type="unfinished")


def main() -> int:
    ts = HERE / "triage_zh_CN.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts)], cwd=ROOT, check=True)
    table = json.loads((HERE / "zh_CN.json").read_text(encoding="utf-8"))
    tree = ET.parse(ts)
    _add_extra(tree.getroot())
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
