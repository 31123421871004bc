#!/usr/bin/env python3
"""Reads the feeds of `atlas-data feeds` back with independent parsers: Python's `icalendar`
(RFC 5545) and `feedparser` (Atom), and checks what a subscriber relies on. Exits 1, naming
the file and the problem, when a feed is broken.

Usage: check-feeds.py DIR [DATASET.json]
With a dataset, every feed must hold one entry per event of it (the category feeds, one per
event of their category).
"""
import datetime
import json
import pathlib
import sys

import feedparser
import icalendar

LANGS = ("en", "zh", "fr")


def fail(problems):
    for problem in problems:
        print(f"check-feeds: {problem}", file=sys.stderr)
    print(f"check-feeds: {len(problems)} problem(s)", file=sys.stderr)
    sys.exit(1)


def check_calendar(path, problems):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:  # e.g. a fold inside a character
        problems.append(f"{path.name}: not UTF-8: {error}")
        return []
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            problems.append(f"{path.name}: line {number} is {len(line)} octets (at most 75)")
    if "\n" in text.replace("\r\n", ""):
        problems.append(f"{path.name}: a bare line feed (lines end with CRLF)")
    if not text.startswith("BEGIN:VCALENDAR\r\n") or not text.endswith("END:VCALENDAR\r\n"):
        problems.append(f"{path.name}: not one VCALENDAR from its first line to its last")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # noqa: BLE001 - any parse error is a broken feed
        problems.append(f"{path.name}: icalendar cannot read it: {error}")
        return []
    for name in ("X-WR-CALNAME", "REFRESH-INTERVAL"):
        if not calendar.get(name):
            problems.append(f"{path.name}: no {name}")
    events = calendar.walk("VEVENT")
    if text.count("\r\nBEGIN:VEVENT\r\n") != len(events):
        problems.append(f"{path.name}: {len(events)} VEVENTs read of {text.count('BEGIN:VEVENT')} written")
    uids = [str(event.get("UID")) for event in events]
    if len(set(uids)) != len(uids):
        problems.append(f"{path.name}: UIDs repeat")
    for event in events:
        uid = event.get("UID")
        for name in ("DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LAST-MODIFIED", "SEQUENCE"):
            if event.get(name) is None:
                problems.append(f"{path.name}: {uid}: no {name}")
        try:
            start, end = event.decoded("DTSTART", None), event.decoded("DTEND", None)
        except Exception as error:  # noqa: BLE001 - an unreadable date is a broken feed
            problems.append(f"{path.name}: {uid}: unreadable dates: {error}")
            continue
        if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
            problems.append(f"{path.name}: {uid}: DTSTART {start!r} or DTEND {end!r} is not a date")
            continue
        if not end > start:
            problems.append(f"{path.name}: {uid}: DTEND {end} is not after DTSTART {start}")
        if isinstance(start, datetime.datetime):
            problems.append(f"{path.name}: {uid}: DTSTART is a time, not an all-day date")
    return [uid.split("@")[0] for uid in uids]


def check_atom(path, lang, problems):
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        problems.append(f"{path.name}: feedparser: {feed.bozo_exception}")
        return []
    if feed.version != "atom10":
        problems.append(f"{path.name}: read as {feed.version!r}, expected Atom 1.0")
    if not feed.feed.get("title") or not feed.feed.get("updated"):
        problems.append(f"{path.name}: the feed has no title or updated")
    if not feed.feed.get("language", "").startswith(lang):
        problems.append(f"{path.name}: xml:lang is {feed.feed.get('language')!r}, expected {lang!r}")
    ids = [entry.get("id", "") for entry in feed.entries]
    if len(set(ids)) != len(ids):
        problems.append(f"{path.name}: entry ids repeat")
    for entry in feed.entries:
        for field in ("id", "title", "updated", "link", "summary"):
            if not entry.get(field):
                problems.append(f"{path.name}: {entry.get('id')}: no {field}")
        if "event=" not in entry.get("link", ""):
            problems.append(f"{path.name}: {entry.get('id')}: link {entry.get('link')!r} does not open an event")
    return [entry_id.rsplit("/", 1)[-1] for entry_id in ids]


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    directory = pathlib.Path(sys.argv[1])
    problems = []
    main_files = ["events.ics", "events.zh.ics", "events.fr.ics"] + [f"events.{lang}.atom" for lang in LANGS]
    for name in main_files:
        if not (directory / name).is_file():
            problems.append(f"{directory / name}: missing")
    if problems:
        fail(problems)
    expected = {}
    if len(sys.argv) == 3:
        dataset = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
        expected[None] = sorted(event["id"] for event in dataset["events"])
        for event in dataset["events"]:
            expected.setdefault(event["category"], []).append(event["id"])
    checked = 0
    for path in sorted(directory.glob("events*.ics")) + sorted(directory.glob("events*.atom")):
        parts = path.name.split(".")  # events[.category][.lang].ext
        lang = parts[-2] if parts[-2] in LANGS else "en"
        category = parts[1] if len(parts) > 2 and parts[1] not in LANGS else None
        if path.suffix == ".ics":
            ids = check_calendar(path, problems)
        else:
            ids = check_atom(path, lang, problems)
        if category in expected and sorted(ids) != sorted(expected[category]):
            problems.append(f"{path.name}: {len(ids)} entries, expected {len(expected[category])} (one per event)")
        checked += 1
    if problems:
        fail(problems)
    print(f"check-feeds: {checked} feeds in {directory} read back with icalendar {icalendar.__version__} "
          f"and feedparser {feedparser.__version__}")


if __name__ == "__main__":
    main()
