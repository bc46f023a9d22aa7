"""A sub-theme never only repeats its parent's label (issue 12): "Python" under "Python", 米饭 under 米饭. Own texts."""
from __future__ import annotations

import numpy as np

from analysis.child_repeats import distinguish_repeats, remainder_label
from analysis.parent_labels import repeats
from analysis.theme_tree import TopTheme, build_tree


def _tree(groups: list[list[str]], near: int, sub_labels: list[str], keywords: list[list[str]]):
    """``build_tree`` on texts whose vectors put the first ``near`` sub-themes close together (one parent)."""
    rng = np.random.default_rng(0)
    docs, labels, vecs = [], [], []
    for k, texts in enumerate(groups):
        base = np.eye(16)[0] * 3 + np.eye(16)[k] if k < near else np.eye(16)[k + 4] * 3
        for t in texts:
            v = base + 0.05 * rng.standard_normal(16)
            docs.append(t), labels.append(k), vecs.append(v / np.linalg.norm(v))
    emb, labels = np.array(vecs, np.float32), np.array(labels)
    cents = np.array([emb[labels == k].mean(0) for k in range(len(groups))])
    cents /= np.linalg.norm(cents, axis=1, keepdims=True)
    sim = np.einsum("ij,ij->i", emb, cents[labels])
    _, tops = build_tree(docs, emb, labels, sim, cents, keywords, sub_labels)
    return tops


def _pairs(tops, sub_labels):
    return [(sub_labels[k], t.label) for t in tops if t.is_group for k in t.children]


def test_a_survey_answer_that_only_names_the_parent_is_its_remainder():
    groups = [["Python"] * 10 + ["python", "Python!"],
              [f"Python and R {i}" for i in range(6)] + ["R and python", "python, R", "R and Python", "Python and R"],
              ["Python and Jupyter", "python, jupyter", "Jupyter and python", "Python with Jupyter notebooks",
               "jupyter python", "Python and Jupyter notebooks", "jupyter and Python", "Python in Jupyter"],
              ["Excel"] * 8 + ["excel", "MS Excel"], ["SQL server"] * 5 + ["sql queries", "writing SQL", "sql server"],
              ["Tableau dashboards"] * 4 + ["tableau", "Tableau for charts", "tableau desktop"],
              ["Apache Spark"] * 4 + ["spark clusters", "Spark for big data", "pyspark jobs"]]
    sub_labels = ["Python", "Python and R", "Python and Jupyter", "Excel", "SQL server", "Tableau", "Spark"]
    tops = _tree(groups, 3, sub_labels, [["python"], ["python", "r"], ["python", "jupyter"], ["excel"], ["sql"],
                                         ["tableau"], ["spark"]])
    pairs = _pairs(tops, sub_labels)
    assert ("Other Python feedback", "Python") in pairs, pairs  # the old code left "Python" under "Python"
    assert not any(repeats(c, p) for c, p in pairs), pairs


def test_a_chinese_sub_theme_that_only_names_the_parent_is_its_remainder():
    groups = [["米饭"] * 10 + ["米饭。", "米饭！"],
              [f"米饭太硬了{i}" for i in range(5)] + ["米饭很硬", "米饭硬", "米饭太硬", "米饭有点硬"],
              ["米饭太少了", "米饭不够吃", "米饭太少", "米饭少了点", "米饭分量少", "米饭少", "米饭量少", "米饭给得少"],
              ["配送很快"] * 8 + ["配送快", "送得快"], ["包装很好"] * 5 + ["包装精美", "包装不错", "包装严实"],
              ["味道不错"] * 4 + ["味道好", "好吃", "味道很棒"], ["价格实惠"] * 4 + ["便宜", "价格便宜", "很实惠"]]
    sub_labels = ["米饭", "米饭太硬", "米饭太少", "配送很快", "包装很好", "味道不错", "价格实惠"]
    tops = _tree(groups, 3, sub_labels, [["米饭"], ["米饭", "硬"], ["米饭", "少"], ["配送"], ["包装"], ["味道"],
                                         ["价格"]])
    pairs = _pairs(tops, sub_labels)
    assert any(p == "米饭" and c.startswith("其他米饭") for c, p in pairs), pairs  # old code: 米饭 under 米饭
    assert not any(repeats(c, p) for c, p in pairs), pairs


