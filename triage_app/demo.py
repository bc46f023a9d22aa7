"""The demo workspace: realistic, seeded, multi-source feedback in English and Chinese.

It writes real export files (a Google Forms survey, ``gh issue list --json`` issues, a Google Play
review report in UTF-16 and a Zendesk ticket dump) and imports them through the same importers a
user's files go through, so the demo exercises the whole product. Six months of data with themes
that grow and shrink, NPS and star scores, statuses, maintainer and bot replies.
"""
from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Callable

DAYS = 182


@dataclass
class DemoFiles:
    folder: Path
    files: list[Path] = field(default_factory=list)


def _phrases() -> dict:
    return json.loads((resources.files("resources") / "demo" / "feedback.json").read_text(encoding="utf-8"))


class _Generator:
    def __init__(self, seed: int, as_of: datetime):
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.data = _phrases()
        self.themes = self.data["themes"]

    def moment(self) -> tuple[datetime, float]:
        """A time in the last six months (more recent slightly more likely) and its position 0..1."""
        position = self.rng.random() ** 0.8
        when = self.as_of - timedelta(days=DAYS * (1 - position), seconds=self.rng.randint(0, 86_399))
        return when.replace(microsecond=0), position

    def theme(self, position: float, allowed: Callable[[dict], bool] = lambda t: True) -> dict:
        pool = [t for t in self.themes if allowed(t)]
        weights = [t["weight"] * (1 + (t["trend"] - 1) * position) for t in pool]
        return self.rng.choices(pool, weights=weights)[0]

    def text(self, theme: dict, lang: str, position: float = 1.0) -> str:
        return self.text_and_title(theme, lang, position)[0]

    def _fill(self, sentence: str, lang: str, position: float) -> str:
        versions = self.data["versions"]
        return sentence.replace("{version}", versions[min(len(versions) - 1, int(position * len(versions)))]) \
            .replace("{os}", self.rng.choice(self.data["os_zh" if lang == "zh" else "os"]))

    def text_and_title(self, theme: dict, lang: str, position: float = 1.0, detail: float = 0.3,
                       greet: float = 0.0) -> tuple[str, str]:
        """A feedback text as a user writes it (one of the theme's sentences, sometimes a detail, a greeting or
        a closing line) and a title (one of the theme's issue titles, else the sentence's first clause)."""
        rng, zh = self.rng, lang == "zh"
        main = rng.choice(theme[lang])
        parts = [main]
        if rng.random() < detail:  # a second sentence about the same problem, else a detail
            more = [s for s in theme[lang] if s != main] if rng.random() < 0.6 else theme.get(f"{lang}_more") or []
            if more:
                second = self._fill(rng.choice(more), lang, position)
                parts.append(second if zh or second[:2] in ("I ", "I'") else second[0].upper() + second[1:])
        parts = [p if p[-1] in "?？!！.。" else p + ("。" if zh else ".") for p in parts]
        if rng.random() < greet:
            lead = rng.choice(self.data[f"leads_{lang}"])
            word = main.split()[0]
            first = parts[0] if zh or word == "I" or word[:2] == "I'" or any(c.isupper() for c in word[1:]) else \
                parts[0][0].lower() + parts[0][1:]
            parts[0] = f"{lead}{first}" if zh else f"{lead} {first}"
        if rng.random() < 0.15:
            kind = theme.get("kind") or ("praise" if theme["sentiment"] > 0 else "request" if theme["sentiment"] == 0
                                         else "problem")
            parts.append(rng.choice(self.data[f"tails_{kind}_{lang}"]))
        if not zh and len(parts) == 1 and rng.random() < 0.3:
            parts[0] = parts[0].rstrip(".")  # a quick review often has no full stop
        titles = [t for t in theme.get(f"titles_{lang}") or [] if _shares_a_word(t, main)]
        if titles and rng.random() < 0.8:
            title = self._fill(rng.choice(titles), lang, position)
        else:
            title = re.split(r"，|, |[?.!] ", main)[0]
            title = title if len(title) <= 70 else title[:70].rsplit(" ", 1)[0]
        return ("" if zh else " ").join(parts), title

    def lang(self) -> str:
        return "zh" if self.rng.random() < 0.35 else "en"

    def nps(self, theme: dict) -> int:
        s = theme["sentiment"]
        if s > 0:
            return self.rng.choice([8, 9, 9, 10, 10])
        if s == 0:
            return self.rng.choice([6, 7, 8, 8, 9])
        return self.rng.choice([1, 3, 4, 5, 6, 6, 7])

    def stars(self, theme: dict) -> int:
        s = theme["sentiment"]
        if s > 0:
            return self.rng.choice([4, 5, 5])
        if s == 0:
            return self.rng.choice([3, 4, 4, 5])
        return self.rng.choice([1, 1, 2, 2, 3])

    # -- the four exports --------------------------------------------------------------------
    def survey_csv(self, n: int = 700) -> str:
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["Timestamp", "Email Address", "How likely are you to recommend DevHub to a friend or colleague?",
                    "What is the main reason for your score?", "Which plan are you on?", "Region"])
        for i in range(n):
            when, pos = self.moment()
            theme = self.theme(pos)
            comment = self.text(theme, self.lang(), pos) if self.rng.random() < 0.8 else ""
            w.writerow([f"{when.month}/{when.day}/{when.year} {when:%H:%M:%S}", f"user{i:04d}@example.com",
                        self.nps(theme), comment, self.rng.choice(self.data["plans"]), self.rng.choice(self.data["regions"])])
        return out.getvalue()

    def github_json(self, n: int = 350) -> str:
        issues = []
        maintainers, bots = self.data["maintainers"], self.data["bots"]
        for number in range(1, n + 1):
            created, pos = self.moment()
            theme = self.theme(pos, lambda t: t["sentiment"] <= 0)
            lang = self.lang()
            body, title = self.text_and_title(theme, lang, pos, detail=0.5, greet=0.1)
            author = f"dev{self.rng.randint(1, 250)}"
            comments, t = [], created
            if self.rng.random() < 0.25:
                t += timedelta(minutes=self.rng.randint(1, 30))
                comments.append({"author": {"login": self.rng.choice(bots), "is_bot": True}, "authorAssociation": "NONE",
                                 "createdAt": _z(t), "body": "Thanks for the report! A maintainer will look at it."})
            if self.rng.random() < 0.2:
                t += timedelta(hours=self.rng.randint(1, 12))
                comments.append({"author": {"login": author}, "authorAssociation": "NONE", "createdAt": _z(t),
                                 "body": "Any update on this?" if lang == "en" else "请问有进展吗？"})
            answered = self.rng.random() < 0.85 and (self.as_of - created).days > 1
            if answered:
                t = created + timedelta(hours=self.rng.expovariate(1 / 30))
                if t < self.as_of:
                    comments.append({"author": {"login": self.rng.choice(maintainers)}, "authorAssociation": "MEMBER",
                                     "createdAt": _z(t), "body": "Thanks, we can reproduce this and are working on it."})
            age_days = (self.as_of - created).days
            closed = self.rng.random() < min(0.9, age_days / 120)
            closed_at = None
            if closed:
                closed_at = min(self.as_of, created + timedelta(days=self.rng.expovariate(1 / 20)))
            comments.sort(key=lambda c: str(c["createdAt"]))
            issues.append({
                "number": number, "title": title, "body": body,
                "state": "CLOSED" if closed else "OPEN",
                "stateReason": ("NOT_PLANNED" if self.rng.random() < 0.1 else "COMPLETED") if closed else None,
                "createdAt": _z(created), "updatedAt": _z(closed_at or t), "closedAt": _z(closed_at) if closed_at else None,
                "author": {"login": author, "is_bot": False},
                "labels": [{"name": "enhancement" if theme["sentiment"] == 0 else "bug"}, {"name": theme["key"]}],
                "comments": comments, "url": f"https://github.com/devhub/devhub/issues/{number}",
            })
        return json.dumps(issues, ensure_ascii=False, indent=1)

    def play_csv(self, n: int = 450) -> str:
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["Package Name", "App Version Code", "App Version Name", "Reviewer Language", "Device",
                    "Review Submit Date and Time", "Review Submit Millis Since Epoch", "Review Last Update Date and Time",
                    "Star Rating", "Review Title", "Review Text", "Developer Reply Date and Time",
                    "Developer Reply Millis Since Epoch", "Developer Reply Text", "Review Link"])
        for i in range(n):
            when, pos = self.moment()
            theme = self.theme(pos)
            lang = self.lang()
            reply_at: str | None = ""
            reply = ""
            if self.rng.random() < 0.4:
                r = when + timedelta(hours=self.rng.expovariate(1 / 20))
                if r < self.as_of:
                    reply_at = _z(r)
                    reply = "Thanks for your feedback, we are on it." if lang == "en" else "感谢反馈，我们正在处理。"
            version = f"3.{int(pos * 6)}.{self.rng.randint(0, 3)}"
            w.writerow(["com.devhub.app", 300 + int(pos * 6), version, "zh-CN" if lang == "zh" else "en", "Pixel 8",
                        _z(when), "", _z(when), self.stars(theme), "", self.text(theme, lang, pos), reply_at, "", reply,
                        f"https://play.google.com/console/developers/app/reviews?reviewId=demo-{i:05d}"])
        return out.getvalue()

    def zendesk_json(self, n: int = 250) -> str:
        tickets = []
        for i in range(1, n + 1):
            created, pos = self.moment()
            theme = self.theme(pos)
            lang = self.lang()
            text, subject = self.text_and_title(theme, lang, pos, greet=0.1)
            age = (self.as_of - created).days
            status = self.rng.choice(["solved", "closed"]) if self.rng.random() < min(0.95, age / 30) else \
                self.rng.choice(["new", "open", "pending"])
            rating = "unoffered"
            if status in ("solved", "closed") and self.rng.random() < 0.6:
                rating = "good" if (theme["sentiment"] > 0 or self.rng.random() < 0.55) else "bad"
            reply_minutes = int(self.rng.expovariate(1 / 240)) + 5
            tickets.append({
                "id": 10_000 + i, "created_at": _z(created), "updated_at": _z(created + timedelta(minutes=reply_minutes)),
                "subject": subject, "description": text, "status": status,
                "priority": self.rng.choice(["low", "normal", "normal", "high"]), "type": "problem" if theme["sentiment"] < 0 else "question",
                "tags": [theme["key"], lang], "requester_id": 500 + self.rng.randint(0, 180), "via": {"channel": "email"},
                "satisfaction_rating": {"score": rating},
                "metric_set": {"reply_time_in_minutes": {"calendar": reply_minutes}},
            })
        return json.dumps({"tickets": tickets}, ensure_ascii=False, indent=1)


