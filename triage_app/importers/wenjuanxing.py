"""Wenjuanxing (问卷星) downloads: .xls (the default), .xlsx or CSV; answers as text or as codes.

One header row: ``序号`` (respondent number), ``提交答卷时间`` (China time), ``所用时间``,
``来源``, ``来源详情``, ``来自IP`` (IP plus region), then one column per question ("1、您的性别",
multi-selects as "┋"-joined text or as one column per option "第6题(运动)"). Open answers become
items; choices become respondent attributes (see ``_zh_survey`` for the reshaping).
"""
from __future__ import annotations

from .base import Columns, normalise_header
from ._zh_survey import IP_REGION_KEY, ZhSurveyImporter

METADATA = ("序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "总分", "答题序号", "用户ID",
            "微信昵称", "答卷编号", "开始答题时间", "自定义字段", IP_REGION_KEY)
_MARKERS = ("序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP")


class WenjuanxingImporter(ZhSurveyImporter):
    name = "wenjuanxing"
    label = "Wenjuanxing 问卷星"
    description = "Wenjuanxing (问卷星) download, .xls/.xlsx/CSV, answers as text or as codes (序号, 提交答卷时间, 来自IP ...)"
    id_names = ("序号", "答卷编号")
    time_names = ("提交答卷时间", "开始答题时间")
    email_names = ()
    metadata_names = frozenset(normalise_header(n) for n in METADATA)

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        cols = Columns(rows[0])
        if not cols.has("序号"):
            return 0.0
        present = cols.count_present(_MARKERS)
        return 0.97 if cols.has("提交答卷时间") and present >= 3 else 0.6 if present >= 3 else 0.0


IMPORTERS = [WenjuanxingImporter()]
