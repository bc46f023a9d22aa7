"""Lists of person names, read offline from packages that ship them (both MIT):

- ``names``: the US census first-name lists with their rank (frequency classes below);
- ``faker``: the first and last names of its 80-odd locales (Indian, Pakistani, Arabic and African
  names in Latin script, European, Vietnamese, Japanese and Chinese romanisations, Chinese given
  names in characters...). Only the words are used, never Faker's generators.

Each list is empty when its package is missing, so detection degrades instead of failing.
"""
from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from functools import lru_cache

# Faker attributes holding names, and the locales whose Latin-script lists we read.
_FIRST_ATTRS = ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary",
                "first_names_unisex", "first_romanized_names", "first_names_est", "first_names_rus",
                "first_names_female_est", "first_names_female_rus", "first_names_male_est", "first_names_male_rus")
_LAST_ATTRS = ("last_names", "last_names_female", "last_names_male", "last_names_unisex", "last_names_nonbinary",
               "last_romanized_names", "male_last_names", "female_last_names", "unisex_last_names",
               "last_names_common", "last_names_without_suffix")
_PAIRS_ATTRS = ("first_name_pairs", "last_name_pairs")  # ja_JP: (kanji, kana, romaji)


def _census() -> dict[str, int]:
    try:
        from importlib.resources import files

        root = files("names")
        texts = [root.joinpath(f).read_text(encoding="ascii") for f in ("dist.male.first", "dist.female.first")]
    except (ImportError, FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    out: dict[str, int] = {}
    for text in texts:
        for line in text.splitlines():
            parts = line.split()
            if len(parts) < 4:
                continue
            rank = int(parts[3])
            # rank within its list: the 100 most common are class 13, then down to 2 past rank 3,000
            cls = 13 if rank <= 100 else 8 if rank <= 500 else 5 if rank <= 1500 else 3 if rank <= 3000 else 2
            key = parts[0].lower()
            out[key] = max(out.get(key, 0), cls)
    return out


def _values(provider, attrs) -> list[str]:
    words = []
    for attr in attrs:
        value = getattr(provider, attr, None)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, tuple):  # ja_JP pairs: the romanised form is last
                    item = item[-1]
                if isinstance(item, str):
                    words.append(item)
    return words


@lru_cache(maxsize=1)
def faker_names() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(Latin first names, Latin last names, Chinese given names, Chinese surnames), lower-case
    for Latin; one word each ("Mary-Jane" kept whole, "A tSithigh" skipped)."""
    try:
        people = importlib.import_module("faker.providers.person")
    except ImportError:
        return frozenset(), frozenset(), frozenset(), frozenset()
    first, last, zh_given, zh_surnames = set(), set(), set(), set()
    for module in pkgutil.iter_modules(people.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        except Exception:  # noqa: BLE001 - a broken locale must not stop the others
            continue
        for word in _values(provider, _FIRST_ATTRS + _PAIRS_ATTRS[:1]):
            _add(first, zh_given, word)
        for word in _values(provider, _LAST_ATTRS + _PAIRS_ATTRS[1:]):
            _add(last, zh_surnames, word)
    return frozenset(first), frozenset(last), frozenset(zh_given), frozenset(zh_surnames)


def _add(latin: set, chinese: set, word: str) -> None:
    word = word.strip()
    if not word or " " in word:
        return
    if all("\u4e00" <= ch <= "\u9fff" for ch in word):
        chinese.add(word)
    elif _is_latin(word) and len(word) >= 2:
        latin.add(word.lower().replace("’", "'"))


def _is_latin(word: str) -> bool:
    return all(ch in "-'’" or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) for ch in word)


@lru_cache(maxsize=1)
def census_first_names() -> dict[str, int]:
    """Lower-case US census first names with a frequency class (13 = most common .. 2 = rare)."""
    return _census()
