"""Survey importers: detection, respondents and items, scores, free-text columns, broken files.

Fixtures are written by the tests into tmp_path; the real exports in ../shared/data are used only
when present (``shared_data`` tests skip otherwise).
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from triage_app.domain import Item, Note, Rejected, Respondent, Skipped
from triage_app.importers import SourceFile, choose_importer, detect, get_importer
from triage_app.importers.source import ImportOptions
from triage_app.importers.dates import DateParser
from triage_app.importers.survey_common import SurveyDates, classify_values

SURVEY_FORMATS = ("google_forms", "surveymonkey", "typeform", "qualtrics", "limesurvey", "research_survey")


def shared_data() -> Path:
    env = os.environ.get("TRIAGE_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    if not path.is_dir():
        pytest.skip("shared data folder is absent")
    return path


# -- fixtures (CSV text as the tools write it) ------------------------------------------------
GOOGLE_FORMS = """\
Timestamp,Email Address,Which plan are you on?,How likely are you to recommend us to a friend?,How satisfied are you with support?,The app made it easy to finish my task,What could we improve?,Region
2024/03/05 10:15:22 AM GMT+1,ann@example.com,Pro,9,5,6,"Search is slow when I have many projects, please fix it",EU
2024/03/05 11:02:10 AM GMT+1,bob@example.com,Free,3,2,2,The export to PDF keeps failing on large reports,US
2024/03/06 09:00:00 AM GMT+1,cid@example.com,Pro,10,4,7,,EU
2024/03/06 01:30:00 PM GMT+1,dee@example.com,Team,7,3,4,42,APAC
2024/03/07 08:45:00 AM GMT+1,eve@example.com,Free,8,4,5,Please add a dark mode for the mobile app,US
2024/03/07 04:20:00 PM GMT+1,fay@example.com,Pro,6,3,3,Syncing between devices takes far too long,EU
"""

SURVEYMONKEY_ROWS = [
    ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
     "Last Name", "Custom Data 1", "Which features do you use?", "", "",
     "How likely is it that you would recommend us to a friend or colleague?",
     "Overall, how satisfied are you with our product?", "What is the main reason for your score?"],
    ["", "", "", "", "", "", "", "", "", "Search", "Export", "Other (please specify)", "Response", "Response",
     "Open-Ended Response"],
    ["114000000001", "431000001", "03/05/2024 10:10:00 AM", "03/05/2024 10:15:22 AM", "203.0.113.5",
     "ann@example.com", "Ann", "Lee", "pro", "Search", "", "Kanban boards", "9", "5",
     "Fast and reliable, the search is great"],
    ["114000000002", "431000001", "03/05/2024 11:00:00 AM", "03/05/2024 11:04:00 AM", "203.0.113.6",
     "bob@example.com", "Bob", "Ray", "free", "", "Export", "", "4", "2", "Export to Excel breaks my formulas"],
    ["114000000003", "431000001", "03/06/2024 02:00:00 PM", "03/06/2024 02:03:00 PM", "203.0.113.7",
     "", "", "", "pro", "Search", "Export", "", "8", "4", "Good value but the onboarding was confusing"],
    ["114000000004", "431000001", "03/07/2024 09:00:00 AM", "03/07/2024 09:05:00 AM", "203.0.113.8",
     "dee@example.com", "Dee", "Fox", "team", "Search", "", "", "10", "5", "12345"],
]

TYPEFORM = """\
#,What do you like most about the app?,How many stars would you give us?,Which platform do you use?,plan,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID,Tags
a1b2c3d4e5f60718293a4b5c6d7e8f90,I like the clean interface and the fast sync,4,iOS,pro,completed,2024-03-05 10:10:00,,2024-03-05 10:15:22,3f2a1b,
b1b2c3d4e5f60718293a4b5c6d7e8f91,Offline mode saved me on a long flight,5,Android,free,completed,2024-03-05 11:00:00,,2024-03-05 11:03:00,4a2b1c,
c1b2c3d4e5f60718293a4b5c6d7e8f92,,3,iOS,pro,completed,2024-03-06 08:00:00,,2024-03-06 08:02:00,5b3c2d,
d1b2c3d4e5f60718293a4b5c6d7e8f93,Notifications arrive hours late on my phone,2,Android,team,completed,2024-03-06 09:00:00,,2024-03-06 09:04:00,6c4d3e,
e1b2c3d4e5f60718293a4b5c6d7e8f94,The calendar view is exactly what I needed,5,Web,pro,completed,2024-03-07 10:00:00,,2024-03-07 10:05:00,7d5e4f,
"""

QUALTRICS = """\
StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientEmail,UserLanguage,Q1,Q1_NPS_GROUP,Q2,Q3_TEXT,Q4,Q4_5_TEXT,plan,region
Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Email,User Language,How likely are you to recommend us to a friend? - 0 = Not at all likely,How likely are you to recommend us to a friend? - Group,How satisfied are you with the product?,What should we improve?,Which channel did you use? - Selected Choice,Which channel did you use? - Other - Text,plan,region
"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""userLanguage""}","{""ImportId"":""QID1""}","{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3_TEXT""}","{""ImportId"":""QID4""}","{""ImportId"":""QID4_5_TEXT""}","{""ImportId"":""plan""}","{""ImportId"":""region""}"
2024-03-05 10:10:00,2024-03-05 10:15:22,0,203.0.113.5,100,322,1,2024-03-05 10:15:22,R_1aaaaaaaaaaaaaa,ann@example.com,EN,9,3,5,More keyboard shortcuts for power users,1,,pro,EU
2024-03-05 11:00:00,2024-03-05 11:04:00,0,203.0.113.6,100,240,1,2024-03-05 11:04:00,R_2bbbbbbbbbbbbbb,,EN,2,1,1,The billing page is confusing and slow,5,Carrier pigeon,free,US
2024-03-06 08:00:00,2024-03-06 08:02:00,0,203.0.113.7,100,120,1,2024-03-06 08:02:00,R_3ccccccccccccccc,,DE,8,2,4,,2,,pro,EU
2024-03-06 09:00:00,2024-03-06 09:05:00,0,203.0.113.8,100,300,1,2024-03-06 09:05:00,R_4dddddddddddddd,,EN,10,3,5,7,1,,team,APAC
2024-03-07 10:00:00,2024-03-07 10:03:00,0,203.0.113.9,100,180,1,2024-03-07 10:03:00,R_5eeeeeeeeeeeeee,,EN,6,1,3,Let me export charts as images,3,,free,US
"""

QUALTRICS_LEGACY = """\ufeff\
V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,Q3,LocationLatitude,LocationLongitude,LocationAccuracy,
ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,How satisfied are you overall?,Which team are you in?,Tell us about your experience,LocationLatitude,LocationLongitude,LocationAccuracy,
R_1xxxxxxxxxxxxxx,Default Response Set,Anonymous,,ann@example.com,203.0.113.5,0,2016-05-02 09:00:00,2016-05-02 09:04:00,1,4,Sales,The new dashboard is much clearer,47.1,7.2,-1,
R_2xxxxxxxxxxxxxx,Default Response Set,Anonymous,,,203.0.113.6,0,2016-05-02 10:00:00,2016-05-02 10:06:00,1,2,Support,Reports take minutes to load every morning,47.1,7.2,-1,
"""

LIMESURVEY = """\
id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,G01Q01,G01Q02,G01Q03[other],G01Q04
1,2024-03-05 10:15:22,2,en,123456,2024-03-05 10:10:00,2024-03-05 10:15:22,A1,A2,,The survey tool is great but the reminders are too frequent
2,2024-03-05 11:04:00,2,en,234567,2024-03-05 11:00:00,2024-03-05 11:04:00,A2,A2,Friends told me,
3,2024-03-06 08:02:00,2,de,345678,2024-03-06 08:00:00,2024-03-06 08:02:00,A1,A3,,Mehr Export-Formate wären hilfreich für unser Team
4,,1,en,456789,2024-03-06 09:00:00,2024-03-06 09:01:00,A3,,,
5,2024-03-07 10:03:00,2,en,567890,2024-03-07 10:00:00,2024-03-07 10:03:00,A1,A1,,0
"""

LIMESURVEY_TEXT_HEADINGS = """\
Response ID,Date submitted,Last page,Start language,Seed,Date started,Date last action,How likely are you to recommend us to a friend?,Which plan do you use?,Your comments
1,2024-03-05 10:15:22,2,en,123456,2024-03-05 10:10:00,2024-03-05 10:15:22,9,Pro,Setup was quick and painless for the whole team
2,2024-03-05 11:04:00,2,en,234567,2024-03-05 11:00:00,2024-03-05 11:04:00,5,Free,The mobile app logs me out every day
3,2024-03-06 08:02:00,2,en,345678,2024-03-06 08:00:00,2024-03-06 08:02:00,7,Pro,
"""

RESEARCH = """\
Q1_OTHER_TEXT,Q2_Part_1_TEXT,Q3_OTHER_TEXT,Q4_OTHER
What is your gender? - Prefer to self-describe - Text,What is the primary tool that you use to analyze data? - Local development environments - Text,"During a typical project, what proportion of your time is spent cleaning data? - Other",What is the type of data you work with? - Other Data - Text
,JupyterLab,0,
,,,
Non-binary,RStudio,10,Sensor data
,,-1,
,VS Code with notebooks,0,Satellite images
,,,
"""

CHINESE_GOOGLE_FORMS = """\
时间戳记,电子邮件地址,您使用哪个版本？,您向朋友推荐我们的可能性有多大？,您对我们的服务满意吗？,您有什么意见或建议？
2024/3/5 下午3:15:22,wang@example.com,专业版,9,5,界面很好用，但是加载速度太慢了，希望尽快改进
2024/3/5 下午4:02:10,li@example.com,免费版,4,2,导出功能经常出错，报表打不开
2024/3/6 上午9:00:00,zhang@example.com,专业版,10,5,
2024/3/6 上午10:30:00,zhao@example.com,免费版,7,3,希望增加夜间模式，晚上看屏幕太刺眼了
2024/3/7 上午8:45:00,chen@example.com,专业版,8,4,客服回复很及时，问题很快就解决了
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def read_all(path: Path, **options):
    source = SourceFile(path, ImportOptions(**options))
    importer = choose_importer(source)
    return importer.name, list(importer.read(source))


