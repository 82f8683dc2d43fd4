"""The warehouse path, end to end, for the DuckDB test (tests/suite/warehouse_sql.rs).

Generates a raw table of posts as a pipeline lands it (one row per post per platform per
collection, pipeline column names, counts growing between collections, some unknown), runs
assets/sql/*.sql on it in DuckDB, writes the results as Parquet snapshot tables in OUT/tables,
and writes the same data "imported directly" as a snapshot JSON, OUT/direct.json, with the
latest collection of each post. engage's reports on both must be the same.

Usage: python3 warehouse.py SQL_DIR OUT
"""

import datetime as dt
import json
import os
import random
import sys

import duckdb

OFFSET = dt.timezone(dt.timedelta(hours=7))
ACCOUNTS = [
    ("fb-kk", "facebook", "@kabarkini", "Kabar Kini"),
    ("ig-kk", "instagram", "@kabarkini", "Kabar Kini"),
    ("x-kk", "twitter", "@kabarkini", None),
    ("yt-kk", "youtube", None, "Kabar Kini TV"),
]
TYPES = ["status", "image", "video", "reel", "album", "link", "shorts", "story", "poll"]
FORMATS = {
    "status": "text", "image": "photo", "video": "video", "reel": "reel", "album": "carousel",
    "link": "link", "shorts": "short", "story": "story", "poll": "other",
}
# Parquet codecs the tables are also written in (engage reads all but brotli).
CODECS = ["zstd", "gzip", "lz4", "uncompressed", "brotli"]
COUNTS = [  # (raw column, snapshot field)
    ("reactions", "likes"), ("comments", "comments"), ("shares", "shares"), ("saves", "saves"),
    ("reach", "reach"), ("impressions", "impressions"), ("views", "views"),
    ("link_clicks", "clicks"), ("video_views", "video_views"),
]


def generate(n_posts=3000, seed=13):
    rnd = random.Random(seed)
    start = dt.datetime(2026, 8, 1, tzinfo=dt.timezone.utc)
    rows = []
    for i in range(n_posts):
        acc = ACCOUNTS[i % len(ACCOUNTS)]
        published = start + dt.timedelta(seconds=rnd.randrange(0, 90 * 86400))
        kind = rnd.choice(TYPES)
        # Some counts a platform does not give: unknown in every collection of the post.
        unknown = {c for c, _ in COUNTS if rnd.random() < 0.15}
        base = {c: rnd.randrange(0, 5000) for c, _ in COUNTS}
        labels = rnd.sample(["promo", "news", "sport", "tech"], rnd.randrange(0, 3))
        for k in range(rnd.randrange(1, 4)):
            row = {
                "platform": acc[1].upper() if k == 0 else acc[1],
                "account_id": acc[0],
                "account_handle": acc[2],
                "account_name": acc[3],
                "post_id": f"{i:06d}",
                "published_at": published.replace(tzinfo=None),
                "post_type": kind,
                "message": None if rnd.random() < 0.1 else f"post {i} \"quoted\" é",
                "permalink": f"https://example.com/{acc[0]}/{i}",
                "labels": labels or None,
                "collected_at": (published + dt.timedelta(days=k + 1)).replace(tzinfo=None),
            }
            for c, _ in COUNTS:
                row[c] = None if c in unknown else base[c] * (k + 1)
            rows.append(row)
    rnd.shuffle(rows)
    return rows


def direct_snapshot(rows):
    latest = {}
    for r in rows:
        key = (r["account_id"], r["post_id"])
        if key not in latest or r["collected_at"] > latest[key]["collected_at"]:
            latest[key] = r
    platform = {"twitter": "x"}
    accounts = []
    for acc_id, plat, handle, name in ACCOUNTS:
        a = {"id": acc_id, "platform": platform.get(plat, plat)}
        if handle is not None:
            a["handle"] = handle
        if name is not None:
            a["name"] = name
        accounts.append(a)
    posts = []
    for (acc, pid), r in sorted(latest.items()):
        published = r["published_at"].replace(tzinfo=dt.timezone.utc).astimezone(OFFSET)
        p = {
            "id": pid, "account": acc,
            "published_at": published.isoformat(),
            "format": FORMATS[r["post_type"]],
        }
        if r["message"] is not None:
            p["text"] = r["message"]
        p["url"] = r["permalink"]
        if r["labels"]:
            p["tags"] = r["labels"]
        for c, field in COUNTS:
            p[field] = r[c]
        posts.append(p)
    return {
        "format": "engage-snapshot", "version": 1, "title": "warehouse test",
        "exported_at": "2026-11-01T00:00:00+07:00", "utc_offset": "+07:00",
        "accounts": accounts, "posts": posts,
    }


def main():
    sql_dir, out = sys.argv[1], sys.argv[2]
    tables = os.path.join(out, "tables")
    os.makedirs(tables, exist_ok=True)
    rows = generate()
    con = duckdb.connect()
    con.execute("""CREATE TABLE raw_posts (
        platform VARCHAR, account_id VARCHAR, account_handle VARCHAR, account_name VARCHAR,
        post_id VARCHAR, published_at TIMESTAMP, post_type VARCHAR, message VARCHAR,
        permalink VARCHAR, labels VARCHAR[], collected_at TIMESTAMP,
        reactions BIGINT, comments BIGINT, shares BIGINT, saves BIGINT, reach BIGINT,
        impressions BIGINT, views BIGINT, link_clicks BIGINT, video_views BIGINT)""")
    columns = ["platform", "account_id", "account_handle", "account_name", "post_id",
               "published_at", "post_type", "message", "permalink", "labels", "collected_at"]
    columns += [c for c, _ in COUNTS]
    con.executemany(
        f"INSERT INTO raw_posts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [[r[c] for c in columns] for r in rows],
    )
    for table in ["accounts", "posts"]:
        with open(os.path.join(sql_dir, f"{table}.sql"), encoding="utf-8") as f:
            query = f.read().strip().rstrip(";")
        target = os.path.join(tables, f"{table}.parquet").replace("'", "''")
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT PARQUET)")
    snapshot = direct_snapshot(rows)
    meta = {k: snapshot[k] for k in ["format", "version", "title", "exported_at", "utc_offset"]}
    with open(os.path.join(tables, "snapshot.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f)
    # The same tables in each codec a warehouse may write (DuckDB's default is Snappy;
    # Polars writes ZSTD, some Spark and BigQuery jobs GZIP): OUT/codec-NAME/.
    for codec in CODECS:
        folder = os.path.join(out, f"codec-{codec}")
        os.makedirs(folder, exist_ok=True)
        for table in ["accounts", "posts"]:
            source = os.path.join(tables, f"{table}.parquet").replace("'", "''")
            target = os.path.join(folder, f"{table}.parquet").replace("'", "''")
            con.execute(
                f"COPY (SELECT * FROM read_parquet('{source}')) TO '{target}' "
                f"(FORMAT PARQUET, COMPRESSION {codec})"
            )
        with open(os.path.join(folder, "snapshot.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f)
    with open(os.path.join(out, "direct.json"), "w", encoding="utf-8") as f:
        json.dump(snapshot, f, ensure_ascii=False)
    print(f"{len(rows)} raw rows -> {len(snapshot['posts'])} posts")


if __name__ == "__main__":
    main()