def _shares_a_word(title: str, sentence: str) -> bool:
    """Whether an issue title fits a sentence: a word of four letters or more (Chinese: two characters) in both."""
    if re.search(r"[\u4e00-\u9fff]", title):
        return any(title[i:i + 2] in sentence for i in range(len(title) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", title[i:i + 2]))
    words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{4,}", title)}
    return bool(words & {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{4,}", sentence)})


def _z(dt: datetime | None) -> str | None:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if dt else None


def write_demo_files(folder: Path, seed: int = 7, as_of: datetime | None = None) -> DemoFiles:
    """Write the four demo exports into ``folder``."""
    as_of = (as_of or datetime.now(timezone.utc)).replace(microsecond=0)
    gen = _Generator(seed, as_of)
    folder.mkdir(parents=True, exist_ok=True)
    demo = DemoFiles(folder)
    for name, content, encoding in (
        ("devhub-survey-responses.csv", gen.survey_csv(), "utf-8"),
        ("devhub-issues.json", gen.github_json(), "utf-8"),
        ("reviews_com.devhub.app.csv", gen.play_csv(), "utf-16"),
        ("zendesk-tickets.json", gen.zendesk_json(), "utf-8"),
    ):
        path = folder / name
        path.write_bytes(content.encode(encoding))
        demo.files.append(path)
    return demo


def build_demo_workspace(path: str | Path, seed: int = 7, as_of: datetime | None = None,
                         on_progress: Callable | None = None, analyse: bool = False) -> dict:
    """Generate the demo exports, import them into a new workspace at ``path`` (built aside and
    moved into place, so an interrupted build leaves nothing half-made) and return a summary."""
    import os
    import tempfile

    from .services.importing import run_import
    from .store import Workspace

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    summary: dict = {"workspace": str(path), "files": []}
    with tempfile.TemporaryDirectory(prefix="triage-demo-") as tmp:
        demo = write_demo_files(Path(tmp) / "exports", seed, as_of)
        building = Path(tmp) / "demo.triage"
        with Workspace(building) as ws:
            for file in demo.files:
                imported = run_import(ws, file, on_progress=on_progress)
                summary["files"].append({"file": file.name, "format": imported.format, "added": imported.added})
            summary["items"] = ws.stats()["items"]
            from .domain import drive
            from .services.sentiment import score_items

            drive(score_items(ws.conn), on_progress)  # the sentiment filter and charts have data
            if analyse:
                from .services.analysis import run_analysis

                result = run_analysis(ws, on_progress=on_progress)
                summary["themes"] = result.themes
            ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.replace(building, path)
    return summary
