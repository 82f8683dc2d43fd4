//! Merging several snapshots (twelve monthly exports, say) into one store.
//!
//! Accounts match on `id`. A post in several files keeps the counts of the file with the
//! latest `exported_at` (lifetime counts only grow); ties go to the file given last; a file
//! without `exported_at` counts as older than any file with one. Daily and web rows follow the
//! same rule, keyed by (account, date) and (date, channel). Rows keep the order of the files
//! as given, so a merge of one file is that file.

use std::hash::BuildHasher;

use hashbrown::{HashMap, HashTable};
use serde::Serialize;

use super::diagnostics::{Diagnostic, Severity};
use super::store::{Account, Interner, NO_REFERRER, Posts, Store, WebTotal};
use crate::calendar::format_offset;

/// Rows per record kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RowCounts {
    pub posts: usize,
    pub daily: usize,
    pub web: usize,
    pub web_totals: usize,
}

/// What one file brought to a merge.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    pub file: String,
    /// Rows in the file.
    pub rows: RowCounts,
    /// Rows of the file that are in the merged store.
    pub kept: RowCounts,
    /// Rows of other files that this file's rows replaced.
    pub overrode: RowCounts,
}

/// The merged store, what each file contributed, and warnings about the merge itself.
#[derive(Debug)]
pub struct Merged {
    pub store: Store,
    pub contributions: Vec<Contribution>,
    pub warnings: Vec<Diagnostic>,
}

/// Who holds a key: (file, row), the file given as its index in the input order.
type Holder = (usize, u32);

/// Merges stores given in the user's order. Fails when the same account id names different
/// platforms in different files, since no rule could pick one.
pub fn merge(mut stores: Vec<Store>) -> Result<Merged, Vec<Diagnostic>> {
    if stores.len() == 1 {
        // Nothing to merge: hand the store over as it is, without copying a million rows.
        let store = stores.pop().unwrap_or_default();
        let rows = RowCounts {
            posts: store.posts.len(),
            daily: store.daily.len(),
            web: store.web.len(),
            web_totals: store.web_totals.len(),
        };
        let file = store
            .sources
            .first()
            .map(|f| f.name.clone())
            .unwrap_or_default();
        return Ok(Merged {
            contributions: vec![Contribution {
                file,
                rows,
                kept: rows,
                overrode: RowCounts::default(),
            }],
            store,
            warnings: Vec::new(),
        });
    }
    let names: Vec<String> = stores
        .iter()
        .map(|s| {
            s.sources
                .first()
                .map(|f| f.name.clone())
                .unwrap_or_default()
        })
        .collect();
    let accounts = merge_accounts(&stores, &names)?;
    let mut warnings = offset_warnings(&stores, &names);
    warnings.extend(undated_warnings(&stores, &names));

    // Priority order: oldest export first, so each later file overrides the earlier ones.
    let mut by_priority: Vec<usize> = (0..stores.len()).collect();
    by_priority.sort_by_key(|&f| (stores[f].exported_at.map_or(i64::MIN, |t| t.utc), f));

    let mut contributions: Vec<Contribution> = stores
        .iter()
        .zip(&names)
        .map(|(s, name)| Contribution {
            file: name.clone(),
            rows: RowCounts {
                posts: s.posts.len(),
                daily: s.daily.len(),
                web: s.web.len(),
                web_totals: s.web_totals.len(),
            },
            kept: RowCounts::default(),
            overrode: RowCounts::default(),
        })
        .collect();

    let account_maps: Vec<Vec<u32>> = stores
        .iter()
        .map(|s| {
            s.accounts
                .iter()
                .map(|a| accounts.ids.get(&a.id).unwrap_or(u32::MAX))
                .collect()
        })
        .collect();

    let post_winners = post_winners(&stores, &account_maps, &by_priority, &mut contributions);
    let daily_winners = keyed_winners(
        &by_priority,
        &mut contributions,
        |f| {
            let s = &stores[f];
            (0..s.daily.len())
                .map(|r| (account_maps[f][s.daily.account[r] as usize], s.daily.day[r]))
                .collect()
        },
        |c| &mut c.overrode.daily,
    );
    let web_winners = keyed_winners(
        &by_priority,
        &mut contributions,
        |f| {
            let s = &stores[f];
            (0..s.web.len())
                .map(|r| {
                    let referrer = s.web.referrer_of(r).map(|id| s.referrers.name(id));
                    (s.web.day[r], s.web.channel[r], referrer)
                })
                .collect()
        },
        |c| &mut c.overrode.web,
    );
    let total_winners = keyed_winners(
        &by_priority,
        &mut contributions,
        |f| {
            stores[f]
                .web_totals
                .iter()
                .map(|t| {
                    let referrer = t.referrer.map(|id| stores[f].referrers.name(id));
                    (t.from, t.to, t.channel, referrer)
                })
                .collect()
        },
        |c| &mut c.overrode.web_totals,
    );

    let mut out = Store {
        title: merged_title(&stores),
        exported_at: stores.iter().filter_map(|s| s.exported_at).max(),
        utc_offset_min: stores.first().map_or(0, |s| s.utc_offset_min),
        accounts: accounts.list,
        ..Store::default()
    };
    out.posts.tag_offsets.push(0);
    for (f, store) in stores.iter().enumerate() {
        let source = f as u16;
        out.sources.extend(store.sources.iter().cloned());
        let tag_map: Vec<u32> = store
            .tags
            .names()
            .iter()
            .map(|t| out.tags.intern(t))
            .collect();
        for row in (0..store.posts.len()).filter(|&r| post_winners[f][r]) {
            let account = account_maps[f][store.posts.account[row] as usize];
            push_post(&mut out.posts, &store.posts, row, account, &tag_map, source);
            contributions[f].kept.posts += 1;
        }
        for row in (0..store.daily.len()).filter(|&r| daily_winners[f][r]) {
            let d = &store.daily;
            out.daily
                .account
                .push(account_maps[f][d.account[row] as usize]);
            out.daily.day.push(d.day[row]);
            for (to, from) in out.daily.counts.iter_mut().zip(&d.counts) {
                to.push(from.get(row));
            }
            out.daily.source.push(source);
            contributions[f].kept.daily += 1;
        }
        let referrer_map: Vec<u32> = store
            .referrers
            .names()
            .iter()
            .map(|r| out.referrers.intern(r))
            .collect();
        let referrer_of = |id: u32| referrer_map.get(id as usize).copied();
        for row in (0..store.web.len()).filter(|&r| web_winners[f][r]) {
            let w = &store.web;
            out.web.day.push(w.day[row]);
            out.web.channel.push(w.channel[row]);
            for (to, from) in out.web.counts.iter_mut().zip(&w.counts) {
                to.push(from.get(row));
            }
            let referrer = w.referrer_of(row).and_then(referrer_of);
            out.web.referrer.push(referrer.unwrap_or(NO_REFERRER));
            out.web.source.push(source);
            contributions[f].kept.web += 1;
        }
        for (row, total) in store.web_totals.iter().enumerate() {
            if total_winners[f][row] {
                out.web_totals.push(WebTotal {
                    source,
                    referrer: total.referrer.and_then(referrer_of),
                    ..total.clone()
                });
                contributions[f].kept.web_totals += 1;
            }
        }
    }
    out.assign_post_days();
    Ok(Merged {
        store: out,
        contributions,
        warnings,
    })
}

