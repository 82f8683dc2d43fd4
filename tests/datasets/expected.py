#!/usr/bin/env python3
"""Expected import results for the real exports in ../shared/datasets.

An independent statement of the rules in README.md ("Importing platform exports"), written without
looking at the Rust importer.  The Rust integration test compares the
importer's figures with the JSON this script prints:

    python3 tests/datasets/expected.py ../shared/datasets > tests/datasets/expected.json

Only the Python standard library is used.  The script is deliberately plain:
every rule is written out where it applies, with a comment naming the part of
the spec it comes from.

Choices made where the spec leaves room are marked "CHOICE:" in the comments.
"""

import collections
import csv
import datetime
import io
import json
import pathlib
import sys


# ---------------------------------------------------------------------------
# Small helpers: names, numbers, dates
# ---------------------------------------------------------------------------

def normalize_name(name):
    """Column names are compared without case, spacing or punctuation."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def slug(text):
    """Account id: lower case, every run of non-alphanumeric characters
    becomes one '-', no '-' at either end."""
    out = []
    previous_was_dash = False
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            previous_was_dash = False
        elif not previous_was_dash:
            out.append("-")
            previous_was_dash = True
    return "".join(out).strip("-")


# Cells that mean "no value" (compared case-insensitively after trimming).
UNKNOWN_MARKERS = {"", "-", "--", "na", "n/a", "null"}


def parse_count(cell):
    """A count cell -> int, or None when unknown.

    Accepted: 1234, 1,234, "1234.0", 1.234E3 (all 1234).
    Unknown: empty, -, NA, N/A, null, --, a fraction (12.5), a negative
    number, or anything that is not a number at all.
    Exact integer arithmetic is used (no floats), so large counts stay exact.
    """
    if cell is None:
        return None
    text = cell.strip()
    if text.lower() in UNKNOWN_MARKERS:
        return None
    text = text.replace(",", "")          # thousands separators
    if text.startswith("+"):
        text = text[1:]
    if text.startswith("-"):
        return None                       # negative: not a count
    # split off an exponent: 1.234E3
    exponent = 0
    lowered = text.lower()
    if "e" in lowered:
        mantissa, exponent_text = lowered.split("e", 1)
        sign = 1
        if exponent_text.startswith("+"):
            exponent_text = exponent_text[1:]
        elif exponent_text.startswith("-"):
            sign = -1
            exponent_text = exponent_text[1:]
        if not exponent_text.isdigit():
            return None
        exponent = sign * int(exponent_text)
    else:
        mantissa = lowered
    # split the mantissa into whole and fractional digits: 1234.0
    if "." in mantissa:
        whole, fraction = mantissa.split(".", 1)
    else:
        whole, fraction = mantissa, ""
    if whole == "" and fraction == "":
        return None
    if (whole and not whole.isdigit()) or (fraction and not fraction.isdigit()):
        return None
    if not (whole + fraction).isascii():
        return None
    digits = int(whole + fraction)
    scale = exponent - len(fraction)      # value = digits * 10**scale
    if scale >= 0:
        return digits * 10 ** scale
    divisor = 10 ** (-scale)
    if digits % divisor != 0:
        return None                       # a fraction: not a count
    return digits // divisor


MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
          "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

UTC = datetime.timezone.utc


def parse_month_name_date(text):
    """'Mon Feb 17 2025', 'Tue, Feb 18, 2025', 'Sat, Aug 1, 2026',
    'Aug 28, 2025' -> date, or None."""
    tokens = text.replace(",", " ").split()
    if len(tokens) == 4:
        tokens = tokens[1:]               # drop the weekday
    if len(tokens) != 3:
        return None
    month_word, day_text, year_text = tokens
    month = MONTHS.get(month_word[:3].lower())
    if month is None or not day_text.isdigit() or not year_text.isdigit():
        return None
    try:
        return datetime.date(int(year_text), month, int(day_text))
    except ValueError:
        return None


def parse_iso_date(text):
    """'2021-01-31' -> date, or None."""
    try:
        return datetime.datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def parse_month_first_slash_date(text):
    """Facebook page level: '1/31/2014' (month first) -> date, or None."""
    try:
        return datetime.datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def parse_x_classic_time(text):
    """'2021-03-30 17:04 +0000' -> aware datetime (offset kept), or None."""
    try:
        return datetime.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M %z")
    except ValueError:
        return None


def parse_x_current_time(text):
    """X current 'Date': 'Mon Feb 17 2025' -> 00:00 UTC that day.
    CHOICE: the 'Time' alias (never seen) is also accepted as ISO 8601."""
    day = parse_month_name_date(text)
    if day is not None:
        return datetime.datetime(day.year, day.month, day.day, tzinfo=UTC)
    try:
        value = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def parse_facebook_posted(text):
    """'02/14/2016 12:40:16 AM', page-local time, read at the default
    --utc-offset of +00:00."""
    try:
        value = datetime.datetime.strptime(text.strip(), "%m/%d/%Y %I:%M:%S %p")
    except ValueError:
        return None
    return value.replace(tzinfo=UTC)


def parse_youtube_publish_time(text):
    """'Aug 28, 2025' -> 00:00 at the default --utc-offset (+00:00)."""
    day = parse_month_name_date(text)
    if day is None:
        return None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=UTC)


def iso_utc(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------
# The families: how each is recognised, and its column mapping
# ---------------------------------------------------------------------------
# Each family maps snapshot fields to the export's column names.  A list holds
# aliases: the first one found in the header is used.
# "key" is the post id (post families) or the date (daily families).

POST_FIELDS = ["likes", "comments", "shares", "saves", "reach", "impressions",
               "views", "clicks", "video_views", "engagements"]
DAILY_FIELDS = ["followers", "follows", "unfollows", "reach", "impressions",
                "views", "profile_visits", "link_clicks", "posts"]
WEB_FIELDS = ["sessions", "engaged_sessions", "pageviews", "engagement_seconds",
              "new_users", "conversions"]

FAMILIES = {
    "x-classic-posts": {
        "kind": "posts",
        "key": ["Tweet id"],
        "when": ["time"],
        "fields": {
            "impressions": ["impressions"],
            "engagements": ["engagements"],
            "likes": ["likes"],
            "shares": ["retweets", "reposts"],
            "comments": ["replies"],
            "clicks": ["url clicks", "link clicks"],
        },
    },
    "x-classic-daily": {
        "kind": "daily",
        "key": ["Date"],
        "fields": {
            "posts": ["Tweets published"],
            "impressions": ["impressions"],
            "follows": ["follows"],
            "link_clicks": ["url clicks"],
            "profile_visits": ["user profile clicks"],
        },
    },
    "x-posts": {
        "kind": "posts",
        "key": ["Post id"],
        "when": ["Date", "Time"],
        "fields": {
            "impressions": ["Impressions"],
            "likes": ["Likes"],
            "engagements": ["Engagements"],
            "saves": ["Bookmarks"],
            "shares": ["Reposts"],
            "comments": ["Replies"],
            "clicks": ["URL Clicks", "Url clicks"],
        },
    },
    "x-daily": {
        "kind": "daily",
        "key": ["Date"],
        "fields": {
            "impressions": ["Impressions"],
            "follows": ["New follows"],
            "unfollows": ["Unfollows"],
            "profile_visits": ["Profile visits"],
            "posts": ["Create Post"],
            "link_clicks": ["URL Clicks", "Url clicks"],
        },
    },
    "facebook-page": {
        "kind": "daily",
        "key": ["Date"],
        "fields": {
            "followers": ["Lifetime Total Likes", "Lifetime Total Follows"],
            "follows": ["Daily New Likes", "Daily New Follows"],
            "unfollows": ["Daily Unlikes", "Daily Unfollows"],
            "reach": ["Daily Total Reach"],
            "impressions": ["Daily Total Impressions"],
            "profile_visits": ["Daily Logged-in Page Views", "Daily Total Page Views"],
        },
    },
    "facebook-posts": {
        "kind": "posts",
        "key": ["Post ID"],
        "when": ["Posted"],
        "fields": {
            "reach": ["Lifetime Post Total Reach"],
            "impressions": ["Lifetime Post Total Impressions"],
            "likes": ["Lifetime Post Stories by action type - like"],
            "comments": ["Lifetime Post Stories by action type - comment"],
            "shares": ["Lifetime Post Stories by action type - share"],
            "clicks": ["Lifetime Post Consumptions by type - link clicks"],
            "video_views": ["Lifetime Total Video Views"],
        },
    },
    "youtube-videos": {
        "kind": "posts",
        "key": ["Content"],
        "when": ["Video publish time"],
        "fields": {
            "views": ["Views"],
            "impressions": ["Impressions"],
            "likes": ["Likes"],
            "comments": ["Comments added", "Comments"],
            "shares": ["Shares"],
        },
    },
    "youtube-daily": {
        "kind": "daily",
        "key": ["Date"],
        "fields": {
            "views": ["Views"],
            "follows": ["Subscribers gained"],
            "unfollows": ["Subscribers lost"],
            "impressions": ["Impressions"],
        },
    },
    # Chart data.csv: recognised, imports nothing (every row is skipped).
    "youtube-chart": {"kind": "none", "key": ["Date"], "fields": {}},
}

# The time parser of each post family.
TIME_PARSERS = {
    "x-classic-posts": parse_x_classic_time,
    "x-posts": parse_x_current_time,
    "facebook-posts": parse_facebook_posted,
    "youtube-videos": parse_youtube_publish_time,
}


def recognise_family(header):
    """The family from the header row (names compared normalized), or None.
    The checks follow the 'Recognised by' lines of the spec."""
    names = {normalize_name(name) for name in header}

    def has(*wanted):
        return all(normalize_name(w) in names for w in wanted)

    def has_any(*wanted):
        return any(normalize_name(w) in names for w in wanted)

    if has("Tweet id", "Tweet permalink", "time"):
        return "x-classic-posts"
    if has("Date", "Tweets published"):
        return "x-classic-daily"
    # Facebook before X current: both have a 'Post ID' column.
    if has("Post ID", "Posted") and has_any("Lifetime Post Total Impressions",
                                            "Lifetime Post Total Reach"):
        return "facebook-posts"
    if has("Date") and has_any("Lifetime Total Likes", "Daily New Likes", "Daily Total Reach"):
        return "facebook-page"
    if has("Post id", "Impressions") and has_any("Date", "Time"):
        return "x-posts"
    if has("Date", "Impressions") and has_any("New follows", "Unfollows") and not has("Post id"):
        return "x-daily"
    if has("Content", "Video title") and not has("Date"):
        return "youtube-videos"
    # Chart data.csv is recognised by Date + a dimension column (one row per video, country,
    # traffic source, ... and day): a breakdown, never the channel's days.
    if has("Date") and has_any("Content", "Video", "Geography", "Country", "Traffic source",
                               "Device type", "Subscription status", "Viewer age",
                               "Viewer gender", "Operating system", "Sharing service"):
        return "youtube-chart"
    if has("Date", "Views") and not has("Content"):
        return "youtube-daily"
    return None


# ---------------------------------------------------------------------------
# File names: account and export time
# ---------------------------------------------------------------------------

def x_classic_handle(file_name):
    """tweet_activity_metrics_<handle>_<8 digits>_<8 digits>_<lang>.csv
    (also with a daily_ prefix).  The handle may contain underscores, so the
    last three '_' parts (from, to, lang) are cut off from the right."""
    stem = file_name.rsplit(".", 1)[0]
    for prefix in ("daily_tweet_activity_metrics_", "tweet_activity_metrics_"):
        if stem.startswith(prefix):
            rest = stem[len(prefix):]
            parts = rest.split("_")
            if len(parts) >= 4 and is_compact_date(parts[-3]) and is_compact_date(parts[-2]):
                return "_".join(parts[:-3])
            return None
    return None


def facebook_page_name(file_name):
    """Facebook Insights Data Export[ (Post Level)| (Video Posts)] - <page> - <from> - <to>.csv"""
    stem = file_name.rsplit(".", 1)[0]
    parts = stem.split(" - ")
    if len(parts) < 4:
        return None
    return " - ".join(parts[1:-2])


def is_compact_date(text):
    return len(text) == 8 and text.isdigit()


def to_date(text):
    """'20210201' or '2021-02-01' -> date, or None."""
    text = text.strip()
    try:
        if is_compact_date(text):
            return datetime.datetime.strptime(text, "%Y%m%d").date()
        if len(text) == 10:
            return datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        return None
    return None


def export_time_from_name(file_name):
    """The end (23:59:59 UTC) of the date range in the file's name:
    '…_20210101_20210201_…', '… - 2014-01-01 - 2014-02-27.csv',
    'account_analytics_content_2024-11-21_2025-02-19.csv'.
    A range needs two dates; the second is its end.  None when absent."""
    stem = file_name.rsplit(".", 1)[0]
    tokens = stem.replace("_", " ").split()
    dates = [to_date(token) for token in tokens]
    dates = [d for d in dates if d is not None]
    if len(dates) < 2:
        return None
    end = dates[-1]
    return datetime.datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=UTC)


def account_for(family, file_name, folder):
    """What the file names (a handle, a page), else its folder's name, else the platform."""
    fallback = slug(folder) if folder and slug(folder) else None
    if family in ("x-classic-posts", "x-classic-daily"):
        handle = x_classic_handle(file_name)
        return slug(handle) if handle else (fallback or "x")
    if family in ("x-posts", "x-daily"):
        return fallback or "x"
    if family in ("facebook-page", "facebook-posts"):
        page = facebook_page_name(file_name)
        return slug(page) if page else (fallback or "facebook")
    if family in ("youtube-videos", "youtube-daily", "youtube-chart"):
        return fallback or "youtube"
    return None                           # GA4 web rows have no account