def split(records):
    respondents = [r for r in records if isinstance(r, Respondent)]
    items = [r for r in records if isinstance(r, Item)]
    rejected = [r for r in records if isinstance(r, Rejected)]
    return respondents, items, rejected


def header_texts(path: Path, rows: int) -> set[str]:
    source = SourceFile(path)
    return {c.strip() for row in source.preview_rows[:rows] for c in row if c.strip()}


FIXTURES = {  # name -> (file name, text, expected importer, header rows)
    "google_forms": ("responses.csv", GOOGLE_FORMS, "google_forms", 1),
    "surveymonkey": ("monkey.csv", csv_text(SURVEYMONKEY_ROWS), "surveymonkey", 2),
    "typeform": ("typeform.csv", TYPEFORM, "typeform", 1),
    "qualtrics": ("qualtrics.csv", QUALTRICS, "qualtrics", 3),
    "qualtrics_legacy": ("legacy.csv", QUALTRICS_LEGACY, "qualtrics", 2),
    "limesurvey": ("results-survey123.csv", LIMESURVEY, "limesurvey", 1),
    "limesurvey_text": ("results-survey456.csv", LIMESURVEY_TEXT_HEADINGS, "limesurvey", 1),
    "research": ("freeform.csv", RESEARCH, "research_survey", 2),
}


