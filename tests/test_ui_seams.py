"""The UI's seams (issue 15), checked on the source: ui/ never opens a connection of its own (the
window's Workspace hands out readers and owns the writer), keeps no module-level state for its
workers, and reads no hidden attributes of the window."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = sorted((ROOT / "ui").rglob("*.py"))
#: the one place the app opens a workspace file: File › Open (and New, Recent, Demo) in the window
OPENS_THE_WORKSPACE = {("ui/main_window.py", "open_workspace")}


def _trees():
    for path in UI:
        yield str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8"))


def _functions_of(tree):
    """{node: name of the innermost function around it} (ast.walk goes outside in)."""
    owner = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if node is not fn:
                    owner[node] = fn.name
    return owner


def test_ui_opens_no_connection():
    offenders = []
    for name, tree in _trees():
        owner = _functions_of(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlite3" for a in node.names):
                offenders.append(f"{name}:{node.lineno} imports sqlite3")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlite3":
                offenders.append(f"{name}:{node.lineno} imports sqlite3")
            elif isinstance(node, ast.Name) and node.id in ("connect_reader", "connect"):
                offenders.append(f"{name}:{node.lineno} uses {node.id}")
            elif isinstance(node, ast.alias) and node.name in ("connect_reader", "connect"):
                offenders.append(f"{name} imports {node.name}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Workspace"
                  and (name, owner.get(node)) not in OPENS_THE_WORKSPACE):
                offenders.append(f"{name}:{node.lineno} opens a Workspace in {owner.get(node)}")
    assert not offenders, offenders


def test_the_check_finds_what_it_looks_for():
    """The walk above sees a connection opened in a nested worker function, and a hidden attribute."""
    tree = ast.parse("def f():\n    def work():\n        from triage_app.store import connect_reader\n"
                     "        return Workspace(p)\n")
    owner = _functions_of(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert owner[calls[0]] == "work"
    assert any(isinstance(n, ast.alias) and n.name == "connect_reader" for n in ast.walk(tree))
    hidden = ast.parse("window._analysis_running = True\ngetattr(window, '_analysis_possible', True)")
    assert _is_window(hidden.body[0].targets[0].value) and _is_window(hidden.body[1].value.args[0])


def _is_window(node) -> bool:
    """``window``, ``owner``, ``parent`` or ``self.window``: the main window as the actions, workers and
    dialogs see it."""
    return (isinstance(node, ast.Name) and node.id in ("window", "owner", "parent")
            or isinstance(node, ast.Attribute) and node.attr == "window")


def test_no_hidden_state_in_ui():
    offenders = []
    for name, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "__dict__" and _is_window(node.value):
                offenders.append(f"{name}:{node.lineno} reaches into the window's __dict__")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr")
                  and len(node.args) >= 2 and _is_window(node.args[0]) and isinstance(node.args[1], ast.Constant)
                  and str(node.args[1].value).startswith("_")):
                offenders.append(f"{name}:{node.lineno} {node.func.id}(window, {node.args[1].value!r})")
            elif (isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and _is_window(t.value)
                                                       and t.attr.startswith("_") for t in node.targets)):
                offenders.append(f"{name}:{node.lineno} sets a private attribute on the window")
        for stmt in tree.body:  # module-level state for workers: an empty set, list or dict, a deque
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            empty = (isinstance(value, (ast.Set, ast.List, ast.Dict)) and not getattr(value, "elts", getattr(value, "keys", None))
                     or isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                     and value.func.id in ("set", "list", "dict", "deque") and not value.args)
            if empty:
                offenders.append(f"{name}:{stmt.lineno} module-level container")
    assert not offenders, offenders