# ---------------------------------------------------------------------------
# Reading a file's text
# ---------------------------------------------------------------------------

def read_text(path):
    """UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1252
    (chosen when the bytes are not valid UTF-8)."""
    data = path.read_bytes()
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")   # strips a BOM when there is one
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_records(text):
    """All CSV records (quoted cells may hold line breaks; CRLF or LF)."""
    csv.field_size_limit(10 ** 9)
    return list(csv.reader(io.StringIO(text, newline="")))


# ---------------------------------------------------------------------------
# One file of a CSV family (X, Facebook, YouTube)
# ---------------------------------------------------------------------------

def find_column(header, descriptions, aliases):
    """Index of the column for a list of aliases (the first alias found wins),
    or None.  When a column name repeats, the description row decides: the
    '(Total Count)' column is used, not the '(Unique Users)' one; otherwise
    the first."""
    normalized = [normalize_name(name) for name in header]
    for alias in aliases:
        matches = [i for i, name in enumerate(normalized) if name == normalize_name(alias)]
        if not matches:
            continue
        if len(matches) > 1 and descriptions is not None:
            for i in matches:
                if i < len(descriptions) and "(total count)" in descriptions[i].lower():
                    return i
        return matches[0]
    return None


def cell(record, index):
    """A cell, or '' when the record is too short (ragged rows)."""
    if index is None or index >= len(record):
        return ""
    return record[index]


