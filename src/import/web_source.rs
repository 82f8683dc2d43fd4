//! Where a web session came from: a GA4 "Session source" (`l.instagram.com`, `t.co`, `fb`)
//! named as a platform where it is one, and the channel its medium puts it in.
//!
//! The platform table is `assets/web-sources.toml` (documented there), extendable by a
//! mapping's `[sources]`. The channel follows GA4's default channel group rules for the groups
//! a snapshot has, in GA4's order (the first rule that matches wins):
//!
//! 1. `(direct)` with medium `(none)` or `(not set)`: direct.
//! 2. A paid medium (`cpc`, `ppc`, `retargeting`, `paid…`, anything with `cp`): paid_social
//!    from a social platform, paid_search from a search engine, else other.
//! 3. Medium `display`, `banner`, `expandable`, `interstitial` or `cpm`: display.
//! 4. A social platform as the source, or medium `social`, `social-network`, `social-media`,
//!    `sm`, `social network`, `social media`: organic_social. (GA4 puts YouTube among its
//!    video sites; a source named `youtube` with a medium that is not social goes to
//!    organic_video, as GA4's "Organic Video" rule does.)
//! 5. Medium containing `video`: organic_video.
//! 6. A search engine with medium `organic`, or medium `organic`: organic_search.
//! 7. Medium `referral`, `app` or `link`: referral.
//! 8. Medium `email`, `e-mail`, `e_mail`, `e mail`: email.
//! 9. Anything else (`(not set)`, a medium GA4 does not know): unassigned.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::snapshot::model::{Channel, Platform};

/// The bundled table of platform sources.
const TABLE: &str = include_str!("../../assets/web-sources.toml");

#[derive(Debug, Default, serde::Deserialize)]
struct Table {
    #[serde(default)]
    platforms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    search: Search,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Search {
    #[serde(default)]
    engines: Vec<String>,
}

/// The bundled table, parsed once (a broken table, which a test forbids, would name nothing).
fn table() -> &'static (BTreeMap<String, Platform>, Vec<String>) {
    static PARSED: OnceLock<(BTreeMap<String, Platform>, Vec<String>)> = OnceLock::new();
    PARSED.get_or_init(|| {
        let t: Table = toml::from_str(TABLE).unwrap_or_default();
        let mut hosts = BTreeMap::new();
        for (platform, names) in t.platforms {
            if let Some(p) = Platform::parse(&platform) {
                for n in names {
                    hosts.insert(n.to_lowercase(), p);
                }
            }
        }
        (hosts, t.search.engines)
    })
}

/// A session source as a snapshot names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// `instagram`, `news.example.com`; `None` for `(direct)`, `(not set)`, `(none)`.
    pub name: Option<String>,
    /// The platform, when the source is one.
    pub platform: Option<Platform>,
}

/// Extra names from a mapping's `[sources]` (`"news.app" = "x"`, lower-cased keys).
pub type Extra = BTreeMap<String, String>;

/// Names a raw source: a platform's name where the table (or `extra`) says it is one, else the
/// domain in lower case without `www.`.
pub fn name(raw: &str, extra: &Extra) -> Named {
    let host = raw.trim().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    if host.is_empty() || matches!(host.as_str(), "(direct)" | "(not set)" | "(none)") {
        return Named {
            name: None,
            platform: None,
        };
    }
    if let Some(to) = extra.get(&host) {
        return Named {
            platform: Platform::parse(to),
            name: Some(to.clone()),
        };
    }
    let (hosts, _) = table();
    // The host itself, else the longest listed host it ends with (`de-de.facebook.com`).
    let platform = hosts.get(&host).copied().or_else(|| {
        hosts
            .iter()
            .filter(|(h, _)| h.contains('.') && host.ends_with(&format!(".{h}")))
            .max_by_key(|(h, _)| h.len())
            .map(|(_, p)| *p)
    });
    match platform {
        Some(p) => Named {
            name: Some(p.name().to_owned()),
            platform: Some(p),
        },
        None => Named {
            name: Some(host),
            platform: None,
        },
    }
}

fn is_search_engine(host: &str) -> bool {
    let (_, engines) = table();
    engines.iter().any(|e| {
        host == e
            || host.starts_with(&format!("{e}."))
            || host.contains(&format!(".{e}."))
            || host.ends_with(&format!(".{e}"))
    })
}