@pytest.fixture(params=sorted(FIXTURES))
def fixture_file(request, tmp_path):
    file_name, text, expected, header_rows = FIXTURES[request.param]
    return write(tmp_path, file_name, text), expected, header_rows


# -- detection -----------------------------------------------------------------------------------
def test_detection_picks_the_survey_importer_and_others_stay_low(fixture_file):
    path, expected, _ = fixture_file
    source = SourceFile(path)
    ranked = detect(source)
    assert ranked[0][1].name == expected
    assert ranked[0][0] > 0.5
    assert choose_importer(source).name == expected
    for score, importer in ranked[1:]:
        assert score < 0.3, f"{importer.name} claims {path.name} with {score}"


def test_no_header_row_becomes_data_and_respondents_come_first(fixture_file):
    path, expected, header_rows = fixture_file
    name, records = read_all(path)
    respondents, items, rejected = split(records)
    assert name == expected and respondents and items
    assert get_importer(expected).header_rows(SourceFile(path)) == header_rows
    headers = header_texts(path, header_rows)
    assert not {i.text for i in items} & headers
    assert min(r.row for r in respondents) == header_rows + 1
    seen = set()
    for record in records:
        if isinstance(record, Respondent):
            seen.add(record.external_id)
        elif isinstance(record, Item):
            assert record.respondent in seen  # its respondent was yielded before
            assert record.external_id.startswith(record.respondent + ":")
            assert record.status is None and record.source == path.name
            assert record.question and record.text.strip() == record.text
            assert not record.text.lstrip("-").isdigit()  # pure numbers never become items
    assert len({i.external_id for i in items}) == len(items)