def decide_day_first(date_cells):
    """YouTube Totals.csv: DD-MM-YYYY or MM-DD-YYYY, decided from the whole
    column.  A first part above 12 means day first; CHOICE: a second part
    above 12 means month first; when no date tells, day first."""
    for text in date_cells:
        parts = text.strip().split("-")
        if len(parts) == 3 and parts[0].isdigit() and int(parts[0]) > 12:
            return True
    for text in date_cells:
        parts = text.strip().split("-")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) > 12:
            return False
    return True


def parse_youtube_day(text, day_first):
    """YYYY-MM-DD, or DD-MM-YYYY / MM-DD-YYYY as decided for the column."""
    day = parse_iso_date(text)
    if day is not None:
        return day
    pattern = "%d-%m-%Y" if day_first else "%m-%d-%Y"
    try:
        return datetime.datetime.strptime(text.strip(), pattern).date()
    except ValueError:
        return None


def import_csv_family(family, records):
    """Apply the per-family rules to the records of one file.

    Returns (rows_read, skip_reasons, posts, daily, mapped_fields), where
    skip_reasons counts the skipped records by reason.
    posts: list of (post_id, published_at, {field: value-or-None})
    daily: list of (date, {field: value-or-None})
    """
    spec = FAMILIES[family]
    header = records[0]
    data = records[1:]
    # CHOICE: completely blank records (a blank line) are not records at all.
    data = [r for r in data if not (len(r) == 0 or (len(r) == 1 and r[0].strip() == ""))]

    is_facebook = family in ("facebook-page", "facebook-posts")
    key_index = find_column(header, None, spec["key"])
    descriptions = None
    if is_facebook and data and cell(data[0], key_index).strip() == "":
        descriptions = data[0]            # row 2: the metrics' descriptions

    # Which column gives each snapshot field (only fields whose column exists).
    columns = {}
    for field, aliases in spec["fields"].items():
        index = find_column(header, descriptions, aliases)
        if index is not None:
            columns[field] = index
    when_index = None
    if "when" in spec:
        when_index = find_column(header, descriptions, spec["when"])

    day_first = True
    if family == "youtube-daily":
        day_first = decide_day_first([cell(r, key_index) for r in data])

    rows_read = 0
    skipped = collections.Counter()
    posts = []
    daily = []
    seen_keys = set()

    for position, record in enumerate(data):
        rows_read += 1
        key = cell(record, key_index).strip()

        if family == "youtube-chart":
            skipped["youtube chart rows (per-video daily series, not imported)"] += 1
            continue
        if is_facebook and position == 0 and descriptions is not None:
            skipped["description row"] += 1
            continue
        if key.lower() == "total":
            skipped["Total row"] += 1
            continue
        if key == "":
            if spec["kind"] == "posts":
                skipped["junk row without an id"] += 1
            else:
                skipped["unreadable date"] += 1
            continue

        if spec["kind"] == "posts":
            published_at = TIME_PARSERS[family](cell(record, when_index))
            if published_at is None:
                skipped["unreadable date"] += 1
                continue
            # CHOICE: only rows that were kept count as "the first" for duplicates.
            if key in seen_keys:
                skipped["duplicate post id"] += 1
                continue
            seen_keys.add(key)
            values = {field: parse_count(cell(record, i)) for field, i in columns.items()}
            posts.append((key, published_at, values))
        else:
            if family == "x-classic-daily":
                day = parse_iso_date(key)
            elif family == "x-daily":
                day = parse_month_name_date(key)
            elif family == "facebook-page":
                day = parse_month_first_slash_date(key)
            elif family == "youtube-daily":
                day = parse_youtube_day(key, day_first)
            else:
                day = None
            if day is None:
                skipped["unreadable date"] += 1
                continue
            if day in seen_keys:
                skipped["duplicate day"] += 1
                continue
            seen_keys.add(day)
            values = {field: parse_count(cell(record, i)) for field, i in columns.items()}
            daily.append((day, values))

    return rows_read, skipped, posts, daily, sorted(columns)


