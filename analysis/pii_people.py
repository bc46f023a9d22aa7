"""Person names and postal addresses in feedback text (English and Chinese). Pure, offline.

Names over-match easily ("Will", "Grace Period", 王者荣耀), so a name is found only with evidence:
- English: a cue that introduces a person ("my name is", "Mr.", "Thanks,", "spoke to", "Name:")
  followed by capitalised words, or two capitalised words whose first is a known first name. The
  first names are the US census lists of the ``names`` package (MIT, offline), minus names people
  also use as ordinary words (``_WORDS``).
- Chinese: a common surname plus one or two characters, introduced by a cue (我叫, 联系人, 收件人,
  客服...) or followed by a title (先生, 女士, 经理, 老师...).
Addresses: an English house number + street (+ optional city, state/postcode), a UK postcode or a
PO Box; a Chinese address anchored on a province/city/district chain or a road + door number (号).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

# Ordinary words that are also someone's first name: never a name without a strong cue.
_WORDS = frozenset("""
the and but for not you all any can had her was one our out day get has him his how man new now old see
two way who boy did its let put say she too use hi ok no yes my me so in on is it us to we go be he an do
will may mark grace hope rose summer bill chase art love king june april august sunny page bob jack
joy faith honey ruby amber crystal dawn ivy jade lily daisy iris holly sky star angel bliss happy lucky
rich young long guy guess pat ray gene sue don pepper ginger penny dot tab max min win ash dean drew
case cash miles sandy rusty frank earnest noble major price early rock stone wolf fox bear hunter
mason baker cook carter porter parker turner taylor king judge bishop prince queen lord sir
smart hero pilot spring autumn winter storm rain sun moon apple cherry olive sage basil river
brook forest field lane sal tex val mac hal van ed jo lu al el la le de di da du del von der den
china india paris london sydney berlin tokyo jordan israel kenya georgia virginia carolina florida
dakota austin dallas houston phoenix denver camden chelsea victoria alexandria adelaide florence
hello thanks thank please dear team user admin support customer android apple google amazon
microsoft windows linux chrome safari firefox edge opera office teams slack zoom excel word
german french english chinese japanese indian spanish italian dutch russian korean arabic british american
hong kong ping siri alexa cortana echo nova pixel galaxy note mini pro plus ultra lite go
im am un oh hey ya yo ok okay lol wow omg tor run due file line candy deep hue gen sri pile constant lame
toffee pandora cord son este ideal alexia alexi ui rip rain sunny tv mi na mo le ma are per cu julia meta intel mac undefined stateful mozilla edit label
""".split())
# Words a capitalised second token must not be ("Will Update", "Mark Down", "Jordan Shoes").
_NOT_SURNAME = frozenset("""
the and or of to in on at for with from by is are was be this that it app update mode down up out
support team service page button screen version error bug issue login account password report day
week month year today please thanks thank hi hello dear sir madam ok yes no not very so too
""".split())

_FIRST_NAME_MIN_FREQ = 2  # frequency class (2..13, from the census rank)


_PAIR_MIN_FREQ = 4  # two capitalised words with no cue: the first must be a common first name


@lru_cache(maxsize=1)
def first_names() -> dict[str, int]:
    """Lower-case first names with a frequency class (13 = most common .. 2 = rare): the US census
    first-name lists shipped by the ``names`` package (MIT; the census data are public domain), read
    offline; empty when the package is missing."""
    try:
        from importlib.resources import files

        root = files("names")
        texts = [root.joinpath(f).read_text(encoding="ascii") for f in ("dist.male.first", "dist.female.first")]
    except (ImportError, FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    names: dict[str, int] = {}
    for text in texts:
        for line in text.splitlines():
            parts = line.split()
            if len(parts) < 4:
                continue
            key, rank = parts[0].lower(), int(parts[3])
            # rank within its list: the 100 most common are class 13, then down to 2 past rank 3,000
            cls = 13 if rank <= 100 else 8 if rank <= 500 else 5 if rank <= 1500 else 3 if rank <= 3000 else 2
            if key not in _WORDS and len(key) >= 2 and cls >= _FIRST_NAME_MIN_FREQ:
                names[key] = max(names.get(key, 0), cls)
    return names


_CAP = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
_CAP_WORDS = rf"{_CAP}(?: (?:[A-Z]\. ?)?{_CAP}){{0,2}}"  # single spaces: "Fan  Temp  Perf" is a table
# A cue that introduces a person: the capitalised words after it are a name.
_STRONG_CUE = re.compile(
    r"(?:\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame\s*[:：]|[Cc]ontact(?: person)?\s*[:：]|[Ss]igned\s*[:,]?|"
    r"[Rr]egards\s*,|[Ss]incerely\s*,|[Ff]rom\s*:|[Cc]ustomer\s*:|[Aa]gent\s*:|[Aa]ssignee\s*:|[Rr]eporter\s*:|"
    r"[Ss]poke (?:to|with)|[Tt]alked to|[Cc]hatted with|[Aa]sk for|[Cc]c\s*:|"
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?)\s+)(" + _CAP_WORDS + r")"
)
# Weaker cues: the first word must be a known first name ("I'm Sarah" but not "I'm Unable").
_WEAK_CUE = re.compile(
    r"(?:\b(?:[Ii]'?m|I am|[Tt]his is|[Tt]hanks|[Tt]hank you|[Cc]heers|[Bb]est|[Hh]i|[Hh]ello|[Dd]ear|[Hh]ey|"
    r"[Cc]ontact|[Aa]sk|[Ee]mail|[Cc]all|[Cc]olleague|[Mm]anager|[Bb]oss|[Ff]riend|[Ww]ife|[Hh]usband|"
    r"[Dd]aughter|[Rr]each|[Tt]ell|[Tt]old|[Rr]ep)\s*[,:]?\s+|(?:^|\n)[-—–]{1,2}\s*)(?:I'm\s+|I’m\s+)?"
    r"(" + _CAP_WORDS + r")"
)
# Two or three capitalised words anywhere: a name when the first is a known first name.
_PAIR = re.compile(r"(?<![\w@.])(" + _CAP + r"(?: (?:[A-Z]\. ?)?" + _CAP + r"){1,2})(?![\w@])")

_SURNAMES_1 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_SURNAMES_2 = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐")
_ZH_SURNAME = "(?:" + "|".join(_SURNAMES_2) + "|[" + _SURNAMES_1 + "])"
# Characters before a title that make a word, not a name (项目经理, 高级工程师, 部门经理).
_ZH_NOT_TITLED = "目级门部务品户域端层管理长客售后前台"
# Characters that end a name rather than belong to it (particles, verbs, punctuation-like words).
_ZH_NOT_GIVEN = "的了是在和与及或我你他她它们说想要把被给对从到也都就还很吗呢吧啊呀哦嘛么个这那有没不请谢号式人电"
_ZH_GIVEN = f"[\u4e00-\u9fff](?<![{_ZH_NOT_GIVEN}])(?:[\u4e00-\u9fff](?<![{_ZH_NOT_GIVEN}]))?"
_ZH_CUE = re.compile(
    r"(?:我叫|我是|名叫|叫做|姓名\s*[:：]?\s*|联系人\s*[:：]?\s*|收件人\s*[:：]?\s*|收货人\s*[:：]?\s*|"
    r"负责人\s*[:：]?\s*|经办人\s*[:：]?\s*|客服|工程师|同事|朋友|老公|老婆|署名\s*[:：]?\s*|"
    r"转告|请教|联系人是)"
    r"(" + _ZH_SURNAME + _ZH_GIVEN + r")"
)
_ZH_TITLE = re.compile(
    r"(" + _ZH_SURNAME + r"(?:[\u4e00-\u9fff](?<![" + _ZH_NOT_GIVEN + _ZH_NOT_TITLED + r"])){0,2}?)"
    r"(?=先生|女士|小姐|老师|经理|总监|主任|医生|律师|同学|工程师|总(?![是的部结共体之计额量数监经]))"
)


def find_names(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of person names."""
    names = first_names()
    if re.search(r"[A-Z]", text):
        for m in _STRONG_CUE.finditer(text):
            words = m.group(1).split()
            while words and words[-1].lower() in _NOT_SURNAME:
                words.pop()
            if words and words[0].lower() not in _NOT_SURNAME and words[0].lower() not in _WORDS:
                yield _span(text, m.start(1), words)
        for pattern in (_WEAK_CUE, _PAIR):
            for m in pattern.finditer(text):
                words = m.group(1).split()
                first = words[0].rstrip("'’").lower()
                if first not in names:
                    continue
                while len(words) > 1 and words[-1].lower() in _NOT_SURNAME:
                    words.pop()
                if pattern is _PAIR and (len(words) < 2 or any(w.lower() in _WORDS for w in words[1:2])
                                         or names[first] < _PAIR_MIN_FREQ):
                    continue
                yield _span(text, m.start(1), words)
    if re.search("[\u4e00-\u9fff]", text):
        for pattern in (_ZH_CUE, _ZH_TITLE):
            for m in pattern.finditer(text):
                yield m.start(1), m.end(1)


