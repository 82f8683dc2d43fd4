//! Every importer family on any rows: the first byte picks a family's header (and a file
//! name of that family), the rest of the input follows it as the file's bytes, so the
//! fuzzer reaches each family's row parser instead of "not a known export". With the first
//! byte past the list, the input is a whole file of its own (sniffing, decoding, GA4).
#![no_main]

use engage::import::{Options, import_bytes};
use libfuzzer_sys::fuzz_target;

const FAMILIES: &[(&str, &str)] = &[
    (
        "tweet_activity_metrics_fuzz_20260101_20260201_en.csv",
        "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"retweets\",\"replies\",\"likes\",\"url clicks\"\n",
    ),
    (
        "daily_tweet_activity_metrics_fuzz_20260101_20260201_en.csv",
        "Date,Tweets published,impressions,follows,url clicks,user profile clicks\n",
    ),
    (
        "account_analytics_content_2025-01-01_2025-02-01.csv",
        "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Reposts,Replies,URL Clicks\n",
    ),
    (
        "account_overview_analytics.csv",
        "Date,Impressions,New follows,Unfollows,Profile visits,Create Post,URL Clicks\n",
    ),
    (
        "Facebook Insights Data Export - Fuzz - 2014-01-01 - 2014-02-27.csv",
        "Date,Lifetime Total Likes,Daily New Likes,Daily Unlikes,Daily Total Reach,Daily Total Impressions,Daily Logged-in Page Views\n",
    ),
    (
        "Facebook Insights Data Export (Post Level) - Fuzz - 2014-01-01 - 2014-02-27.csv",
        "Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach,Lifetime Post Total Impressions,Lifetime Post Stories by action type - like\n",
    ),
    (
        "Table data.csv",
        "Content,Video title,Video publish time,Views,Impressions,Likes,Comments added,Shares\n",
    ),
    (
        "Totals.csv",
        "Date,Views,Subscribers gained,Subscribers lost,Impressions\n",
    ),
    ("Chart data.csv", "Date,Geography,Views\n"),
    (
        "ga4.csv",
        "# ----------------------------------------\n# Reports snapshot\n# Start date: 20251211\n# End date: 20260107\n# ----------------------------------------\n",
    ),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let options = Options::default();
    match FAMILIES.get(usize::from(pick)) {
        Some((name, header)) => {
            let mut bytes = header.as_bytes().to_vec();
            bytes.extend_from_slice(rest);
            let _ = import_bytes(&bytes, name, &options);
        }
        None => {
            let _ = import_bytes(rest, "fuzz.csv", &options);
        }
    }
});
