//! Post texts: a headline template per kind of post, filled from the word banks, extended
//! with a detail sentence, a closing line for the media, an occasion greeting or hashtags
//! until it reaches a length drawn for the post.
//!
//! Most texts are Indonesian; about one in seven is English, as on the accounts of many
//! Indonesian outlets. Only promo posts speak of subscriptions, discounts and new editions,
//! so a text search for those words and the `promo` tag tell the same story.

use super::rng::Rng;
use super::season::{Campaign, DayInfo, Occasion};
use super::templates::{self, Template};
use super::words::{self, TOPICS};
use crate::snapshot::model::PostFormat;

/// What a post is for. Audience-first kinds (questions, explainers, local stories, tips)
/// engage best; promo posts, which ask the audience for something, engage worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    News,
    Breaking,
    Question,
    Explainer,
    Local,
    Tips,
    Promo,
}

impl Kind {
    /// The label the outlet's social team puts on such posts, if any.
    pub fn tag(self) -> Option<&'static str> {
        match self {
            Kind::News => None,
            Kind::Breaking => Some("breaking"),
            Kind::Question => Some("tanya-pembaca"),
            Kind::Explainer => Some("explainer"),
            Kind::Local => Some("lokal"),
            Kind::Tips => Some("tips"),
            Kind::Promo => Some("promo"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

/// An occasion greeting, (Indonesian, English).
fn greeting(occasion: Occasion) -> (&'static str, &'static str) {
    match occasion {
        Occasion::Ramadan => (
            "Selamat menunaikan ibadah puasa 🌙 #Ramadan",
            "A blessed Ramadan to all our readers 🌙",
        ),
        Occasion::Lebaran => (
            "Selamat Idul Fitri, mohon maaf lahir dan batin. #Lebaran",
            "Happy Eid to you and your family. #Lebaran",
        ),
        Occasion::Independence => (
            "Dirgahayu Republik Indonesia! 🇮🇩 #HUTRI",
            "Happy Independence Day to all of you! 🇮🇩",
        ),
        Occasion::YearEnd => (
            "Menjelang tutup tahun, tetap jaga kesehatan. #AkhirTahun",
            "As the year ends, take care of yourselves.",
        ),
        Occasion::NewYear => (
            "Selamat tahun baru! 🎉 #TahunBaru",
            "Happy new year to all of you! 🎉",
        ),
        Occasion::Election => (
            "Gunakan hak pilihmu. #PemiluDamai",
            "Use your vote, it is your right. #PemiluDamai",
        ),
    }
}

fn campaign_name(campaign: Option<Campaign>, lang: Lang) -> &'static str {
    match (campaign, lang) {
        (Some(Campaign::Ramadan), _) => "Ramadan",
        (Some(Campaign::Independence), Lang::Id) => "Kemerdekaan",
        (Some(Campaign::Independence), Lang::En) => "Independence Day",
        (Some(Campaign::Harbolnas), _) => "Harbolnas 12.12",
        (None, Lang::Id) => "spesial",
        (None, Lang::En) => "Special",
    }
}

/// The longest text written; the shortest aimed for is [`MIN_LEN`].
pub const MAX_LEN: usize = 220;
pub const MIN_LEN: usize = 60;
/// Each post aims for a length drawn uniformly between these (bytes); with the last piece's
/// overshoot, texts average about 130 bytes.
const AIM: (f64, f64) = (60.0, 175.0);

/// What a text is about.
pub struct TextSpec<'a> {
    pub kind: Kind,
    pub lang: Lang,
    pub topic: usize,
    pub format: PostFormat,
    pub day: &'a DayInfo,
}

/// The values a text's placeholders take, drawn once per post.
struct Slots {
    subject: usize,
    place: usize,
    person: usize,
    story: usize,
}

/// Writes a text for `spec` into `out` and the article slug (subject and place) into `slug`.
pub fn compose(rng: &mut Rng, spec: &TextSpec, out: &mut String, slug: &mut String) {
    out.clear();
    slug.clear();
    let topic = &TOPICS[spec.topic];
    let slots = Slots {
        subject: rng.below(topic.subjects.len()),
        place: rng.below(words::PLACES.len()),
        person: rng.below(words::PEOPLE.len()),
        story: rng.below(words::STORIES.len()),
    };
    let aim = rng.range(AIM.0, AIM.1) as usize;
    let headline = choose(rng, templates::headlines(spec.kind, spec.lang), spec.topic);
    fill(rng, headline, spec, &slots, out);

    let mut piece = String::new();
    let greet = spec.day.occasion.filter(|_| rng.chance(0.5));
    for step in 0..4 {
        if out.len() >= aim {
            break;
        }
        piece.clear();
        match step {
            0 => match greet {
                Some(o) => piece.push_str(by_lang(greeting(o), spec.lang)),
                None => continue,
            },
            1 => match spec.kind {
                Kind::Promo => {
                    let detail = by_lang(*rng.pick(templates::PROMO_DETAILS), spec.lang);
                    fill(rng, detail, spec, &slots, &mut piece);
                }
                Kind::Local => {
                    let detail = by_lang(*rng.pick(templates::STORY_DETAILS), spec.lang);
                    fill(rng, detail, spec, &slots, &mut piece);
                }
                _ => {
                    let detail = choose_detail(rng, spec.topic, spec.lang);
                    fill(rng, detail, spec, &slots, &mut piece);
                }
            },
            2 if spec.kind == Kind::Promo => {
                if spec.format != PostFormat::Link {
                    continue;
                }
                piece.push_str(by_lang(*rng.pick(templates::PROMO_LINK), spec.lang));
            }
            2 => match closing(spec.format) {
                Some(lines) => {
                    let line = by_lang(*rng.pick(lines), spec.lang);
                    fill(rng, line, spec, &slots, &mut piece);
                }
                None => continue,
            },
            _ => hashtags(spec, &slots, &mut piece),
        }
        if !piece.is_empty() && out.len() + 1 + piece.len() <= MAX_LEN {
            out.push(' ');
            out.push_str(&piece);
        }
    }
    if out.len() < MIN_LEN {
        piece.clear();
        hashtags(spec, &slots, &mut piece);
        out.push(' ');
        out.push_str(&piece);
    }
    slugify(topic.subjects[slots.subject].0, slug);
    slug.push('-');
    slugify(words::PLACES[slots.place], slug);
}

/// A template that fits the topic, uniformly among those that do (every list has
/// templates that fit any topic).
fn choose(rng: &mut Rng, list: &'static [Template], topic: usize) -> &'static str {
    let n = list.iter().filter(|t| templates::fits(t.0, topic)).count();
    let k = rng.below(n.max(1));
    list.iter()
        .filter(|t| templates::fits(t.0, topic))
        .nth(k)
        .map_or(list[0].1, |t| t.1)
}

fn choose_detail(rng: &mut Rng, topic: usize, lang: Lang) -> &'static str {
    let fitting = || {
        templates::DETAILS
            .iter()
            .filter(move |t| templates::fits(t.0, topic))
    };
    let k = rng.below(fitting().count().max(1));
    fitting()
        .nth(k)
        .map_or(templates::DETAILS[0].1, |t| by_lang((t.1, t.2), lang))
}

fn by_lang(pair: (&'static str, &'static str), lang: Lang) -> &'static str {
    match lang {
        Lang::Id => pair.0,
        Lang::En => pair.1,
    }
}

