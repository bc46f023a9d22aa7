"""Tencent Survey (腾讯问卷) exports: .xlsx or CSV (and .xls when saved so).

One header row: ``编号``, ``开始答题时间``, ``结束答题时间``, ``答题时长``, region columns
(``国家和地区``, ``省``, ``市``), custom fields, then the questions as "Q1:问题"; a multi-select's
options are separate columns "Q2:(选项)". Open answers become items; choices become respondent
attributes (see ``_zh_survey`` for the reshaping).
"""
from __future__ import annotations

import re

from .base import Columns, normalise_header
from ._zh_survey import IP_REGION_KEY, ZhSurveyImporter
from .survey_common import share

METADATA = ("编号", "用户ID", "开始答题时间", "结束答题时间", "答题时长", "国家和地区", "省", "市", "省份", "城市",
            "地理位置", "自定义字段", "渠道", "来源", "答题设备", "操作系统", "浏览器", "IP", IP_REGION_KEY)
_QUESTION = re.compile(r"^Q\d+[:：]")


class TencentSurveyImporter(ZhSurveyImporter):
    name = "tencent_survey"
    label = "Tencent Survey 腾讯问卷"
    description = "Tencent Survey (腾讯问卷) export, .xlsx/CSV (编号, 开始答题时间, 结束答题时间, Q1:问题 ...)"
    id_names = ("编号",)
    time_names = ("结束答题时间", "开始答题时间")
    email_names = ()
    metadata_names = frozenset(normalise_header(n) for n in METADATA)

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        cols = Columns(rows[0])
        if not cols.has("编号") or not (cols.has("开始答题时间") or cols.has("结束答题时间")):
            return 0.0
        return 0.95 if share(rows[0], lambda c: bool(_QUESTION.match(c))) >= 0.3 or cols.has("答题时长") else 0.7


IMPORTERS = [TencentSurveyImporter()]
