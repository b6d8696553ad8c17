#!/usr/bin/env python3
"""Parses an .ics with the icalendar package.
usage: read_ics.py FILE EVENTS [YYYY-MM-DD ...] [--text TEXT ...]
EVENTS is the expected VEVENT count; each date must be the DTSTART (an
all-day date) of some event; each --text must appear in some SUMMARY or
DESCRIPTION (after unescaping)."""
import datetime
import sys
import icalendar

def main(argv):
    path, expected = argv[1], int(argv[2])
    dates, texts, rest = [], [], argv[3:]
    while rest:
        if rest[0] == "--text":
            texts.append(rest[1]); rest = rest[2:]
        else:
            dates.append(rest[0]); rest = rest[1:]
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    problems = []
    if len(events) != expected:
        problems.append(f"{len(events)} events, expected {expected}")
    starts = set()
    words = []
    for e in events:
        start = e.decoded("DTSTART")
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            problems.append(f"event {e.get('UID')} is not all-day: {start!r}")
        else:
            starts.add(start.isoformat())
        words.append(str(e.get("SUMMARY")))
        words.append(str(e.get("DESCRIPTION")))
    for d in dates:
        if d not in starts:
            problems.append(f"no event on {d} (have {sorted(starts)})")
    everything = "\n".join(words)
    for t in texts:
        if t not in everything:
            problems.append(f"missing text {t!r}")
    print(f"{path}: {len(events)} events")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
