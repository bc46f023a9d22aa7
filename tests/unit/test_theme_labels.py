"""Readable theme labels (analysis/theme_labels.py), junk cleaning, names, the corpus's own Chinese words."""
from __future__ import annotations

import re

import numpy as np

from analysis.text_clean import clean_text
from analysis.theme_labels import MAX_CHINESE_CHARS, MAX_WORDS, is_name_only, phrase_labels, says_how
from analysis.topic_keywords import is_profane, tokenize
from analysis.zh_words import discover_words, segmenter

LOGIN = ["Login fails with SSO since the last update", "login fails with SSO on Chrome, works on Firefox",
         "I cannot sign in, login fails with SSO every morning", "Our whole team: login fails with SSO again",
         "After the password reset the login fails with SSO", "SSO redirect loops forever and nobody can sign in",
         "Since Monday login fails with SSO for new users", "The SSO page shows an error and I cannot sign in"]
FLIGHTS = ["Cancelled flights and no rebooking offered", "Two cancelled flights in a week, rebooking took hours",
           "They cancelled my flight and the rebooking fee was absurd", "cancelled flights again, no hotel offered",
           "Rebooking after cancelled flights is a nightmare", "My flight was cancelled, the rebooking queue was long",
           "Cancelled flights, lost luggage, awful week", "So many cancelled flights this winter"]
DARK = ["Please add a dark mode", "A dark mode would be great at night", "dark mode please, my eyes hurt",
        "Is there a dark mode planned?", "Dark mode for the reader view would be lovely",
        "I'd pay for a dark mode", "The white screen is blinding, add dark mode", "Still waiting for dark mode"]

DELIVERY = ["配送太慢了，等了一个多小时", "配送太慢，饭菜都凉了", "又是配送太慢，下次不点了", "中午点的，配送太慢",
            "配送太慢，客服也不回复", "等了两个小时，配送太慢", "配送太慢了吧，饿死了", "饭挺好吃就是配送太慢"]
TASTE = ["味道很好，分量也足", "味道很好，下次还点", "味道很好，包装也不错", "菜的味道很好，就是有点贵",
         "味道很好，米饭有点硬", "味道很好，送餐员态度好", "分量足，味道很好", "鱼香肉丝味道很好"]
CAR = ["云豹星的空间很大，坐着舒服", "我开云豹星三年了，油耗太高", "云豹星油耗比说明书高很多", "朋友推荐买了云豹星，后排空间大",
       "云豹星空调不制冷，修了两次", "新款云豹星的座椅加热坏了", "云豹星续航太短，跑高速不够", "昨天云豹星在高速上熄火",
       "感觉云豹星隔音一般", "这台云豹星的导航经常死机", "云豹星保养价格太贵", "周末开着云豹星去露营，后备箱很能装"]


def _centroids(n: int) -> np.ndarray:
    return np.eye(n, 8, dtype=np.float32)


def _occurs(label: str, texts: list[str]) -> int:
    return sum(label.lower() in t.lower() for t in texts)


def test_english_labels_are_short_distinct_phrases_from_several_members():
    groups = [LOGIN, FLIGHTS, DARK]
    labels = phrase_labels(groups, _centroids(3))
    assert len(set(labels)) == 3
    for label, texts in zip(labels, groups):
        assert 1 <= len(label.split()) <= MAX_WORDS
        assert _occurs(label, texts) >= 3, (label, texts)
        assert label[0].isupper()
    assert labels[0] == "Login fails with SSO"  # the phrase most members share; the acronym keeps its case
    assert "cancelled flight" in labels[1].lower()
    assert labels[2] == "Dark mode"


def test_labels_are_deterministic_and_distinct_among_look_alike_siblings():
    groups = [LOGIN, LOGIN[::-1], FLIGHTS]
    first = phrase_labels(groups, _centroids(3), seed=5)
    assert first == phrase_labels(groups, _centroids(3), seed=5)
    assert len({label.lower() for label in first}) == 3


def test_reserved_labels_are_not_given_again():
    labels = phrase_labels([DARK], _centroids(1), reserved=["dark mode"])
    assert labels[0].lower() != "dark mode" and labels[0]


def test_embedding_closeness_reranks_candidates():
    """Two phrases with the same c-TF-IDF: the one nearer the theme's centre wins."""
    texts = ["battery drain overnight and screen flicker", "screen flicker and battery drain at night",
             "battery drain, screen flicker", "screen flicker with battery drain"]
    vocab = ["battery drain", "screen flicker"]

    def embed(phrases: list[str]) -> np.ndarray:
        out = np.zeros((len(phrases), 2), np.float32)
        for i, p in enumerate(phrases):
            out[i, 0] = 1.0 if "battery" in p.lower() else 0.0
            out[i, 1] = 1.0 if "flicker" in p.lower() else 0.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out

    towards_screen = np.array([[0.1, 0.995]], np.float32)
    towards_battery = np.array([[0.995, 0.1]], np.float32)
    assert phrase_labels([texts], towards_screen, embed)[0].lower() in vocab[1]
    assert phrase_labels([texts], towards_battery, embed)[0].lower() in vocab[0]


