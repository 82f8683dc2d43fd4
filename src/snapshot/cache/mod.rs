//! The snapshot cache: the store a valid snapshot file loaded into, kept in engage's cache
//! folder so that the next open of the same file reads columns back instead of parsing JSON.
//!
//! An entry is one file, `<hash of the canonical path>.store`, that holds a header (magic,
//! layout version, engage's version and build, the key, the payload's length and checksum, and a
//! checksum of the header itself) and the payload ([`codec`]): the store, the findings of the
//! load (its warnings come back with it) and the bytes read. The key is the source's canonical
//! path, size, modification time and a hash of its whole content ([`hash`], read at about
//! memory speed while the entry is read on another thread): a file edited in one byte with the
//! same size and time is a miss. An entry that is stale, truncated, from another version or
//! layout, or whose checksum fails is never used: the file is parsed and the entry replaced
//! (atomically, through [`crate::storage::write_atomic_with`]). The cache never makes a load
//! fail: an entry that cannot be written (no space, no folder) is left out silently and
//! `engage cache` says whether the folder can be written.
//!
//! Only valid loads of snapshot files of at least [`MIN_BYTES`] are kept (smaller ones parse
//! faster than an entry is checked); exports are always read afresh. The folder is capped
//! ([`DEFAULT_CAP`], or `ENGAGE_CACHE_MAX_MB`): after a write, the least recently used entries
//! go first.

mod codec;
pub mod hash;

use std::fs::{self, File};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::diagnostics::Findings;
use super::json::LoadControl;
use super::load::load_file;
use super::parse::split::{MIN_SPLIT_BYTES, SplitPlan};
use super::parse::{Cancelled, Parsed, parse_snapshot_split};
use super::store::Store;
use crate::folders::{Folders, NoHomeFolder};

/// Bumped whenever the payload or the header changes shape (or the store's meaning does).
pub const LAYOUT_VERSION: u32 = 2;

/// Files smaller than this are parsed every time: they parse in about 50 ms or less, which an
/// entry would save little of, and the bundled demo (4.7 MB) opened by path stays out.
pub const MIN_BYTES: u64 = 8 << 20;

/// The folder's size cap when `ENGAGE_CACHE_MAX_MB` does not say.
pub const DEFAULT_CAP: u64 = 2_000_000_000;

const MAGIC: &[u8; 8] = b"ENGAGE\x1aC";
const EXTENSION: &str = "store";
/// A canonical path longer than this is not cached (and a header claiming one is foreign).
const MAX_PATH: usize = 1 << 16;
/// Bytes read per piece when hashing a source file.
const READ_PIECE: usize = 1 << 20;

/// Where the cache lives and how big it may grow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    pub dir: PathBuf,
    /// Bytes the folder may hold.
    pub cap: u64,
}

impl Cache {
    /// The cache folder in force (`--home`, `ENGAGE_HOME`, `XDG_CACHE_HOME`, the platform's)
    /// and its cap (`ENGAGE_CACHE_MAX_MB`, else [`DEFAULT_CAP`]).
    pub fn resolve(home_flag: Option<&Path>) -> Result<Cache, NoHomeFolder> {
        let folders = Folders::resolve(home_flag)?;
        let cap = std::env::var("ENGAGE_CACHE_MAX_MB")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            // Megabytes as `engage cache` prints sizes (powers of 1,000).
            .map_or(DEFAULT_CAP, |mb| mb.saturating_mul(1_000_000));
        Ok(Cache {
            dir: folders.cache,
            cap,
        })
    }

    fn entry_path(&self, canonical: &Path) -> PathBuf {
        let id = hash::hash(canonical.as_os_str().as_encoded_bytes());
        self.dir.join(format!("{id:016x}.{EXTENSION}"))
    }

