//! Duplicate post ids (a post whose account already used its id), found once every post is
//! read rather than post by post: one hash table of a million keys, probed at random while
//! parsing, kept the parser's other data out of the processor's caches. Here the keys are
//! hashed in one pass, spread into parts by their hash, and each part, small enough to stay in
//! cache, is checked on its own, on two threads for a big file. The result is the one a
//! check in file order gives: each duplicate names the first post with its key.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::Parser;
use crate::i18n::trf;
use crate::snapshot::json::{Pos, quote_preview};

/// A post whose id and account were both read: its row, its index in its array (for the
/// path) and where its id is.
#[derive(Clone, Copy, Debug)]
pub(super) struct IdAt {
    pub row: u32,
    pub index: u32,
    pub at: Pos,
}

/// Below this many posts one thread checks them all.
const PARALLEL_FROM: usize = 100_000;
/// Parts the keys are spread into (by the hash's top bits).
const PART_BITS: u32 = 6;

impl<S> Parser<S> {
    /// Reports every post whose (account, id) an earlier post already had, in file order.
    pub(super) fn report_duplicate_posts(&mut self) {
        let found = self.duplicate_posts();
        for (k, other) in found {
            let IdAt { row, index, at } = self.ids_at[k];
            let posts = &self.store.posts;
            let id = quote_preview(posts.id.get(row as usize));
            let acc = quote_preview(self.refs.ids.name(posts.account[row as usize]));
            let line = self.post_lines[other as usize];
            self.sink.error(
                Some(at),
                || format!("posts[{index}].id"),
                || {
                    trf(
                        "loader.duplicate_post",
                        &[
                            ("id", &id),
                            ("account", &acc),
                            ("other", &other),
                            ("line", &line),
                        ],
                    )
                },
            );
        }
    }

    /// (index into `ids_at`, the first row with the same key) of each duplicate, in order.
    fn duplicate_posts(&self) -> Vec<(usize, u32)> {
        let posts = &self.store.posts;
        let ids = &self.ids_at;
        let key = |k: usize| {
            let row = ids[k].row as usize;
            (posts.account[row], posts.id.get(row))
        };
        let hasher = &self.hasher;
        let hash = |k: usize| hasher.hash_one(key(k));
        if ids.len() < PARALLEL_FROM {
            let all: Vec<(u64, u32)> = (0..ids.len()).map(|k| (hash(k), k as u32)).collect();
            return check_part(&all, &key, ids);
        }
        // The hashes, on two threads.
        let half = ids.len() / 2;
        let hashes: Vec<u64> = std::thread::scope(|s| {
            let second = s.spawn(|| (half..ids.len()).map(hash).collect::<Vec<u64>>());
            let mut first: Vec<u64> = (0..half).map(hash).collect();
            match second.join() {
                Ok(rest) => first.extend(rest),
                Err(e) => std::panic::resume_unwind(e),
            }
            first
        });
        // Spread into parts by the top bits, each part in file order, with its hashes.
        let parts = 1usize << PART_BITS;
        let part_of = |h: u64| (h >> (64 - PART_BITS)) as usize;
        let mut starts = vec![0usize; parts + 1];
        for &h in &hashes {
            starts[part_of(h) + 1] += 1;
        }
        for p in 0..parts {
            starts[p + 1] += starts[p];
        }
        let mut next = starts.clone();
        let mut spread = vec![(0u64, 0u32); ids.len()];
        for (k, &h) in hashes.iter().enumerate() {
            let p = part_of(h);
            spread[next[p]] = (h, k as u32);
            next[p] += 1;
        }
        drop(hashes);
        let check = |range: std::ops::Range<usize>| {
            let mut found = Vec::new();
            for p in range {
                found.extend(check_part(&spread[starts[p]..starts[p + 1]], &key, ids));
            }
            found
        };
        let mut found = std::thread::scope(|s| {
            let second = s.spawn(|| check(parts / 2..parts));
            let mut first = check(0..parts / 2);
            match second.join() {
                Ok(rest) => first.extend(rest),
                Err(e) => std::panic::resume_unwind(e),
            }
            first
        });
        found.sort_unstable();
        found
    }
}

/// The duplicates among `members` ((hash, index into `ids`), in file order): each with the
/// first row of its key. Keys are compared only when their hashes meet.
fn check_part<'a>(
    members: &[(u64, u32)],
    key: &dyn Fn(usize) -> (u32, &'a str),
    ids: &[IdAt],
) -> Vec<(usize, u32)> {
    let mut table: HashTable<(u64, u32)> = HashTable::with_capacity(members.len());
    let mut found = Vec::new();
    for &(h, k) in members {
        let k = k as usize;
        match table.find(h, |&(oh, o)| oh == h && key(o as usize) == key(k)) {
            Some(&(_, first)) => found.push((k, ids[first as usize].row)),
            None => {
                table.insert_unique(h, (h, k as u32), |&(oh, _)| oh);
            }
        }
    }
    found
}