def test_fallback_is_a_shortened_member_sentence():
    texts = ["Everything about the onboarding wizard confused me completely today", "ok", "meh"]
    label = phrase_labels([texts, DARK], _centroids(2))[0]
    assert 1 <= len(label.split()) <= MAX_WORDS
    assert label.lower() in texts[0].lower()


def test_chinese_labels_are_whole_words_of_at_most_ten_characters():
    groups = [DELIVERY, TASTE, CAR]
    labels = phrase_labels(groups, _centroids(3))
    assert len(set(labels)) == 3
    words = discover_words([t for g in groups for t in g])
    tk = segmenter(tuple(sorted(words)))
    for label, texts in zip(labels, groups):
        assert 2 <= len(label) <= MAX_CHINESE_CHARS
        assert _occurs(label, texts) >= 3, (label, texts)
        # whole words: in some member text the label starts and ends at word boundaries
        ok = False
        for text in texts:
            pieces, pos, bounds = tk.lcut(text), 0, {0}
            for p in pieces:
                pos += len(p)
                bounds.add(pos)
            ok |= any(m.start() in bounds and m.end() in bounds for m in re.finditer(re.escape(label), text))
        assert ok, label
    assert labels[0] == "配送太慢"
    assert labels[1] == "味道很好"
    assert "云豹星" in labels[2] or labels[2] not in ("云豹", "星")


def test_corpus_words_keep_a_made_up_product_name_whole_without_touching_jieba():
    import jieba

    corpus = CAR + DELIVERY + TASTE
    words = discover_words(corpus)
    assert "云豹星" in words
    assert "云豹星" in tokenize("我开云豹星三年了，油耗太高", tuple(words))
    assert "云豹星" not in tokenize("我开云豹星三年了，油耗太高")  # without the corpus's words jieba splits it
    assert "云豹星" not in jieba.lcut("我开云豹星三年了") and "云豹星" not in jieba.dt.FREQ  # global dictionary untouched


def test_social_noise_is_cleaned_before_embedding():
    text = "RT @united: Flight delayed &amp; no crew #CustomerService #fail http://t.co/x1 &lt;3"
    cleaned = clean_text(text)
    assert "@" not in cleaned and "http" not in cleaned and "RT" not in cleaned.split()
    assert "&amp;" not in cleaned and "& no crew" in cleaned
    assert "Customer Service" in cleaned and "fail" in cleaned and "#" not in cleaned
    assert "amp" not in tokenize(cleaned)
    assert clean_text("Fixed in #1234, see C# docs") == "Fixed in , see C# docs"  # issue numbers go, C# stays


def test_non_words_and_profanity_never_become_keywords_or_labels():
    assert tokenize("deadbeef42 0x1f3a 12345 v2 ios13 atomic_number_53 fucking app crashes 😀") == \
        ["v2", "ios13", "app", "crashes"]
    assert tokenize("这个傻逼外卖太慢了") == [w for w in tokenize("这个傻逼外卖太慢了") if not is_profane(w)]
    assert not any(is_profane(w) for w in tokenize("这个傻逼外卖太慢了，他妈的"))
    swearing = [f"this fucking app crashes {i}" for i in range(8)] + [f"fucking awful login {i}" for i in range(8)]
    labels = phrase_labels([swearing, DARK], _centroids(2))
    assert not any(is_profane(label) for label in labels)


def test_name_only_themes_are_told_apart_from_content_themes():
    cities = [f"Flight from Dallas to Boston {x}" for x in ("again", "on Monday", "is full", "was fine")] + \
             ["Stuck in Dallas, heading to Boston", "Boston weather and Dallas traffic", "loved Dallas, Boston next"]
    assert is_name_only(cities, ["dallas", "boston", "flight"])
    assert not is_name_only(FLIGHTS, ["cancelled", "flights", "rebooking"])
    assert not is_name_only(LOGIN, ["login", "fails", "sso"])  # an acronym is not a name
    assert is_name_only(["北京飞上海的航班", "上海到北京", "北京和上海"], ["北京", "上海", "航班"])


def test_names_never_head_a_label():
    texts = [f"Flight to Dallas {x}" for x in ("delayed", "late", "ok", "full")] + \
            [f"My Dallas trip and the Dallas airport {x}" for x in ("wait", "queue", "mess", "noise")]
    labels = phrase_labels([texts, DARK], _centroids(2))
    assert labels[0].split()[-1].lower() != "dallas" and labels[0].lower() != "dallas"