def test_only_headers_imports_nothing(fixture_file, tmp_path):
    path, expected, header_rows = fixture_file
    source = SourceFile(path)
    head = source.preview_rows[:header_rows]
    only = write(tmp_path, "only_headers_" + path.name, ("\ufeff" if "legacy" in path.name else "") + csv_text(head))
    source = SourceFile(only)
    assert choose_importer(source).name == expected
    assert list(choose_importer(source).read(source)) == []


def test_reimport_gives_the_same_ids(fixture_file):
    path, _, _ = fixture_file
    first = [r.external_id for r in read_all(path)[1] if not isinstance(r, Rejected)]
    second = [r.external_id for r in read_all(path)[1] if not isinstance(r, Rejected)]
    assert first == second


# -- per format ----------------------------------------------------------------------------------
def test_google_forms_scores_items_and_attributes(tmp_path):
    name, records = read_all(write(tmp_path, "responses.csv", GOOGLE_FORMS))
    respondents, items, rejected = split(records)
    assert name == "google_forms" and not rejected and len(respondents) == 6
    ann = respondents[0]
    assert ann.external_id.startswith("h:")
    assert ann.submitted_at == "2024-03-05T09:15:22+00:00"  # GMT+1 is UTC+1
    assert (ann.nps, ann.csat, ann.ces) == (9, 5, 6)
    assert ann.attributes["Which plan are you on?"] == "Pro" and ann.attributes["Region"] == "EU"
    assert [i.text for i in items] == [
        "Search is slow when I have many projects, please fix it",
        "The export to PDF keeps failing on large reports",
        "Please add a dark mode for the mobile app",
        "Syncing between devices takes far too long",
    ]  # '42' is a number, not feedback; plan and region are choices
    first = items[0]
    assert first.respondent == ann.external_id and first.author == "ann@example.com"
    assert first.question == "What could we improve?" and first.created_at == ann.submitted_at


def test_google_forms_us_timestamps_and_bad_rows_are_rejected(tmp_path):
    text = GOOGLE_FORMS.replace("2024/03/05 10:15:22 AM GMT+1", "3/5/2024 10:15:22")
    text = text.replace("2024/03/06 09:00:00 AM GMT+1", "yesterday-ish")
    text = text.replace("Team,7,3,4", "Team,11,3,4")
    name, records = read_all(write(tmp_path, "responses.csv", text))
    respondents, items, rejected = split(records)
    assert respondents[0].submitted_at == "2024-03-05T10:15:22+00:00"
    assert [(r.row, r.column) for r in rejected] == [(4, "Timestamp"), (5, "How likely are you to recommend us to a friend?")]
    assert "11" in rejected[1].reason and "0-10" in rejected[1].reason
    assert len(respondents) == 4 and len(items) == 4  # the rest still imports


def test_google_forms_gb18030_chinese(tmp_path):
    path = write(tmp_path, "问卷回复.csv", CHINESE_GOOGLE_FORMS, encoding="gb18030")
    source = SourceFile(path)
    assert source.encoding == "gb18030"
    name, records = read_all(path)
    respondents, items, rejected = split(records)
    assert name == "google_forms" and not rejected and len(respondents) == 5
    assert respondents[0].submitted_at == "2024-03-05T15:15:22+00:00"
    assert respondents[0].nps == 9 and respondents[0].csat == 5
    assert respondents[0].attributes["您使用哪个版本？"] == "专业版"
    assert [i.text for i in items][0] == "界面很好用，但是加载速度太慢了，希望尽快改进"
    assert len(items) == 4 and {i.question for i in items} == {"您有什么意见或建议？"}