struct MergedAccounts {
    list: Vec<Account>,
    ids: Interner,
}

/// The union of the files' accounts, in order of first appearance. Handle and name come from
/// the last file (in the order given) that states them.
fn merge_accounts(stores: &[Store], names: &[String]) -> Result<MergedAccounts, Vec<Diagnostic>> {
    let mut ids = Interner::default();
    let mut list: Vec<Account> = Vec::new();
    let mut first_file: Vec<usize> = Vec::new();
    let mut errors = Vec::new();
    for (f, store) in stores.iter().enumerate() {
        for a in &store.accounts {
            let i = ids.intern(&a.id) as usize;
            if i == list.len() {
                list.push(a.clone());
                first_file.push(f);
                continue;
            }
            let known = &mut list[i];
            if known.platform != a.platform {
                errors.push(Diagnostic::new(
                    Severity::Error,
                    &names[f],
                    None,
                    "accounts".into(),
                    format!(
                        "account `{}` is {} here but {} in {}; the same id must name the same account in every file",
                        a.id, a.platform, known.platform, names[first_file[i]]
                    ),
                ));
            }
            if a.handle.is_some() {
                known.handle.clone_from(&a.handle);
            }
            if a.name.is_some() {
                known.name.clone_from(&a.name);
            }
        }
    }
    if errors.is_empty() {
        Ok(MergedAccounts { list, ids })
    } else {
        Err(errors)
    }
}

