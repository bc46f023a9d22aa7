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

from .person_names import census_first_names, faker_names

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
link add media general card root press trace open group content theme auto row forward connect
page view list item model node main base core test demo sample form table chart grid panel tab menu
toffee pandora cord son este ideal alexia alexi ui rip rain sunny tv mi na mo le ma are per cu julia meta intel mac undefined stateful mozilla edit label
""".split())
# Words a capitalised second token must not be ("Will Update", "Mark Down", "Jordan Shoes").
_NOT_SURNAME = frozenset("""
the and or of to in on at for with from by is are was be this that it app update mode down up out
support team service page button screen version error bug issue login account password report day
week month year today please thanks thank hi hello dear sir madam ok yes no not very so too
""".split())
# Surnames in the lists that are also words a product or place name ends with ("Central Park",
# "Grace Hall", "Rose Gold"): never a surname without a cue.
_NOT_LAST = frozenset("""
park hall gold silver green white black house home field wood woods bank power store pay music box street
road lane hill stone mill bridge church land north south east west ford mode cloud point plus pro max mini
edition series studio air sports sport game games news cash card bell rock water ocean sea lake river
glass steel iron grey gray day night may june july love joy hope faith star sun moon sky fox wolf king
""".split())

_FIRST_NAME_MIN_FREQ = 2  # frequency class (2..13, from the census rank)
_PAIR_MIN_FREQ = 4  # two capitalised words with no cue: the first must be a common first name
_OTHER_CLASS = 2  # a first name from Faker's international lists only (no frequency known)


@lru_cache(maxsize=1)
def first_names() -> dict[str, int]:
    """Lower-case first names with a frequency class (13 = most common .. 2 = rare): the US census
    lists (``names``) and Faker's international lists (class 2), minus ordinary words (``_WORDS``)."""
    names = {k: v for k, v in census_first_names().items() if v >= _FIRST_NAME_MIN_FREQ}
    for key in faker_names()[0]:
        names.setdefault(key, _OTHER_CLASS)
    return {k: v for k, v in names.items() if k not in _WORDS and len(k) >= 2}


@lru_cache(maxsize=1)
def any_first_names() -> frozenset[str]:
    """Every listed first name, ordinary words included ("Grace", "Julia"): used only when a surname follows."""
    return frozenset(census_first_names()) | faker_names()[0]


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    """Lower-case surnames from Faker's lists, minus ordinary words."""
    return frozenset(k for k in faker_names()[1] if k not in _WORDS and k not in _NOT_SURNAME
                     and k not in _NOT_LAST and len(k) >= 2)


