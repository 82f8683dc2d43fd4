//! Objective templates (measurement.md section 1): a business objective with the KPIs that
//! serve it, and why. Objective first, metrics second: a plan starts from one of these (or
//! blank), never from a list of numbers.

use serde::Serialize;

/// One objective template: its KPIs by id. Its name, objective, reasons and the goals a
/// plan starts with are in the text catalogues (`assets/i18n/en-catalogue.toml`,
/// `id-catalogue.toml`): see [`Template::text`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Template {
    pub id: &'static str,
    /// See-Think-Do-Care stage (Kaushik), where it applies: the framework's own names.
    pub stage: Option<&'static str>,
    pub primary: &'static [&'static str],
    pub supporting: &'static [&'static str],
}

/// JSON writes a template with its English texts, in the order scripts have read.
impl Serialize for Template {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = crate::i18n::with_lang(crate::i18n::Lang::En, || self.text());
        let mut st = s.serialize_struct("Template", 8)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("name", t.name)?;
        st.serialize_field("stage", &self.stage)?;
        st.serialize_field("objective", t.objective)?;
        st.serialize_field("primary", self.primary)?;
        st.serialize_field("supporting", self.supporting)?;
        st.serialize_field("why", t.why)?;
        st.serialize_field("goals", &t.goals)?;
        st.end()
    }
}

pub const TEMPLATES: &[Template] = &[
    Template {
        id: "awareness",
        stage: Some("See"),
        primary: &["reach_rate", "total_reach", "follower_growth_rate"],
        supporting: &["amplification_rate", "video_view_rate", "social_new_users"],
    },
    Template {
        id: "engagement",
        stage: None,
        primary: &["er_reach", "conversation_rate"],
        supporting: &[
            "applause_rate",
            "amplification_rate",
            "save_rate",
            "er_followers",
        ],
    },
    Template {
        id: "website-traffic",
        stage: Some("Think"),
        primary: &["ctr", "social_sessions"],
        supporting: &[
            "pages_per_session",
            "avg_engagement_time",
            "engaged_session_rate",
        ],
    },
    Template {
        id: "website-loyalty",
        stage: Some("Care"),
        primary: &["direct_share", "pages_per_session", "avg_engagement_time"],
        supporting: &[
            "source_pages_per_session",
            "source_engagement_time",
            "social_sessions",
            "ctr",
            "conversation_rate",
        ],
    },
    Template {
        id: "conversion",
        stage: Some("Do"),
        primary: &["conversions", "conversion_rate"],
        supporting: &["ctr", "social_sessions"],
    },
    Template {
        id: "advocacy",
        stage: None,
        primary: &["amplification_rate"],
        supporting: &["shares", "conversation_rate"],
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
        let t = |field| crate::i18n::catalogue_text("template", self.id, field);
        TemplateText {
            name: t("name"),
            stage: self.stage.map(|_| t("stage")),
            objective: t("objective"),
            why: t("why"),
            goals: crate::i18n::catalogue_list("template", self.id, "goals"),
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

    /// Every template reads in both languages, with as many goals in each.
    #[test]
    fn every_template_has_its_texts_in_both_languages() {
        use crate::i18n::{Lang, has_catalogue_text, with_lang};
        for t in TEMPLATES {
            for lang in [Lang::En, Lang::Id] {
                for field in ["name", "objective", "why", "goals"] {
                    assert!(
                        has_catalogue_text(lang, "template", t.id, field),
                        "{}.{field} has no {lang:?} text in assets/i18n/",
                        t.id
                    );
                }
            }
            let en = with_lang(Lang::En, || t.text());
            let id = with_lang(Lang::Id, || t.text());
            assert_eq!(id.goals.len(), en.goals.len(), "{}", t.id);
            assert_ne!(id.objective, en.objective, "{}", t.id);
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