def test_google_forms_semicolon_and_day_first(tmp_path):
    rows = [
        ["Timestamp", "How satisfied are you with the app?", "What should we do better?"],
        ["25/03/2024 10:15:22", "4", "Faster loading; fewer pop-ups, please"],
        ["26/03/2024 11:00:00", "2", "The invoices are wrong every month"],
        ["03/04/2024 09:30:00", "5", ""],
    ]
    name, records = read_all(write(tmp_path, "antworten.csv", csv_text(rows, ";")))
    respondents, items, rejected = split(records)
    assert name == "google_forms" and not rejected
    assert [r.submitted_at[:10] for r in respondents] == ["2024-03-25", "2024-03-26", "2024-04-03"]
    assert [r.csat for r in respondents] == [4, 2, 5]
    assert [i.text for i in items] == ["Faster loading; fewer pop-ups, please", "The invoices are wrong every month"]


def test_google_forms_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Timestamp", "Email Address", "How likely are you to recommend us to a friend?", "Any other comments?"])
    ws.append([datetime(2024, 3, 5, 10, 15, 22), "ann@example.com", 9, "Works well for our whole team"])
    ws.append([datetime(2024, 3, 6, 8, 0, 0), "bob@example.com", 0, "Crashes when I open a shared board"])
    path = tmp_path / "responses.xlsx"
    wb.save(path)
    name, records = read_all(path)
    respondents, items, _ = split(records)
    assert name == "google_forms"
    assert [r.nps for r in respondents] == [9, 0]
    assert respondents[0].submitted_at == "2024-03-05T10:15:22+00:00"
    assert [i.author for i in items] == ["ann@example.com", "bob@example.com"]


def test_surveymonkey_two_header_rows(tmp_path):
    name, records = read_all(write(tmp_path, "monkey.csv", csv_text(SURVEYMONKEY_ROWS)))
    respondents, items, rejected = split(records)
    assert name == "surveymonkey" and not rejected
    assert [r.external_id for r in respondents] == ["114000000001", "114000000002", "114000000003", "114000000004"]
    ann = respondents[0]
    assert ann.submitted_at == "2024-03-05T10:15:22+00:00" and ann.nps == 9 and ann.csat == 5
    assert ann.attributes["Custom Data 1"] == "pro"
    assert ann.attributes["Which features do you use? - Search"] == "Search"
    by_question = {}
    for item in items:
        by_question.setdefault(item.question, []).append(item.text)
    assert by_question["Which features do you use?"] == ["Kanban boards"]  # the "Other (please specify)" box
    assert by_question["What is the main reason for your score?"] == [
        "Fast and reliable, the search is great", "Export to Excel breaks my formulas",
        "Good value but the onboarding was confusing"]
    assert items[0].author == "ann@example.com"
    assert all(i.external_id.startswith(i.respondent + ":") for i in items)


