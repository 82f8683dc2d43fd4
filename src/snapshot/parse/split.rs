//! Two cores for one big file: while this thread parses the first half of the `posts` array,
//! a second thread parses the second half from its own handle on the file, into a parser of
//! its own; this thread then takes its rows, names and messages in, as if it had read them.
//!
//! The second half starts at a guess: the first line after the middle of the rest of the
//! file that starts with `{`. The guess is only used when this thread, parsing on, reaches a
//! post record at exactly that byte: then the second thread parsed the very bytes this one
//! would have, from the same state, so its result is the one this thread would have built
//! (lines, paths and row numbers are shifted once this thread knows where the half began;
//! duplicate ids are looked for once every post is read, as always). Anything else (the guess fell inside a
//! string, a nested value or another array, the second half met a syntax error, the file is
//! one long line) and the second thread's work is dropped and this one parses on alone:
//! every error, its position and its order stay exactly those of a one-thread parse.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use super::duplicates::IdAt;
use super::{Parser, Unknown, Where};
use crate::snapshot::cache::hash::BlockHashes;
use crate::snapshot::json::{JsonReader, LoadControl, Pos};

/// The rest of a file must be at least this long for a second thread to pay off.
pub const MIN_SPLIT_BYTES: u64 = 16 * 1024 * 1024;

/// How far past the middle the second half's start is looked for.
const ALIGN_WINDOW: usize = 1024 * 1024;

/// A file that may be parsed in two halves.
pub(crate) struct SplitPlan<S> {
    pub path: PathBuf,
    pub size: u64,
    /// Below this many bytes left at the `posts` array, one thread parses it all.
    pub min_bytes: u64,
    /// Where the second half is guessed to start, as a share of what is left (0.5: half).
    pub at: f64,
    /// Moves the first thread's source past the second half's bytes (a seek for a file),
    /// given the hashes of the whole blocks the second thread read (see `hash_blocks`).
    pub skip: Skip<S>,
    /// Whether the second thread hashes the whole blocks it reads (for a source that hashes
    /// what it reads, the cache's: it then takes those instead of reading them again).
    pub hash_blocks: bool,
}

/// How the first thread's source moves past `n` bytes the second thread parsed.
pub(crate) type Skip<S> = fn(&mut S, u64, Option<&BlockHashes>) -> io::Result<()>;

impl<S> SplitPlan<S> {
    /// The plan for the file at `path` of `size` bytes, read through a source that `skip`
    /// moves forward: halves from [`MIN_SPLIT_BYTES`] on, guessed at the middle.
    pub fn new(path: &std::path::Path, size: u64, skip: Skip<S>) -> Self {
        SplitPlan {
            path: path.to_owned(),
            size,
            min_bytes: MIN_SPLIT_BYTES,
            at: 0.5,
            skip,
            hash_blocks: false,
        }
    }
}

/// Seeks a file forward.
pub(crate) fn skip_file(f: &mut File, n: u64, _: Option<&BlockHashes>) -> io::Result<()> {
    let n = i64::try_from(n).map_err(|_| io::Error::other("skip too long"))?;
    f.seek(SeekFrom::Current(n)).map(|_| ())
}

/// The second half, being parsed.
pub(super) struct Half {
    /// The byte its first record starts at.
    pub start: u64,
    handle: Option<JoinHandle<Option<Parsed2>>>,
    abandon: Arc<AtomicBool>,
}

/// What the second thread parsed: its parser (rows, names, messages), the line its first
/// record started on by its own count, and where the array ended.
pub(super) struct Parsed2 {
    pub parser: Parser<HalfSource>,
    pub first_line: u32,
    /// The offset just after the array's `]`, its line and that line's start.
    pub end: u64,
    pub end_line: u32,
    pub end_line_start: u64,
}

/// The second thread's file, and the hashes of the whole blocks read from it when asked.
pub(crate) struct HalfSource {
    file: File,
    blocks: Option<BlockHashes>,
}

impl Read for HalfSource {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read(buf)?;
        if let Some(b) = &mut self.blocks {
            b.update(&buf[..n]);
        }
        Ok(n)
    }
}

impl Parsed2 {
    /// The hashes of the whole blocks the second thread read, when it was asked to.
    pub fn blocks(&mut self) -> Option<BlockHashes> {
        self.parser.r.source_mut().blocks.take()
    }
}

impl Drop for Half {
    fn drop(&mut self) {
        // A half nobody will take in stops at its next record.
        self.abandon.store(true, Ordering::Relaxed);
    }
}