/// For each file, which of its posts are kept: the post of the highest-priority file wins.
fn post_winners(
    stores: &[Store],
    account_maps: &[Vec<u32>],
    by_priority: &[usize],
    contributions: &mut [Contribution],
) -> Vec<Vec<bool>> {
    let hasher = hashbrown::DefaultHashBuilder::default();
    let key = |(f, r): Holder| {
        let p = &stores[f].posts;
        (
            account_maps[f][p.account[r as usize] as usize],
            p.id.get(r as usize),
        )
    };
    let total: usize = stores.iter().map(|s| s.posts.len()).sum();
    let mut table: HashTable<Holder> = HashTable::with_capacity(total);
    for &f in by_priority {
        for r in 0..stores[f].posts.len() as u32 {
            let k = key((f, r));
            let hash = hasher.hash_one(k);
            match table.find_mut(hash, |&h| key(h) == k) {
                Some(holder) => {
                    *holder = (f, r);
                    contributions[f].overrode.posts += 1;
                }
                None => {
                    table.insert_unique(hash, (f, r), |&h| hasher.hash_one(key(h)));
                }
            }
        }
    }
    winners_from(stores.iter().map(|s| s.posts.len()), table.iter().copied())
}

/// The same rule for rows with a plain key (daily, web, web totals). `keys(f)` lists file
/// `f`'s row keys in row order; `overrode` picks the counter to credit.
fn keyed_winners<K: std::hash::Hash + Eq>(
    by_priority: &[usize],
    contributions: &mut [Contribution],
    keys: impl Fn(usize) -> Vec<K>,
    overrode: impl Fn(&mut Contribution) -> &mut usize,
) -> Vec<Vec<bool>> {
    let mut lens = vec![0; contributions.len()];
    let mut table: HashMap<K, Holder> = HashMap::new();
    for &f in by_priority {
        let file_keys = keys(f);
        lens[f] = file_keys.len();
        for (r, k) in file_keys.into_iter().enumerate() {
            if table.insert(k, (f, r as u32)).is_some() {
                *overrode(&mut contributions[f]) += 1;
            }
        }
    }
    winners_from(lens.into_iter(), table.into_values())
}

fn winners_from(
    lens: impl Iterator<Item = usize>,
    holders: impl Iterator<Item = Holder>,
) -> Vec<Vec<bool>> {
    let mut keep: Vec<Vec<bool>> = lens.map(|n| vec![false; n]).collect();
    for (f, r) in holders {
        keep[f][r as usize] = true;
    }
    keep
}

fn push_post(out: &mut Posts, src: &Posts, row: usize, account: u32, tag_map: &[u32], source: u16) {
    out.account.push(account);
    out.published.push(src.published[row]);
    out.offset_min.push(src.offset_min[row]);
    out.format.push(src.format[row]);
    out.id.push(src.id.get(row));
    out.text.push(src.text.get(row));
    out.url.push(src.url.get(row));
    out.tag_ids
        .extend(src.tags(row).iter().map(|&t| tag_map[t as usize]));
    out.tag_offsets.push(out.tag_ids.len() as u32);
    for (to, from) in out.counts.iter_mut().zip(&src.counts) {
        to.push(from.get(row));
    }
    out.source.push(source);
}

fn merged_title(stores: &[Store]) -> Option<String> {
    let mut titles = stores.iter().filter_map(|s| s.title.as_deref());
    let first = titles.next()?;
    let others = titles.filter(|t| *t != first).count();
    Some(match others {
        0 => first.to_owned(),
        n => format!("{first} (+{n} more)"),
    })
}

fn offset_warnings(stores: &[Store], names: &[String]) -> Vec<Diagnostic> {
    let Some(first) = stores.first() else {
        return Vec::new();
    };
    let base = first.utc_offset_min;
    stores
        .iter()
        .zip(names)
        .filter(|(s, _)| s.utc_offset_min != base)
        .map(|(s, name)| {
            Diagnostic::new(
                Severity::Warning,
                name,
                None,
                "utc_offset".into(),
                crate::i18n::trf(
                    "loader.merge_offset",
                    &[
                        ("this", &format_offset(s.utc_offset_min)),
                        ("first", &names[0]),
                        ("base", &format_offset(base)),
                    ],
                ),
            )
        })
        .collect()
}

fn undated_warnings(stores: &[Store], names: &[String]) -> Vec<Diagnostic> {
    if stores.len() < 2 {
        return Vec::new();
    }
    stores
        .iter()
        .zip(names)
        .filter(|(s, _)| s.exported_at.is_none())
        .map(|(_, name)| {
            Diagnostic::new(
                Severity::Warning,
                name,
                None,
                "exported_at".into(),
                "no exported_at: where this file and another hold the same post or day, the other file's counts win (files with exported_at count as newer)".into(),
            )
        })
        .collect()
}
