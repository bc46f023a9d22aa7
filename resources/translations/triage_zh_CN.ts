<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ui/feedback_view.py" line="221" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="221" />
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="222" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="222" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="222" />
        <source>Source state</source>
        <translation>来源状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="223" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="223" />
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="230" />
        <source>Link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>FeedbackView</name>
    <message>
        <location filename="../../ui/feedback_view.py" line="39" />
        <source>Search feedback (English or 中文)…</source>
        <translation>搜索反馈（中文或 English）…</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="40" />
        <source>All words must occur; English words match as prefixes, Chinese words as phrases</source>
        <translation>所有词都必须出现；英文按前缀匹配，中文按词组匹配</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="41" />
        <source>Source format</source>
        <translation>来源格式</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="42" />
        <source>Workflow status</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="43" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="44" />
        <source>Created in the last …</source>
        <translation>最近…内创建</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="45" />
        <source>Score band: NPS groups for survey answers, stars/CSAT for reviews and tickets</source>
        <translation>评分段：问卷回答按 NPS 分组，评论和工单按星级/CSAT</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="46" />
        <source>Segment (a survey attribute such as plan or region)</source>
        <translation>细分（问卷属性，如套餐或地区）</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="105" />
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="108" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="111" />
        <source>All themes</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="112" />
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="116" />
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="116" />
        <source>Last {0}</source>
        <translation>最近 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="117" />
        <source>All scores</source>
        <translation>全部评分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="120" />
        <source>All segments</source>
        <translation>全部细分</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="151" />
        <source>searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="169" />
        <source>{0} items</source>
        <translation>{0} 条</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_view.py" line="181" />
        <source>error</source>
        <translation>错误</translation>
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
        <location filename="../../ui/import_wizard.py" line="54" />
        <source>Choose the exports to import</source>
        <translation>选择要导入的导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="55" />
        <source>Drop survey, issue-tracker, ticket or review exports here, or add them with the button. CSV, TSV, Excel, JSON, JSON Lines and zip files are read.</source>
        <translation>把问卷、问题跟踪、工单或应用评论的导出文件拖到这里，或用按钮添加。支持 CSV、TSV、Excel、JSON、JSON Lines 和 zip 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="58" />
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="60" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="78" />
        <source>Import feedback exports</source>
        <translation>导入反馈导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="45" />
        <source>Exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.json *.jsonl *.ndjson *.zip);;All files (*)</source>
        <translation>导出文件 (*.csv *.tsv *.txt *.xlsx *.xlsm *.json *.jsonl *.ndjson *.zip);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="355" />
        <source>Import Feedback</source>
        <translation>导入反馈</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="362" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>ItemsTableModel</name>
    <message>
        <location filename="../../ui/items_model.py" line="109" />
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="27" />
        <source>Themes appear here after Analysis › Run Analysis.</source>
        <translation>运行“分析 › 运行分析”后，主题将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="29" />
        <source>Satisfaction, response-time and status charts appear here.</source>
        <translation>满意度、响应时间和状态图表将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="32" />
        <location filename="../../ui/main_window.py" line="71" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="33" />
        <location filename="../../ui/main_window.py" line="71" />
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="34" />
        <location filename="../../ui/main_window.py" line="71" />
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59" />
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60" />
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62" />
        <source>Open &amp;Demo Workspace</source>
        <translation>打开示例工作区(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63" />
        <source>A generated workspace with six months of English and Chinese feedback</source>
        <translation>一个包含六个月中英文反馈的示例工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65" />
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66" />
        <source>Import survey, issue, ticket and review exports</source>
        <translation>导入问卷、问题、工单和评论的导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="69" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="78" />
        <source>&amp;About Feedback Triage</source>
        <translation>关于 Feedback Triage(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>The new language is used from the next start.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91" />
        <source>About Feedback Triage</source>
        <translation>关于 Feedback Triage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92" />
        <source>Feedback Triage brings survey answers, issues, tickets and reviews together, offline. Your data stays on this computer.</source>
        <translation>Feedback Triage 离线汇总问卷回答、问题、工单和评论。你的数据只保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114" />
        <source>{0} items from {1} imports · {2} survey respondents</source>
        <translation>{0} 条反馈，来自 {1} 次导入 · {2} 位问卷答题者</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118" />
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126" />
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="46" />
        <source>Feedback Triage workspace (*.triage);;All files (*)</source>
        <translation>Feedback Triage 工作区 (*.triage);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="95" />
        <source>Check how each file will be imported</source>
        <translation>检查每个文件将如何导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="96" />
        <source>The format and encoding are detected from each file; change them if the preview looks wrong.</source>
        <translation>格式和编码由文件本身检测；如果预览看起来不对，可以修改。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="104" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="105" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="107" />
        <source>Columns (generic table)</source>
        <translation>列（通用表格）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="128" />
        <source>First rows as they will be imported:</source>
        <translation>导入后的前几行：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="186" />
        <source>{0} file, {1:,} bytes; encoding: {2}</source>
        <translation>{0} 文件，{1:,} 字节；编码：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="187" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="193" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="200" />
        <source>Created (UTC)</source>
        <translation>创建时间 (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="200" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="200" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="200" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="200" />
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="200" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="218" />
        <source>{0} survey responses in the first rows</source>
        <translation>前几行中有 {0} 份问卷回答</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="220" />
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="221" />
        <source>Will be skipped: {0}: {1}</source>
        <translation>将被跳过：{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="223" />
        <source>No feedback text found in the first rows: check the format or the text column.</source>
        <translation>前几行中没有找到反馈文本：请检查格式或文本列。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="224" />
        <source>No problems in the first rows.</source>
        <translation>前几行没有问题。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="34" />
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="34" />
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="35" />
        <source>created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="35" />
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="36" />
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="36" />
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="37" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="37" />
        <source>labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="38" />
        <source>source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="251" />
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="254" />
        <source>Cancel Import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="289" />
        <source>cancelled: nothing was imported from this file</source>
        <translation>已取消：此文件未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="296" />
        <source>File {0} of {1}: {2} — {3}</source>
        <translation>第 {0} 个文件，共 {1} 个：{2} — {3}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="316" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="39" />
        <source>reading</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="39" />
        <source>importing</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="40" />
        <source>redacting</source>
        <translation>脱敏</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="40" />
        <source>indexing</source>
        <translation>建立索引</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="41" />
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="326" />
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="341" />
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="42" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="42" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="43" />
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="43" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="44" />
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="44" />
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/app.py" line="32" />
        <source>Preparing the demo workspace…</source>
        <translation>正在准备示例工作区…</translation>
    </message>
</context>
</TS>