-- engage snapshot tables: the `accounts` table from the same raw table of posts as posts.sql
-- (see its header for the mapping and the dialect; keep both `raw` blocks the same).
-- One row per account: its platform, and the handle and name of its latest collection.
WITH raw AS (
  SELECT
    LOWER(CAST(platform AS STRING))   AS platform,
    CAST(account_id AS STRING)        AS account_id,
    CAST(account_handle AS STRING)    AS handle,
    CAST(account_name AS STRING)      AS name,
    collected_at                      AS collected_at
  FROM raw_posts
),
latest AS (
  SELECT
    raw.*,
    ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY collected_at DESC) AS nth
  FROM raw
)
SELECT
  account_id AS id,
  CASE
    WHEN platform IN ('facebook', 'instagram', 'x', 'youtube', 'tiktok', 'linkedin', 'threads')
      THEN platform
    WHEN platform = 'twitter' THEN 'x'
    ELSE 'other'
  END AS platform,
  handle,
  name
FROM latest
WHERE nth = 1
ORDER BY id
