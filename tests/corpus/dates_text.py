"""Dates, times and text in pre- and post-processing: log lines, weekly buckets, ages, durations, wrapped text."""

from datetime import date, datetime, timedelta, timezone
import calendar
import datetime as dt
import textwrap

LOG_FORMAT = "%d/%b/%Y:%H:%M:%S %z"


# case: {"lines": ["10.0.0.1 [05/Jan/2024:13:55:36 +0100] GET /a", "10.0.0.2 [05/Jan/2024:14:01:02 +0100] GET /b"]}
# case: {"lines": ["x [31/Dec/2023:23:59:59 -0500] POST /c", "y [01/Jan/2024:05:00:00 +0000] GET /d"]}
# case: {"lines": ["broken line [yesterday] GET /"]}
# case: {"lines": []}
def request_gaps(lines: list[str]) -> list[float]:
    stamps = []
    for line in lines:
        start = line.index("[") + 1
        end = line.index("]")
        stamps.append(datetime.strptime(line[start:end], LOG_FORMAT))
    stamps.sort()
    return [(b - a).total_seconds() for a, b in zip(stamps, stamps[1:])]


# case: {"days": ["2024-01-01", "2024-01-03", "2024-01-08", "2023-12-31", "2024-12-30"]}
# case: {"days": ["2020-12-31", "2021-01-01", "2021-01-04"]}
# case: {"days": ["2024-02-30"]}
def events_per_iso_week(days: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in days:
        key = week_key(date.fromisoformat(s))
        counts[key] = counts.get(key, 0) + 1
    return counts


def week_key(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


# case: {"born": "2000-02-29", "on": "2024-02-28"}
# case: {"born": "2000-02-29", "on": "2024-02-29"}
# case: {"born": "1990-12-31", "on": "2024-01-01"}
# case: {"born": "2030-01-01", "on": "2024-01-01"}
def age_in_years(born: str, on: str) -> int:
    b = date.fromisoformat(born)
    today = date.fromisoformat(on)
    years = today.year - b.year
    if (today.month, today.day) < (b.month, b.day):
        years -= 1
    return years


# case: {"seconds": 0}
# case: {"seconds": 59.5}
# case: {"seconds": 3725}
# case: {"seconds": 200000.25}
# case: {"seconds": -90}
def human_duration(seconds: float) -> str:
    td = timedelta(seconds=seconds)
    if td < timedelta(0):
        return "-" + human_duration(-seconds)
    hours, rest = divmod(td, timedelta(hours=1))
    minutes = rest // timedelta(minutes=1)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes or hours:
        parts.append(f"{minutes}m")
    parts.append(f"{rest.seconds % 60}s")
    return " ".join(parts) + f" ({td})"


# case: {"ts": 1700000000, "offset_hours": 9}
# case: {"ts": 0, "offset_hours": -5}
# case: {"ts": 1709164800.75, "offset_hours": 0}
def local_stamp(ts: float, offset_hours: int) -> str:
    zone = timezone(timedelta(hours=offset_hours))
    moment = datetime.fromtimestamp(ts, tz=zone)
    return f"{moment:%Y-%m-%d %H:%M:%S %Z} | {moment.isoformat(timespec='milliseconds')} | {moment.astimezone(dt.timezone.utc)}"


# case: {"start": "2024-01-29", "months": 1}
# case: {"start": "2024-01-31", "months": 13}
# case: {"start": "2023-11-30", "months": -12}
def add_months(start: str, months: int) -> str:
    d = date.fromisoformat(start)
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return d.replace(year=year, month=month + 1, day=min(d.day, last)).isoformat()


# case: {"stamps": ["2024-03-01T10:00:00+00:00", "2024-03-01T12:00:00+02:00", "2024-03-02T00:30:00Z"]}
# case: {"stamps": ["2024-03-01T10:00:00", "2024-03-01T11:00:00+00:00"]}
def distinct_instants(stamps: list[str]) -> list[str]:
    seen = set()
    out = []
    for s in stamps:
        moment = datetime.fromisoformat(s)
        if moment not in seen:
            seen.add(moment)
            out.append(moment.strftime("%a %d %b %H:%M %z"))
    return sorted(out)


# case: {"year": 2024}
# case: {"year": 2023}
# case: {"year": 1}
def business_days(year: int) -> list[int]:
    counts = []
    for month in range(1, 13):
        d = date(year, month, 1)
        n = 0
        while d.month == month:
            if d.weekday() < 5:
                n += 1
            d += timedelta(days=1)
            if d > date(year, 12, 31):
                break
        counts.append(n)
    return counts


# case: {"title": "Release notes", "body": "Fixed a crash when the input was empty. Added support for week-based bucketing of events -- including ISO weeks.  Thanks!", "width": 30}
# case: {"title": "x", "body": "", "width": 12}
# case: {"title": "Long", "body": "antidisestablishmentarianism-and-other-hyphenated-things happen", "width": 16}
def wrap_for_display(title: str, body: str, width: int) -> str:
    header = textwrap.shorten(title.upper(), width=width, placeholder="...")
    lines = textwrap.wrap(body, width=width - 2, initial_indent="- ", subsequent_indent="  ")
    return header + "\n" + textwrap.indent("\n".join(lines), "| ")


# case: {"doc": "\n    Usage:\n        run --fast\n\n    Notes:\n      none\n"}
# case: {"doc": "no indent at all"}
def clean_docstring(doc: str) -> list[str]:
    text = textwrap.dedent(doc).strip()
    wrapper = textwrap.TextWrapper(width=20, max_lines=3, placeholder=" ~")
    return [wrapper.fill(p) for p in text.split("\n\n")]


# case: {"year": 2024, "month": 2}
# case: {"year": 2023, "month": 12}
# case: {"year": 2024, "month": 13}
def month_summary(year: int, month: int) -> str:
    first, ndays = calendar.monthrange(year, month)
    weeks = calendar.monthcalendar(year, month)
    leap = "leap" if calendar.isleap(year) else "common"
    return f"{calendar.month_name[month]} {year} ({leap}): starts {calendar.day_abbr[first]}, {ndays} days, {len(weeks)} weeks, {calendar.leapdays(2000, year)} leap days since 2000"
