"""Theme discovery in analysis/: keywords, outlier reduction, matching, the BERTopic pipeline, split."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.topic_keywords import class_keywords, short_label, tokenize
from analysis.topic_matching import (
    OldTheme, assign_to_centroids, centroids_of, match_clusters, reduce_outliers,
)

# -- keywords ---------------------------------------------------------------------------------------


def test_tokenize_uses_jieba_words_for_chinese_and_drops_stop_words():
    assert tokenize("送餐太慢了，饭菜都凉了，骑手态度也很差") == ["送餐", "太慢", "饭菜", "凉", "骑手", "态度", "差"]
    assert tokenize("The app crashes when I log in. Please fix the crash!") == ["app", "crashes", "log", "fix",
                                                                                  "crash"]
    assert tokenize("v2 2024 ok") == ["v2"]  # numbers and stop words go, a version name stays


def test_short_label_takes_three_distinct_keywords():
    assert short_label(["login", "log", "password", "logins", "crash"]) == "login / password / crash"
    assert short_label(["送餐", "慢", "小时"]) == "送餐、慢、小时"
    assert short_label([]) == "(no keywords)"


def test_chinese_function_words_counts_and_laughter_are_not_keywords():
    text = "之后或者却就是还是然后因为所以但是这个一下，等了一个多小时，哈哈哈，送餐员态度一般"
    assert tokenize(text) == ["小时", "送餐员", "态度", "一般"]


def test_class_keywords_are_bertopics_c_tf_idf_without_importing_it():
    from analysis.topic_keywords import make_vectorizer
    from bertopic.vectorizers import ClassTfidfTransformer

    classes = [["battery drains fast", "battery hot phone battery", "battery dies overnight battery"],
               ["login fails password", "cannot login password reset", "sso login login"],
               ["送餐太慢了", "送餐员迟到，送餐太慢", "等了一个小时才送到"]]
    vectorizer = make_vectorizer()
    counts = vectorizer.fit_transform([" ".join(c) for c in classes])
    scores = ClassTfidfTransformer(reduce_frequent_words=True).fit(counts).transform(counts).toarray()
    words = vectorizer.get_feature_names_out()
    ours = class_keywords(classes, n_keywords=20)
    for row, mine in zip(scores, ours):
        expected = {w: round(float(v), 9) for w, v in zip(words, row) if v > 0}
        assert set(mine) == set(expected)
        assert [expected[w] for w in mine] == sorted(expected.values(), reverse=True)


def test_pick_quotes_prefers_typical_distinct_readable_texts():
    from analysis.topics import pick_quotes

    texts = ["Please add a dark mode", "Honestly, please add a dark mode.", "Dark mode would be perfect",
             "ok", "Since last week please add a dark mode (#12)", "Night theme please, my eyes hurt at night",
             "希望增加深色模式，晚上太刺眼了", "说实话，希望增加深色模式，晚上太刺眼了。谢谢！"]
    vectors = np.eye(len(texts), dtype=np.float32)
    relevance = np.array([0.9, 0.95, 0.8, 0.99, 0.9, 0.7, 0.85, 0.9])
    picked = [texts[i] for i in pick_quotes(texts, vectors, relevance, 5)]
    assert picked == ["Honestly, please add a dark mode.", "说实话，希望增加深色模式，晚上太刺眼了。谢谢！",
                      "Dark mode would be perfect", "Night theme please, my eyes hurt at night", "ok"]
    # cosine above 0.95 is a duplicate too; with nothing distinct left, near-duplicates fill up to 3
    same = np.ones((3, 4), dtype=np.float32) / 2
    assert pick_quotes(["a b c d", "a b c e", "a b c d"], same, np.array([0.9, 0.8, 0.7]), 5) == [0, 1]


# -- centroid arithmetic ----------------------------------------------------------------------------------
def _unit(*rows):
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_centroids_and_assignment_by_hand():
    e = _unit([1, 0], [1, 0.2], [0, 1], [0.1, 1])
    c = centroids_of(e, np.array([0, 0, 1, -1]), 2)
    assert np.allclose(c[0], _unit([1 + 1 / np.hypot(1, 0.2), 0.2 / np.hypot(1, 0.2)])[0], atol=1e-6)
    assert np.allclose(c[1], [0, 1])
    labels, sim = assign_to_centroids(_unit([1, 0.1], [-1, -1]), c, threshold=0.0)
    assert labels.tolist() == [0, -1]
    assert sim[0] > 0.99 and sim[1] < 0


def test_reduce_outliers_joins_similar_items_and_caps_the_unassigned_share():
    centroids = _unit([1, 0], [0, 1])
    # 10 items: 6 assigned; outliers at cosine 0.8, 0.3, 0.1 and -1 (opposite) to the nearest centroid
    e = _unit([1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0.8, 0.6], [0.3, -0.954], [-0.995, 0.1], [-1, -1])
    labels = np.array([0, 0, 0, 1, 1, 1, -1, -1, -1, -1])
    out, sim = reduce_outliers(e, labels, centroids, max_share=0.2, min_similarity=0.5)
    # 0.8 >= 0.5 joins; 2 of the remaining 3 may stay (20% of 10); the most similar (0.3) joins too
    assert out.tolist() == [0, 0, 0, 1, 1, 1, 0, 0, -1, -1]
    assert sim[6] == pytest.approx(0.8, abs=1e-3) and sim[8] == 0
    none_left, _ = reduce_outliers(e, labels, centroids, max_share=0.0, min_similarity=0.99)
    assert (none_left >= 0).all()


def test_match_clusters_by_overlap_then_centroid_one_to_one():
    old = [OldTheme(10, _unit([1, 0])[0], frozenset({1, 2, 3, 4})),
           OldTheme(11, _unit([0, 1])[0], frozenset({5, 6, 7})),
           OldTheme(12, _unit([1, 1])[0], frozenset({8}))]
    new_members = [frozenset({5, 6, 7, 20}), frozenset({1, 2, 3}), frozenset({30, 31}), frozenset({40})]
    new_centroids = _unit([0, 1], [1, 0], [1, 1.02], [-1, 0])
    # cluster 0 = old 11 by items, 1 = old 10, 2 shares no items with 12 but its centroid is close, 3 is new
    assert match_clusters(new_members, new_centroids, old) == {0: 11, 1: 10, 2: 12}
    # without centroids (another embedding model) only item overlap counts
    blind = [OldTheme(o.id, None, o.members) for o in old]
    assert match_clusters(new_members, new_centroids, blind) == {0: 11, 1: 10}


# -- the pipeline on synthetic data -------------------------------------------------------------------------
TOPICS = {
    "battery": "battery drains fast phone hot charging",
    "login": "login password account locked sign",
    "export": "export pdf excel file download",
    "dark": "dark mode theme night colours",
}


def _corpus(n_per_topic=40, noise=5, seed=0):
    """Documents with distinct words per topic and vectors in distinct directions (+ noise items)."""
    rng = np.random.default_rng(seed)
    docs, vecs, truth = [], [], []
    basis = np.eye(16, dtype=np.float32)
    for t, (name, words) in enumerate(TOPICS.items()):
        w = words.split()
        for i in range(n_per_topic):
            docs.append(" ".join(rng.choice(w, 5)) + f" item{i}")
            vecs.append(basis[t] + 0.15 * rng.normal(size=16))
            truth.append(t)
    for i in range(noise):
        docs.append(f"misc words {i}")
        vecs.append(rng.normal(size=16))
        truth.append(-1)
    v = np.array(vecs, dtype=np.float32)
    return docs, v / np.linalg.norm(v, axis=1, keepdims=True), np.array(truth)


@pytest.fixture(scope="module")
def found():
    from analysis.topics import ThemeParams, find_themes

    docs, vecs, truth = _corpus()
    return docs, vecs, truth, find_themes(docs, vecs, ThemeParams(reducer="pca", seed=7))


def test_find_themes_recovers_topics_with_keywords_quotes_and_few_unassigned(found):
    from sklearn.metrics import adjusted_rand_score

    docs, vecs, truth, result = found
    assert len(result.themes) == 4
    real = truth >= 0
    assert adjusted_rand_score(truth[real], result.labels[real]) == 1.0
    assert result.unassigned_share <= 0.10
    for theme in result.themes:
        topic = truth[result.labels == theme.index][0]
        assert set(theme.keywords[:3]) <= set(list(TOPICS.values())[topic].split())
        members = [d for d, k in zip(docs, result.labels) if k == theme.index]
        parts = theme.label.lower().split(" and ")  # a phrase, or two words that occur together ("A and b")
        assert 1 <= len(theme.label.split()) <= 6 and sum(all(p in d for p in parts) for d in members) >= 3
        assert set(" ".join(parts).split()) <= set(list(TOPICS.values())[topic].split())
        assert 3 <= len(theme.quotes) <= 5
        assert all(result.labels[q] == theme.index for q in theme.quotes)
        assert theme.size == int((result.labels == theme.index).sum())
        assert np.linalg.norm(theme.centroid) == pytest.approx(1.0, abs=1e-5)


def test_find_themes_is_reproducible_for_a_seed(found):
    from analysis.topics import ThemeParams, find_themes

    docs, vecs, _, first = found
    again = find_themes(docs, vecs, ThemeParams(reducer="pca", seed=7))
    assert np.array_equal(first.labels, again.labels)
    assert [t.keywords for t in first.themes] == [t.keywords for t in again.themes]
    assert [t.label for t in first.themes] == [t.label for t in again.themes]


def test_large_sets_cluster_a_sample_and_assign_the_rest():
    from analysis.topics import ThemeParams, find_themes

    docs, vecs, truth = _corpus(n_per_topic=150, noise=0, seed=1)
    result = find_themes(docs, vecs, ThemeParams(reducer="pca", max_fit=200, seed=3))
    assert result.info["fitted"] == 200
    assert (result.labels >= 0).all()
    # "leaf" selection may cut a topic in two, but never mixes topics, and every topic has a theme
    assert all(len(set(truth[result.labels == t.index])) == 1 for t in result.themes)
    assert {truth[result.labels == t.index][0] for t in result.themes} == {0, 1, 2, 3}


def test_too_few_items_stay_unassigned():
    from analysis.topics import find_themes

    result = find_themes(["a", "b"], np.eye(2, dtype=np.float32))
    assert result.labels.tolist() == [-1, -1] and result.themes == []


def test_auto_max_themes_is_a_guard_that_grows_with_the_data():
    from analysis.topics import auto_max_themes

    assert [auto_max_themes(n) for n in (100, 1_600, 3_000, 8_000, 100_000)] == [10, 40, 75, 200, 250]


def test_auto_min_cluster_size_grows_with_size():
    from analysis.topics import auto_min_cluster_size

    assert [auto_min_cluster_size(n) for n in (50, 400, 20_000, 10**7)] == [5, 7, 49, 150]


def test_split_documents_gives_the_requested_parts_deterministically():
    from analysis.topics import split_documents

    docs, vecs, truth = _corpus(n_per_topic=20, noise=0)
    two = docs[:40], vecs[:40]  # battery + login
    a = split_documents(*two, parts=2, seed=1)
    b = split_documents(*two, parts=2, seed=1)
    assert np.array_equal(a.labels, b.labels)
    from sklearn.metrics import adjusted_rand_score
    assert adjusted_rand_score(truth[:40], a.labels) == 1.0
    auto = split_documents(docs, vecs, seed=1)  # four topics: silhouette picks 4
    assert len(auto.themes) == 4


def test_texts_without_words_still_get_themes():
    """Numbers, emoji or one repeated word: c-TF-IDF has (almost) no vocabulary, clustering still works."""
    from analysis.topics import ThemeParams, find_themes

    _, vecs, truth = _corpus(n_per_topic=20, noise=0)
    for docs in (["123 \U0001F600"] * len(vecs), ["doc 1"] * len(vecs)):
        result = find_themes(docs, vecs, ThemeParams(reducer="pca", cluster_selection="eom"))
        assert len(result.themes) == 4 and (result.labels >= 0).all()
        labels = [t.label for t in result.themes]
        assert len(set(labels)) == 4  # distinct among siblings even without words
        assert all(label.startswith(("(no label)", "Doc 1")) for label in labels)


def test_match_clusters_ignores_a_centroid_of_another_model():
    # themes kept from a run with a 512-wide model, matched by a run with a 64-wide one (it crashed: matmul 512 vs 64)
    rng = np.random.default_rng(0)
    old_wide = rng.normal(size=512).astype(np.float32)
    new = rng.normal(size=(2, 64)).astype(np.float32)
    old = [OldTheme(10, old_wide, frozenset({1, 2, 3})), OldTheme(11, new[1].copy(), frozenset())]
    assert match_clusters([frozenset({1, 2, 3}), frozenset({7})], new, old) == {0: 10, 1: 11}