# ---------------------------------------------------------------------------
# Google Analytics 4 (many tables in one file)
# ---------------------------------------------------------------------------

GA4_FIELDS = {
    "sessions": ["Sessions"],
    "engaged_sessions": ["Engaged sessions"],
    "pageviews": ["Views", "Screen page views", "Pageviews"],
    "engagement_seconds": ["User engagement", "User engagement duration"],
    "new_users": ["New users"],
    "conversions": ["Key events", "Conversions"],
}

GA4_CHANNELS = {
    "direct": "direct", "organicsearch": "organic_search", "paidsearch": "paid_search",
    "organicsocial": "organic_social", "paidsocial": "paid_social", "email": "email",
    "referral": "referral", "display": "display", "organicvideo": "organic_video",
    "unassigned": "unassigned",
}


def ga4_channel(name):
    """Channel names become the fixed ids; any other group goes to 'other'."""
    return GA4_CHANNELS.get(normalize_name(name), "other")


def is_ga4(text):
    """Recognised by the '#' preamble with Start date / End date."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not lines[0].startswith("#"):
        return False
    preamble = []
    for line in lines:
        if not line.startswith("#"):
            break
        preamble.append(line.lower())
    return any("start date" in l for l in preamble) and any("end date" in l for l in preamble)


def split_ga4_tables(text):
    """The tables of a GA4 file.  A table is: the '#' lines before it (which
    give its start and end date), a header line, and its data lines up to the
    next blank or '#' line.  Returns a list of dicts."""
    tables = []
    start = end = None
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "":
            current = None                # a blank line ends a table
            continue
        if stripped.startswith("#"):
            current = None                # a comment line ends a table too
            comment = stripped.lstrip("#").strip()
            if comment.lower().startswith("start date:"):
                start = to_date(comment.split(":", 1)[1])
            elif comment.lower().startswith("end date:"):
                end = to_date(comment.split(":", 1)[1])
            continue
        cells = next(csv.reader([line]))
        if current is None:
            current = {"header": cells, "rows": [], "start": start, "end": end}
            tables.append(current)
        else:
            current["rows"].append(cells)
    return tables


def import_ga4(text):
    """Returns (rows_read, skip_reasons, web_rows, web_totals, mapped_fields,
    export_time).  rows_read counts the data records of every table (not the
    header lines, blank lines or '#' lines)."""
    tables = split_ga4_tables(text)
    rows_read = 0
    skipped = collections.Counter()
    web = collections.OrderedDict()       # (date, channel) -> {field: value}
    totals = collections.OrderedDict()    # (from, to, channel) -> {field: value}
    mapped_fields = set()

    for table in tables:
        header = table["header"]
        rows = table["rows"]
        rows_read += len(rows)
        first = normalize_name(header[0]) if header else ""

        columns = {}
        for field, aliases in GA4_FIELDS.items():
            index = find_column(header, None, aliases)
            if index is not None and index != 0:
                columns[field] = index

        # What the table is, from its first column.
        if first == "nthday":
            shape = "nth-day"
        elif first == "date":
            shape = "date"
        elif "channelgroup" in first:
            shape = "channel"
        else:
            shape = None
        # CHOICE: a table whose first column is no known dimension (pages,
        # events, countries, platforms) is skipped even when it has a mapped
        # column such as 'Views' (the page-title table): the spec lists
        # "pages" among the skipped tables.
        if not columns or shape is None:
            skipped["GA4 table without a mapped column: " + ",".join(header)] += len(rows)
            continue

        # A 'Date' table may also have a channel column (one row per channel).
        channel_index = None
        if shape == "date":
            for i, name in enumerate(header[1:], start=1):
                if "channelgroup" in normalize_name(name):
                    channel_index = i

        for record in rows:
            values = {field: parse_count(cell(record, i)) for field, i in columns.items()}
            if shape == "channel":
                if table["start"] is None or table["end"] is None:
                    skipped["GA4 channel table without a date range"] += 1
                    continue
                key = (table["start"], table["end"], ga4_channel(cell(record, 0)))
                target = totals
            else:
                first_cell = cell(record, 0).strip()
                if shape == "nth-day":
                    if not first_cell.isdigit() or table["start"] is None:
                        skipped["unreadable date"] += 1
                        continue
                    day = table["start"] + datetime.timedelta(days=int(first_cell))
                else:
                    day = to_date(first_cell)
                    if day is None:
                        skipped["unreadable date"] += 1
                        continue
                channel = "all"
                if channel_index is not None:
                    channel = ga4_channel(cell(record, channel_index))
                key = (day, channel)
                target = web

            row = target.setdefault(key, {})
            for field, value in values.items():
                mapped_fields.add(field)
                if shape == "channel" and key[2] == "other":
                    # other channel groups are summed into 'other'
                    if value is not None:
                        row[field] = (row.get(field) or 0) + value
                    else:
                        row.setdefault(field, None)
                elif field in row:
                    # CHOICE: the same field twice for one day/channel: the first is kept.
                    continue
                else:
                    row[field] = value
            # CHOICE: several tables for the same key (e.g. 'New users' by
            # first-user channel and 'Sessions' by session channel) fill one
            # row between them: the brief's example row has both.

    # Export time: the '# End date:' of the preamble (the first one in the file).
    export_time = None
    if tables and tables[0]["end"] is not None:
        end = tables[0]["end"]
        export_time = datetime.datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=UTC)

    web_rows = [(day, channel, values) for (day, channel), values in web.items()]
    total_rows = [(start, end, channel, values) for (start, end, channel), values in totals.items()]
    return rows_read, skipped, web_rows, total_rows, sorted(mapped_fields), export_time


# ---------------------------------------------------------------------------
# Summaries
# ---------------------------------------------------------------------------

def sums_and_known(value_dicts, fields):
    """sums: the sum of the known values; known: how many rows had one."""
    sums = {field: 0 for field in fields}
    known = {field: 0 for field in fields}
    for values in value_dicts:
        for field in fields:
            value = values.get(field)
            if value is not None:
                sums[field] += value
                known[field] += 1
    return sums, known


def section(keys, value_dicts, fields, fmt):
    sums, known = sums_and_known(value_dicts, fields)
    return {
        "count": len(keys),
        "first": fmt(min(keys)),
        "last": fmt(max(keys)),
        "sums": sums,
        "known": known,
    }


def process_file(path):
    """Everything the expected.json says about one file, plus the rows kept
    (for the merge)."""
    text = read_text(path)
    result = {"family": None, "account": None,
              "rows_read": 0, "rows_imported": 0, "rows_skipped": 0}
    kept = {"posts": [], "daily": [], "web": [], "web_totals": [],
            "fields": [], "export_time": export_time_from_name(path.name)}

    if is_ga4(text):
        rows_read, skipped, web_rows, total_rows, fields, export_time = import_ga4(text)
        result["family"] = "ga4"
        result["account"] = None
        result["rows_read"] = rows_read
        result["rows_skipped"] = sum(skipped.values())
        result["rows_imported"] = len(web_rows) + len(total_rows)
        if export_time is not None:
            kept["export_time"] = export_time
        if web_rows:
            web_fields = sorted({f for _, _, values in web_rows for f in values})
            result["web"] = section([d for d, _, _ in web_rows],
                                    [v for _, _, v in web_rows], web_fields,
                                    lambda d: d.isoformat())
        if total_rows:
            listed = []
            for start, end, channel, values in total_rows:
                entry = {"from": start.isoformat(), "to": end.isoformat(), "channel": channel}
                for field, value in values.items():
                    if value is not None:     # only the fields given
                        entry[field] = value
                listed.append(entry)
            result["web_totals"] = sorted(listed, key=lambda e: (e["channel"], e["from"], e["to"]))
        kept["web"] = web_rows
        kept["web_totals"] = total_rows
        result["_skip_reasons"] = dict(skipped)
        return result, kept

    records = read_records(text)
    if not records:
        return result, kept
    family = recognise_family(records[0])
    if family is None:
        return result, kept
    account = account_for(family, path.name, path.resolve().parent.name)
    rows_read, skipped, posts, daily, fields = import_csv_family(family, records)
    result["family"] = family
    result["account"] = account
    result["rows_read"] = rows_read
    result["rows_skipped"] = sum(skipped.values())
    result["rows_imported"] = len(posts) + len(daily)
    if posts:
        result["posts"] = section([p for _, p, _ in posts], [v for _, _, v in posts],
                                  fields, iso_utc)
    if daily:
        result["daily"] = section([d for d, _ in daily], [v for _, v in daily],
                                  fields, lambda d: d.isoformat())
    kept["posts"] = [((account, post_id), values) for post_id, _, values in posts]
    kept["daily"] = [((account, day), values) for day, values in daily]
    result["_skip_reasons"] = dict(skipped)
    return result, kept


def merge_folder(entries):
    """entries: (rel_path, kept) of one folder's files.

    A post is keyed by (account, post id), a daily row by (account, date), a
    web row by (date, channel).  The row of the file with the latest export
    time wins; files without one are older than any file with one; ties go to
    the file later in sorted path order.  Taking the files from oldest to
    newest and letting each overwrite the earlier rows does exactly that.
    CHOICE: the winning row replaces the whole row (no field-by-field mix)."""
    def age(entry):
        rel, kept = entry
        has_time = kept["export_time"] is not None
        return (has_time, kept["export_time"] or datetime.datetime.min.replace(tzinfo=UTC), rel)

    posts, daily, web = {}, {}, {}
    web_totals = 0
    for rel, kept in sorted(entries, key=age):
        for key, values in kept["posts"]:
            posts[key] = values
        for key, values in kept["daily"]:
            daily[key] = values
        for day, channel, values in kept["web"]:
            web[(day, channel)] = values
        web_totals += len(kept["web_totals"])

    def fields_of(rows):
        return sorted({field for values in rows for field in values})

    post_sums, post_known = sums_and_known(posts.values(), fields_of(posts.values()))
    daily_sums, daily_known = sums_and_known(daily.values(), fields_of(daily.values()))
    web_sums, web_known = sums_and_known(web.values(), fields_of(web.values()))
    return {
        "posts": len(posts), "daily": len(daily), "web": len(web), "web_totals": web_totals,
        "post_sums": post_sums, "post_known": post_known,
        "daily_sums": daily_sums, "daily_known": daily_known,
        "web_sums": web_sums, "web_known": web_known,
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: expected.py DATASETS_FOLDER")
    root = pathlib.Path(sys.argv[1])
    if not root.is_dir():
        sys.exit(f"datasets folder not found: {root}")

    # A folder is scanned (with its sub-folders) for .csv, .tsv and .json files.
    paths = sorted(p for p in root.rglob("*")
                   if p.is_file() and p.suffix.lower() in (".csv", ".tsv", ".json"))
    paths = sorted(paths, key=lambda p: p.relative_to(root).as_posix())
    if not paths:
        sys.exit(f"no export files under {root}")

    files = {}
    folders = collections.defaultdict(list)
    for path in paths:
        rel = path.relative_to(root).as_posix()
        result, kept = process_file(path)
        reasons = result.pop("_skip_reasons", {})
        if reasons:
            print(f"{rel}: skipped {reasons}", file=sys.stderr)
        files[rel] = result
        if result["family"] is not None:
            folder = path.parent.relative_to(root).as_posix()
            folders[folder].append((rel, kept))

    merged = {folder: merge_folder(entries) for folder, entries in folders.items()}
    print(json.dumps({"files": files, "merged": merged}, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