    /// The entries in the folder, with their sizes and last use, oldest first.
    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let Ok(list) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<(PathBuf, u64, SystemTime)> = list
            .filter_map(Result::ok)
            .filter(|e| {
                e.path().extension().is_some_and(|x| x == EXTENSION)
                    && e.file_type().is_ok_and(|t| t.is_file())
            })
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                Some((e.path(), m.len(), m.modified().unwrap_or(UNIX_EPOCH)))
            })
            .collect();
        out.sort_by_key(|(_, _, t)| *t);
        out
    }

    /// How many entries the folder holds and their bytes.
    pub fn usage(&self) -> (usize, u64) {
        let entries = self.entries();
        (entries.len(), entries.iter().map(|(_, n, _)| n).sum())
    }

    /// Removes every entry (and nothing else in the folder); returns how many and their bytes.
    pub fn clear(&self) -> io::Result<(usize, u64)> {
        let (mut n, mut bytes) = (0, 0);
        for (path, len, _) in self.entries() {
            match fs::remove_file(&path) {
                Ok(()) => {
                    n += 1;
                    bytes += len;
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok((n, bytes))
    }

    /// Whether an entry could be written now (the folder made if need be), or why not.
    pub fn writable(&self) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let probe = self.dir.join(format!(".probe-{}", std::process::id()));
        fs::write(&probe, b"")?;
        fs::remove_file(&probe)
    }

    /// Removes the least recently used entries until the folder fits the cap, never `keep`.
    fn evict(&self, keep: &Path) {
        let entries = self.entries();
        let mut total: u64 = entries.iter().map(|(_, n, _)| n).sum();
        for (path, len, _) in entries {
            if total <= self.cap {
                break;
            }
            if path != keep && fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }
}

/// What an entry is for: the source file as it was when it was parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    path: Vec<u8>,
    size: u64,
    mtime_secs: i64,
    mtime_nanos: u32,
    content: u64,
}

impl Key {
    /// The key of `path` without its content hash (0), from its metadata.
    fn of(canonical: &Path, meta: &fs::Metadata) -> Option<Key> {
        let (mtime_secs, mtime_nanos) = mtime(meta)?;
        let path = canonical.as_os_str().as_encoded_bytes().to_vec();
        (path.len() <= MAX_PATH).then_some(Key {
            path,
            size: meta.len(),
            mtime_secs,
            mtime_nanos,
            content: 0,
        })
    }
}

/// Which engage wrote an entry: its version and the size and time of its executable, so that
/// a rebuild (which may read files differently without a new version number, as during
/// development) never trusts what another build parsed.
fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(fs::metadata)
            .ok()
            .and_then(|m| Some((m.len(), mtime(&m)?)));
        match exe {
            Some((size, (secs, nanos))) => {
                format!("{} {size} {secs}.{nanos:09}", env!("CARGO_PKG_VERSION"))
            }
            None => env!("CARGO_PKG_VERSION").to_owned(),
        }
    })
}

/// A file's modification time as seconds and nanoseconds from the epoch.
fn mtime(meta: &fs::Metadata) -> Option<(i64, u32)> {
    match meta.modified().ok()?.duration_since(UNIX_EPOCH) {
        Ok(d) => Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos())),
        Err(e) => Some((
            -i64::try_from(e.duration().as_secs()).ok()?,
            e.duration().subsec_nanos(),
        )),
    }
}

/// The fixed part of an entry before its payload.
#[derive(Debug, PartialEq, Eq)]
struct Header {
    version: String,
    key: Key,
    payload_len: u64,
    payload_sum: u64,
}

impl Header {
    fn bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(96 + self.key.path.len());
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&LAYOUT_VERSION.to_le_bytes());
        b.extend_from_slice(&(self.version.len() as u16).to_le_bytes());
        b.extend_from_slice(self.version.as_bytes());
        b.extend_from_slice(&(self.key.path.len() as u32).to_le_bytes());
        b.extend_from_slice(&self.key.path);
        b.extend_from_slice(&self.key.size.to_le_bytes());
        b.extend_from_slice(&self.key.mtime_secs.to_le_bytes());
        b.extend_from_slice(&self.key.mtime_nanos.to_le_bytes());
        b.extend_from_slice(&self.key.content.to_le_bytes());
        b.extend_from_slice(&self.payload_len.to_le_bytes());
        b.extend_from_slice(&self.payload_sum.to_le_bytes());
        let sum = hash::hash(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Reads a header; `None` for anything but this layout and this version of engage.
    fn read(r: &mut impl Read) -> Option<(Header, u64)> {
        fn take<const N: usize>(r: &mut impl Read, seen: &mut Vec<u8>) -> Option<[u8; N]> {
            let mut b = [0u8; N];
            r.read_exact(&mut b).ok()?;
            seen.extend_from_slice(&b);
            Some(b)
        }
        fn take_vec(r: &mut impl Read, n: usize, seen: &mut Vec<u8>) -> Option<Vec<u8>> {
            let mut b = vec![0u8; n];
            r.read_exact(&mut b).ok()?;
            seen.extend_from_slice(&b);
            Some(b)
        }
        let mut seen = Vec::new();
        let s = &mut seen;
        if &take::<8>(r, s)? != MAGIC || u32::from_le_bytes(take(r, s)?) != LAYOUT_VERSION {
            return None;
        }
        let n = u16::from_le_bytes(take(r, s)?) as usize;
        let version = String::from_utf8(take_vec(r, n, s)?).ok()?;
        if version != build_id() {
            return None;
        }
        let n = u32::from_le_bytes(take(r, s)?) as usize;
        if n > MAX_PATH {
            return None;
        }
        let path = take_vec(r, n, s)?;
        let key = Key {
            path,
            size: u64::from_le_bytes(take(r, s)?),
            mtime_secs: i64::from_le_bytes(take(r, s)?),
            mtime_nanos: u32::from_le_bytes(take(r, s)?),
            content: u64::from_le_bytes(take(r, s)?),
        };
        let payload_len = u64::from_le_bytes(take(r, s)?);
        let payload_sum = u64::from_le_bytes(take(r, s)?);
        let expected = hash::hash(&seen);
        let mut sum = [0u8; 8];
        r.read_exact(&mut sum).ok()?;
        if u64::from_le_bytes(sum) != expected {
            return None;
        }
        let header_len = seen.len() as u64 + 8;
        let header = Header {
            version,
            key,
            payload_len,
            payload_sum,
        };
        Some((header, header_len))
    }
}

