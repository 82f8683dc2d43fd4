//! The vocabulary of snapshot format v1: platforms, post formats, web channels and the count
//! fields of each record kind. These lists are the one source for the loader's checks, the
//! JSON Schema test, the summary's coverage table and (later) the metric catalogue.

/// Declares a closed vocabulary: a `Copy` enum with its wire names, `ALL`, `name()` and `parse()`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in snapshot files.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The variant with this file name, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The variant whose name is these bytes (keys are matched before any UTF-8 check).
            pub fn parse_bytes(bytes: &[u8]) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.name().as_bytes() == bytes)
            }

            /// The accepted names, for "expected one of …" messages.
            pub fn expected() -> &'static str {
                static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
                TEXT.get_or_init(|| {
                    let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
                    format!("one of {}", names.join(", "))
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("expected {}, found {text:?}", $name::expected()))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

vocabulary! {
    /// The network an account lives on.
    Platform {
        Facebook = "facebook",
        Instagram = "instagram",
        X = "x",
        Youtube = "youtube",
        Tiktok = "tiktok",
        Linkedin = "linkedin",
        Threads = "threads",
        Other = "other",
    }
}

vocabulary! {
    /// What kind of post it is.
    PostFormat {
        Text = "text",
        Photo = "photo",
        Video = "video",
        Reel = "reel",
        Short = "short",
        Story = "story",
        Carousel = "carousel",
        Link = "link",
        Live = "live",
        Other = "other",
    }
}

vocabulary! {
    /// GA4's default channel groups in lower snake case, plus `all` for a date's total row.
    Channel {
        Direct = "direct",
        OrganicSearch = "organic_search",
        PaidSearch = "paid_search",
        OrganicSocial = "organic_social",
        PaidSocial = "paid_social",
        Email = "email",
        Referral = "referral",
        Display = "display",
        OrganicVideo = "organic_video",
        Unassigned = "unassigned",
        Other = "other",
        All = "all",
    }
}

vocabulary! {
    /// Lifetime counts of a post. `engagements` is the platform's own total (X counts clicks
    /// and expands in it); engage's metrics sum the parts instead, and only check the total.
    PostCount {
        Likes = "likes",
        Comments = "comments",
        Shares = "shares",
        Saves = "saves",
        Reach = "reach",
        Impressions = "impressions",
        Views = "views",
        Clicks = "clicks",
        VideoViews = "video_views",
        Engagements = "engagements",
    }
}

vocabulary! {
    /// Daily statistics of an account. `followers` is the count at the end of the day.
    DailyCount {
        Followers = "followers",
        Follows = "follows",
        Unfollows = "unfollows",
        Reach = "reach",
        Impressions = "impressions",
        Views = "views",
        ProfileVisits = "profile_visits",
        LinkClicks = "link_clicks",
        Posts = "posts",
    }
}

vocabulary! {
    /// Web-analytics counts of a day (or of a date range, in `web_totals`).
    WebCount {
        Sessions = "sessions",
        EngagedSessions = "engaged_sessions",
        Pageviews = "pageviews",
        EngagementSeconds = "engagement_seconds",
        NewUsers = "new_users",
        Conversions = "conversions",
    }
}

/// The snapshot format's identifier and the only version this build reads.
pub const FORMAT_NAME: &str = "engage-snapshot";
pub const FORMAT_VERSION: u64 = 1;

/// Counts above this are refused: JSON numbers past 2^53 lose precision in most readers.
pub const MAX_COUNT: u64 = 1 << 53;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.name()), Some(*p));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.name()), Some(*c));
        }
        assert_eq!(PostFormat::parse("Reel"), None, "names are case-sensitive");
        assert!(Platform::expected().starts_with("one of facebook, instagram"));
    }
}