def _span(text: str, start: int, words: list[str]) -> tuple[int, int]:
    end = start
    for w in words:
        end = text.index(w, end) + len(w)
    return start, end


# -- addresses -------------------------------------------------------------------------------
_STREET = (r"(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|"
           r"Close|Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Square|Sq|Gardens|Grove|Row|Walk|Mews|Hill|"
           r"Straße|Strasse|Str|Weg|Allee|Platz)\.?")
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"
_EN_ADDRESS = re.compile(
    r"(?:(?:Flat|Apt\.?|Apartment|Suite|Unit)\s*\d+[A-Za-z]?,?\s+)?"
    r"(?:\b\d{1,5}[A-Za-z]?\s+(?:Broadway|Bowery)\b(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?"
    r"(?:,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)?|"
    r"\b\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s+(?:[A-Z][\w'’.-]*\s+){0,3}" + _STREET + r"(?![\w])"
    r"(?:,?\s+(?:(?:Apt\.?|Suite|Unit|Flat|#)\s*\d+[A-Za-z]?))?"
    r"(?:,\s*(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))?"  # city
    r"(?:,?\s*(?:[A-Z]{2,3}\s+\d{4,5}(?:-\d{4})?|" + _UK_POSTCODE + r"|\d{4,5}))?)"  # state + ZIP, postcode
)
_DE_ADDRESS = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|allee|platz|gasse)\s+\d{1,4}[a-z]?"
                         r"(?:,\s*\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+)?")