fn closing(format: PostFormat) -> Option<&'static [(&'static str, &'static str)]> {
    match format {
        PostFormat::Link => Some(words::CTA_LINK),
        PostFormat::Video | PostFormat::Reel | PostFormat::Short | PostFormat::Live => {
            Some(words::CTA_VIDEO)
        }
        PostFormat::Carousel => Some(words::CTA_CAROUSEL),
        PostFormat::Photo => Some(words::CTA_PHOTO),
        _ => None,
    }
}

fn hashtags(spec: &TextSpec, slots: &Slots, out: &mut String) {
    out.push_str("#KabarKini ");
    if spec.kind == Kind::Promo {
        out.push_str("#Langganan");
        return;
    }
    out.push_str(TOPICS[spec.topic].hashtag);
    out.push_str(" #Info");
    out.extend(
        words::PLACES[slots.place]
            .chars()
            .filter(|c| !c.is_whitespace()),
    );
}

/// Expands a template's placeholders into `out`.
fn fill(rng: &mut Rng, template: &str, spec: &TextSpec, slots: &Slots, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let key = rest.as_bytes().get(open + 1).copied().unwrap_or(b'}');
        rest = &rest[(open + 3).min(rest.len())..];
        let (id, en) = TOPICS[spec.topic].subjects[slots.subject];
        let subject = by_lang((id, en), spec.lang);
        match key {
            b's' => out.push_str(subject),
            b'S' => capitalised(subject, out),
            b'p' => out.push_str(words::PLACES[slots.place]),
            b'w' => out.push_str(words::PEOPLE[slots.person]),
            b'l' => out.push_str(by_lang(words::STORIES[slots.story], spec.lang)),
            b'n' => push_number(out, 3 + rng.below(7) as u64, spec.lang),
            b'k' => push_number(out, 120 + rng.below(9_700) as u64, spec.lang),
            b'q' => push_number(out, 5 + rng.below(31) as u64, spec.lang),
            b'h' => {
                push_number(out, 6 + rng.below(16) as u64, spec.lang);
                out.push_str(".00");
            }
            b'd' => {
                let names = match spec.lang {
                    Lang::Id => &words::WEEKDAYS_ID,
                    Lang::En => &words::WEEKDAYS_EN,
                };
                out.push_str(names[rng.below(7)]);
            }
            b'c' => out.push_str(campaign_name(spec.day.campaign, spec.lang)),
            b'r' => out.push_str(words::PRICES[rng.below(words::PRICES.len())]),
            _ => {}
        }
    }
    out.push_str(rest);
}

