//! The snapshot cache's trust rules, from the outside: the real binary with its own
//! `ENGAGE_HOME`, a generated snapshot big enough to be cached, and entries damaged or forged
//! by hand. A forged entry carries a changed title, so trusting it would show in the output.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use assert_cmd::cargo::CommandCargoExt;
use engage::demo::{DemoSpec, write_demo};
use engage::snapshot::cache::hash::hash;

const TITLE: &str = "Kabar Kini";

/// A snapshot of about 12 MB (over the cache's 8 MiB floor) whose `exported_at` comes before
/// its last posts, so that its load has a warning to carry through the cache.
fn snapshot_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut out = Vec::new();
        let spec = DemoSpec {
            posts: 25_000,
            days: 120,
            ..DemoSpec::default()
        };
        write_demo(&spec, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let at = text.find("\"exported_at\"").unwrap();
        let value = at + text[at..].find(": \"").unwrap() + 3;
        let mut text = text.into_bytes();
        // Two weeks earlier, the same length: the last posts are now "after the export".
        text[value..value + 10].copy_from_slice(b"2026-10-17");
        assert!(text.len() as u64 > engage::snapshot::cache::MIN_BYTES);
        text
    })
}

struct Setup {
    _dir: tempfile::TempDir,
    home: PathBuf,
    file: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("snap.json");
    std::fs::write(&file, snapshot_bytes()).unwrap();
    Setup {
        home,
        file,
        _dir: dir,
    }
}

impl Setup {
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("engage").unwrap();
        c.env("ENGAGE_HOME", &self.home)
            .env_remove("ENGAGE_CACHE_MAX_MB")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        c
    }

    /// `engage ARGS FILE`: its standard output; it must succeed with nothing on stderr.
    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).arg(&self.file).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn summary(&self) -> String {
        self.run(&["summary", "--json"])
    }

    fn cache_dir(&self) -> PathBuf {
        self.home.join("cache")
    }

    fn entries(&self) -> Vec<PathBuf> {
        let Ok(list) = std::fs::read_dir(self.cache_dir()) else {
            return Vec::new();
        };
        list.map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "store"))
            .collect()
    }

    fn entry(&self) -> PathBuf {
        let entries = self.entries();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries[0].clone()
    }
}

/// The lengths of an entry's parts: (header without its checksum, whole header).
fn header_len(bytes: &[u8]) -> (usize, usize) {
    let version = u16::from_le_bytes([bytes[12], bytes[13]]) as usize;
    let path_at = 14 + version;
    let path = u32::from_le_bytes(bytes[path_at..path_at + 4].try_into().unwrap()) as usize;
    let before_sum = path_at + 4 + path + 44;
    (before_sum, before_sum + 8)
}

/// Rewrites an entry as engage would have, with `edit` applied to the header fields and the
/// title in the payload changed to start with 'X': every checksum is right again, so only the
/// rule under test can refuse it.
fn forge(entry: &Path, edit: impl FnOnce(&mut Vec<u8>)) {
    let bytes = std::fs::read(entry).unwrap();
    let (_, len) = header_len(&bytes);
    let mut header = bytes[..len - 8].to_vec();
    let mut payload = bytes[len..].to_vec();
    // The payload opens with the title: flag 1, its length (u64), its bytes.
    assert_eq!(payload[0], 1);
    assert_eq!(&payload[10..9 + TITLE.len()], &TITLE.as_bytes()[1..]);
    payload[9] = b'X';
    edit(&mut header);
    let sum_at = header.len() - 8;
    header[sum_at..].copy_from_slice(&hash(&payload).to_le_bytes());
    let header_sum = hash(&header);
    header.extend_from_slice(&header_sum.to_le_bytes());
    header.extend_from_slice(&payload);
    std::fs::write(entry, header).unwrap();
}

fn shows_forged_title(summary: &str) -> bool {
    summary.contains("Xabar Kini")
}

