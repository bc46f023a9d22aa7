<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <source>Sentiment</source>
        <translation>情感</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="394" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="395" />
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="396" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="396" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="396" />
        <source>Source state</source>
        <translation>来源状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="397" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="397" />
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="405" />
        <source>Link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>ClassMix</name>
    <message>
        <location filename="../../ui/class_mix.py" line="10" />
        <source>Negative</source>
        <translation>负面</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="11" />
        <source>Neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="12" />
        <source>Positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="13" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="14" />
        <source>Requests</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="15" />
        <source>Questions</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="16" />
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="17" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="18" />
        <source>Sentiment</source>
        <translation>情感</translation>
    </message>
    <message>
        <location filename="../../ui/class_mix.py" line="18" />
        <source>Feedback type</source>
        <translation>反馈类型</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/dashboard_view.py" line="29" />
        <location filename="../../ui/dashboard_view.py" line="214" />
        <source>The period ends at the newest feedback in the workspace</source>
        <translation>时间段截止到工作区中最新的反馈</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="33" />
        <source>Top </source>
        <translation>前 </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="33" />
        <source> themes</source>
        <translation> 个主题</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="34" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="36" />
        <source>Export Briefing…</source>
        <translation>导出简报…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="37" />
        <source>A PDF or PowerPoint briefing with these charts, top themes and a methods appendix</source>
        <translation>包含这些图表、主要主题和方法附录的 PDF 或 PowerPoint 简报</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="39" />
        <source>Follow Feedback filters</source>
        <translation>跟随反馈筛选</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="41" />
        <source>Narrow the satisfaction, response-time and status charts to the source, theme and segment chosen on the Feedback screen (theme rankings always cover all feedback)</source>
        <translation>将满意度、响应时间和状态图表限定为“反馈”页面所选的来源、主题和细分群体（主题排名始终涵盖全部反馈）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="92" />
        <source>All time ({0} days)</source>
        <translation>全部时间（{0} 天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="96" />
        <source>The data spans only {0} days: choose All time</source>
        <translation>数据只覆盖 {0} 天：请选择“全部时间”</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="134" />
        <source>Gathering figures…</source>
        <translation>正在汇总数据…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="150" />
        <source>Charts could not be drawn: {0}</source>
        <translation>无法绘制图表：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="205" />
        <source>Export Chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="213" />
        <source>The items have no dates: every chart covers all of them</source>
        <translation>这些条目没有日期：每张图表都涵盖全部条目</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="215" />
        <source>{0} charts · right-click a chart to export it</source>
        <translation>{0} 张图表 · 右键点击图表可导出</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="216" />
        <source>No feedback in this period</source>
        <translation>此时间段内没有反馈</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="218" />
        <source>Filtered like the Feedback screen</source>
        <translation>已按“反馈”页面筛选</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="226" />
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="227" />
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="237" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="147" />
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="148" />
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="149" />
        <source>Last 180 days</source>
        <translation>最近 180 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="150" />
        <source>Last 365 days</source>
        <translation>最近 365 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="151" />
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
</context>
<context>
    <name>FeedbackView</name>
    <message>
        <location filename="../../ui/feedback_view.py" line="47" />
        <source>Search feedback (English or 中文)…</source>
        <translation>搜索反馈（中文或 English）…</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="48" />
        <source>All words must occur; English words match as prefixes, Chinese words as phrases</source>
        <translation>所有词都必须出现；英文按前缀匹配，中文按词组匹配</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="49" />
        <source>Source format</source>
        <translation>来源格式</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="50" />
        <source>Workflow status</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="51" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="52" />
        <source>Created in the last …</source>
        <translation>最近…内创建</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="53" />
        <source>Score band: NPS groups for survey answers, stars/CSAT for reviews and tickets</source>
        <translation>评分段：问卷回答按 NPS 分组，评论和工单按星级/CSAT</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="54" />
        <source>Segment (a survey attribute such as plan or region)</source>
        <translation>细分（问卷属性，如套餐或地区）</translation>
    </message>
    <message>
        <source>Sentiment: from the item's rating or score where it has one, else from its text (VADER for English, SnowNLP for Chinese); scored when themes are analysed</source>
        <translation type="vanished">情感：有评分时取自评分，否则取自文本（英文用 VADER，中文用 SnowNLP）；在分析主题时计算</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="56" />
        <source>Sentiment: from the item's rating or score where it has one, else from its text (a classifier over the sentence vectors, English and Chinese); scored when themes are analysed</source>
        <translation>情感：有评分时取自评分，否则取自文本（基于句向量的分类器，支持中英文）；在分析主题时计算</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="59" />
        <source>Feedback type: problem, request, question, praise or other; from a mapped column where the file has one, else from the text; scored when themes are analysed</source>
        <translation>反馈类型：问题、需求、提问、表扬或其他；文件中有映射的列时取自该列，否则取自文本；在分析主题时计算</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="161" />
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="164" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="167" />
        <source>All themes</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="168" />
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="172" />
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="172" />
        <source>Last {0}</source>
        <translation>最近 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="173" />
        <source>All scores</source>
        <translation>全部评分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="176" />
        <source>All segments</source>
        <translation>全部细分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="180" />
        <source>All sentiment</source>
        <translation>全部情感</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="181" />
        <source>Negative</source>
        <translation>负面</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="181" />
        <source>Neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="181" />
        <source>Positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="184" />
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="240" />
        <source>searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="256" />
        <source>This workspace is empty. Import feedback with File › Import Files… (Ctrl+I): a survey, issues, tickets or reviews.</source>
        <translation>此工作区为空。请用 文件 › 导入文件…（Ctrl+I）导入反馈：问卷、issue、工单或评论。</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="264" />
        <source>{0} items</source>
        <translation>{0} 条</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="269" />
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="348" />
        <source>negative</source>
        <translation>负面</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="349" />
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="350" />
        <source>positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="351" />
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="352" />
        <source>request</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="353" />
        <source>question</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="354" />
        <source>praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="355" />
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="357" />
        <source>from the file's column</source>
        <extracomment>where a sentiment or type came from (item_sentiment.method / type_method)</extracomment>
        <translation>来自文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="358" />
        <source>from its star rating</source>
        <translation>来自星级评分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="359" />
        <source>from its CSAT answer</source>
        <translation>来自 CSAT 评分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="360" />
        <source>from its NPS answer</source>
        <translation>来自 NPS 评分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="361" />
        <source>from its CES answer</source>
        <translation>来自 CES 评分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="362" />
        <source>read from the text</source>
        <translation>从文本判断</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="363" />
        <source>no text to read</source>
        <translation>没有可读的文本</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="366" />
        <source>Sentiment</source>
        <translation>情感</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="367" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="368" />
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="9" />
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="9" />
        <source>triaged</source>
        <translation>已分拣</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="10" />
        <source>planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="10" />
        <source>in progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="11" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="11" />
        <source>won't fix</source>
        <translation>不修复</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="12" />
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="14" />
        <source>NPS detractors (0-6)</source>
        <translation>NPS 贬损者 (0-6)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="14" />
        <source>NPS passives (7-8)</source>
        <translation>NPS 被动者 (7-8)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="15" />
        <source>NPS promoters (9-10)</source>
        <translation>NPS 推荐者 (9-10)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="15" />
        <source>Low (1-2 stars / CSAT)</source>
        <translation>低 (1-2 星 / CSAT)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="16" />
        <source>Neutral (3)</source>
        <translation>中等 (3)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="16" />
        <source>High (4-5)</source>
        <translation>高 (4-5)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="17" />
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="17" />
        <source>30 days</source>
        <translation>30 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="18" />
        <source>90 days</source>
        <translation>90 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="18" />
        <source>365 days</source>
        <translation>365 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="19" />
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="19" />
        <source>Responses</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="20" />
        <source>Status history</source>
        <translation>状态历史</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="20" />
        <source>No feedback matches these filters.</source>
        <translation>没有符合这些筛选条件的反馈。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="21" />
        <source>The filter could not be applied</source>
        <translation>无法应用筛选</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="23" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="23" />
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="24" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="24" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="25" />
        <source>Source state</source>
        <translation>来源状态</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="25" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="26" />
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="26" />
        <source>Link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="72" />
        <source>Choose the exports to import</source>
        <translation>选择要导入的导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="73" />
        <source>Drop survey, issue-tracker, ticket or review exports here, or add them with the button. CSV, TSV, Excel, JSON, JSON Lines and zip files are read.</source>
        <translation>把问卷、问题跟踪、工单或应用评论的导出文件拖到这里，或用按钮添加。支持 CSV、TSV、Excel、JSON、JSON Lines 和 zip 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="76" />
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="78" />
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="80" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>not a data file</source>
        <translation>不是数据文件</translation>
    </message>
    <message>
        <source>a text document, not a table</source>
        <translation>是文本文档，不是表格</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="112" />
        <source>Skipped in the folder:</source>
        <translation>文件夹中跳过的文件：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="116" />
        <source>Import a folder of exports</source>
        <translation>导入一个导出文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="121" />
        <source>Import feedback exports</source>
        <translation>导入反馈导出文件</translation>
    </message>
    <message>
        <source>Exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.json *.jsonl *.ndjson *.zip);;All files (*)</source>
        <translation>导出文件 (*.csv *.tsv *.txt *.xlsx *.xlsm *.json *.jsonl *.ndjson *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="42" />
        <source>Exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.json *.jsonl *.ndjson *.zip *.xml);;All files (*)</source>
        <translation>导出文件 (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.json *.jsonl *.ndjson *.zip *.xml);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Generic table or JSON</source>
        <translation>通用表格或 JSON</translation>
    </message>
    <message>
        <source>Consumer complaints (CFPB CSV)</source>
        <translation>消费者投诉（CFPB CSV）</translation>
    </message>
    <message>
        <source>GitHub issues (REST API JSON)</source>
        <translation>GitHub issue（REST API JSON）</translation>
    </message>
    <message>
        <source>GitHub issues (gh CLI JSON)</source>
        <translation>GitHub issue（gh 命令行 JSON）</translation>
    </message>
    <message>
        <source>GitLab issues (CSV export)</source>
        <translation>GitLab issue（CSV 导出）</translation>
    </message>
    <message>
        <source>Google Forms responses</source>
        <translation>Google 表单回复</translation>
    </message>
    <message>
        <source>Google Play reviews (Play Console CSV)</source>
        <translation>Google Play 评论（Play 管理中心 CSV）</translation>
    </message>
    <message>
        <source>Jira issues (CSV export)</source>
        <translation>Jira issue（CSV 导出）</translation>
    </message>
    <message>
        <source>Research survey (2 header rows)</source>
        <translation>研究问卷（2 行表头）</translation>
    </message>
    <message>
        <source>Zendesk tickets (JSON)</source>
        <translation>Zendesk 工单（JSON）</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>未知类型</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../ui/formatting.py" line="53" />
        <source>by you</source>
        <translation>由您</translation>
    </message>
    <message>
        <location filename="../../ui/formatting.py" line="53" />
        <source>from the import</source>
        <translation>来自导入</translation>
    </message>
    <message>
        <location filename="../../ui/formatting.py" line="74" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/formatting.py" line="74" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/formatting.py" line="75" />
        <source>d MMM yyyy HH:mm</source>
        <translation>yyyy年M月d日 HH:mm</translation>
    </message>
    <message>
        <location filename="../../ui/formatting.py" line="75" />
        <source>people told: {0}</source>
        <translation>已告知用户：{0}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="578" />
        <source>Import Feedback</source>
        <translation>导入反馈</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="585" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>ItemsTableModel</name>
    <message>
        <location filename="../../ui/items_model.py" line="135" />
        <source>The item's own score (stars, CSAT, NPS) or its survey respondent's</source>
        <translation>该条目自身的评分（星级、CSAT、NPS）或其问卷答题者的评分</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="28" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="28" />
        <source>Created (UTC)</source>
        <translation>创建时间 (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="29" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="29" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="30" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="30" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="31" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="31" />
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="32" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="33" />
        <location filename="../../ui/items_model.py" line="97" />
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <location filename="../../ui/i18n.py" line="81" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="82" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Themes appear here after Analysis › Run Analysis.</source>
        <translation>运行“分析 › 运行分析”后，主题将显示在这里。</translation>
    </message>
    <message>
        <source>Satisfaction, response-time and status charts appear here.</source>
        <translation>满意度、响应时间和状态图表将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="56" />
        <location filename="../../ui/main_window.py" line="124" />
        <source>Feedback</source>
        <extracomment>the app (not tests or benchmarks) sets this: at first start on a machine, compile the theme engine's code cache in a background process every task the window runs off the UI thread: progress, cancel, busy state, and the one "workspace changed" signal the views refresh from</extracomment>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57" />
        <location filename="../../ui/main_window.py" line="124" />
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58" />
        <location filename="../../ui/main_window.py" line="124" />
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86" />
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87" />
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89" />
        <source>Open &amp;Demo Workspace</source>
        <translation>打开示例工作区(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>A generated workspace with six months of English and Chinese feedback</source>
        <translation>一个包含六个月中英文反馈的示例工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92" />
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93" />
        <source>Import survey, issue, ticket and review exports</source>
        <translation>导入问卷、问题、工单和评论的导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94" />
        <source>&amp;Export Feedback…</source>
        <translation>导出反馈(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95" />
        <source>Save the feedback that passes the current filters as Excel or CSV</source>
        <translation>把符合当前筛选条件的反馈保存为 Excel 或 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96" />
        <source>Export &amp;Themes…</source>
        <translation>导出主题(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97" />
        <source>Export &amp;Briefing…</source>
        <translation>导出简报(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98" />
        <source>A PDF or PowerPoint briefing: headline numbers, top themes, satisfaction, response times</source>
        <translation>PDF 或 PowerPoint 简报：关键数字、主要主题、满意度、响应时间</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102" />
        <source>&amp;Undo Theme Edit</source>
        <translation>撤销主题编辑(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103" />
        <source>&amp;Redo Theme Edit</source>
        <translation>重做主题编辑(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>Set &amp;Status…</source>
        <translation>设置状态(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108" />
        <source>Change the workflow status of the selected feedback</source>
        <translation>更改所选反馈的处理状态</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>&amp;Move to Theme…</source>
        <translation>移动到主题(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111" />
        <source>Put the selected feedback in another theme</source>
        <translation>把所选反馈放到另一个主题</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113" />
        <source>&amp;Tell People…</source>
        <translation>告知用户(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114" />
        <source>Draft an update for the people behind the selected feedback</source>
        <translation>为所选反馈的提交者起草一份进展更新</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="116" />
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117" />
        <source>&amp;Run Analysis</source>
        <translation>运行分析(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118" />
        <location filename="../../ui/main_window.py" line="271" />
        <source>Find themes in all feedback; your edits are kept</source>
        <translation>在所有反馈中发现主题；保留你的编辑</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119" />
        <source>Workspace &amp;Settings…</source>
        <translation>工作区设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120" />
        <source>Priority weights, status mapping and privacy, saved in the workspace</source>
        <translation>优先级权重、状态映射和隐私，保存在工作区中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123" />
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130" />
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133" />
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140" />
        <source>&amp;About Feedback Triage</source>
        <translation>关于 Feedback Triage(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>The new language is used from the next start (an analysis is running).</source>
        <translation>新语言将在下次启动时生效（分析正在进行）。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306" />
        <source>{0} items from one import</source>
        <translation>{0} 条反馈，来自 1 次导入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307" />
        <source>{0} items from {1} imports</source>
        <translation>{0} 条反馈，来自 {1} 次导入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309" />
        <source>{0} survey respondents</source>
        <translation>{0} 位问卷答题者</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="505" />
        <source>Status of {0} item(s) set to “{1}”</source>
        <translation>已将 {0} 条反馈的状态设为“{1}”</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="529" />
        <source>Analysis Running</source>
        <translation>分析进行中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="530" />
        <source>The theme analysis is still running. Closing now cancels it and keeps the themes as they were.</source>
        <translation>主题分析仍在进行。现在关闭将取消分析，主题保持原样。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="532" />
        <source>Keep Running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="533" />
        <source>Cancel Analysis and Close</source>
        <translation>取消分析并关闭</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="540" />
        <source>Find Themes</source>
        <translation>查找主题</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="541" />
        <source>{0} new items were imported. Run the analysis now to find their themes?</source>
        <translation>已导入 {0} 条新反馈。现在运行分析以查找主题吗？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="544" />
        <source>Run Analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545" />
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>About Feedback Triage</source>
        <translation>关于 Feedback Triage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>Feedback Triage brings survey answers, issues, tickets and reviews together, offline. Your data stays on this computer.</source>
        <translation>Feedback Triage 离线汇总问卷回答、问题、工单和评论。你的数据只保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215" />
        <source>The workspace was changed by another window or program; the views now show its current content.</source>
        <translation>工作区已被其他窗口或程序修改；视图已显示其当前内容。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272" />
        <source>Import feedback first: the workspace is empty</source>
        <translation>请先导入反馈：工作区为空</translation>
    </message>
    <message>
        <source>{0} items from {1} imports · {2} survey respondents</source>
        <translation>{0} 条反馈，来自 {1} 次导入 · {2} 位问卷答题者</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315" />
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323" />
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="351" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="352" />
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381" />
        <location filename="../../ui/main_window.py" line="435" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371" />
        <source>{0} items exported to {1}</source>
        <translation>已导出 {0} 条到 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373" />
        <source>Long texts cut</source>
        <translation>长文本已截断</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374" />
        <source>{0} texts were longer than Excel's limit of 32,767 characters per cell; they are cut and marked in the file. Export to CSV to keep them whole.</source>
        <translation>有 {0} 条文本超过 Excel 每个单元格 32,767 个字符的上限，已截断并在文件中标注。导出为 CSV 可保留完整文本。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379" />
        <location filename="../../ui/main_window.py" line="433" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389" />
        <source>Export Briefing</source>
        <translation>导出简报</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390" />
        <source>PDF document (*.pdf);;PowerPoint deck (*.pptx)</source>
        <translation>PDF 文档 (*.pdf);;PowerPoint 演示文稿 (*.pptx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="396" />
        <source>Writing the briefing…</source>
        <translation>正在生成简报…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407" />
        <source>Briefing written: {0} ({1} pages)</source>
        <translation>简报已生成：{0}（{1} 页）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411" />
        <source>Briefing not written</source>
        <translation>简报未生成</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="430" />
        <source>{0} themes exported to {1}</source>
        <translation>已导出 {0} 个主题到 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="448" />
        <source>Theme: {0}</source>
        <translation>主题：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="508" />
        <location filename="../../ui/theme_actions.py" line="154" />
        <source>Status not changed</source>
        <translation>状态未更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="495" />
        <source>{0} selected item(s)</source>
        <translation>已选 {0} 条</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="43" />
        <source>Feedback Triage workspace (*.triage);;All files (*)</source>
        <translation>Feedback Triage 工作区 (*.triage);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="140" />
        <source>Check how each file will be imported</source>
        <translation>检查每个文件将如何导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="141" />
        <source>The format and encoding are detected from each file; change them if the preview looks wrong.</source>
        <translation>格式和编码由文件本身检测；如果预览看起来不对，可以修改。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="150" />
        <source>e.g. Twitter, Support desk (optional)</source>
        <translation>例如 微博、客服中心（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="155" />
        <source>The encoding is uncertain. Pick the one in which the text reads right:</source>
        <translation>无法确定文本编码。请选择文字显示正确的一项：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="158" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="159" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="163" />
        <source>Source name</source>
        <translation>来源名称</translation>
    </message>
    <message>
        <source>Columns (generic table)</source>
        <translation>列（通用表格）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="184" />
        <source>Segment columns</source>
        <translation>分组列</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="213" />
        <source>First rows as they will be imported:</source>
        <translation>导入后的前几行：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="254" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="317" />
        <source>{0} file, {1:,} bytes; encoding: {2}</source>
        <translation>{0} 文件，{1:,} 字节；编码：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="319" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="327" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="360" />
        <source>Use column “{0}” as each row's sentiment: {1} (all {2} values checked). Untick if it means something else.</source>
        <translation>将“{0}”列用作每行的情感：{1}（已检查全部 {2} 个值）。如果这一列表示别的意思，请取消勾选。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="375" />
        <source>Created (UTC)</source>
        <translation>创建时间 (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="37" />
        <location filename="../../ui/import_wizard.py" line="375" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="35" />
        <location filename="../../ui/import_wizard.py" line="375" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="375" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="375" />
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="38" />
        <location filename="../../ui/import_wizard.py" line="375" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="35" />
        <source>Feedback text</source>
        <extracomment>what each column role is called next to its drop-down: plain words, not field names ("created at")</extracomment>
        <translation>反馈文本</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="36" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="36" />
        <source>Row ID</source>
        <translation>行 ID</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="37" />
        <source>Score or rating</source>
        <translation>评分或星级</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="38" />
        <source>Labels or tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="39" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="39" />
        <source>Date closed</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="40" />
        <source>Date of first reply</source>
        <translation>首次回复日期</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="41" />
        <source>Date updated</source>
        <translation>更新日期</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="41" />
        <source>Votes</source>
        <translation>投票数</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="42" />
        <location filename="../../ui/import_wizard.py" line="378" />
        <source>Sentiment</source>
        <translation>情感</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="43" />
        <location filename="../../ui/import_wizard.py" line="378" />
        <source>Feedback type</source>
        <translation>反馈类型</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="144" />
        <source>The kind of export this file is, detected from its columns; choose another if the rows below look wrong</source>
        <translation>根据文件的列检测出的导出类型；如果下面的行看起来不对，请选择其他类型</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="164" />
        <source>Which column holds what</source>
        <translation>各列分别是什么</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="165" />
        <source>Guessed from the column names and the first rows; change any that are wrong, or choose (none) for a column the file does not have</source>
        <translation>根据列名和前几行猜测；猜错的请改正，文件中没有的列请选择（无）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="298" />
        <source>detected</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="298" />
        <source>also possible</source>
        <translation>也可能是</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="311" />
        <source>{0:.0%} of the characters read as ordinary text in this encoding</source>
        <translation>按此编码读取时，{0:.0%} 的字符是正常文字</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="357" />
        <source>1 = positive, 0 = negative</source>
        <translation>1 = 正面，0 = 负面</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="358" />
        <source>-1 = negative, 0 = neutral, 1 = positive</source>
        <translation>-1 = 负面，0 = 中性，1 = 正面</translation>
    </message>
    <message>
        <source>Use column “{0}” as each row's sentiment: {1}. Untick if it means something else.</source>
        <translation type="vanished">将“{0}”列用作每行的情感：{1}。如果这一列表示别的意思，请取消勾选。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="399" />
        <source>{0} survey responses in the first rows</source>
        <translation>前几行中有 {0} 份问卷回答</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="401" />
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="402" />
        <source>Will be skipped: {0}: {1}</source>
        <translation>将被跳过：{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="404" />
        <source>Left out (not feedback): {0} × {1}</source>
        <translation>未导入（不是反馈）：{0} × {1}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="407" />
        <source>Column “{0}” is not 1/0 sentiment codes: row {1} holds “{2}”, so its numbers are read as star ratings (1-2 negative, 3 neutral, 4-5 positive).</source>
        <translation>“{0}”列不是 1/0 情感代码：第 {1} 行是“{2}”，因此其中的数字按星级评分读取（1-2 负面，3 中性，4-5 正面）。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="413" />
        <source>This file holds no free-text feedback: its survey answers will be kept as segments only.</source>
        <translation>此文件没有自由文本反馈：其问卷答案只作为分组保留。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="416" />
        <source>This file holds no feedback in its first rows: check the format or choose the text column.</source>
        <translation>此文件的前几行没有反馈：请检查格式或选择文本列。</translation>
    </message>
    <message>
        <source>No feedback text found in the first rows: check the format or the text column.</source>
        <translation>前几行中没有找到反馈文本：请检查格式或文本列。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="418" />
        <source>No problems in the first rows.</source>
        <translation>前几行没有问题。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>first response at</source>
        <translation>首次回复时间</translation>
    </message>
    <message>
        <source>updated at</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>votes</source>
        <translation>投票数</translation>
    </message>
    <message>
        <source>sentiment</source>
        <translation>情感</translation>
    </message>
    <message>
        <source>type</source>
        <translation>反馈类型</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="463" />
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="466" />
        <source>Cancel Import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="483" />
        <source>cancelled: nothing was imported from this file</source>
        <translation>已取消：此文件未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="498" />
        <source>File {0} of {1}: {2} — {3}</source>
        <translation>第 {0} 个文件，共 {1} 个：{2} — {3}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="520" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="36" />
        <source>reading</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="36" />
        <source>importing</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="37" />
        <source>redacting</source>
        <translation>脱敏</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="37" />
        <source>indexing</source>
        <translation>建立索引</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="38" />
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/i18n.py" line="156" />
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/i18n.py" line="153" />
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="153" />
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="154" />
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="154" />
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RiceDialog</name>
    <message>
        <location filename="../../ui/rice_dialog.py" line="16" />
        <source>RICE Inputs</source>
        <translation>RICE 输入</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="19" />
        <source>Automatic (from the share of negative feedback)</source>
        <translation>自动（按负面反馈占比）</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="24" />
        <source>Automatic (from the number of items)</source>
        <translation>自动（按反馈条数）</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="29" />
        <source> person-months</source>
        <translation> 人月</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="34" />
        <source>“{0}”: RICE = reach (its distinct people) × impact × confidence / effort. Used when the workspace's priority scheme is RICE (Workspace Settings).</source>
        <translation>“{0}”：RICE = 覆盖（不同用户数）× 影响 × 信心 / 工作量。当工作区的优先级方案为 RICE 时使用（工作区设置）。</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="37" />
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="38" />
        <source>Confidence</source>
        <translation>信心</translation>
    </message>
    <message>
        <location filename="../../ui/rice_dialog.py" line="39" />
        <source>Effort</source>
        <translation>工作量</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="50" />
        <source>3 — massive</source>
        <translation>3 — 巨大</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="50" />
        <source>2 — high</source>
        <translation>2 — 高</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="51" />
        <source>1 — medium</source>
        <translation>1 — 中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="51" />
        <source>0.5 — low</source>
        <translation>0.5 — 低</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="52" />
        <source>0.25 — minimal</source>
        <translation>0.25 — 极小</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="52" />
        <source>100% — high</source>
        <translation>100% — 高</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="53" />
        <source>80% — medium</source>
        <translation>80% — 中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="53" />
        <source>50% — low</source>
        <translation>50% — 低</translation>
    </message>
</context>
<context>
    <name>SettingsActions</name>
    <message>
        <location filename="../../ui/i18n.py" line="63" />
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="64" />
        <source>Settings saved; {0} items changed status under the new mapping.</source>
        <translation>设置已保存；按新映射有 {0} 条反馈的状态发生了变化。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="65" />
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="66" />
        <source>Statuses not updated</source>
        <translation>状态未更新</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="67" />
        <source>Updating statuses under the new mapping…</source>
        <translation>正在按新映射更新状态…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="68" />
        <source>Removing personal data from the stored feedback…</source>
        <translation>正在从已存储的反馈中移除个人信息…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="69" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="70" />
        <source>Personal data removed from the stored feedback.</source>
        <translation>已从存储的反馈中移除个人信息。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="71" />
        <source>Cancelled: the stored feedback is unchanged.</source>
        <translation>已取消：存储的反馈未改变。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="72" />
        <source>Personal data not removed</source>
        <translation>个人信息未移除</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/i18n.py" line="54" />
        <source>Items about the theme</source>
        <translation>与该主题相关的反馈条数</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="55" />
        <source>Distinct people (respondents, else authors)</source>
        <translation>不同用户数（问卷答题者，否则为作者）</translation>
    </message>
    <message>
        <source>Items in the last 30 days against the 30 before</source>
        <translation>最近 30 天的条数与之前 30 天相比</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="56" />
        <source>Items in the last 30 days against the 30 before (a week against the week before when the data spans under 60 days; neutral under 14 days)</source>
        <translation>最近 30 天与之前 30 天的条数对比（数据跨度不足 60 天时比较最近一周与前一周；不足 14 天时不计）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="57" />
        <source>Votes and reactions on the theme's items (community posts, GitHub reactions), source-weighted, against the most-voted theme; counts only when some item has votes</source>
        <translation>主题条目获得的投票和表情回应（社区帖子、GitHub 表情），按来源加权，与得票最多的主题相比；只有当有条目带投票时才计入</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="58" />
        <source>Share of negative items (sentiment; ratings and scores first)</source>
        <translation>负面反馈占比（情感；优先使用评分）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="59" />
        <source>How much the theme pulls NPS down: NPS minus NPS without its respondents</source>
        <translation>该主题拉低 NPS 的程度：NPS 减去去掉其答题者后的 NPS</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="60" />
        <source>How much the theme pulls CSAT (top-2-box) down</source>
        <translation>该主题拉低 CSAT（前两档占比）的程度</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="61" />
        <source>Share of the theme's items not resolved, won't fix or duplicate</source>
        <translation>该主题中未解决（非已解决、不修复或重复）的占比</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="62" />
        <source>Median time to first response of the theme's tracked items</source>
        <translation>该主题跟踪条目的首次响应时间中位数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44" />
        <source>Workspace Settings</source>
        <translation>工作区设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="48" />
        <source>Status Mapping</source>
        <translation>状态映射</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49" />
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="62" />
        <source>Weighted factors</source>
        <translation>加权因素</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="63" />
        <source>RICE (reach × impact × confidence / effort)</source>
        <translation>RICE（覆盖 × 影响 × 信心 / 工作量）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65" />
        <source>RICE: reach is the theme's distinct people; impact, confidence and effort are entered per theme (triage-app priority --rice 3:effort=2)</source>
        <translation>RICE：覆盖为该主题的不同用户数；影响、信心和工作量按主题输入（triage-app priority --rice 3:effort=2）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68" />
        <source>Factor weights (each factor's contribution is shown for every theme)</source>
        <translation>因素权重（每个主题都会显示各因素的贡献）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="77" />
        <source>Restore Defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="81" />
        <source>Source weights (a paying customer's ticket may weigh more than a review)</source>
        <translation>来源权重（付费客户的工单可比应用评论更重要）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103" />
        <source>How each state found in your exports maps onto the workflow. Changing one updates the items imported with it (kept in their history).</source>
        <translation>导出文件中的各个状态如何对应到工作流。修改后，带有该状态的已导入条目会随之更新（记录在其历史中）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109" />
        <source>State in the export</source>
        <translation>导出文件中的状态</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109" />
        <source>Items</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="110" />
        <source>Workflow status</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="136" />
        <source>Emails, phone numbers, IP addresses, card numbers and URLs with tokens are replaced by placeholders such as [EMAIL].</source>
        <translation>电子邮箱、电话号码、IP 地址、卡号和带令牌的网址会被替换为 [EMAIL] 等占位符。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="138" />
        <source>In briefings and exports</source>
        <translation>在简报和导出中</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="139" />
        <source>Before theme analysis (the embedding model never sees them)</source>
        <translation>在主题分析之前（嵌入模型不会看到它们）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="141" />
        <source>In this app's views</source>
        <translation>在本应用的视图中</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="142" />
        <source>In the workspace itself (rewrites the stored text, imports included)</source>
        <translation>在工作区本身中（改写已存储的文本，包括之后的导入）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="144" />
        <source>Keep the originals in the workspace, restorable</source>
        <translation>在工作区中保留原文，可恢复</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <location filename="../../ui/format_names.py" line="30" />
        <source>App Store</source>
        <extracomment>what the feedback table, its source filter and the detail pane call each importer's items (the store keeps the importer's name, e.g. "google_play"; a source the user named keeps its name)</extracomment>
        <translation>App Store</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="31" />
        <source>CFPB complaints</source>
        <translation>CFPB 投诉</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="32" />
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="33" />
        <source>Discourse</source>
        <translation>Discourse</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="34" />
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="35" />
        <location filename="../../ui/format_names.py" line="36" />
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="37" />
        <source>GitHub Discussions</source>
        <translation>GitHub 讨论</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="38" />
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="39" />
        <source>Google Forms</source>
        <translation>Google 表单</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="40" />
        <source>Google Play</source>
        <translation>Google Play</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="41" />
        <source>Jira</source>
        <translation>Jira</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="42" />
        <source>LimeSurvey</source>
        <translation>LimeSurvey</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="43" />
        <source>Qualtrics</source>
        <translation>Qualtrics</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="44" />
        <source>Research survey</source>
        <translation>调研问卷</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="45" />
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="46" />
        <source>Stack Exchange</source>
        <translation>Stack Exchange</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="47" />
        <source>SurveyMonkey</source>
        <translation>SurveyMonkey</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="48" />
        <source>Tencent Survey</source>
        <translation>腾讯问卷</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="49" />
        <source>Typeform</source>
        <translation>Typeform</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="50" />
        <source>Wenjuanxing</source>
        <translation>问卷星</translation>
    </message>
    <message>
        <location filename="../../ui/format_names.py" line="51" />
        <source>Zendesk</source>
        <translation>Zendesk</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../ui/status_dialog.py" line="13" />
        <source>Set Status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <location filename="../../ui/status_dialog.py" line="19" />
        <source>Why (optional): kept in the status history</source>
        <translation>原因（可选）：记录在状态历史中</translation>
    </message>
    <message>
        <location filename="../../ui/status_dialog.py" line="26" />
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <location filename="../../ui/status_dialog.py" line="27" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/status_dialog.py" line="29" />
        <source>new → triaged → planned → in progress → resolved, or won't fix / duplicate</source>
        <translation>新建 → 已分拣 → 已计划 → 处理中 → 已解决，或 不修复 / 重复</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="530" />
        <location filename="../../ui/import_wizard.py" line="537" />
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="537" />
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="551" />
        <source>replaced what an earlier import of this file stored ({0} items removed)</source>
        <translation>已替换此文件上次导入的内容（移除 {0} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="554" />
        <source>left out (not feedback): {0} × {1}</source>
        <translation>未导入（不是反馈）：{0} × {1}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="557" />
        <source>source name: {0}</source>
        <translation>来源名称：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="561" />
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="39" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="39" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="40" />
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="40" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="41" />
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="41" />
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>TellDialog</name>
    <message>
        <location filename="../../ui/tell_dialog.py" line="30" />
        <source>Tell People</source>
        <translation>告知用户</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="37" />
        <source>Language of the feedback</source>
        <translation>与反馈相同的语言</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="41" />
        <source>Writing the update…</source>
        <translation>正在起草更新…</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="43" />
        <source>Person</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="43" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="43" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="44" />
        <source>Where to reply</source>
        <translation>回复位置</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="57" />
        <source>Update (Markdown, editable):</source>
        <translation>更新内容（Markdown，可编辑）：</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="63" />
        <source>Copy Update</source>
        <translation>复制更新</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="64" />
        <source>Export Files…</source>
        <translation>导出文件…</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="65" />
        <source>update.md, recipients.csv for mail-merge, and one Markdown file per source</source>
        <translation>update.md、用于邮件合并的 recipients.csv，以及每个来源一个 Markdown 文件</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="66" />
        <location filename="../../ui/tell_dialog.py" line="166" />
        <location filename="../../ui/tell_dialog.py" line="178" />
        <source>Record as Told</source>
        <translation>记录为已告知</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="67" />
        <source>Add a note to the status history, so this is not announced twice</source>
        <translation>在状态历史中记录一条备注，避免重复通知</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="78" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="110" />
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1} · {2} items, {3} people to tell</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1} · {2} 条反馈，需告知 {3} 人</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="115" />
        <source>Already told on {0} ({1}). Recording again announces it twice.</source>
        <translation>已于 {0} 告知（{1}）。再次记录会重复通知。</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="118" />
        <source>The status is “{0}”: nothing is decided yet. Set the status first (planned, in progress, resolved…).</source>
        <translation>当前状态为“{0}”：尚无结论。请先设置状态（已计划、进行中、已解决…）。</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="138" />
        <source>People to tell ({0}); {1} items have no name, address or link</source>
        <translation>需告知的用户（{0}）；{1} 条反馈没有姓名、地址或链接</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="150" />
        <source>Export Update To</source>
        <translation>将更新导出到</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="156" />
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="158" />
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="158" />
        <source>Written to {0}:
{1}</source>
        <translation>已写入 {0}：
{1}</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="166" />
        <source>These people were already told on {0}. Record it again?</source>
        <translation>这些用户已于 {0} 被告知。要再次记录吗？</translation>
    </message>
    <message>
        <location filename="../../ui/tell_dialog.py" line="173" />
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
</context>
<context>
    <name>ThemeActions</name>
    <message>
        <location filename="../../ui/i18n.py" line="44" />
        <source>Reading items</source>
        <translation>读取反馈</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="45" />
        <source>Embedding texts</source>
        <translation>计算文本向量</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="46" />
        <source>Assigning new items</source>
        <translation>分配新反馈</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="47" />
        <source>Scoring sentiment</source>
        <translation>正在计算情感</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="76" />
        <source>Finding themes</source>
        <translation>发现主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="77" />
        <source>Labelling themes</source>
        <translation>生成主题标签</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="78" />
        <source>Saving themes</source>
        <translation>保存主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="79" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="80" />
        <source>Starting analysis…</source>
        <translation>正在开始分析…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="83" />
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="84" />
        <source>Analysis finished: {0} themes ({1} new, {2} kept), {3:.0%} unassigned</source>
        <translation>分析完成：{0} 个主题（新增 {1}，保留 {2}），{3:.0%} 未分配</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="85" />
        <source>Analysis cancelled; the themes are as they were.</source>
        <translation>分析已取消；主题保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="86" />
        <source>Analysis not run</source>
        <translation>分析未运行</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="87" />
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="88" />
        <source>Rename Theme</source>
        <translation>重命名主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="89" />
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="90" />
        <source>Merge Themes</source>
        <translation>合并主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="91" />
        <source>Select two or more themes to merge.</source>
        <translation>请选择两个或更多要合并的主题。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="92" />
        <source>Merge {0} into “{1}”?</source>
        <translation>把 {0} 合并到“{1}”？</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="93" />
        <source>Theme not changed</source>
        <translation>主题未更改</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="94" />
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="95" />
        <source>Split Theme</source>
        <translation>拆分主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="96" />
        <source>Number of parts:</source>
        <translation>拆分数量：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="97" />
        <source>Working out the sub-themes…</source>
        <translation>正在计算子主题…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="98" />
        <source>items</source>
        <translation>条</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="99" />
        <source>The theme would become:</source>
        <translation>主题将拆分为：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="100" />
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="101" />
        <source>Move to Theme</source>
        <translation>移动到主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="102" />
        <source>{0} item(s) to:</source>
        <translation>把 {0} 条移动到：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="103" />
        <source>Items not moved</source>
        <translation>反馈未移动</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="104" />
        <source>sub-themes</source>
        <translation>个子主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="105" />
        <source>a sub-theme moved to the top level</source>
        <translation>一个子主题移到顶层</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="106" />
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="107" />
        <source>Move Theme</source>
        <translation>移动主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="108" />
        <source>Put “{0}” under:</source>
        <translation>把“{0}”放到：</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="150" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="151" />
        <source>Merge {0} into “{1}” ({2})?</source>
        <translation>将 {0} 合并到“{1}”（{2}）？</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="152" />
        <source>Undone: {0}</source>
        <translation>已撤销：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="153" />
        <source>Redone: {0}</source>
        <translation>已重做：{0}</translation>
    </message>
</context>
<context>
    <name>ThemeBoardModel</name>
    <message>
        <location filename="../../ui/themes_view.py" line="126" />
        <source>no dates</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="132" />
        <source> ({0} sub-themes)</source>
        <translation>（{0} 个子主题）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="138" />
        <source>Priority score: the sum of the weighted factors (see the breakdown on the right)</source>
        <translation>优先级分数：各加权因素之和（见右侧明细）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="145" />
        <source>Its items carry no status (reviews, survey answers): nothing is open or closed</source>
        <translation>这些条目没有状态（如评论、问卷回答），因此不统计关闭情况</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="146" />
        <source>{0} of {1} linked items closed</source>
        <translation>{1} 条关联反馈中已关闭 {0} 条</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="149" />
        <source>The items have no dates, so there is no trend</source>
        <translation>条目没有日期，因此没有趋势</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="140" />
        <source>Mostly praise ({0:.0%}): ranked after the themes to fix, whatever its score, and listed under What people love</source>
        <translation>以好评为主（{0:.0%}）：无论得分多少都排在待解决的主题之后，并列在“用户喜爱的”中</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="124" />
        <source> (hidden)</source>
        <extracomment>the trend column's header and tooltip per time unit (the unit comes from the data's span)</extracomment>
        <translation>（已隐藏）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="134" />
        <source>Mostly praise ({0:.0%}): listed under What people love</source>
        <translation>以好评为主（{0:.0%}）：列在“用户喜爱的”中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="142" />
        <source>Items per week: {0}</source>
        <translation>每周条数：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="125" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="126" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="127" />
        <source>Items</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="137" />
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="138" />
        <source>Last {0} days</source>
        <translation>近 {0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="139" />
        <source>Last {0} weeks</source>
        <translation>近 {0} 周</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="140" />
        <source>Last {0} months</source>
        <translation>近 {0} 个月</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="141" />
        <source>Items per day: {0}</source>
        <translation>每天条数：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="143" />
        <source>Items per 30 days: {0}</source>
        <translation>每 30 天条数：{0}</translation>
    </message>
    <message>
        <source>Last 12 weeks</source>
        <translation>近 12 周</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="144" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="145" />
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="146" />
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
</context>
<context>
    <name>ThemeMessages</name>
    <message>
        <location filename="../../ui/theme_messages.py" line="130" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="131" />
        <source>renamed “{0}” to “{1}”</source>
        <translation>已将“{0}”重命名为“{1}”</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="132" />
        <source>hid {0}</source>
        <translation>已隐藏 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="133" />
        <source>showed {0}</source>
        <translation>已显示 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="134" />
        <source>merged {0} into “{1}”</source>
        <translation>已将 {0} 合并到“{1}”</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="135" />
        <source>moved {0} item(s) to “{1}”</source>
        <translation>已将 {0} 条反馈移到“{1}”</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="136" />
        <source>moved {0} item(s) out of their themes (unassigned)</source>
        <translation>已将 {0} 条反馈移出主题（未分配）</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="137" />
        <source>split “{0}” into {1}</source>
        <translation>已将“{0}”拆分为 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="138" />
        <source>moved “{0}” under “{1}”</source>
        <translation>已将“{0}”移到“{1}”下</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="139" />
        <source>made “{0}” a top-level theme</source>
        <translation>已将“{0}”设为顶层主题</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="140" />
        <source>set the status of {0} to {1}</source>
        <translation>已将 {0} 的状态设为{1}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="141" />
        <source>&amp;Redo Theme Edit</source>
        <translation>重做主题编辑(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="142" />
        <source>&amp;Undo Theme Edit</source>
        <translation>撤销主题编辑(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="143" />
        <source>&amp;Redo: {0}</source>
        <translation>重做(&amp;R)：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="144" />
        <source>&amp;Undo: {0}</source>
        <translation>撤销(&amp;U)：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="145" />
        <source>Move to Theme</source>
        <translation>移动到主题</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="146" />
        <source>Type to find a theme…</source>
        <translation>输入以查找主题…</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="147" />
        <source>{0}  ({1} items)</source>
        <translation>{0}（{1} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="148" />
        <source>(no theme: unassigned)</source>
        <translation>（不属于任何主题：未分配）</translation>
    </message>
    <message>
        <location filename="../../ui/theme_messages.py" line="149" />
        <source>Move {0} item(s) to:</source>
        <translation>将 {0} 条反馈移到：</translation>
    </message>
</context>
<context>
    <name>ThemesView</name>
    <message>
        <location filename="../../ui/themes_view.py" line="226" />
        <source>Run Analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="227" />
        <source>Find themes in all feedback (keeps your edits)</source>
        <translation>在所有反馈中发现主题（保留你的编辑）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="232" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="232" />
        <source>Give the selected theme a name (F2)</source>
        <translation>为所选主题命名 (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="233" />
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="233" />
        <source>Merge the selected themes into the first one</source>
        <translation>把所选主题合并到第一个主题</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="234" />
        <source>Split…</source>
        <translation>拆分…</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="234" />
        <source>Re-cluster the selected theme into sub-themes, with a preview</source>
        <translation>把所选主题重新聚类为子主题（可预览）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="235" />
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="235" />
        <source>Put the selected sub-theme under another theme, or at the top level</source>
        <translation>把所选子主题放到另一个主题下，或放到顶层</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="236" />
        <location filename="../../ui/themes_view.py" line="349" />
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="236" />
        <location filename="../../ui/themes_view.py" line="351" />
        <source>Hide the selected themes from the board and the briefing</source>
        <translation>在主题板和简报中隐藏所选主题</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="237" />
        <source>Set Status…</source>
        <translation>设置状态…</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="237" />
        <source>Change the workflow status of the selected theme</source>
        <translation>更改所选主题的处理状态</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="238" />
        <source>RICE…</source>
        <translation>RICE…</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="238" />
        <source>Impact, confidence and effort of the selected theme, for the RICE priority scheme</source>
        <translation>所选主题的影响、信心和工作量，用于 RICE 优先级方案</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="240" />
        <source>Tell People…</source>
        <translation>告知用户…</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="240" />
        <source>Draft an update for the people behind the selected theme</source>
        <translation>为所选主题背后的用户起草一份进展更新</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="246" />
        <source>Show hidden</source>
        <translation>显示已隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="247" />
        <source>List the hidden themes too (greyed), so that they can be shown again</source>
        <translation>同时列出已隐藏的主题（灰色），以便重新显示</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="253" />
        <source>Themes whose items are mostly praise: not problems to fix, so they rank low by priority and are listed here</source>
        <translation>条目以好评为主的主题：不是要解决的问题，因此优先级排名靠后，并在此列出</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="285" />
        <source>{0} themes, {1} sub-themes · {2} unassigned ({3:.0%})</source>
        <translation>{0} 个主题，{1} 个子主题 · {2} 条未分配（{3:.0%}）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="349" />
        <source>Unhide</source>
        <translation>取消隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="350" />
        <source>Show the selected hidden themes again, on the board and in the briefing</source>
        <translation>在主题板和简报中重新显示所选的已隐藏主题</translation>
    </message>
    <message>
        <source>{0} themes · {1} unassigned ({2:.0%})</source>
        <translation>{0} 个主题 · {1} 条未分配（{2:.0%}）</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="293" />
        <source>no dates, so no trend</source>
        <translation>无日期，因此没有趋势</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="300" />
        <source>This workspace is empty. Import feedback first (File › Import Files…, Ctrl+I); then &lt;b&gt;Run Analysis&lt;/b&gt; finds its themes.</source>
        <translation>此工作区为空。请先导入反馈（文件 › 导入文件…，Ctrl+I），然后&lt;b&gt;运行分析&lt;/b&gt;即可发现其中的主题。</translation>
    </message>
    <message>
        <location filename="../../ui/themes_view.py" line="303" />
        <source>No themes yet. Click &lt;b&gt;Run Analysis&lt;/b&gt; to find the themes in your feedback.</source>
        <translation>还没有主题。点击&lt;b&gt;运行分析&lt;/b&gt;，从反馈中发现主题。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="48" />
        <source>Reach (distinct people)</source>
        <translation>覆盖（不同用户数）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="48" />
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="49" />
        <source>Confidence</source>
        <translation>信心</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="49" />
        <source>Effort (person-months)</source>
        <translation>工作量（人月）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="109" />
        <source>Sub-themes</source>
        <translation>子主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="110" />
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="111" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="112" />
        <source>{0} of {1} linked items closed</source>
        <translation>{1} 条关联反馈中已关闭 {0} 条</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="113" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="114" />
        <source>Items</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="115" />
        <source>what it is made of</source>
        <translation>构成</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="116" />
        <source>What people say</source>
        <translation>用户原话</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="117" />
        <source>Volume (items)</source>
        <translation>数量（条）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="118" />
        <source>Distinct people</source>
        <translation>不同用户数</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="119" />
        <source>Growth (recent vs before)</source>
        <translation>增长（近期对比之前）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="120" />
        <source>Negativity</source>
        <translation>负面程度</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="121" />
        <source>NPS impact</source>
        <translation>NPS 影响</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="122" />
        <source>CSAT impact</source>
        <translation>CSAT 影响</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="123" />
        <source>Unresolved share</source>
        <translation>未解决比例</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="124" />
        <source>Response lag</source>
        <translation>响应延迟</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="128" />
        <source>Votes and reactions</source>
        <translation>投票和表情回应</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="129" />
        <source>{0:.0%} of this theme's items are praise. Priority ranks what to fix, so volume, people, votes, growth, unresolved share and response lag count only the other {1:.0%}.</source>
        <translation>本主题 {0:.0%} 的条目是好评。优先级排列的是要解决的问题，因此数量、人数、投票、增长、未解决占比和响应延迟只计其余的 {1:.0%}。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="130" />
        <source>Growth is neutral: the data spans {0} days, and growth needs at least {1} to compare two equal windows.</source>
        <translation>增长不计：数据只跨 {0} 天，比较两个等长时段至少需要 {1} 天。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="131" />
        <source>Growth is neutral: the items have no dates.</source>
        <translation>增长不计：条目没有日期。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="132" />
        <source>Add nothing here (0.00): {0}</source>
        <translation>本主题中为 0（不计入）：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="132" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="133" />
        <source>What people love</source>
        <translation>用户喜爱的</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="134" />
        <source>themes whose items are mostly praise</source>
        <translation>条目以好评为主的主题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="135" />
        <source>{0} items, {1:.0%} praise</source>
        <translation>{0} 条，好评占 {1:.0%}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="136" />
        <source>the {0} with the most praise of {1}</source>
        <translation>好评最多的 {0} 个，共 {1} 个</translation>
    </message>
</context>
<context>
    <name>WorkspaceGuard</name>
    <message>
        <location filename="../../ui/i18n.py" line="73" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="74" />
        <source>{0}

Restore the last backup, taken {1} UTC?
The damaged file is kept beside it, renamed.</source>
        <translation>{0}

恢复最近一次备份（{1} UTC）吗？
损坏的文件会改名后保留在原处。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="75" />
        <source>Backup not restored</source>
        <translation>备份未恢复</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/app.py" line="34" />
        <source>Preparing the demo workspace…</source>
        <translation>正在准备示例工作区…</translation>
    </message>
</context>
</TS>