//! "It's not about me, it's you": promo posts against audience-first ones. A post is promo
//! when it carries a promo tag (`promo` unless the settings say otherwise), or, when no post
//! of the data carries one, when its text holds a word or phrase of the promo lexicon
//! (`assets/promo-words.txt`, Indonesian and English, extendable); every other post is
//! audience-first. The lens says which rule it used.

use crate::measure::Prepared;

/// The shipped lexicon: one word or phrase a line; `#` starts a comment.
pub const LEXICON: &str = include_str!("../../assets/promo-words.txt");

/// The words of a lexicon text, lower case.
pub fn lexicon_words(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.split('#')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A post's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Promo,
    AudienceFirst,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Promo => "promo",
            Class::AudienceFirst => "audience-first",
        }
    }
}

/// How posts were told apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// By tags: a post with any of these is promo.
    Tags(Vec<String>),
    /// No post carries a promo tag: by the lexicon's words in the text.
    Lexicon { words: usize },
}

impl Rule {
    /// The rule in words, in the language shown when the message is.
    pub fn describe(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Rule::Tags(tags) => {
                let tags = tags.clone();
                Msg::new("lens.rule_tags")
                    .later("tags", move || tags.join(crate::i18n::tr("lens.or")))
            }
            Rule::Lexicon { words } => Msg::new("lens.rule_lexicon").arg("words", *words),
        }
    }
}

/// Every post of the data, told apart once.
#[derive(Clone, Debug)]
pub struct Content {
    promo: Vec<bool>,
    pub rule: Rule,
}

impl Content {
    /// Classifies every post: by `tags` when any post carries one of them, else by `words`.
    pub fn classify(prepared: &Prepared, tags: &[String], words: &[String]) -> Content {
        let store = &prepared.store;
        let posts = &store.posts;
        let tag_ids: Vec<u32> = tags
            .iter()
            .filter_map(|t| store.tags.names().iter().position(|n| n == t))
            .map(|i| i as u32)
            .collect();
        let tagged = |row: usize| posts.tags(row).iter().any(|t| tag_ids.contains(t));
        let any_tagged = !tag_ids.is_empty() && (0..posts.len()).any(tagged);
        if any_tagged {
            return Content {
                promo: (0..posts.len()).map(tagged).collect(),
                rule: Rule::Tags(tags.to_vec()),
            };
        }
        let promo = (0..posts.len())
            .map(|row| {
                let text = posts.text.get(row).to_lowercase();
                words.iter().any(|w| holds_word(&text, w))
            })
            .collect();
        Content {
            promo,
            rule: Rule::Lexicon { words: words.len() },
        }
    }

    /// The shipped defaults: the tag `promo`, then the lexicon.
    pub fn default_for(prepared: &Prepared) -> Content {
        Content::classify(prepared, &["promo".to_owned()], &lexicon_words(LEXICON))
    }

    pub fn of(&self, row: usize) -> Class {
        if self.promo.get(row).copied().unwrap_or(false) {
            Class::Promo
        } else {
            Class::AudienceFirst
        }
    }
}

/// Whether `text` (lower case) holds `word` as a whole word or phrase: not inside another
/// word (`sale` is not in `wholesale`).
fn holds_word(text: &str, word: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        if !is_word(text[..start].chars().next_back()) && !is_word(text[end..].chars().next()) {
            return true;
        }
        from = start + word.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_whole() {
        assert!(holds_word("flash sale hari ini!", "sale"));
        assert!(holds_word("dapatkan diskon 50%", "diskon"));
        assert!(!holds_word("wholesale prices", "sale"));
        assert!(holds_word("wholesale and sale", "sale"));
        assert!(holds_word("link in bio.", "link in bio"));
        let words = lexicon_words("# comment\nPromo\n\n diskon # note\n");
        assert_eq!(words, ["promo", "diskon"]);
        assert!(lexicon_words(LEXICON).len() >= 30);
    }
}

/// A post named in a lens: its id, account, time and per-post value.
#[derive(Clone, Debug, PartialEq)]
pub struct PostRef {
    pub row: usize,
    pub id: String,
    pub account: String,
    pub published_at: String,
    pub value: f64,
}

impl PostRef {
    pub fn of(prepared: &Prepared, row: usize, value: f64) -> PostRef {
        let posts = &prepared.store.posts;
        PostRef {
            row,
            id: posts.id.get(row).to_owned(),
            account: prepared.account_ids[posts.account[row] as usize].clone(),
            published_at: posts.published_at(row).to_string(),
            value,
        }
    }
}

/// Promo against audience-first.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentLens {
    pub rule: Rule,
    /// The two groups, as a breakdown by content gives them.
    pub breakdown: super::breakdown::Breakdown,
    /// median(promo) / median(audience-first), with its 95% bootstrap interval.
    pub ratio: Option<(f64, Option<(f64, f64)>)>,
    /// Per group (promo, then audience-first): its worst and best posts, three each.
    pub worst: [Vec<PostRef>; 2],
    pub best: [Vec<PostRef>; 2],
}

/// How many worst and best posts each group names.
pub const NAMED: usize = 3;

/// The content lens for a per-post metric.
pub fn content_lens(
    prepared: &Prepared,
    metric: &'static crate::measure::Metric,
    window: crate::measure::Window,
    segment: &crate::measure::Segment,
    content: &Content,
) -> Result<ContentLens, super::LensError> {
    if !crate::measure::posts::per_post(metric) {
        return Err(super::LensError::NoPerPostValue(metric.id));
    }
    let breakdown = super::breakdown::breakdown(
        prepared,
        metric,
        window,
        segment,
        &[super::dims::Dim::Content],
        content,
    )?;
    let mut values: [Vec<(usize, f64)>; 2] = [Vec::new(), Vec::new()];
    for r in prepared.query_posts(window, segment, "") {
        let r = r as usize;
        if let Some(v) = prepared.post_metric(metric, r) {
            let side = match content.of(r) {
                Class::Promo => 0,
                Class::AudienceFirst => 1,
            };
            values[side].push((r, v));
        }
    }
    let plain = |i: usize| values[i].iter().map(|(_, v)| *v).collect::<Vec<f64>>();
    let (promo, af) = (plain(0), plain(1));
    let ratio = super::stats::median(&promo)
        .zip(super::stats::median(&af))
        .and_then(|(p, a)| (a != 0.0).then(|| p / a))
        .map(|r| {
            (
                r,
                super::stats::median_ratio_ci95(&promo, &af, super::stats::SEED),
            )
        });
    // The worst (lowest value, then first row) and best (highest, then last row) few, by
    // selection: a side can hold half a million posts.
    let named = |i: usize, best: bool| -> Vec<PostRef> {
        let order = |a: &(usize, f64), b: &(usize, f64)| {
            let up = a.1.total_cmp(&b.1).then(a.0.cmp(&b.0));
            if best { up.reverse() } else { up }
        };
        let mut v = values[i].clone();
        if v.len() > NAMED {
            v.select_nth_unstable_by(NAMED, order);
            v.truncate(NAMED);
        }
        v.sort_by(order);
        v.into_iter()
            .map(|(r, x)| PostRef::of(prepared, r, x))
            .collect()
    };
    Ok(ContentLens {
        rule: content.rule.clone(),
        breakdown,
        ratio,
        worst: [named(0, false), named(1, false)],
        best: [named(0, true), named(1, true)],
    })
}