def test_surveymonkey_xlsx_ragged_and_bad_date(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in SURVEYMONKEY_ROWS[:2]:
        ws.append(row)
    data = [list(r) for r in SURVEYMONKEY_ROWS[2:]]
    data[0][3] = datetime(2024, 3, 5, 10, 15, 22)
    data[0][12] = 9
    data[1][3] = "31/31/2024 99:00"  # not a date
    data[2] = data[2][:13]  # ragged: the last columns are missing
    for row in data:
        ws.append(row)
    path = tmp_path / "monkey.xlsx"
    wb.save(path)
    name, records = read_all(path)
    respondents, items, rejected = split(records)
    assert name == "surveymonkey"
    assert [(r.row, r.column) for r in rejected] == [(4, "End Date")]
    assert [r.external_id for r in respondents] == ["114000000001", "114000000003", "114000000004"]
    assert respondents[0].submitted_at == "2024-03-05T10:15:22+00:00" and respondents[0].nps == 9
    assert respondents[1].nps == 8 and respondents[1].csat is None  # ragged row: missing cells are empty
    assert "Fast and reliable, the search is great" in {i.text for i in items}


def test_typeform_rating_utc_and_bom(tmp_path):
    options = {"timezone": "Europe/Berlin"}  # ignored: Typeform says (UTC)
    name, records = read_all(write(tmp_path, "typeform.csv", "\ufeff" + TYPEFORM), **options)
    respondents, items, rejected = split(records)
    assert name == "typeform" and not rejected and len(respondents) == 5
    assert respondents[0].external_id == "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    assert respondents[0].submitted_at == "2024-03-05T10:15:22+00:00"
    assert [r.rating for r in respondents] == [4, 5, 3, 2, 5]
    assert respondents[0].attributes["plan"] == "pro"
    assert respondents[0].attributes["Which platform do you use?"] == "iOS"
    assert len(items) == 4 and {i.question for i in items} == {"What do you like most about the app?"}
    assert items[0].external_id.startswith("a1b2c3d4e5f60718293a4b5c6d7e8f90:")


def test_qualtrics_current_layout(tmp_path):
    name, records = read_all(write(tmp_path, "qualtrics.csv", QUALTRICS))
    respondents, items, rejected = split(records)
    assert name == "qualtrics" and not rejected
    assert [r.external_id for r in respondents][:2] == ["R_1aaaaaaaaaaaaaa", "R_2bbbbbbbbbbbbbb"]
    first = respondents[0]
    assert first.nps == 9 and first.csat == 5 and first.submitted_at == "2024-03-05T10:15:22+00:00"
    assert first.attributes["How likely are you to recommend us to a friend? - Group"] == "3"  # not a score
    assert first.attributes["plan"] == "pro" and first.attributes["region"] == "EU"
    ids = [i.external_id for i in items]
    assert ids == ["R_1aaaaaaaaaaaaaa:Q3_TEXT", "R_2bbbbbbbbbbbbbb:Q3_TEXT", "R_2bbbbbbbbbbbbbb:Q4_5_TEXT",
                   "R_5eeeeeeeeeeeeee:Q3_TEXT"]  # '7' is a number; empty answers are no items
    assert items[0].question == "What should we improve?" and items[0].author == "ann@example.com"
    assert items[2].text == "Carrier pigeon"


def test_qualtrics_nps_known_by_its_group_column_in_any_language(tmp_path):
    text = QUALTRICS.replace("How likely are you to recommend us to a friend? - 0 = Not at all likely",
                             "友人に当社を勧める可能性はどのくらいありますか？")
    respondents = split(read_all(write(tmp_path, "qualtrics_ja.csv", text))[1])[0]
    assert [r.nps for r in respondents] == [9, 2, 8, 10, 6]


def test_qualtrics_legacy_layout(tmp_path):
    name, records = read_all(write(tmp_path, "legacy.csv", QUALTRICS_LEGACY))
    respondents, items, rejected = split(records)
    assert name == "qualtrics" and not rejected
    assert [r.external_id for r in respondents] == ["R_1xxxxxxxxxxxxxx", "R_2xxxxxxxxxxxxxx"]
    assert respondents[0].csat == 4 and respondents[0].submitted_at == "2016-05-02T09:04:00+00:00"
    assert [i.external_id for i in items] == ["R_1xxxxxxxxxxxxxx:Q3", "R_2xxxxxxxxxxxxxx:Q3"]
    assert items[0].question == "Tell us about your experience" and items[0].author == "ann@example.com"


def test_qualtrics_times_use_the_chosen_zone(tmp_path):
    _, records = read_all(write(tmp_path, "qualtrics.csv", QUALTRICS), timezone="America/New_York")
    assert split(records)[0][0].submitted_at == "2024-03-05T15:15:22+00:00"


def test_limesurvey_ids_are_scoped_by_survey(tmp_path):
    name, records = read_all(write(tmp_path, "a.csv", LIMESURVEY))
    respondents, items, rejected = split(records)
    assert name == "limesurvey" and not rejected and len(respondents) == 5
    assert respondents[0].external_id.endswith(":1") and respondents[3].submitted_at is None  # incomplete
    assert [i.text for i in items] == [
        "The survey tool is great but the reminders are too frequent", "Friends told me",
        "Mehr Export-Formate wären hilfreich für unser Team"]
    assert items[1].external_id == respondents[1].external_id + ":G01Q03[other]"
    _, other = read_all(write(tmp_path, "b.csv", LIMESURVEY_TEXT_HEADINGS))
    other_respondents, other_items, _ = split(other)
    assert other_respondents[0].external_id.endswith(":1")
    assert other_respondents[0].external_id != respondents[0].external_id
    assert [r.nps for r in other_respondents] == [9, 5, 7]
    assert other_respondents[0].attributes["Which plan do you use?"] == "Pro"
    assert [i.question for i in other_items] == ["Your comments", "Your comments"]


def test_limesurvey_semicolon_bad_date_and_ragged_rows(tmp_path):
    rows = [r.split(",") for r in LIMESURVEY.strip().splitlines()]
    rows[2][1] = "2024-13-45 25:61"  # bad submitdate
    rows[3] = rows[3][:8]  # ragged
    rows[1] = rows[1] + ["", "surplus"]  # longer than the header
    name, records = read_all(write(tmp_path, "results.csv", csv_text(rows, ";")))
    respondents, items, rejected = split(records)
    assert name == "limesurvey"
    assert [(r.row, r.column) for r in rejected] == [(3, "submitdate")]
    assert len(respondents) == 4
    assert "The survey tool is great but the reminders are too frequent" in {i.text for i in items}


def test_research_survey_numeric_other_columns_and_blank_rows(tmp_path):
    name, records = read_all(write(tmp_path, "freeform.csv", RESEARCH))
    respondents, items, rejected = split(records)
    assert name == "research_survey" and not rejected
    # a blank row between answers is a respondent who answered none of these; the trailing one is not
    assert [r.row for r in respondents] == [3, 4, 5, 6, 7]
    assert respondents[1].external_id.endswith(":2") and not respondents[1].attributes
    assert not any(i.external_id.endswith(":Q3_OTHER_TEXT") for i in items)
    assert respondents[0].attributes.get(
        "During a typical project, what proportion of your time is spent cleaning data? - Other") == "0"
    assert sorted(i.text for i in items) == sorted(
        ["JupyterLab", "Non-binary", "RStudio", "Sensor data", "VS Code with notebooks", "Satellite images"])
    assert items[0].question.startswith("What is the primary tool")


def test_scores_land_in_their_fields(tmp_path):
    rows = [
        ["Timestamp", "How likely are you to recommend us to a friend?", "How satisfied are you with support?",
         "The company made it easy to handle my issue", "Comments"],
        ["3/5/2024 10:15:22", "10", "5", "7", "Thanks for the quick help"],
        ["3/5/2024 11:15:22", "0", "1", "1", "Nobody answered for a week"],
    ]
    _, records = read_all(write(tmp_path, "scores.csv", csv_text(rows)))
    respondents = split(records)[0]
    assert [(r.nps, r.csat, r.ces) for r in respondents] == [(10, 5, 7), (0, 1, 1)]


def test_classify_values():
    assert classify_values([]) == "empty"
    assert classify_values(["0", "10", "5", "0", "-1"]) == "number"
    assert classify_values(["Pro", "Free", "Pro", "Team", "Free", "Pro"]) == "choice"
    assert classify_values(["Search, Export", "Export", "Search", "Search, Export, Boards"]) == "choice"
    assert classify_values(["The export keeps failing", "Add a dark mode please"]) == "text"
    assert classify_values(["界面很好用，加载太慢", "导出功能经常出错"]) == "text"


@pytest.mark.parametrize("dayfirst", [True, False])
@pytest.mark.parametrize("zone", [None, "America/New_York"])
def test_fast_survey_dates_agree_with_dateparser(dayfirst, zone):
    values = ["3/5/2024 10:15:22", "03/05/2024 10:15:22 AM", "03/05/2024 12:15:22 AM", "03/05/2024 12:05:00 PM",
              "25/03/2024 10:15:22", "2024-03-05 10:15:22", "5.3.2024 10:15", "3/5/24 10:15:22 pm",
              "3/5/2024 1:02:03 PM GMT-5:30", "2024/3/5 下午3:15:22", "13/13/2024 10:00:00", "soon"]
    slow, fast = DateParser(dayfirst, zone), SurveyDates(DateParser(dayfirst, zone))
    for value in values:
        try:
            expected = slow(value)
        except ValueError:
            with pytest.raises(ValueError):
                fast(value)
        else:
            assert fast(value) == expected, value
    # Year first is year-month-day whatever the day-first habit of the column.
    assert fast("2024/03/05 10:15:22 AM GMT+1") == "2024-03-05T09:15:22+00:00"


def test_mapping_can_force_a_text_column(tmp_path):
    rows = [["Timestamp", "Favourite feature"], ["3/5/2024 10:15:22", "Boards"], ["3/6/2024 10:15:22", "Search"],
            ["3/7/2024 10:15:22", "Boards"], ["3/8/2024 10:15:22", "Boards"], ["3/9/2024 10:15:22", "Boards"]]
    path = write(tmp_path, "r.csv", csv_text(rows))
    assert not split(read_all(path)[1])[1]
    items = split(read_all(path, mapping={"text": "Favourite feature"})[1])[1]
    assert [i.text for i in items] == ["Boards", "Search", "Boards", "Boards", "Boards"]


# -- real exports (../shared/data, optional) -------------------------------------------------------
@pytest.mark.shared_data
@pytest.mark.parametrize("file_name", ["qualtrics_sample_3header.csv", "qualtrics_sample_legacy_2header.csv"])
def test_real_qualtrics_samples(file_name):
    path = shared_data() / "survey-export-format-samples" / file_name
    if not path.is_file():
        pytest.skip(f"{file_name} is absent")
    name, records = read_all(path)
    respondents, items, rejected = split(records)
    assert name == "qualtrics" and not rejected
    assert [r.external_id for r in respondents] == ["R_2YPOQ602ER1jkf1"]
    assert [i.text for i in items] == ["Hello World!"]
    assert items[0].question == "This is a free text question."
    assert respondents[0].submitted_at == "2017-07-18T08:28:48+00:00"


@pytest.mark.shared_data
def test_real_kaggle_freeform_survey():
    path = shared_data() / "kaggle-survey-2018-freeform" / "freeFormResponses.csv"
    if not path.is_file():
        pytest.skip("freeFormResponses.csv is absent")
    source = SourceFile(path)
    assert choose_importer(source).name == "research_survey"
    headers = header_texts(path, 2)
    respondents = items = 0
    questions = set()
    for record in choose_importer(source).read(source):
        if isinstance(record, Respondent):
            respondents += 1
        elif isinstance(record, Item):
            items += 1
            assert record.text not in headers
            assert not record.external_id.endswith((":Q34_OTHER_TEXT",))
            assert not record.text.replace(".", "").lstrip("-").isdigit()
            questions.add(record.external_id.rsplit(":", 1)[1])
        elif isinstance(record, (Skipped, Note)):
            continue  # non-answers ("N/A") counted as skipped; warnings
        else:
            pytest.fail(f"unexpected rejection {record}")
    assert respondents == 23_859
    assert items > 30_000
    assert {"Q12_Part_4_TEXT", "Q12_Part_1_TEXT", "Q38_OTHER_TEXT", "Q32_OTHER"} <= questions


@pytest.mark.shared_data
def test_survey_importers_stay_low_on_other_shared_files():
    data = shared_data()
    files = [p for p in data.glob("*/*") if p.suffix in (".csv", ".tsv", ".xlsx")
             and p.parent.name not in ("survey-export-format-samples", "kaggle-survey-2018-freeform")]
    for path in files:
        source = SourceFile(path)
        for name in SURVEY_FORMATS:
            assert get_importer(name).sniff(source) < 0.3, (name, path.name)


def test_survey_import_end_to_end_links_items_to_respondents(workspace, tmp_path):
    from triage_app.services.importing import run_import

    path = write(tmp_path, "qualtrics.csv", QUALTRICS)
    first = run_import(workspace, path)
    assert (first.format, first.added, first.respondents, first.rejected) == ("qualtrics", 4, 5, 0)
    again = run_import(workspace, path)
    assert (again.added, again.unchanged) == (0, 4)
    unlinked = workspace.conn.execute("SELECT count(*) FROM items WHERE respondent_id IS NULL").fetchone()[0]
    assert unlinked == 0
