//! Post ids, URLs and timestamps in each platform's own style.
//!
//! Ids look like the real ones (shortcodes on Instagram, Facebook and YouTube; time-based
//! 19-digit numbers on X and TikTok), so the app's tables and the loader's id handling meet
//! realistic values. Link posts point at the article on kabarkini.id (promo links at the
//! subscription page); every other post carries its permalink.

use std::fmt::Write as _;

use super::accounts::{FB, IG, PROFILES, TT, X, YT};
use super::rng::Rng;
use super::season::DayInfo;
use super::words::TOPICS;
use crate::snapshot::model::PostFormat;

/// What the id and URL of a post depend on.
pub struct Post<'a> {
    pub account: usize,
    /// The post's number on its account, from 1.
    pub seq: u64,
    pub day: &'a DayInfo,
    /// Seconds since local midnight.
    pub second: u32,
    pub promo: bool,
    pub format: PostFormat,
    pub topic: usize,
}

/// Local time's offset from UTC (Western Indonesia Time).
const OFFSET_SECONDS: i64 = 7 * 3600;
/// X's snowflake epoch, in milliseconds since 1970.
const X_EPOCH_MS: i64 = 1_288_834_974_657;

/// Writes the post's id into `id` and its URL into `url`; `slug` names the article of a
/// link post.
pub fn id_and_url(rng: &mut Rng, post: &Post, slug: &str, id: &mut String, url: &mut String) {
    id.clear();
    url.clear();
    let a = post.account;
    let utc = i64::from(post.day.day) * 86_400 + i64::from(post.second) - OFFSET_SECONDS;
    match a {
        X => {
            // A snowflake: milliseconds since X's epoch, then a sequence number in 22 bits.
            let ms = (utc * 1000 - X_EPOCH_MS).max(0) as u64 + rng.below(1000) as u64;
            let _ = write!(id, "{}", (ms << 22) | (post.seq & 0x3F_FFFF));
        }
        TT => {
            let _ = write!(
                id,
                "{}",
                ((utc.max(0) as u64) << 31) | (post.seq & 0x7FFF_FFFF)
            );
        }
        _ => shortcode(mix(post.seq ^ ((a as u64) << 56)), id),
    }
    if post.format == PostFormat::Link {
        let _ = if post.promo {
            write!(url, "https://kabarkini.id/langganan?src={}", PROFILES[a].id)
        } else {
            let date = &post.day.date;
            let (y, m, d) = (&date[0..4], &date[5..7], &date[8..10]);
            write!(
                url,
                "https://kabarkini.id/{}/{y}/{m}/{d}/{slug}",
                TOPICS[post.topic].tag
            )
        };
        return;
    }
    let _ = match (a, post.format) {
        (FB, _) => write!(url, "https://www.facebook.com/kabarkini/posts/{id}"),
        (IG, PostFormat::Reel) => write!(url, "https://www.instagram.com/reel/{id}/"),
        (IG, PostFormat::Story) => write!(url, "https://www.instagram.com/stories/kabarkini/{id}/"),
        (IG, _) => write!(url, "https://www.instagram.com/p/{id}/"),
        (X, _) => write!(url, "https://x.com/kabarkini/status/{id}"),
        (YT, PostFormat::Short) => write!(url, "https://youtube.com/shorts/{id}"),
        (YT, _) => write!(url, "https://youtu.be/{id}"),
        _ => write!(url, "https://www.tiktok.com/@kabarkini/video/{id}"),
    };
}

/// `YYYY-MM-DDThh:mm:ss+07:00`.
pub fn published_at(day: &DayInfo, second: u32) -> String {
    let (h, m, s) = (second / 3600, second / 60 % 60, second % 60);
    format!("{}T{h:02}:{m:02}:{s:02}+07:00", day.date)
}

/// SplitMix64's finaliser: a bijection on u64, so distinct sequence numbers give distinct codes.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Eleven base-62 characters (62^11 > 2^64, so each value has its own code).
fn shortcode(mut v: u64, out: &mut String) {
    const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for _ in 0..11 {
        out.push(char::from(ALPHABET[(v % 62) as usize]));
        v /= 62;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_platform_shaped() {
        let day = DayInfo::new(crate::calendar::days_from_civil(2026, 10, 31));
        let mut rng = Rng::new(5);
        let (mut id, mut url) = (String::new(), String::new());
        let mut seen = std::collections::HashSet::new();
        for a in [FB, IG, X, YT, TT] {
            for seq in 1..=2000 {
                let post = Post {
                    account: a,
                    seq,
                    day: &day,
                    second: 68_700,
                    promo: false,
                    format: PostFormat::Video,
                    topic: 0,
                };
                id_and_url(&mut rng, &post, "slug", &mut id, &mut url);
                assert!(seen.insert((a, id.clone())), "{a} {id}");
                assert!(url.starts_with("https://") && url.contains(id.as_str()));
                if a == X || a == TT {
                    assert!(
                        id.len() == 19 && id.bytes().all(|b| b.is_ascii_digit()),
                        "{id}"
                    );
                } else {
                    assert_eq!(id.len(), 11);
                }
            }
        }
        let link = Post {
            account: FB,
            seq: 1,
            day: &day,
            second: 0,
            promo: false,
            format: PostFormat::Link,
            topic: 1,
        };
        id_and_url(&mut rng, &link, "harga-beras-medan", &mut id, &mut url);
        assert_eq!(
            url,
            "https://kabarkini.id/ekonomi/2026/10/31/harga-beras-medan"
        );
        assert_eq!(published_at(&day, 68_705), "2026-10-31T19:05:05+07:00");
    }
}