impl Half {
    /// Starts the second half of the `posts` array whose first record is at or after
    /// `here`, or `None` when the file is too short or no start is found.
    pub fn spawn<S>(
        plan: &SplitPlan<S>,
        here: u64,
        name: &str,
        control: &LoadControl,
    ) -> Option<Half> {
        let rest = plan.size.checked_sub(here)?;
        if rest < plan.min_bytes {
            return None;
        }
        let guess = here + (rest as f64 * plan.at.clamp(0.0, 1.0)) as u64;
        let (line_start, start) = align(&plan.path, guess).ok()??;
        let abandon = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&abandon);
        let (path, name, control) = (plan.path.clone(), name.to_owned(), control.clone());
        let blocks = plan.hash_blocks.then(|| BlockHashes::from(line_start));
        let handle = std::thread::Builder::new()
            .name("engage-parse".into())
            // A bug met in the second half drops it, as a failed half is: this thread then
            // parses the same bytes (and meets the bug itself, if it is one).
            .spawn(move || {
                crate::panics::catch(|| {
                    second_half(path, &name, control, line_start, start, blocks, &stop)
                })
                .ok()
                .flatten()
            })
            .ok()?;
        Some(Half {
            start,
            handle: Some(handle),
            abandon,
        })
    }

    /// Its result, once it ends; `None` when it failed (and was dropped).
    pub fn join(mut self) -> Option<Parsed2> {
        let done = self.handle.take()?.join().ok().flatten();
        #[cfg(test)]
        if done.is_some() {
            tests::TAKEN.with(|t| t.set(t.get() + 1));
        }
        done
    }
}

/// The first line at or after `guess` that starts (after blanks) with `{`: that line's
/// start and the `{`'s offset. A raw line feed never occurs inside a JSON string, so a line
/// start is outside every string; whether it is a post record is for the first thread to
/// confirm.
fn align(path: &PathBuf, guess: u64) -> io::Result<Option<(u64, u64)>> {
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(guess))?;
    let mut buf = Vec::with_capacity(ALIGN_WINDOW);
    f.take(ALIGN_WINDOW as u64).read_to_end(&mut buf)?;
    let mut i = 0;
    while let Some(nl) = buf[i..].iter().position(|&b| b == b'\n') {
        let line = i + nl + 1;
        let first = buf[line..]
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\r'));
        match first {
            Some(k) if buf[line + k] == b'{' => {
                return Ok(Some((guess + line as u64, guess + (line + k) as u64)));
            }
            Some(_) => i = line,
            None => return Ok(None),
        }
    }
    Ok(None)
}

/// Parses post records from the line at `line_start` (its first record at `start`) to the
/// end of the array. `None` when it fails,
/// is abandoned, or its first record already has an error (then the start was most likely
/// not a post record, and the first thread will see).
fn second_half(
    path: PathBuf,
    name: &str,
    control: LoadControl,
    line_start: u64,
    start: u64,
    blocks: Option<BlockHashes>,
    abandon: &AtomicBool,
) -> Option<Parsed2> {
    let mut file = File::open(&path).ok()?;
    file.seek(SeekFrom::Start(line_start)).ok()?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let source = HalfSource { file, blocks };
    let mut p = Parser::with_reader(JsonReader::new_at(source, control, line_start), name);
    p.reserve_for(size.saturating_sub(line_start));
    let mut first = true;
    let mut i = 0usize;
    let mut first_line = 0;
    while p.r.next_item(&mut first).ok()? {
        if abandon.load(Ordering::Relaxed) {
            return None;
        }
        if i == 0 {
            if p.r.offset() != start {
                return None;
            }
            first_line = p.r.pos().line;
        }
        p.at = Where::Record("posts", i);
        p.post(i).ok()?;
        if i == 0 && p.sink.error_count() > 0 {
            return None;
        }
        i += 1;
    }
    let end = p.r.offset();
    let (end_line, end_line_start) = p.r.line_state();
    Some(Parsed2 {
        parser: p,
        first_line,
        end,
        end_line,
        end_line_start,
    })
}

