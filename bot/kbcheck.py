"""Validating the knowledge base the way a careful curator would, reporting `file:line: message`."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from rapidfuzz import fuzz, process

from bot import text
from bot.kbfiles import RawEntry, RawTopic, read_entries, read_out_of_scope, read_yaml

OUT_OF_SCOPE = "out_of_scope.yaml"
REQUIRED = ("id", "title", "questions", "sources", "owner", "reviewed", "tags")
OPTIONAL = ("links", "contacts")
MIN_QUESTIONS = 5
DEFAULT_MAX_AGE_DAYS = 365
# Two example questions from different entries this alike (0-100, on the sets of words the
# search compares) would let the bot pick either entry for the same message.
CONFUSABLE_SCORE = 86
# A run of this many words shared with the guide means a sentence was copied, not rewritten.
COPIED_WORDS = 8

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.level == "error" else f"{self.level}: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass
class Report:
    raw: list[RawEntry] = field(default_factory=list)
    out_of_scope: list[RawTopic] = field(default_factory=list)  # the topics free of errors
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def valid_url(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "mailto":
        return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", parsed.path, re.I))
    return parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in url


def check(
    folder: Path,
    *,
    today: dt.date | None = None,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    guide_text: str | None = None,
    compare_questions: bool = True,
) -> Report:
    """Every problem of the knowledge base in `folder`, errors and warnings, in file order.

    `compare_questions=False` leaves out the pairwise check of example questions, the one check
    whose cost grows with the square of the base.
    """
    report = Report()
    sections_file, contacts_file = folder / "guide.yaml", folder / "contacts.yaml"
    for required in (sections_file, contacts_file, folder / "entries"):
        if not required.exists():
            report.problems.append(Problem(required, 1, "is missing"))
    if report.problems:
        return report
    sections = {str(k) for k in (read_yaml(sections_file).get("sections") or {})}
    contacts = read_yaml(contacts_file)
    report.problems += _check_contacts(contacts_file, contacts)

    today = today or dt.date.today()
    seen_ids: dict[str, RawEntry] = {}
    for raw in read_entries(folder):
        if raw.error:
            report.problems.append(Problem(raw.path, raw.line(""), raw.error))
            continue
        found = _check_entry(raw, sections, set(contacts), today, max_age_days)
        report.problems += found
        entry_id = raw.meta.get("id")
        if isinstance(entry_id, str) and entry_id in seen_ids:
            first = seen_ids[entry_id].path
            report.problems.append(Problem(raw.path, raw.line("id"), f"duplicate id `{entry_id}` (also in {first})"))
        elif isinstance(entry_id, str):
            seen_ids[entry_id] = raw
        if not any(p.level == "error" for p in found):
            report.raw.append(raw)
    if not report.raw and not report.errors:
        report.problems.append(Problem(folder / "entries", 1, "holds no entries"))
    if (folder / OUT_OF_SCOPE).exists():
        report.problems += _check_out_of_scope(folder / OUT_OF_SCOPE, report)
    if compare_questions:
        report.problems += _confusable_questions(report.raw, report.out_of_scope, folder / OUT_OF_SCOPE)
    if guide_text:
        names = read_yaml(sections_file).get("names") or []
        report.problems += _copied_from_guide(report.raw, guide_text, names)
    return report


def _check_contacts(path: Path, contacts: dict) -> list[Problem]:
    problems = []
    for key, value in contacts.items():
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            problems.append(Problem(path, 1, f"contact `{key}` needs a `name`"))
            continue
        unknown = set(value) - {"name", "email", "url", "note"}
        if unknown:
            problems.append(Problem(path, 1, f"contact `{key}` has unknown field(s): {', '.join(sorted(unknown))}"))
        if value.get("email") and not valid_url(f"mailto:{value['email']}"):
            problems.append(Problem(path, 1, f"contact `{key}` has a malformed email `{value['email']}`"))
        if value.get("url") and not valid_url(value["url"]):
            problems.append(Problem(path, 1, f"contact `{key}` has a malformed url `{value['url']}`"))
    return problems


def _is_text_list(value, min_len: int = 0) -> bool:
    return isinstance(value, list) and len(value) >= min_len and all(isinstance(v, str) and v.strip() for v in value)


def _check_entry(raw: RawEntry, sections: set[str], contacts: set[str], today: dt.date, max_age: int) -> list[Problem]:
    meta, problems = raw.meta, []

    def problem(key: str | None, message: str, level: str = "error") -> None:
        problems.append(Problem(raw.path, raw.line(key), message, level))

    for key in REQUIRED:
        if key not in meta:
            problem(None, f"missing field `{key}`")
    for key in meta:
        if key not in REQUIRED and key not in OPTIONAL:
            problem(key, f"unknown field `{key}` (known: {', '.join(REQUIRED + OPTIONAL)})", "warning")

    entry_id = meta.get("id")
    if "id" in meta:
        if not isinstance(entry_id, str) or not _ID.match(entry_id):
            problem("id", "`id` must be lower-case words joined by hyphens, like `speaking-for-ssc`")
        elif entry_id != raw.path.stem:
            problem("id", f"`id` is `{entry_id}` but the file is named `{raw.path.name}`; they must match")
    if "title" in meta and not (isinstance(meta["title"], str) and meta["title"].strip()):
        problem("title", "`title` must be a non-empty text")
    if "owner" in meta and not (isinstance(meta["owner"], str) and meta["owner"].strip()):
        problem("owner", "`owner` must name who curates this entry")
    if "questions" in meta and not _is_text_list(meta["questions"], MIN_QUESTIONS):
        problem("questions", f"`questions` must be a list of at least {MIN_QUESTIONS} non-empty questions")
    if "tags" in meta and not _is_text_list(meta["tags"]):
        problem("tags", "`tags` must be a list of words")
    if "sources" in meta:
        sources = meta["sources"]
        if not isinstance(sources, list) or not sources:
            problem("sources", "`sources` must list at least one guide section, like [\"4.3.1\"]")
        else:
            for source in sources:
                if str(source) not in sections:
                    problem("sources", f"section `{source}` is not a section of the guide (see guide.yaml)")
    if "reviewed" in meta:
        reviewed = meta["reviewed"]
        if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
            problem("reviewed", "`reviewed` must be a date like 2026-11-24")
        elif reviewed > today:
            problem("reviewed", f"`reviewed` is in the future ({reviewed})")
        elif (today - reviewed).days > max_age:
            problem("reviewed", f"last reviewed {reviewed}, more than {max_age} days ago: check it is still right", "warning")
    links = meta.get("links", [])
    if not isinstance(links, list):
        problem("links", "`links` must be a list of `title`/`url` pairs")
        links = []
    for index, link in enumerate(links):
        if not isinstance(link, dict) or set(link) != {"title", "url"}:
            problem("links", f"link {index + 1} must have exactly a `title` and a `url`")
        elif not valid_url(str(link["url"])):
            problem("links", f"malformed link `{link['url']}`")
    if "contacts" in meta:
        if not _is_text_list(meta["contacts"]):
            problem("contacts", "`contacts` must be a list of keys from contacts.yaml")
        else:
            for key in meta["contacts"]:
                if key not in contacts:
                    problem("contacts", f"unknown contact `{key}` (known: {', '.join(sorted(contacts))})")

    if not raw.body:
        problems.append(Problem(raw.path, raw.body_line, "the answer (the text after the front matter) is empty"))
    for offset, line in enumerate(raw.body.splitlines()):
        where = raw.body_line + offset
        if "{{" in line or "{%" in line:
            problems.append(Problem(raw.path, where, "template syntax (`{{` or `{%`) is not allowed in an answer"))
        for url in text.LINK.findall(line):
            if not valid_url(url.rstrip(".,;:")):
                problems.append(Problem(raw.path, where, f"malformed link `{url}`"))
        if "@" in line and re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", line):
            problems.append(Problem(raw.path, where, "write contact addresses in contacts.yaml and name them in `contacts`"))
    return problems


def _check_out_of_scope(path: Path, report: Report) -> list[Problem]:
    topics, error = read_out_of_scope(path)
    if error:
        return [Problem(path, 1, error)]
    problems = []
    for topic in topics:
        if not (isinstance(topic.topic, str) and topic.topic.strip()):
            problems.append(Problem(path, topic.line, "each topic needs a `topic:` name"))
        elif not _is_text_list(topic.questions, 1):
            problems.append(Problem(path, topic.line, f"topic `{topic.topic}` needs `questions:`, a list of non-empty questions"))
        else:
            report.out_of_scope.append(topic)
    return problems


@dataclass(frozen=True)
class _Example:
    question: str
    path: Path
    line: int
    owner: str | None  # the entry's file name; None for an out-of-scope example


def _confusable_questions(entries: list[RawEntry], topics: list[RawTopic], topics_path: Path) -> list[Problem]:
    """Example questions of two entries, or of an entry and the out-of-scope list, alike enough to confuse."""
    examples = [_Example(q, raw.path, raw.question_line(n), raw.path.name) for raw in entries for n, q in enumerate(raw.meta["questions"])]
    examples += [_Example(q, topics_path, line, None) for t in topics for q, line in zip(t.questions, t.question_lines)]
    compared = [sorted(set(text.terms(e.question))) for e in examples]
    # Each word as one character: the same word-level ratio, computed on strings, which rapidfuzz
    # compares many times faster than lists.
    letters: dict[str, str] = {}
    spelt = ["".join(letters.setdefault(t, chr(0xF0000 + len(letters))) for t in terms) for terms in compared]
    problems = []
    for j, question in enumerate(compared):
        # Only earlier questions, so each pair is judged once.
        for _, _, i in process.extract(spelt[j], spelt[:j], scorer=fuzz.ratio, score_cutoff=CONFUSABLE_SCORE, limit=None):
            one, other = examples[i], examples[j]
            # Numbers name different things ("KSR 6" and "KSR 7"), however alike the rest is.
            numbers_differ = {t for t in compared[i] if t.isdigit()} != {t for t in question if t.isdigit()}
            if one.owner == other.owner or not question or numbers_differ:
                continue
            if other.owner is None or one.owner is None:
                entry, declined = (one, other) if other.owner is None else (other, one)
                problems.append(Problem(declined.path, declined.line, f"question \"{declined.question}\" is too close to \"{entry.question}\" in {entry.owner}; the bot would hesitate to answer what that entry answers"))
            else:
                problems.append(Problem(other.path, other.line, f"question \"{other.question}\" is too close to \"{one.question}\" in {one.owner}; the bot could confuse the two entries"))
    return problems


def _copied_from_guide(entries: list[RawEntry], guide_text: str, names: list[str]) -> list[Problem]:
    """Answers sharing a run of COPIED_WORDS words with the guide; links and names do not count."""
    name_pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)", re.I)

    def comparable(value: str) -> list[str]:
        return text.words(name_pattern.sub(" propername ", text.LINK.sub(" ", value.replace("\u2019", "'"))))

    guide_words = comparable(guide_text)
    shingles = {tuple(guide_words[i : i + COPIED_WORDS]) for i in range(len(guide_words) - COPIED_WORDS + 1)}
    problems = []
    for raw in entries:
        body_words = comparable(raw.body)
        for i in range(len(body_words) - COPIED_WORDS + 1):
            run = tuple(body_words[i : i + COPIED_WORDS])
            if run in shingles:
                problems.append(
                    Problem(raw.path, raw.body_line, f"copies the guide's wording (\"{' '.join(run)} ...\"): rewrite it in your own words")
                )
                break
    return problems