fn capitalised(s: &str, out: &mut String) {
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// Writes a count the local way: `1.250` in Indonesian, `1,250` in English.
fn push_number(out: &mut String, n: u64, lang: Lang) {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    if n >= 1000 {
        push_number(out, n / 1000, lang);
        out.push(sep);
        let rest = n % 1000;
        out.push(char::from(b'0' + (rest / 100) as u8));
        out.push(char::from(b'0' + (rest / 10 % 10) as u8));
        out.push(char::from(b'0' + (rest % 10) as u8));
    } else {
        out.push_str(&n.to_string());
    }
}

/// Lower-case ASCII letters and digits, words joined by `-`.
fn slugify(s: &str, out: &mut String) {
    let mut dash = !out.is_empty() && !out.ends_with('-');
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if dash {
                out.push('-');
                dash = false;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            dash = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_slugs() {
        let mut s = String::new();
        push_number(&mut s, 1_250_007, Lang::Id);
        assert_eq!(s, "1.250.007");
        s.clear();
        push_number(&mut s, 9_050, Lang::En);
        assert_eq!(s, "9,050");
        s.clear();
        slugify("laga Persib kontra Persija", &mut s);
        s.push('-');
        slugify("Banda Aceh", &mut s);
        assert_eq!(s, "laga-persib-kontra-persija-banda-aceh");
    }

    #[test]
    fn texts_stay_in_bounds_and_fill_every_placeholder() {
        let day = DayInfo::new(crate::calendar::days_from_civil(2025, 8, 17));
        let mut rng = Rng::new(1);
        let (mut out, mut slug) = (String::new(), String::new());
        let kinds = [
            Kind::News,
            Kind::Breaking,
            Kind::Question,
            Kind::Explainer,
            Kind::Local,
            Kind::Tips,
            Kind::Promo,
        ];
        for i in 0..2000 {
            let spec = TextSpec {
                kind: kinds[i % kinds.len()],
                lang: if i % 3 == 0 { Lang::En } else { Lang::Id },
                topic: i % TOPICS.len(),
                format: PostFormat::ALL[i % PostFormat::ALL.len()],
                day: &day,
            };
            compose(&mut rng, &spec, &mut out, &mut slug);
            assert!(
                (MIN_LEN..=MAX_LEN).contains(&out.len()),
                "{} bytes: {out}",
                out.len()
            );
            assert!(!out.contains('{') && !out.contains('}'), "{out}");
            assert!(!slug.is_empty() && !slug.contains("--"), "{slug}");
        }
    }
}