def test_issue_template_lines_are_not_what_an_issue_is_about():
    body = ("**Do you want to request a *feature* or report a *bug*?**\nbug\n"
            "- OpenCV => 4.5.5\n- Operating System / Platform => Windows 64 Bit\nVS Code version: 1.84\n"
            "The decoder leaks memory on every frame.\n<details><summary>Click to expand</summary>log</details>")
    cleaned = clean_text(body, "github")
    assert cleaned == "bug\nThe decoder leaks memory on every frame.\nlog"
    assert clean_text("Version: 1.2 of the docs says otherwise", "zendesk").startswith("Version")  # tickets keep it


def test_two_single_words_that_score_alike_and_occur_together_make_one_label():
    texts = ["password rejected at login", "login asks for the password twice", "password reset, login still fails",
             "forgot password, login blocked", "new password, login loops", "login and password both broken"]
    label = phrase_labels([texts, DARK], _centroids(2))[0]
    assert label in ("Password and login", "Login and password")
    assert sum("password" in t and "login" in t for t in texts) >= 3  # grounded: together in several members


RICE = ["米饭太少了，不够吃", "米饭很少，菜还行", "米饭少，下次多给点", "米饭太少，两个人吃不饱", "米饭有点硬",
        "米饭是凉的", "米饭和菜都到了", "米饭量少，差评", "今天的米饭还可以", "米饭太少了吧"]
ADS = ["Too many ads, I can't read anything", "too many ads since the update", "The ads cover the articles",
       "ads everywhere, too many ads", "I would pay to remove the ads", "Way too many ads now",
       "ads pop up on every page", "Love the app but too many ads", "ads slow everything down", "the ads are loud"]
CRASHES = ["Good game but it crashes after the update", "Good game, it freezes since the update",
           "Good game but the update broke it", "Good game until it started crashing", "game crashes on start",
           "the game crashes every time", "game crashes, please fix", "it freezes and crashes when I buy gold"]


def test_a_topic_word_grows_into_what_members_say_about_it():
    """米饭 alone names a topic; 米饭太少 (米饭很少, 米饭少, 米饭量少: the same, degree adverbs aside) says the complaint."""
    zh, en = phrase_labels([RICE, DELIVERY, ADS, DARK], _centroids(4))[0], phrase_labels([ADS, DARK], _centroids(2))[0]
    assert zh.startswith("米饭") and zh.endswith("少") and len(zh) <= MAX_CHINESE_CHARS, zh
    assert sum(t.startswith("米饭") and "少" in t[:6] for t in RICE) >= 3  # grounded, or nearly
    assert en == "Too many ads"
    assert says_how(zh) and says_how(en) and not says_how("米饭") and not says_how("Ads")


def test_a_longer_label_never_turns_the_members_words_into_their_opposite():
    praise = ["好吃，下次还点", "很好吃", "好吃不贵", "真的好吃", "不好吃的话我会说", "好吃！", "一般般不好吃",
              "不好吃是假的", "好吃，分量足", "好吃好吃"]
    assert "不" not in phrase_labels([praise, DELIVERY], _centroids(2))[0]
    good = ["good game", "not good game at all? no, good game", "a good game", "good game, love it", "good game"]
    assert not phrase_labels([good, DARK], _centroids(2))[0].lower().startswith("not")


def test_a_crash_theme_is_not_labelled_with_its_members_praise():
    label = phrase_labels([CRASHES, DARK, ADS], _centroids(3))[0]
    assert "crash" in label.lower() and "good" not in label.lower(), label


def test_labels_do_not_end_on_a_dangling_preposition():
    texts = [f"Intermittent failure in {x}" for x in ("CI", "the nightly run", "test_io", "the build", "docs")]
    label = phrase_labels([texts, DARK], _centroids(2))[0]
    assert label.split()[-1].lower() not in ("in", "on", "at", "of"), label
    texts = [f"Exported model using {x} fails to load" for x in ("keras", "tf2", "the old api", "pip")] + ["model usage"]
    assert not phrase_labels([texts, DARK], _centroids(2))[0].lower().endswith("using")


def test_spelling_variants_count_as_one_phrase():
    """cant / can't and login / log in are written both ways; each alone is in too few members."""
    texts = ["I cant login since the update", "can't log in on my phone", "Cant login, please fix my login",
             "login broken? I can't log in", "the login page is blank", "login takes forever", "new login screen"]
    label = phrase_labels([texts, DARK, ADS], _centroids(3))[0]
    assert label.lower() in ("can't login", "can't log in"), label


def test_members_that_disagree_keep_the_topic_phrase():
    """Half say delivery is fast, half slow: the label names the topic, not one side of it."""
    mixed = ["送餐很快，点赞", "送餐很快", "送餐很快，谢谢", "送餐太慢了", "送餐太慢，等了很久", "送餐很慢，饭都凉了",
             "送餐速度一般", "送餐还行"]
    label = phrase_labels([mixed, TASTE, CAR], _centroids(3))[0]
    assert label.startswith("送餐") and "快" not in label and "慢" not in label, label
    one_sided = mixed[:3] + ["送餐很快，赞", "送餐快，好评"] + mixed[6:]
    assert "快" in phrase_labels([one_sided, TASTE, CAR], _centroids(3))[0]
