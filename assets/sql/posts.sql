-- engage snapshot tables: the `posts` table from a raw warehouse table of posts.
--
-- Input: one row per post per platform per collection (the same post collected on many days is
-- many rows: the latest collection wins, since lifetime counts only grow). Output: one row per
-- (account, post id), with the columns of snapshot format v1's posts. Write it as
-- posts.parquet (or posts.ndjson) in a folder beside snapshot.json and accounts.parquet.
--
-- Mapping: edit only the `raw` block below. Left of AS is your pipeline's column (or an
-- expression of it); right of AS is the name the rest of the query uses. A count your pipeline
-- does not have is `CAST(NULL AS INT64)`: unknown, never 0.
--
--   platform      facebook instagram x youtube tiktok linkedin threads other (lower case)
--   account_id    the account's id; unique across platforms (prefix it with the platform if not)
--   post_id       the post's id on its platform
--   published_at  TIMESTAMP (an instant; engage shows it in the snapshot's utc_offset)
--   post_type     the pipeline's type of post, mapped to engage's formats below
--   text, url     STRING or NULL
--   tags          ARRAY<STRING> or NULL
--   collected_at  when the counts were collected (the latest row of a post is kept)
--
-- Dialect: runs unchanged on DuckDB and BigQuery (standard SQL: CTEs, CASE, ROW_NUMBER,
-- CAST ... AS STRING/INT64). In BigQuery name the table `project.dataset.raw_posts`. Spark
-- SQL: write STRING as is, INT64 as BIGINT; the rest runs as written.
WITH raw AS (
  SELECT
    LOWER(CAST(platform AS STRING))   AS platform,
    CAST(account_id AS STRING)        AS account_id,
    CAST(post_id AS STRING)           AS post_id,
    published_at                      AS published_at,
    LOWER(CAST(post_type AS STRING))  AS post_type,
    message                           AS text,
    permalink                         AS url,
    labels                            AS tags,
    CAST(reactions AS INT64)          AS likes,
    CAST(comments AS INT64)           AS comments,
    CAST(shares AS INT64)             AS shares,
    CAST(saves AS INT64)              AS saves,
    CAST(reach AS INT64)              AS reach,
    CAST(impressions AS INT64)        AS impressions,
    CAST(views AS INT64)              AS views,
    CAST(link_clicks AS INT64)        AS clicks,
    CAST(video_views AS INT64)        AS video_views,
    collected_at                      AS collected_at
  FROM raw_posts
),
latest AS (
  SELECT
    raw.*,
    ROW_NUMBER() OVER (
      PARTITION BY account_id, post_id
      ORDER BY collected_at DESC
    ) AS nth
  FROM raw
)
SELECT
  post_id AS id,
  account_id AS account,
  published_at,
  CASE
    WHEN post_type IN ('text', 'photo', 'video', 'reel', 'short', 'story', 'carousel', 'link', 'live')
      THEN post_type
    WHEN post_type IN ('status', 'tweet', 'note') THEN 'text'
    WHEN post_type IN ('image', 'picture') THEN 'photo'
    WHEN post_type IN ('album', 'sidecar', 'carousel_album') THEN 'carousel'
    WHEN post_type IN ('shorts') THEN 'short'
    ELSE 'other'
  END AS format,
  text,
  url,
  tags,
  likes,
  comments,
  shares,
  saves,
  reach,
  impressions,
  views,
  clicks,
  video_views
FROM latest
WHERE nth = 1
ORDER BY account, published_at, id