_PO_BOX = re.compile(r"\b(?:P\.?\s?O\.?\s?Box|Post Office Box)\s+\d+\b", re.IGNORECASE)
_POSTCODE_ALONE = re.compile(r"(?<![A-Za-z\d])" + _UK_POSTCODE + r"(?![A-Za-z\d])")

_ZH_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
                 "海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_ZH_ADMIN = r"[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|区|县|州|盟|旗|镇|乡|街道|新区|开发区|高新区)"
_ZH_ROAD = (r"[\u4e00-\u9fff\dA-Za-z]{1,10}?(?:路|街|大道|道|巷|弄|胡同|里|村|小区|花园|大厦|广场)"
            r"(?:[\d一二三四五六七八九十]+段)?")
_ZH_DOOR = (r"(?:[\d一二三四五六七八九十百零]+(?:号院|号楼|号|弄|栋|幢|座|单元|号楼|楼|层|室|户|期|区)"
            r"(?:[\d一二三四五六七八九十]+(?:号院|号楼|号|弄|栋|幢|座|单元|楼|层|室|户))*(?:[\dA-Za-z-]+室?)?)")
_ZH_ADDRESS = re.compile(
    r"(?:(?:" + _ZH_PROVINCES + r")(?:省|市|自治区|特别行政区)?|" + _ZH_ADMIN + r")"
    r"(?:" + _ZH_ADMIN + r"){0,4}(?:" + _ZH_ROAD + r")?" + _ZH_DOOR + r"?"
)
_ZH_ROAD_DOOR = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:路|街|大道|巷|弄|胡同)(?:[\d一二三四五六七八九十]+段)?" + _ZH_DOOR)
# Prefixes that are not part of an address ("寄到北京市..." starts at 北京).
_ZH_LEAD = re.compile(r"^(?:[\u4e00-\u9fff]*?(?:住在|住址|地址|寄到|寄往|送到|发到|位于|在|是|为|到|往|：|:))?[了的在是到往给把从向于]*")


def find_addresses(text: str) -> Iterable[tuple[int, int]]:
    if re.search(r"\d", text):
        for pattern in (_EN_ADDRESS, _DE_ADDRESS, _PO_BOX):
            for m in pattern.finditer(text):
                yield m.start(), m.end()
    if re.search(r"[A-Z]\d", text):
        for m in _POSTCODE_ALONE.finditer(text):
            yield m.start(), m.end()
    if re.search("[\u4e00-\u9fff]", text):
        for pattern in (_ZH_ADDRESS, _ZH_ROAD_DOOR):
            for m in pattern.finditer(text):
                start, value = m.start(), m.group()
                lead = _ZH_LEAD.match(value)
                if lead:
                    start, value = start + lead.end(), value[lead.end():]
                if _is_zh_address(value):
                    yield start, start + len(value)


def _is_zh_address(value: str) -> bool:
    """Two or more address parts (province, city, district, road, door number), or road + number."""
    parts = len(re.findall(r"省|自治区|市|区|县|镇|乡|路|街|大道|巷|弄|胡同|小区|大厦|号|栋|幢|单元|室", value))
    return parts >= 3 or bool(re.search(r"(?:路|街|大道|巷|弄|胡同)[\d一二三四五六七八九十百]+号", value))
