//! The seeded generator of the demo snapshot (Kabar Kini, a fictional Indonesian news outlet).
//!
//! The demo is what a first-time user explores, so it holds what an analyst should be able
//! to find: a weekly and yearly rhythm, promo posts that engage far worse than audience-first
//! ones, a handful of viral posts, one unexplained follower jump with its slow purge, an
//! export outage, Meta's switch from impressions to views, and web traffic whose social
//! share follows the link posts. The load bench scales the same generator to a million posts.
//!
//! The output is a pure function of the [`DemoSpec`]: a tiny PRNG (`rng`), lookup tables
//! instead of trigonometry, and no transcendental float functions, so the committed file is
//! byte for byte what any machine generates. Posts stream to the writer as they are made;
//! only per-day sums are kept for the daily and web rows that follow them.
//!
//! The parts: `plan` places the window and the planted events, `season` says what each
//! day is like, `accounts` what each platform reports and `counts` how a post fares;
//! `posts`, `daily` and `web` write the three sections, with ids and URLs from
//! `ids`, and texts from `texts`, `templates` and `words`; the JSON is written through
//! [`crate::snapshot::write`], the layout every snapshot engage writes has.
//!
//! Regenerate the committed file after any change here:
//! `ENGAGE_BLESS_DEMO=1 cargo test --test suite demo_data`.

mod accounts;
mod counts;
mod daily;
mod ids;
mod plan;
mod posts;
use crate::rng;
mod season;
mod templates;
mod texts;
mod web;
mod web_sources;
mod words;

use std::io::{self, BufWriter, Write};

use season::DayInfo;

use crate::snapshot::write::{Array, Head, Record, write_end, write_head};

/// What to generate. `DemoSpec::default()` is the bundled demo; the load bench scales it up.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoSpec {
    pub seed: u64,
    /// Total posts to aim for across all accounts (the generator lands within a few percent).
    pub posts: usize,
    /// Number of days covered, ending on the export day's eve (2026-10-31).
    pub days: u32,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            seed: 20261101,
            posts: 8_000,
            days: 730,
        }
    }
}

const TITLE: &str = "Kabar Kini: social accounts and website (demo)";
const EXPORTED_AT: &str = "2026-11-01T06:00:00+07:00";
const UTC_OFFSET: &str = "+07:00";

/// Writes a snapshot for `spec` as JSON text: readable, one record per line, LF line
/// endings and a final newline.
pub fn write_demo(spec: &DemoSpec, out: &mut impl Write) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let plan = plan::Plan::new(spec);
    let days: Vec<DayInfo> = (0..plan.days)
        .map(|i| DayInfo::new(plan.start + i as i32))
        .collect();

    write_head(
        &mut out,
        &Head {
            title: Some(TITLE),
            exported_at: Some(EXPORTED_AT),
            utc_offset: UTC_OFFSET,
        },
    )?;

    let mut accounts = Array::open(&mut out, "accounts")?;
    let mut r = Record::default();
    for p in &accounts::PROFILES {
        r.begin();
        r.str("id", p.id);
        r.str("platform", p.platform.name());
        r.str("handle", p.handle);
        r.str("name", "Kabar Kini");
        r.end();
        accounts.push(&mut out, &r)?;
    }
    accounts.close(&mut out)?;

    let aggs = posts::PostWriter::new(&plan, spec.seed).write(spec.posts, &days, &mut out)?;
    let clicks = daily::write(&plan, spec.seed, &days, &aggs, &mut out)?;
    web::write(spec.seed, spec.posts, &days, &clicks, &mut out)?;
    write_end(&mut out)?;
    out.flush()
}
