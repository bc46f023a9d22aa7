"""Personal data never reaches the embedding model, the vector cache, keywords or quotes when the
privacy setting ``redact_embedding`` is on (the default); the items keep the text as imported."""
from __future__ import annotations

import json
import random

from analysis.embeddings import text_hash
from analysis.pii import find_pii
from analysis.text_clean import clean_corpus
from triage_app.importers.source import ImportOptions
from triage_app.services import privacy
from triage_app.services.analysis import EMBED_CHARS, analysis_rows, run_analysis
from triage_app.services.importing import run_import
from triage_app.store import themes as tq

_TOPICS = ["the parcel arrived late and the courier lost it", "the app crashes when I open the camera screen",
           "my refund was never processed after weeks", "the price of the yearly plan went up too much"]
_CONTACTS = ["call me on 13812345678", "my number is +44 20 7946 0958", "write to karlsson.refunds@example.com",
             "reach me at lindqvist@mailbox.org or (415) 555-2671"]
_SECRETS = ("13812345678", "7946", "karlsson", "lindqvist", "mailbox", "555-2671", "example.com")


def _feedback_csv(write_file) -> str:
    rng = random.Random(5)
    lines = ["id,comment"]
    for i in range(160):
        topic = i % len(_TOPICS)  # each topic always carries the same contact: a strong keyword if not redacted
        words = " ".join(rng.choices(["again", "today", "really", "still", "please", "help", "week"], k=3))
        lines.append(f'{i},"{_TOPICS[topic]} {words}, {_CONTACTS[topic]}"')
    return write_file("pii.csv", "\n".join(lines) + "\n")


def _embedded(ws) -> list[str]:
    """The texts a full analysis embeds (cleaned, cut as analysis cuts them)."""
    return [d[:EMBED_CHARS] for d in clean_corpus([r[1:] for r in analysis_rows(ws.conn)])]


def test_analysis_embeds_and_describes_redacted_text_and_keeps_originals(workspace, write_file):
    run_import(workspace, _feedback_csv(write_file), ImportOptions(format="generic"))
    assert privacy.load_settings(workspace.conn).redact_embedding  # on by default
    result = run_analysis(workspace, model="static", mode="full")
    assert result.themes >= 2

    embedded = _embedded(workspace)
    assert not any(find_pii(t) for t in embedded)
    assert any("[PHONE]" in t for t in embedded) and any("[EMAIL]" in t for t in embedded)
    cached = tq.cached_vectors(workspace.conn, "static", [text_hash(t) for t in embedded])
    assert len(cached) == len(set(embedded))  # the cache is keyed by the redacted text
    raw = clean_corpus([r[1:] for r in tq.items_for_analysis(workspace.conn)])
    raw_only = [text_hash(t[:EMBED_CHARS]) for t in raw if find_pii(t)]
    assert raw_only and not tq.cached_vectors(workspace.conn, "static", raw_only)  # originals never embedded

    themes = tq.list_themes(workspace.conn)
    assert themes
    for theme in themes:
        described = json.dumps([theme["label"], theme["keywords"]], ensure_ascii=False).lower()
        assert not find_pii(described) and not any(s in described for s in _SECRETS), described
        quotes = theme["quotes"] if isinstance(theme["quotes"], list) else json.loads(theme["quotes"])
        assert all(isinstance(q, int) for q in quotes)  # quotes are item ids, shown through display redaction

    texts = [r[0] for r in workspace.conn.execute("SELECT text FROM items")]
    assert sum("13812345678" in t for t in texts) == 40  # the items keep the text as imported
    assert sum("karlsson.refunds@example.com" in t for t in texts) == 40


def test_turning_redaction_off_embeds_the_original_text(workspace, write_file):
    run_import(workspace, _feedback_csv(write_file), ImportOptions(format="generic"))
    settings = privacy.load_settings(workspace.conn)
    settings.redact_embedding = False
    privacy.save_settings(workspace.conn, settings)
    run_analysis(workspace, model="static", mode="full")
    embedded = _embedded(workspace)
    assert any(find_pii(t) for t in embedded)
    assert len(tq.cached_vectors(workspace.conn, "static", [text_hash(t) for t in embedded])) == len(set(embedded))