def test_a_phrase_its_own_members_say_comes_before_the_remainder():
    phone = ["phone restarts at night", "the phone restarts", "phone restarts every hour", "phone keeps restarting",
             "phone restarts after the update", "my phone", "phone"]
    charger = ["the charger broke", "charger stopped working", "charger cable frayed", "new charger broke too"]
    tops = [TopTheme([0, 1], [], "Phone problems", np.zeros(8, np.float32), 11)]
    sub_labels = ["Phone", "Charger broke"]
    changed = distinguish_repeats(tops, sub_labels, {0: [phone, charger]}, lambda g, i, reserved: None)
    assert changed == [0] and "restart" in sub_labels[0].lower(), sub_labels
    assert sub_labels[1] == "Charger broke"  # a sibling that says something of its own keeps its label


def test_a_part_of_the_parent_is_no_repeat_and_keeps_its_label():
    tops = [TopTheme([0, 1], [], "Login and account problems", np.zeros(8, np.float32), 10)]
    sub_labels = ["Login", "Account deleted"]
    assert distinguish_repeats(tops, sub_labels, {0: [["login fails"] * 3, ["account deleted"] * 3]},
                               lambda g, i, reserved: None) == []
    assert sub_labels == ["Login", "Account deleted"]


def test_the_remainder_keeps_the_parent_frame_in_both_languages():
    assert remainder_label("Excel") == "Other Excel feedback"
    assert remainder_label("Praise for fire stick") == "Other praise for fire stick"
    assert remainder_label("Credit karma problems", ["my credit karma score", "credit karma is down"]) == \
        "Other credit karma problems"
    assert remainder_label("Python problems", ["Python crashes", "Python is slow"]) == "Other Python problems"
    assert remainder_label("配送问题") == "其他配送问题"
    assert remainder_label("送餐好评") == "其他送餐好评"
    assert remainder_label("米饭") == "其他米饭反馈"
    assert remainder_label("Jupyter", ["jupyter notebooks", "jupyter lab"]) == "Other Jupyter feedback"  # a name


def test_no_remainder_of_a_remainder():
    tops = [TopTheme([0, 1], [], "Other problems", np.zeros(8, np.float32), 10)]
    sub_labels = ["Other", "Charger broke"]
    distinguish_repeats(tops, sub_labels, {0: [["other stuff"] * 3, ["the charger broke"] * 3]}, lambda g, i, r: None)
    assert not sub_labels[0].lower().startswith("other other"), sub_labels


def test_the_parent_content_in_other_words_takes_a_phrase_but_never_the_remainder():
    tops = [TopTheme([0, 1], [], "Easy to set up", np.zeros(8, np.float32), 10)]
    texts = {0: [["easy to set", "so easy to set"] * 2, ["setup app crashed", "setup app froze"] * 2]}
    sub_labels = ["Easy to set", "Setup app crashed"]
    assert distinguish_repeats(tops, sub_labels, texts, lambda g, i, r: None) == []  # nothing better: kept
    assert sub_labels[0] == "Easy to set"
    assert distinguish_repeats(tops, sub_labels, texts, lambda g, i, r: "Setup in minutes") == [0]
    assert sub_labels == ["Setup in minutes", "Setup app crashed"]


def test_a_replacement_never_goes_against_the_parent_frame():
    tops = [TopTheme([0, 1], [], "菜品问题", np.zeros(8, np.float32), 10)]
    texts = {0: [["菜品一般", "菜品还不错", "菜品还不错"], ["菜太咸了", "太咸了"]]}
    sub_labels = ["菜品", "菜太咸"]
    assert distinguish_repeats(tops, sub_labels, texts, lambda g, i, r: "菜品还不错") == [0]
    assert sub_labels[0] == "其他菜品问题", sub_labels  # praise under a problems parent: no


def test_a_parent_that_names_its_largest_child_keeps_that_child_label():
    tops = [TopTheme([0, 1], [], "Google cloud, and 1 more", np.zeros(8, np.float32), 10)]
    sub_labels = ["Google cloud", "Azure"]
    texts = {0: [["google cloud", "ibm cloud", "google cloud functions"], ["azure", "azure ml"]]}
    assert distinguish_repeats(tops, sub_labels, texts, lambda g, i, r: "IBM cloud") == []
    assert sub_labels == ["Google cloud", "Azure"]


def test_the_remainder_of_a_request_parent_keeps_its_frame():
    """request_frame names a parent 编辑器建议 before child_repeats runs: its rest is 其他编辑器建议, not ...建议反馈."""
    assert remainder_label("编辑器建议") == "其他编辑器建议"
    assert remainder_label("Editor requests", ["the editor is slow", "editor crashes"]) == "Other editor requests"