impl<S: Read> Parser<S> {
    /// Takes in the second half parsed on another thread, whose first record is record
    /// `base` of the array and starts on line `line` of the file; where the half ended (the
    /// offset after the array's `]`, its line in the file, that line's start).
    pub(super) fn absorb(&mut self, half: Parsed2, base: usize, line: u32) -> (u64, u32, u64) {
        let delta = i64::from(line) - i64::from(half.first_line);
        let fix_line = move |l: u32| u32::try_from(i64::from(l) + delta).unwrap_or(u32::MAX);
        let fix_pos = move |p: Pos| Pos {
            line: fix_line(p.line),
            column: p.column,
        };
        let fix_path = move |path: &str| shift_index(path, base);
        let end = (half.end, fix_line(half.end_line), half.end_line_start);
        let part = half.parser;
        // Account references, in the order the part met them (as one pass would number them).
        let mut accounts = Vec::with_capacity(part.refs.ids.len());
        for (b, name) in part.refs.ids.names().iter().enumerate() {
            let a = self.refs.provisional(name) as usize;
            if self.refs.first_ref[a].is_none()
                && let Some((pos, path)) = &part.refs.first_ref[b]
            {
                self.refs.first_ref[a] = Some((fix_pos(*pos), fix_path(path)));
            }
            self.refs.ref_count[a] += part.refs.ref_count[b];
            accounts.push(a as u32);
        }
        let tags: Vec<u32> = part
            .store
            .tags
            .names()
            .iter()
            .map(|t| self.store.tags.intern(t))
            .collect();
        let first_row = self.store.posts.len();
        self.store
            .posts
            .append_part(part.store.posts, &accounts, &tags);
        self.post_lines
            .extend(part.post_lines.iter().map(|&l| fix_line(l)));
        self.sink.absorb(part.sink, |d| {
            d.line = d.line.map(fix_line);
            d.path = fix_path(&d.path);
        });
        for (key, u) in part.unknown {
            self.unknown
                .entry(key)
                .and_modify(|mine| mine.count += u.count)
                .or_insert(Unknown {
                    count: u.count,
                    pos: fix_pos(u.pos),
                    path: fix_path(&u.path),
                });
        }
        // Their ids, for the duplicate check once every post is read.
        self.ids_at.extend(part.ids_at.iter().map(|d| IdAt {
            row: d.row + first_row as u32,
            index: d.index + base as u32,
            at: fix_pos(d.at),
        }));
        end
    }
}