_CAP = r"(?:O['’]|D['’]|Mc|Mac(?=[A-Z]))?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ]+)?"
# Lower-case particles inside a name ("Pieter de Vries", "Abdullah bin Zayed", "Ludwig van Beethoven").
_PARTICLE = r"(?:de|van|von|der|den|da|di|del|della|la|le|du|dos|das|bin|binti|ibn|al|el|ter|ten) "
_CAP_WORDS = rf"{_CAP}(?: (?:[A-Z]\. ?)?(?:{_PARTICLE}){{0,2}}{_CAP}){{0,2}}"  # single spaces: "Fan  Temp  Perf" is a table
# A cue that introduces a person: the capitalised words after it are a name.
_STRONG_CUE = re.compile(
    r"(?:\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame\s*[:：]|[Cc]ontact(?: person)?\s*[:：]|[Ss]igned\s*[:,]?|"
    r"[Rr]egards\s*,|[Ss]incerely\s*,|[Ff]rom\s*:|[Cc]ustomer\s*:|[Aa]gent\s*:|[Aa]ssignee\s*:|[Rr]eporter\s*:|"
    r"[Bb]est wishes\s*,|[Kk]ind regards\s*,|[Bb]est regards\s*,|[Tt]hanks and regards\s*,|"
    r"[Ss]poke (?:to|with)|[Tt]alked to|[Cc]hatted with|[Aa]sk for|[Cc]c\s*:|"
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?)\s+)(" + _CAP_WORDS + r")(?![A-Za-zÀ-ÖØ-öø-ÿ])"
)
# Weaker cues: the first word must be a known first name ("I'm Sarah" but not "I'm Unable"). A name
# only Faker lists (no frequency known, more often also a word: "Link", "Press") needs a person cue
# (group "p": a greeting, thanks, a relative) or a surname after it; a verb cue (group "v") is not enough.
_WEAK_CUE = re.compile(
    r"(?:\b(?:(?P<p>[Ii]'?m|I am|[Tt]his is|[Tt]hanks(?: a lot| again| so much)?|[Tt]hank you(?: so much| again)?|"
    r"[Mm]any thanks|[Cc]heers|[Bb]est|[Hh]i|[Hh]ello|[Dd]ear|[Hh]ey|[Gg]reetings|[Cc]olleague|[Mm]anager|[Bb]oss|"
    r"[Ff]riend|[Ww]ife|[Hh]usband|[Dd]aughter|[Ss]on|[Mm]om|[Dd]ad|[Mm]other|[Ff]ather|[Ss]ister|[Bb]rother|"
    r"[Nn]eighbou?r|[Cc]o-?worker|[Tt]eammate|[Ll]andlord|[Tt]eacher|[Nn]urse|[Tt]echnician|[Mm]aintainer)|"
    r"(?P<v>[Cc]ontact|[Aa]sk|[Ee]mail|[Cc]all|[Rr]each|[Tt]ell|[Tt]old|[Rr]ep|[Pp]ing|[Cc]c|[Nn]amed|"
    r"(?:[Rr]eported|[Ss]ubmitted|[Ww]ritten|[Ss]igned off|[Rr]aised|[Ff]iled) by\s*:?|[Aa]ssigned to))"
    r"\s*[,:]?\s+|(?P<d>(?:^|\n)[-—–]{1,2}\s*))(?:I'm\s+|I’m\s+)?"
    r"(?P<name>" + _CAP_WORDS + r")(?![A-Za-zÀ-ÖØ-öø-ÿ])"
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
_SURNAME_STARTS = frozenset(_SURNAMES_1) | {s[0] for s in _SURNAMES_2}
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


# "Hi, Grace here": a greeting and "here" make even an ordinary word a name.
# A person addressed or signing off: "Hi Ananya," at the start, "Thanks,\nRajesh" as the last line,
# "I'm Chidi and ...". Any capitalised word that is not an ordinary word (``_WORDS``, ``_NOT_VOCATIVE``).
_VOCATIVE = re.compile(
    r"(?:^|(?<=[\n.!?])\s*)(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Gg]ood (?:morning|afternoon|evening))\s+(" + _CAP_WORDS + r")\s*[,!:\n]")
_SIGN_OFF = re.compile(
    r"(?:^|(?<=[\n.!?])[ \t]*)(?:[Tt]hanks|[Tt]hank you|[Cc]heers|[Rr]egards|[Bb]est|[Ss]incerely|[Bb]est wishes|[Mm]any thanks|[Tt]hanks again|"
    r"[Kk]ind regards|[Bb]est regards|[Ww]arm regards|[Tt]hanks in advance|[Tt]hx|[Tt]y)(?:[,.!][ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]*[-—–]+[ \t]*)"
    r"(" + _CAP_WORDS + r")[ \t]*[.!]?[ \t]*$")
_SELF = re.compile(r"\b(?:I'm|I’m|I am|[Tt]his is|[Mm]y name's)\s+(" + _CAP_WORDS + r")(?=\s*,|\s+and\b|\s+from\b|\s+here\b|\s*[.!]\s*$)")
_NOT_VOCATIVE = frozenset("""
all everyone everybody there guys folks devs dev developers developer staff mods moderators community friends people
world sir sirs madam maam ma'am team support admin admins gentlemen ladies y'all yall reddit google amazon apple
microsoft netflix spotify facebook meta twitter instagram youtube tiktok uber lyft airbnb paypal ebay samsung sony
sorry unable new back done fine glad sure not so very really still just also here tired confused frustrated disappointed
impressed using trying writing looking having getting going unhappy happy excited afraid pretty quite totally
again sir/madam customer service company app product developers engineering experts expert together
maintainers maintainer gurus fellows colleagues contributors hackers users user members owners creators makers
""".split())
_HERE = re.compile(r"\b(?:[Hh]i|[Hh]ello|[Hh]ey)\s*[,!]?\s+(" + _CAP_WORDS + r")\s+here\b")
# "Isabella from sales", "Arjun in support": a first name followed by the team a person belongs to.
_ROLE = re.compile(
    r"(?<![\w@.])(" + _CAP_WORDS + r")\s+(?:from|in|at|on)\s+(?:the\s+|our\s+|your\s+)?"
    r"(?:sales|support|marketing|finance|accounting|billing|legal|hr|it|ops|operations|engineering|product|"
    r"design|security|qa|customer (?:service|support|success)|helpdesk|help desk|front desk|reception|"
    r"[a-z]+ (?:team|department|dept|desk|office))\b"
)
# Chinese names after a weaker cue (谢谢邓丽, 联系苏晴, 找王伟): the given name is checked against lists.
_ZH_WEAK_CUE = re.compile(
    r"(?:谢谢|感谢|多谢|联系|找|问问|麻烦|告诉|通知|转给|交给|跟|和|@)"
    r"(" + _ZH_SURNAME + r"[\u4e00-\u9fff]{1,2})"
)
# A nickname after a strong cue (客服小陈, 同事老王).
_ZH_NICK = re.compile(r"(?:客服|同事|师傅|朋友|经理|店长|骑手|快递员|联系人\s*[:：]?\s*)([小老阿]" + _ZH_SURNAME + r")")
# Characters common in Chinese given names (besides Faker's lists).
_ZH_NAME_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玲飞鹏辉建国红梅鑫斌宇浩凯秀云莉"
                  "晴婷雪琳颖慧欣佳怡晨阳峰宁文博海波亮斌林雷鸣志诚俊睿涵萱轩梓子铭瑶琪璐悦蕾倩薇"
                  "晓燕萍清露春秋冬月晶雯琴丹青松柏坤瑞祥福德安康泽源航帆帅毅龙凤虎彬永健")


