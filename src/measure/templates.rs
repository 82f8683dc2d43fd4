//! Objective templates (measurement.md section 1): a business objective with the KPIs that
//! serve it, and why. Objective first, metrics second: a plan starts from one of these (or
//! blank), never from a list of numbers.

use serde::Serialize;

/// One objective template.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Template {
    pub id: &'static str,
    pub name: &'static str,
    /// See-Think-Do-Care stage (Kaushik), where it applies.
    pub stage: Option<&'static str>,
    /// The objective a plan made from it starts with.
    pub objective: &'static str,
    pub primary: &'static [&'static str],
    pub supporting: &'static [&'static str],
    /// Why these KPIs serve the objective.
    pub why: &'static str,
    /// Goals a plan starts with (the user edits them).
    pub goals: &'static [&'static str],
}

pub const TEMPLATES: &[Template] = &[
    Template {
        id: "awareness",
        name: "Awareness",
        stage: Some("See"),
        objective: "Reach more of the people who could care about what we publish",
        primary: &["reach_rate", "total_reach", "follower_growth_rate"],
        supporting: &["amplification_rate", "video_view_rate", "social_new_users"],
        why: "Awareness is about the largest qualified audience: how much of it posts reach (reach rate, total reach) and whether it grows. Shares and video views carry posts beyond followers; new users from social show awareness turning into first visits.",
        goals: &[
            "Reach a larger share of our audience with every post",
            "Grow the audience through people who choose to follow",
        ],
    },
    Template {
        id: "engagement",
        name: "Engagement / community",
        stage: None,
        objective: "Build a community that responds to and talks with us",
        primary: &["er_reach", "conversation_rate"],
        supporting: &[
            "applause_rate",
            "amplification_rate",
            "save_rate",
            "er_followers",
        ],
        why: "Engagement by reach measures response among the people who actually saw a post; conversation is the strongest sign of audience-first content. Applause, amplification and saves say which kind of response; engagement by followers is the formula public benchmarks use.",
        goals: &[
            "Post what the audience wants to respond to, not what we want to push",
            "Start conversations, not announcements",
        ],
    },
    Template {
        id: "website-traffic",
        name: "Website traffic",
        stage: Some("Think"),
        objective: "Bring people from social media to the website",
        primary: &["ctr", "social_sessions"],
        supporting: &[
            "pages_per_session",
            "avg_engagement_time",
            "engaged_session_rate",
        ],
        why: "Click-through rate says how well posts move people from the feed; sessions from social count what arrives. Pages per session, engagement time and engaged sessions say whether those visits were worth it.",
        goals: &[
            "Make link posts people want to click",
            "Send visitors who stay and read",
        ],
    },
    Template {
        id: "website-loyalty",
        name: "Website audience loyalty",
        stage: Some("Care"),
        objective: "Be more engaged with my website's audience",
        primary: &["direct_share", "pages_per_session", "avg_engagement_time"],
        supporting: &[
            "source_pages_per_session",
            "source_engagement_time",
            "social_sessions",
            "ctr",
            "conversation_rate",
        ],
        why: "A loyal audience comes back by itself (direct traffic share), explores (pages per session) and pays attention (engagement time). On each platform the same objective reads as the quality of the visits it sends: pages per session and engagement time of its sessions (web rows by source; segment the plan to a platform to see its visits), next to direct share. A platform that sends many visits of one page and a few seconds serves traffic, not loyalty; one that sends fewer visits that read on serves this objective. Click-through on link posts and conversation show the same relationship being built in the feed.",
        goals: &[
            "More readers come straight to the website",
            "Visits go deeper and last longer",
        ],
    },
    Template {
        id: "conversion",
        name: "Conversion",
        stage: Some("Do"),
        objective: "Turn visits into subscriptions",
        primary: &["conversions", "conversion_rate"],
        supporting: &["ctr", "social_sessions"],
        why: "Conversions are the outcome the business counts; the conversion rate says whether visits turn into them. Click-through and sessions from social show how much of the funnel social media feeds.",
        goals: &["Grow subscriptions", "Convert a larger share of visits"],
    },
    Template {
        id: "advocacy",
        name: "Advocacy",
        stage: None,
        objective: "Make our audience pass our work on",
        primary: &["amplification_rate"],
        supporting: &["shares", "conversation_rate"],
        why: "Amplification (shares per post) measures people recommending our work to their own networks; total shares and conversation show the volume and the depth behind it.",
        goals: &["Publish what people want to share"],
    },
];

/// A template's texts in the language shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateText {
    pub name: &'static str,
    pub stage: Option<&'static str>,
    pub objective: &'static str,
    pub why: &'static str,
    pub goals: Vec<&'static str>,
}

impl Template {
    /// The name, stage, objective, reason and goals in the language shown (the fields are
    /// English, for JSON and ids).
    pub fn text(&self) -> TemplateText {
        let t = |field, english| crate::i18n::domain("template", self.id, field, english);
        TemplateText {
            name: t("name", self.name),
            stage: self.stage.map(|s| t("stage", s)),
            objective: t("objective", self.objective),
            why: t("why", self.why),
            goals: crate::i18n::domain_list("template", self.id, "goals", self.goals),
        }
    }
}

/// The template with this id.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// Where `metric` stands for `template`: "primary", "supporting" or neither.
pub fn role(template: &Template, metric: &str) -> Option<&'static str> {
    if template.primary.contains(&metric) {
        Some("primary")
    } else if template.supporting.contains(&metric) {
        Some("supporting")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every template reads in Indonesian, with as many goals as in English.
    #[test]
    fn every_template_has_its_indonesian_texts() {
        for t in TEMPLATES {
            for field in ["name", "objective", "why", "goals"] {
                assert!(
                    crate::i18n::has_domain("template", t.id, field),
                    "{}.{field} has no Indonesian text in assets/i18n/id-catalogue.toml",
                    t.id
                );
            }
            let id = crate::i18n::with_lang(crate::i18n::Lang::Id, || t.text());
            assert_eq!(id.goals.len(), t.goals.len(), "{}", t.id);
            assert_ne!(id.objective, t.objective, "{}", t.id);
        }
    }
    use crate::measure::catalogue::metric;

    #[test]
    fn every_kpi_is_in_the_catalogue_and_none_is_vanity() {
        for t in TEMPLATES {
            for id in t.primary.iter().chain(t.supporting) {
                let m = metric(id).unwrap_or_else(|| panic!("{}: unknown metric {id}", t.id));
                assert!(!m.vanity, "{}: {id} is vanity", t.id);
            }
        }
        assert_eq!(TEMPLATES.len(), 6);
        assert_eq!(
            template("website-loyalty").unwrap().primary,
            ["direct_share", "pages_per_session", "avg_engagement_time"]
        );
    }
}