#[test]
fn a_reopen_gives_what_a_parse_gives_warnings_included() {
    let s = setup();
    let parsed = s.run(&["--no-cache", "summary", "--json"]);
    assert!(s.entries().is_empty(), "--no-cache writes nothing");
    assert!(!s.cache_dir().exists(), "--no-cache makes no folder");
    let first = s.summary();
    let entry = s.entry();
    let written = std::fs::read(&entry).unwrap();
    let reopened = s.summary();
    assert_eq!(first, parsed);
    assert_eq!(reopened, parsed);
    assert_eq!(
        std::fs::read(&entry).unwrap(),
        written,
        "a hit is not rewritten"
    );
    // The warning of the load comes back with the cached store.
    let validate = |extra: &[&str]| {
        let out = s
            .cmd()
            .args(extra)
            .args(["validate", "--json"])
            .arg(&s.file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let cached = validate(&[]);
    assert!(cached.contains("dated after exported_at"), "{cached}");
    assert_eq!(cached, validate(&["--no-cache"]));
    let report = [
        "report", "--metric", "er_reach", "--metric", "ctr", "--format", "json",
    ];
    let parsed_report = s.run(&[&["--no-cache"], &report[..]].concat());
    assert_eq!(s.run(&report), parsed_report);
    // Proof that the reopen did use the entry: a forged one (right checksums) is believed.
    forge(&entry, |_| {});
    assert!(shows_forged_title(&s.summary()));
    // And --no-cache does not read it.
    assert!(!shows_forged_title(&s.run(&[
        "--no-cache",
        "summary",
        "--json"
    ])));
}

#[test]
fn one_byte_changed_with_the_same_size_and_time_is_parsed_again() {
    let s = setup();
    s.summary();
    let entry = s.entry();
    let mtime = std::fs::metadata(&s.file).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&s.file).unwrap();
    let at = bytes
        .windows(TITLE.len())
        .position(|w| w == TITLE.as_bytes())
        .unwrap();
    bytes[at] = b'Q';
    std::fs::write(&s.file, &bytes).unwrap();
    let f = std::fs::File::options().write(true).open(&s.file).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    assert_eq!(
        std::fs::metadata(&s.file).unwrap().modified().unwrap(),
        mtime
    );
    let summary = s.summary();
    assert!(summary.contains("Qabar Kini"), "the edit shows: {summary}");
    // The entry was replaced by the new content's, and is used from now on.
    assert_eq!(s.entry(), entry);
    forge(&entry, |_| {});
    assert!(shows_forged_title(&s.summary()));
}

#[test]
fn truncated_corrupt_and_foreign_entries_are_never_trusted() {
    let s = setup();
    let parsed = s.summary();
    let entry = s.entry();
    let good = std::fs::read(&entry).unwrap();
    let (_, len) = header_len(&good);
    type Damage = Box<dyn Fn(&Path)>;
    let damages: Vec<(&str, Damage)> = vec![
        (
            "truncated",
            Box::new(|e: &Path| {
                let b = std::fs::read(e).unwrap();
                std::fs::write(e, &b[..b.len() - 1000]).unwrap();
            }),
        ),
        (
            "truncated in the header",
            Box::new(|e: &Path| {
                let b = std::fs::read(e).unwrap();
                std::fs::write(e, &b[..20]).unwrap();
            }),
        ),
        (
            "empty",
            Box::new(|e: &Path| std::fs::write(e, b"").unwrap()),
        ),
        (
            "a flipped payload byte",
            Box::new(move |e: &Path| {
                let mut b = std::fs::read(e).unwrap();
                b[len + 9] = b'X'; // The title's first letter, checksums left as they were.
                std::fs::write(e, b).unwrap();
            }),
        ),
        (
            "a flipped byte late in the payload",
            Box::new(|e: &Path| {
                let mut b = std::fs::read(e).unwrap();
                let at = b.len() - 100;
                b[at] ^= 0x40;
                std::fs::write(e, b).unwrap();
            }),
        ),
        (
            "a flipped header byte",
            Box::new(move |e: &Path| {
                let mut b = std::fs::read(e).unwrap();
                b[len - 20] ^= 1;
                std::fs::write(e, b).unwrap();
            }),
        ),
        (
            "another engage version",
            Box::new(|e: &Path| {
                forge(e, |h| {
                    let n = u16::from_le_bytes([h[12], h[13]]) as usize;
                    let version = std::str::from_utf8(&h[14..14 + n]).unwrap();
                    let other = if version.starts_with('9') { "0" } else { "9" };
                    h[14..15].copy_from_slice(other.as_bytes());
                })
            }),
        ),
        (
            "another layout version",
            Box::new(|e: &Path| forge(e, |h| h[8] = h[8].wrapping_add(1))),
        ),
        (
            "foreign (not an entry)",
            Box::new(|e: &Path| std::fs::write(e, vec![b'{'; 5000]).unwrap()),
        ),
        (
            "another file's key (its size)",
            Box::new(|e: &Path| {
                forge(e, |h| {
                    let at = h.len() - 44;
                    h[at] ^= 1; // The source size's low byte.
                })
            }),
        ),
    ];
    for (what, damage) in damages {
        damage(&entry);
        let summary = s.summary();
        assert_eq!(summary, parsed, "{what}: the file is parsed again");
        assert_eq!(
            std::fs::read(&entry).unwrap(),
            good,
            "{what}: the entry replaced"
        );
    }
}

#[test]
fn two_processes_writing_one_entry_at_once_leave_a_good_one() {
    let s = setup();
    let parsed = s.run(&["--no-cache", "summary", "--json"]);
    let spawn = || {
        s.cmd()
            .args(["summary", "--json"])
            .arg(&s.file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8(out.stdout).unwrap(), parsed);
    }
    let entry = s.entry();
    let leftovers: Vec<_> = std::fs::read_dir(s.cache_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(s.summary(), parsed);
    forge(&entry, |_| {});
    assert!(
        shows_forged_title(&s.summary()),
        "the entry is whole and used"
    );
}

#[test]
fn a_cache_that_cannot_be_written_costs_nothing_but_the_parse() {
    let s = setup();
    let parsed = s.run(&["--no-cache", "summary", "--json"]);
    std::fs::create_dir_all(&s.home).unwrap();
    // The cache folder's place is taken by a file: every write fails, as on a full disk.
    std::fs::write(s.cache_dir(), b"not a folder").unwrap();
    assert_eq!(s.summary(), parsed);
    assert_eq!(s.summary(), parsed);
    let info = s.cmd().arg("cache").output().unwrap();
    assert!(info.status.success());
    let text = String::from_utf8(info.stdout).unwrap();
    assert!(text.contains("cannot be written"), "{text}");
}

#[test]
fn cache_shows_where_it_is_and_clear_empties_it() {
    let s = setup();
    s.summary();
    let info = s.cmd().arg("cache").output().unwrap();
    let text = String::from_utf8(info.stdout).unwrap();
    assert!(
        text.contains(&s.cache_dir().display().to_string()),
        "{text}"
    );
    assert!(text.contains("entries: 1 "), "{text}");
    // Something else in the folder is not the cache's to remove.
    let other = s.cache_dir().join("notes.txt");
    std::fs::write(&other, b"mine").unwrap();
    let out = s.cmd().args(["cache", "clear"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("removed 1 entry")
    );
    assert!(s.entries().is_empty());
    assert!(other.exists());
    let text = String::from_utf8(s.cmd().arg("cache").output().unwrap().stdout).unwrap();
    assert!(text.contains("entries: 0 "), "{text}");
}

#[test]
fn the_cap_evicts_the_least_recently_used_entries() {
    let s = setup();
    let second = s.file.with_file_name("second.json");
    std::fs::write(&second, snapshot_bytes()).unwrap();
    s.summary();
    let first_entry = s.entry();
    let size = std::fs::metadata(&first_entry).unwrap().len();
    // Room for one entry only (the whole MB at or above its size, under two entries' size
    // as an entry is over a MB): writing the second evicts the first.
    assert!(size > 1_000_000);
    let cap_mb = size.div_ceil(1_000_000).to_string();
    let out = s
        .cmd()
        .env("ENGAGE_CACHE_MAX_MB", &cap_mb)
        .args(["summary", "--json"])
        .arg(&second)
        .output()
        .unwrap();
    assert!(out.status.success());
    let entries = s.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_ne!(entries[0], first_entry);
}