/// The channel of a session from `raw_source` with `medium` (see the module's rules).
pub fn channel(raw_source: &str, medium: &str, named: &Named) -> Channel {
    let source = raw_source.trim().to_lowercase();
    let medium = medium.trim().to_lowercase();
    let social = named.platform.is_some_and(|p| p != Platform::Youtube);
    let video_site = named.platform == Some(Platform::Youtube);
    if source == "(direct)" && matches!(medium.as_str(), "(none)" | "(not set)" | "") {
        return Channel::Direct;
    }
    let paid = medium.contains("cp")
        || medium == "ppc"
        || medium == "retargeting"
        || medium.starts_with("paid");
    if paid && medium != "cpm" {
        return if social || video_site {
            Channel::PaidSocial
        } else if is_search_engine(&source) {
            Channel::PaidSearch
        } else {
            Channel::Other
        };
    }
    if matches!(
        medium.as_str(),
        "display" | "banner" | "expandable" | "interstitial" | "cpm"
    ) {
        return Channel::Display;
    }
    let social_medium = matches!(
        medium.as_str(),
        "social" | "social-network" | "social-media" | "sm" | "social network" | "social media"
    );
    if social || social_medium {
        return Channel::OrganicSocial;
    }
    if video_site || medium.contains("video") {
        return Channel::OrganicVideo;
    }
    if medium == "organic" {
        return Channel::OrganicSearch;
    }
    if matches!(medium.as_str(), "referral" | "app" | "link") {
        return Channel::Referral;
    }
    if matches!(medium.as_str(), "email" | "e-mail" | "e_mail" | "e mail") {
        return Channel::Email;
    }
    Channel::Unassigned
}

/// Splits GA4's `source / medium` cell (`t.co / referral`); a cell without ` / ` is a source
/// with no medium.
pub fn split(cell: &str) -> (&str, &str) {
    match cell.rsplit_once(" / ") {
        Some((s, m)) => (s.trim(), m.trim()),
        None => (cell.trim(), ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(raw: &str) -> Option<String> {
        name(raw, &Extra::new()).name
    }

    #[test]
    fn the_bundled_table_parses_and_names_the_issue_hosts() {
        let t: Table = toml::from_str(TABLE).unwrap();
        assert_eq!(t.platforms.len(), 7);
        for (host, platform) in [
            ("t.co", "x"),
            ("x.com", "x"),
            ("twitter.com", "x"),
            ("facebook.com", "facebook"),
            ("m.facebook.com", "facebook"),
            ("l.facebook.com", "facebook"),
            ("lm.facebook.com", "facebook"),
            ("instagram.com", "instagram"),
            ("l.instagram.com", "instagram"),
            ("youtube.com", "youtube"),
            ("m.youtube.com", "youtube"),
            ("tiktok.com", "tiktok"),
            ("lnkd.in", "linkedin"),
            ("linkedin.com", "linkedin"),
            ("WWW.Facebook.com", "facebook"),
            ("de-de.facebook.com", "facebook"),
        ] {
            assert_eq!(n(host).as_deref(), Some(platform), "{host}");
        }
        assert_eq!(n("News.Example.com").as_deref(), Some("news.example.com"));
        assert_eq!(n("(direct)"), None);
        assert_eq!(n("(not set)"), None);
        let extra = Extra::from([("news.app".to_owned(), "x".to_owned())]);
        assert_eq!(name("news.app", &extra).platform, Some(Platform::X));
    }

    #[test]
    fn the_medium_decides_the_channel_as_ga4_does() {
        let ch = |cell: &str| {
            let (s, m) = split(cell);
            channel(s, m, &name(s, &Extra::new()))
        };
        assert_eq!(ch("(direct) / (none)"), Channel::Direct);
        assert_eq!(ch("t.co / referral"), Channel::OrganicSocial);
        assert_eq!(ch("l.instagram.com / referral"), Channel::OrganicSocial);
        assert_eq!(ch("instagram / social"), Channel::OrganicSocial);
        assert_eq!(ch("facebook / cpc"), Channel::PaidSocial);
        assert_eq!(ch("google / organic"), Channel::OrganicSearch);
        assert_eq!(ch("google / cpc"), Channel::PaidSearch);
        assert_eq!(ch("youtube.com / referral"), Channel::OrganicVideo);
        assert_eq!(ch("news.example.com / referral"), Channel::Referral);
        assert_eq!(ch("newsletter / email"), Channel::Email);
        assert_eq!(ch("(not set) / (not set)"), Channel::Unassigned);
        assert_eq!(ch("partner / banner"), Channel::Display);
    }
}