/// The whole content's hash of `path` and its length.
fn hash_file(path: &Path) -> io::Result<(u64, u64)> {
    let mut file = File::open(path)?;
    let mut hasher = hash::ContentHasher::new();
    let mut buf = vec![0u8; READ_PIECE];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hasher.finish(), total))
}

/// Moves a hashing reader `n` bytes on, through the hash: the whole blocks the second
/// thread hashed as it parsed them (`blocks`) are taken in and sought past, and only the
/// bytes before and after them are read again.
fn read_past(
    reading: &mut &mut Hashing<File>,
    n: u64,
    blocks: Option<&hash::BlockHashes>,
) -> io::Result<()> {
    let end = reading.read + n;
    let Some(blocks) = blocks else {
        return read_through(reading, n);
    };
    // The second thread's blocks from the first that starts where this reader is or after,
    // to the last that ends by `end` (it may have read ahead past it).
    let first = blocks.first.max(reading.read.div_ceil(hash::BLOCK));
    let last = (blocks.first + blocks.hashes.len() as u64).min(end / hash::BLOCK);
    if first < last {
        let from = first * hash::BLOCK;
        read_through(reading, from - reading.read)?;
        let taken = &blocks.hashes[(first - blocks.first) as usize..(last - blocks.first) as usize];
        if reading.hasher.take_blocks(taken) {
            #[cfg(test)]
            tests::BLOCKS_TAKEN.with(|t| t.set(t.get() + taken.len()));
            let to = last * hash::BLOCK;
            reading.inner.seek(SeekFrom::Start(to))?;
            reading.read = to;
        }
    }
    read_through(reading, end - reading.read)
}

