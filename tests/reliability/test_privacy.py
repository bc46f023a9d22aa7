"""The redaction option: defaults, text for display/export/embedding, redacting the stored text
(with or without originals), restoring, and forgetting originals when the user says so."""
from __future__ import annotations

import pytest

from triage_app.domain import Cancelled, CancelToken
from triage_app.importers.source import ImportOptions
from triage_app.services import privacy
from triage_app.services.health import check_workspace
from triage_app.services.importing import run_import
from triage_app.store import queries

CSV = ("id,text,author,plan\n"
       "1,\"please call me on 13812345678\",alice@example.com,pro\n"
       "2,\"server 10.0.0.5 is down, mail ops@example.com\",bob,free\n"
       "3,\"nothing personal here\",carol,pro\n")


def _import(ws, write_file, name="a.csv", text=CSV):
    return run_import(ws, write_file(name, text), ImportOptions(format="generic"))


def _drive(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def test_defaults_redact_exports_and_embedding_not_display_or_storage(workspace):
    s = privacy.load_settings(workspace.conn)
    assert (s.redact_exports, s.redact_embedding, s.redact_display, s.redact_stored, s.keep_originals) == \
        (True, True, False, False, False)
    text = "mail me: x@example.com"
    assert privacy.redact_for_export(text, s) == "mail me: [EMAIL]"
    assert privacy.redact_for_embedding(text, s) == "mail me: [EMAIL]"
    assert privacy.redact_for_display(text, s) == text
    s.redact_exports, s.redact_display = False, True
    privacy.save_settings(workspace.conn, s)
    again = privacy.load_settings(workspace.conn)
    assert privacy.redact_for_export(text, again) == text
    assert privacy.redact_for_display(text, again) == "mail me: [EMAIL]"


def test_stored_text_is_left_alone_by_default(workspace, write_file):
    _import(workspace, write_file)
    assert "13812345678" in workspace.conn.execute("SELECT text FROM items WHERE external_id='1'").fetchone()[0]


@pytest.mark.parametrize("keep", [False, True])
def test_import_redacts_stored_text_when_chosen(workspace, write_file, keep):
    privacy.save_settings(workspace.conn, privacy.PrivacySettings(redact_stored=True, keep_originals=keep))
    _import(workspace, write_file)
    rows = dict(workspace.conn.execute("SELECT external_id, text FROM items").fetchall())
    assert rows == {"1": "please call me on [PHONE]", "2": "server [IP] is down, mail [EMAIL]",
                    "3": "nothing personal here"}
    assert queries.search_items(workspace.conn, "13812345678") == []
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "PHONE")] == ["1"]
    item_id = queries.item_ids_by_external(workspace.conn, "generic", ["1"])["1"]
    originals = privacy.originals_of_item(workspace, item_id)
    assert originals == ({"text": "please call me on 13812345678", "author": "alice@example.com"} if keep else {})
    assert check_workspace(workspace.path).healthy
    # Re-importing the same file changes nothing and keeps the text redacted.
    again = _import(workspace, write_file)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert workspace.conn.execute("SELECT text FROM items WHERE external_id='1'").fetchone()[0] == \
        "please call me on [PHONE]"


def test_restore_brings_back_the_originals_and_the_search_index(workspace, write_file):
    privacy.save_settings(workspace.conn, privacy.PrivacySettings(redact_stored=True, keep_originals=True))
    _import(workspace, write_file)
    assert privacy.restore_originals(workspace) == 3  # two texts and one author (an e-mail)
    assert "13812345678" in workspace.conn.execute("SELECT text FROM items WHERE external_id='1'").fetchone()[0]
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "13812345678")] == ["1"]
    assert queries.search_items(workspace.conn, "PHONE") == []
    assert check_workspace(workspace.path).healthy


def test_turning_keep_originals_off_forgets_them(workspace, write_file):
    privacy.save_settings(workspace.conn, privacy.PrivacySettings(redact_stored=True, keep_originals=True))
    _import(workspace, write_file)
    assert workspace.conn.execute("SELECT count(*) FROM pii_originals").fetchone()[0] > 0
    privacy.save_settings(workspace.conn, privacy.PrivacySettings(redact_stored=True, keep_originals=False))
    assert workspace.conn.execute("SELECT count(*) FROM pii_originals").fetchone()[0] == 0
    texts = " ".join(r[0] for r in workspace.conn.execute("SELECT text || coalesce(author, '') FROM items"))
    assert "13812345678" not in texts and "example.com" not in texts


def test_redacting_an_existing_workspace_is_all_or_nothing(workspace, write_file):
    _import(workspace, write_file)
    _import(workspace, write_file, "b.csv", "id,text\n" + "".join(f"b{i},ring 1391234{i:04d}\n" for i in range(300)))
    settings = privacy.PrivacySettings(redact_stored=True, keep_originals=True)
    token = CancelToken()
    gen = privacy.redact_workspace(workspace, token, settings)
    next(gen)
    token.cancel()
    with pytest.raises(Cancelled):
        _drive(gen)
    assert workspace.conn.execute("SELECT count(*) FROM items WHERE text LIKE '%[PHONE]%'").fetchone()[0] == 0
    result = _drive(privacy.redact_workspace(workspace, None, settings))
    assert result.items == 302
    assert workspace.conn.execute("SELECT count(*) FROM items WHERE text LIKE '%[PHONE]%'").fetchone()[0] == 301
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "10.0.0.5")] == []
    assert check_workspace(workspace.path).healthy


def test_event_bodies_are_redacted_and_their_originals_kept(workspace, write_file):
    import json

    privacy.save_settings(workspace.conn, privacy.PrivacySettings(redact_stored=True, keep_originals=True))
    issues = [{"number": 1, "state": "open", "title": "Crash", "body": "Logs at 192.168.0.9",
               "html_url": "https://github.com/o/r/issues/1", "created_at": "2024-03-05T10:15:22Z",
               "user": {"login": "u1"},
               "comments": [{"body": "my mail is z@example.com", "created_at": "2024-03-06T10:00:00Z",
                                  "user": {"login": "m"}}]}]
    run_import(workspace, write_file("i.json", json.dumps(issues)), ImportOptions(format="github"))
    texts = [r[0] for r in workspace.conn.execute("SELECT text FROM items")]
    assert texts == ["Logs at [IP]"]
    bodies = [r[0] for r in workspace.conn.execute("SELECT body FROM events")]
    assert bodies == ["my mail is [EMAIL]"]
    event_id = workspace.conn.execute("SELECT id FROM events").fetchone()[0]
    assert workspace.conn.execute("SELECT original FROM pii_originals WHERE event_id=?", (event_id,)).fetchone()[0] \
        == "my mail is z@example.com"