def find_names(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of person names."""
    if re.search(r"[A-Z]", text):
        yield from _english_names(text)
    if re.search("[\u4e00-\u9fff]", text):
        yield from _chinese_names(text)


def _key(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def _surnamed(words: list[str]) -> bool:
    """The second word is a listed surname ("Julia Novak", "Wei Zhang")."""
    return len(words) >= 2 and _key(words[1]) in last_names()


def _trim(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1].lower() in _NOT_SURNAME:
        words.pop()
    return words


_THING_NAME = re.compile(r"(?i:model|product|device|file|host|computer|app|project|package|display|server|machine|"
                         r"branch|field|column|class|function|variable|company|brand|store|shop|item|game|team) ?name", re.IGNORECASE)


def _english_names(text: str) -> Iterable[tuple[int, int]]:
    names, listed = first_names(), any_first_names()
    for m in _STRONG_CUE.finditer(text):
        if _THING_NAME.search(text, max(0, m.start() - 12), m.start() + 6):
            continue  # "Model Name: MacBook Air", "File name: Report"
        words = _trim(m.group(1).split())
        first = _key(words[0])
        if first not in _NOT_SURNAME and (first not in _WORDS or (first in listed and _surnamed(words))):
            yield _span(text, m.start(1), words)
    census = census_first_names()
    for m in _WEAK_CUE.finditer(text):
        words = _trim(m.group("name").split())
        first = _key(words[0])
        known = census.get(first, 0) >= _FIRST_NAME_MIN_FREQ if not m.group("p") else True
        if (first in names and known) or (first in listed and _surnamed(words)):
            yield _span(text, m.start("name"), words)
    for pattern in (_VOCATIVE, _SIGN_OFF, _SELF):
        for m in pattern.finditer(text.rstrip() if pattern is _SIGN_OFF else text):
            words = _trim(m.group(1).split())
            if all(_key(w) not in _WORDS and _key(w) not in _NOT_VOCATIVE and _key(w) not in _NOT_SURNAME
                   for w in words if w[:1].isupper()) and (_key(words[0]) in listed or not words[0].endswith("s")) \
                    and not any(re.search(r"[a-z][A-Z]", w.replace("Mc", "").replace("Mac", "")) for w in words):
                yield _span(text, m.start(1), words)
    for pattern in (_HERE, _ROLE):
        for m in pattern.finditer(text):
            words, start = _trim(m.group(1).split()), m.start(1)
            while pattern is _ROLE and len(words) > 1 and _key(words[0]) not in listed:
                start, words = text.index(words[1], start), words[1:]  # "Could Isabella from sales"
            first = _key(words[0])
            if first in names or (first in listed and _surnamed(words)) or (pattern is _HERE and first in listed):
                yield _span(text, start, words)
    for m in _PAIR.finditer(text):
        words = _trim(m.group(1).split())
        if len(words) < 2:
            continue
        first, second = _key(words[0]), _key(words[1])
        common = names.get(first, 0) >= _PAIR_MIN_FREQ and second not in _WORDS
        if common or (first in names and second in last_names()) or _pinyin_name(words):
            yield _span(text, m.start(1), words)


_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u)")
_PINYIN_GIVEN = re.compile(rf"(?i:{_PINYIN_SYLLABLE}(?:-?{_PINYIN_SYLLABLE})?)")
# Romanised surnames that are also English words at a sentence start: never without a cue.
_NOT_PINYIN_SURNAME = frozenset("he an you yang long ma fan song bo so ding bai".split())


def _pinyin_name(words: list[str]) -> bool:
    """A Chinese name in pinyin, surname first ("Zhang Wei", "Li Ming", "Ouyang Xiaoming")."""
    surname, given = _key(words[0]), words[1]
    return (surname in zh_romanised_surnames() and surname not in _NOT_PINYIN_SURNAME
            and given[:1].isupper() and given[1:].islower() and bool(_PINYIN_GIVEN.fullmatch(given))
            and given.lower() not in _WORDS and given.lower() not in _NOT_SURNAME)


@lru_cache(maxsize=1)
def zh_romanised_surnames() -> frozenset[str]:
    try:
        from faker.providers.person.zh_CN import Provider
    except ImportError:
        return frozenset()
    return frozenset(n.lower() for n in Provider.last_romanized_names)


def _chinese_names(text: str) -> Iterable[tuple[int, int]]:
    for pattern in (_ZH_CUE, _ZH_TITLE, _ZH_NICK):
        for m in pattern.finditer(text):
            yield m.start(1), m.end(1)
    for m in _ZH_WEAK_CUE.finditer(text):
        name = _zh_listed_name(m.group(1))
        after = text[m.start(1) + len(name):][:2] if name else ""
        if name and not any(zh_dictionary().get(name + after[:n], "nr") != "nr" for n in (1, 2) if len(after) >= n):
            yield m.start(1), m.start(1) + len(name)


def _zh_listed_name(candidate: str) -> str | None:
    """Surname + one or two given-name characters that people use in names (Faker's Chinese given
    names and ``_ZH_NAME_CHARS``), and not an ordinary word of jieba's dictionary (商家, 方式)."""
    if candidate[:2] in _ZH_NOT_NAMES:
        return None
    surname = next((s for s in _SURNAMES_2 if candidate.startswith(s)), candidate[0])
    given = candidate[len(surname):]
    chars = zh_name_chars()
    while given and not all(ch in chars for ch in given):
        given = given[:-1]
    if not given:
        return None
    words = zh_dictionary()
    for n in range(len(given), 0, -1):
        name = surname + given[:n]
        tag = words.get(name)
        if tag is None or tag == "nr":
            return name if all(words.get(surname + given[:k], "nr") == "nr" for k in range(1, n)) else None
    return None


# Words jieba tags as names that are mostly ordinary words (grandson / Sun Tzu, prince, young master).
_ZH_NOT_NAMES = frozenset("孙子 王子 公子 童子 高手 金子 石子 包子 房子 车子 林子 江湖 黄金 白金 叶子 柳树".split())


@lru_cache(maxsize=1)
def zh_name_chars() -> frozenset[str]:
    return frozenset(ch for name in faker_names()[2] for ch in name) | frozenset(_ZH_NAME_CHARS)


@lru_cache(maxsize=1)
def zh_dictionary() -> dict[str, str]:
    """jieba's dictionary (words that start like a surname): word -> part-of-speech tag ("nr" = person
    name); empty without jieba."""
    try:
        import jieba
        from pathlib import Path

        path = Path(jieba.__file__).parent / "dict.txt"
        words = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3 and 2 <= len(parts[0]) <= 4 and parts[0][0] in _SURNAME_STARTS:
                    words[parts[0]] = parts[2]  # only words that could be read as surname + given name
        return words
    except (ImportError, OSError):
        return {}


def _span(text: str, start: int, words: list[str]) -> tuple[int, int]:
    end = start
    for w in words:
        end = text.index(w, end) + len(w)
    return start, end


# -- addresses -------------------------------------------------------------------------------
_STREET = (r"(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|"
           r"Close|Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Square|Sq|Gardens|Grove|Row|Walk|Mews|Hill|Loop|Circle|Cir|Trail|Trl|Plaza|Alley|Quay|Esplanade|Parade|"
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
            r"(?:[\d一二三四五六七八九十]+段|[东西南北中]段)?")
_ZH_DOOR = (r"(?:[\d一二三四五六七八九十百零]+(?:号院|号楼|号|弄|栋|幢|座|单元|号楼|楼|层|室|户|期|区)"
            r"(?:[\d一二三四五六七八九十]+(?:号院|号楼|号|弄|栋|幢|座|单元|楼|层|室|户))*(?:[\dA-Za-z-]+室?)?)")
_ZH_ADDRESS = re.compile(
    r"(?:(?:" + _ZH_PROVINCES + r")(?:省|市|自治区|特别行政区)?|" + _ZH_ADMIN + r")"
    r"(?:" + _ZH_ADMIN + r"){0,4}(?:" + _ZH_ROAD + r"){0,2}" + _ZH_DOOR + r"?"
)
_ZH_ROAD_DOOR = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:路|街|大道|巷|弄|胡同)(?:[\d一二三四五六七八九十]+段|[东西南北中]段)?" + _ZH_DOOR)
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