/// Reads `n` bytes of a hashing reader and drops them (they are hashed on the way).
fn read_through<R: Read>(reading: &mut Hashing<R>, n: u64) -> io::Result<()> {
    // Large reads: a few hundred system calls for a few hundred megabytes.
    let mut buf = vec![0u8; (1 << 20).min(usize::try_from(n).unwrap_or(usize::MAX))];
    let mut left = n;
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        match reading.read(&mut buf[..want]) {
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
            Ok(got) => left -= got as u64,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A reader that hashes what passes through it, so the parse gives the content's key.
struct Hashing<R> {
    inner: R,
    hasher: hash::ContentHasher,
    read: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// The entry for `key`, if there is one that holds exactly it, read and checked: the
/// header's key (without the content), the entry's length, the payload's checksum and the
/// source's content hash (computed on a second thread meanwhile).
fn lookup(entry: &Path, source: &Path, key: &Key) -> Option<(Store, Findings, u64)> {
    let file = File::open(entry).ok()?;
    let entry_len = file.metadata().ok()?.len();
    let mut r = BufReader::with_capacity(1 << 16, file);
    let (header, header_len) = Header::read(&mut r)?;
    let same_file = Key {
        content: key.content,
        ..header.key.clone()
    } == *key;
    if !same_file || header_len.checked_add(header.payload_len) != Some(entry_len) {
        return None;
    }
    let (read, content) = std::thread::scope(|s| {
        let hashing = s.spawn(|| hash_file(source));
        let mut input = codec::In::new(&mut r, header.payload_len);
        let read = input
            .payload()
            .and_then(|p| input.finish().map(|sum| (p, sum)));
        (read, hashing.join())
    });
    let (payload, sum) = read.ok()?;
    let (content, len) = content.ok()?.ok()?;
    (sum == header.payload_sum && content == header.key.content && len == key.size)
        .then_some(payload)
}

/// Writes the entry for `key` (atomically: a reader sees the old entry or the new one).
fn store_entry(
    cache: &Cache,
    entry: &Path,
    key: Key,
    store: &Store,
    findings: &Findings,
    bytes: u64,
) -> io::Result<()> {
    fs::create_dir_all(&cache.dir)?;
    let mut header = Header {
        version: build_id().to_owned(),
        key,
        payload_len: 0,
        payload_sum: 0,
    };
    // Not flushed to the disk: a torn entry fails its checksums and is parsed again.
    crate::storage::write_atomic_unsynced(entry, |out| {
        // The header's length does not depend on the figures filled in at the end.
        out.write_all(&header.bytes())?;
        let mut payload = codec::Out::new(&mut *out);
        payload.payload(store, findings, bytes)?;
        let (_, len, sum) = payload.finish();
        header.payload_len = len;
        header.payload_sum = sum;
        out.seek(SeekFrom::Start(0))?;
        out.write_all(&header.bytes())?;
        out.seek(SeekFrom::End(0)).map(|_| ())
    })?;
    cache.evict(entry);
    Ok(())
}

/// Loads one snapshot file through the cache: its entry when one holds this very file,
/// else a parse whose valid result is kept for next time. With no cache, [`load_file`].
pub fn load_file_cached(
    path: &Path,
    cache: Option<&Cache>,
    control: &LoadControl,
) -> Result<Parsed, Cancelled> {
    let (parsed, pending) = load_cached_with(path, cache, control, MIN_SPLIT_BYTES)?;
    if let (Some(pending), Some(store)) = (pending, parsed.store.as_ref()) {
        pending.write(store);
    }
    Ok(parsed)
}

/// As [`load_file_cached`], with the new entry (when there is one to write) left to the
/// caller: the app shows the data first and writes the entry beside it.
pub fn load_file_deferred(
    path: &Path,
    cache: Option<&Cache>,
    control: &LoadControl,
) -> Result<(Parsed, Option<PendingEntry>), Cancelled> {
    load_cached_with(path, cache, control, MIN_SPLIT_BYTES)
}

/// A cache entry to write for a store just parsed: [`PendingEntry::write`] with that store.
#[derive(Debug)]
pub struct PendingEntry {
    cache: Cache,
    entry: PathBuf,
    key: Key,
    findings: Findings,
    bytes: u64,
}

impl PendingEntry {
    /// Writes the entry for `store` (the one parsed with it). A cache that cannot be written
    /// costs the next open a parse, nothing more.
    pub fn write(self, store: &Store) {
        let _ = store_entry(
            &self.cache,
            &self.entry,
            self.key,
            store,
            &self.findings,
            self.bytes,
        );
    }
}

/// [`load_file_deferred`], parsing in two halves from `min_split` bytes of posts on.
fn load_cached_with(
    path: &Path,
    cache: Option<&Cache>,
    control: &LoadControl,
    min_split: u64,
) -> Result<(Parsed, Option<PendingEntry>), Cancelled> {
    let done = |parsed: Result<Parsed, Cancelled>| parsed.map(|p| (p, None));
    let Some(cache) = cache else {
        return done(load_file(path, control));
    };
    let meta = match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() >= MIN_BYTES => m,
        _ => return done(load_file(path, control)),
    };
    let Some((entry, key)) = fs::canonicalize(path)
        .ok()
        .and_then(|c| Some((cache.entry_path(&c), Key::of(&c, &meta)?)))
    else {
        return done(load_file(path, control));
    };
    let name = path.display().to_string();
    if control.cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(Cancelled);
    }
    if let Some((store, findings, bytes)) = lookup(&entry, path, &key) {
        control
            .bytes_read
            .store(bytes, std::sync::atomic::Ordering::Relaxed);
        // The last use orders eviction.
        if let Ok(f) = File::options().append(true).open(&entry) {
            let _ = f.set_modified(SystemTime::now());
        }
        return Ok((
            named(
                Parsed {
                    store: Some(store),
                    findings,
                    bytes,
                },
                &name,
            ),
            None,
        ));
    }
    let Ok(file) = File::open(path) else {
        return done(load_file(path, control));
    };
    let mut reading = Hashing {
        inner: file,
        hasher: hash::ContentHasher::new(),
        read: 0,
    };
    // A big file's second half is parsed on a second thread; this one then reads past it,
    // through the hash, which needs every byte in order.
    let plan = SplitPlan {
        min_bytes: min_split,
        hash_blocks: true,
        ..SplitPlan::new(path, meta.len(), read_past)
    };
    let parsed = parse_snapshot_split(&mut reading, &name, control.clone(), plan)?;
    // Whatever the parser left unread (nothing, for a valid file) is still the content.
    let _ = io::copy(&mut reading, &mut io::sink());
    if parsed.store.is_none() || !parsed.findings.is_valid() {
        return Ok((parsed, None));
    }
    // A file that changed while it was read gets no entry: its hash is of neither version.
    let unchanged = fs::metadata(path).ok().is_some_and(|m| {
        m.len() == key.size && mtime(&m) == Some((key.mtime_secs, key.mtime_nanos))
    });
    let pending = (unchanged && reading.read == key.size).then(|| PendingEntry {
        cache: cache.clone(),
        entry,
        key: Key {
            content: reading.hasher.finish(),
            ..key
        },
        findings: parsed.findings.clone(),
        bytes: parsed.bytes,
    });
    Ok((parsed, pending))
}

/// A parse result as if the file had been opened under `name` (the same file may be named
/// differently from one open to the next: `a.json`, `./a.json`).
fn named(mut parsed: Parsed, name: &str) -> Parsed {
    if let Some(store) = parsed.store.as_mut() {
        for s in &mut store.sources {
            s.name = name.to_owned();
        }
    }
    let f = &mut parsed.findings;
    for d in f.errors.iter_mut().chain(f.warnings.iter_mut()) {
        d.file = name.to_owned();
    }
    parsed
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A demo snapshot in `dir` big enough to be cached (24,000 posts, about 9 MB), and an
    /// empty cache beside it.
    pub(crate) fn cacheable_demo(dir: &Path) -> (PathBuf, Cache) {
        let path = dir.join("big.json");
        let spec = crate::demo::DemoSpec {
            posts: 24_000,
            days: 400,
            ..Default::default()
        };
        crate::storage::write_atomic_with(&path, |w| crate::demo::write_demo(&spec, w)).unwrap();
        assert!(
            fs::metadata(&path).unwrap().len() >= MIN_BYTES,
            "big enough to cache"
        );
        let cache = Cache {
            dir: dir.join("cache"),
            cap: 1 << 30,
        };
        (path, cache)
    }

    thread_local! {
        /// Whole blocks of a second half's bytes whose hashes the first thread took in.
        pub(crate) static BLOCKS_TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// A file parsed in two halves gets an entry whose content hash is the whole file's (the
    /// first thread takes the hashes of the whole blocks the second read, and reads the rest
    /// through the hash), so the next open uses it.
    #[test]
    fn a_file_parsed_in_halves_is_cached_and_reopened() {
        let dir = tempfile::tempdir().unwrap();
        let (path, cache) = cacheable_demo(dir.path());
        let control = LoadControl::default();
        let before = crate::snapshot::parse::split::tests::TAKEN.with(std::cell::Cell::get);
        let blocks_before = BLOCKS_TAKEN.with(std::cell::Cell::get);
        let (first, pending) = load_cached_with(&path, Some(&cache), &control, 0).unwrap();
        pending
            .expect("an entry to write")
            .write(first.store.as_ref().unwrap());
        assert!(
            crate::snapshot::parse::split::tests::TAKEN.with(std::cell::Cell::get) > before,
            "the posts were parsed in two halves"
        );
        assert!(
            BLOCKS_TAKEN.with(std::cell::Cell::get) > blocks_before,
            "the second half's whole blocks were hashed by the second thread"
        );
        let canonical = fs::canonicalize(&path).unwrap();
        let key = Key::of(&canonical, &fs::metadata(&path).unwrap()).unwrap();
        let (cached, findings, _) =
            lookup(&cache.entry_path(&canonical), &path, &key).expect("the entry is used");
        let written = |s: &Store| {
            let mut out = Vec::new();
            crate::snapshot::write::write_snapshot(s, &mut out).unwrap();
            out
        };
        assert!(written(&cached) == written(first.store.as_ref().unwrap()));
        assert_eq!(findings, first.findings);
    }
}