/// `posts[k]…` as `posts[k + base]…`; other paths as they are.
fn shift_index(path: &str, base: usize) -> String {
    let Some(rest) = path.strip_prefix("posts[") else {
        return path.to_owned();
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[..digits].parse::<usize>() {
        Ok(k) if rest[digits..].starts_with(']') => {
            format!("posts[{}{}", k + base, &rest[digits..])
        }
        _ => path.to_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::snapshot::parse::{Parsed, parse_snapshot, parse_snapshot_split};
    use std::cell::Cell;

    thread_local! {
        /// Second halves taken in on this thread.
        pub static TAKEN: Cell<usize> = const { Cell::new(0) };
    }

    /// The file parsed by one thread and in two halves guessed at `at`: the same store and
    /// the same messages, in the same order; whether the second half was taken in.
    fn both_ways(text: &str, at: f64) -> bool {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, text).unwrap();
        let one: Parsed =
            parse_snapshot(text.as_bytes(), "s.json", LoadControl::default()).unwrap();
        let before = TAKEN.with(Cell::get);
        let plan = SplitPlan {
            min_bytes: 0,
            at,
            ..SplitPlan::new(&path, text.len() as u64, skip_file)
        };
        let file = File::open(&path).unwrap();
        let two = parse_snapshot_split(file, "s.json", LoadControl::default(), plan).unwrap();
        assert_eq!(two.findings, one.findings, "at {at}");
        // The stores, written out (a map's order inside an interner is its own business).
        let written = |p: &Parsed| {
            p.store.as_ref().map(|s| {
                let mut out = Vec::new();
                crate::snapshot::write::write_snapshot(s, &mut out).unwrap();
                (out, s.posts.day.clone(), s.tags.names().to_vec())
            })
        };
        assert!(written(&two) == written(&one), "at {at}: the stores differ");
        assert_eq!(two.bytes, one.bytes, "at {at}");
        TAKEN.with(Cell::get) > before
    }

    const HEAD: &str = "{\"format\": \"engage-snapshot\", \"version\": 1, \"utc_offset\": \"+07:00\",\n\"accounts\": [{\"id\": \"ig\", \"platform\": \"instagram\"}, {\"id\": \"x\", \"platform\": \"x\"}],\n\"posts\": [\n";

    fn post(i: usize, extra: &str) -> String {
        format!(
            "  {{\"id\": \"p{i}\", \"account\": \"{}\", \"published_at\": \"2026-10-{:02}T10:00:00+07:00\", \"format\": \"photo\", \"tags\": [\"t{}\"], \"likes\": {}{extra}}}",
            if i.is_multiple_of(3) { "x" } else { "ig" },
            1 + i % 28,
            i % 50,
            i * 7 % 1000
        )
    }

    fn file(posts: &[String], tail: &str) -> String {
        format!("{HEAD}{}\n]{tail}}}\n", posts.join(",\n"))
    }

    #[test]
    fn two_halves_build_what_one_thread_builds() {
        let posts: Vec<String> = (0..2_000).map(|i| post(i, "")).collect();
        let text = file(&posts, "");
        for at in [0.05, 0.3, 0.5, 0.77, 0.98] {
            assert!(
                both_ways(&text, at),
                "at {at}: the second half was taken in"
            );
        }
    }

    /// Errors and warnings in both halves (over the caps), duplicate ids across and within
    /// the second half, an account and tags first met in the second half, unknown fields in
    /// both: the messages, their positions and paths, and their order are one thread's.
    #[test]
    fn the_messages_of_two_halves_are_one_threads() {
        let posts: Vec<String> = (0..3_000)
            .map(|i| match i % 97 {
                0 => post(i, ", \"likes\": -1"),
                1 => post(i, ", \"colour\": \"red\""),
                2 => post(i % 500, ""),
                3 => post(i, "").replace("\"ig\"", "\"tt\""),
                4 => post(i, ", \"Shares\": 3").replace("\"t", "\"new"),
                5 => post(i, "").replace("\"format\": \"photo\", ", ""),
                _ => post(i, ""),
            })
            .collect();
        let text = file(&posts, "");
        let mut taken = 0;
        for at in [0.2, 0.5, 0.8] {
            taken += usize::from(both_ways(&text, at));
        }
        assert_eq!(taken, 3);
        let one = parse_snapshot(text.as_bytes(), "s.json", LoadControl::default()).unwrap();
        assert!(one.findings.errors_omitted > 0, "over the cap");
        assert!(
            one.findings
                .errors
                .iter()
                .any(|d| d.message.contains("has the same id")),
            "{:?}",
            one.findings.errors
        );
    }

    /// When the guess is no post record, or the second half cannot be read to its end, one
    /// thread parses it all, with the same result.
    #[test]
    fn a_wrong_guess_or_a_broken_second_half_falls_back_to_one_thread() {
        let posts: Vec<String> = (0..1_000).map(|i| post(i, "")).collect();
        // A syntax error late in the file.
        let mut broken = posts.clone();
        broken[900] = broken[900].replace("\"likes\"", "\"likes\" 3, \"x\"");
        assert!(!both_ways(&file(&broken, ""), 0.5));
        // A long daily section after the posts: a guess there is no post.
        let daily: Vec<String> = (0..3_000)
            .map(|i| {
                format!(
                    "  {{\"account\": \"ig\", \"date\": \"2026-{:02}-{:02}\", \"followers\": {i}}}",
                    1 + i / 28 % 12,
                    1 + i % 28
                )
            })
            .collect();
        let tail = format!(",\n\"daily\": [\n{}\n]", daily.join(",\n"));
        assert!(!both_ways(&file(&posts, &tail), 0.9));
        // A line starting with `{` inside a record's unknown nested value.
        let nested: Vec<String> = (0..1_000)
            .map(|i| post(i, ", \"extra\": [\n{\"a\": 1}\n]"))
            .collect();
        for at in [0.31, 0.5, 0.73] {
            both_ways(&file(&nested, ""), at);
        }
        // One long line: no line to start at.
        let flat = file(&posts, "").replace('\n', " ");
        assert!(!both_ways(&flat, 0.5));
        // Windows line ends, and records spread over several lines.
        let crlf = file(&posts, "").replace('\n', "\r\n");
        assert!(both_ways(&crlf, 0.5));
        let tall = file(&posts, "").replace(", \"", ",\n    \"");
        assert!(both_ways(&tall, 0.5));
    }

    #[test]
    fn paths_move_by_the_first_half() {
        assert_eq!(shift_index("posts[3].tags[1]", 10), "posts[13].tags[1]");
        assert_eq!(shift_index("posts[0]", 7), "posts[7]");
        assert_eq!(shift_index("posts", 7), "posts");
        assert_eq!(shift_index("daily[2]", 7), "daily[2]");
    }
}
