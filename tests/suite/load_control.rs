//! The loader's progress counter and cancellation, which the TUI's loading frame relies on.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::sync::atomic::Ordering;

use engage::snapshot::{Cancelled, LoadControl, parse_snapshot};

/// A big valid snapshot as text: `n` posts.
fn snapshot(n: usize) -> String {
    let mut s = String::from(
        r#"{"format": "engage-snapshot", "version": 1, "accounts": [{"id": "a", "platform": "x"}], "posts": ["#,
    );
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"id": "{i}", "account": "a", "published_at": "2026-01-01T00:00:00Z", "format": "text", "text": "{}"}}"#,
            "x".repeat(100)
        ));
    }
    s.push_str("]}");
    s
}

#[test]
fn progress_counts_every_byte() {
    let text = snapshot(20_000);
    let control = LoadControl::default();
    let parsed = parse_snapshot(text.as_bytes(), "big.json", control.clone()).unwrap();
    assert_eq!(parsed.store.unwrap().posts.len(), 20_000);
    assert_eq!(
        control.bytes_read.load(Ordering::Relaxed),
        text.len() as u64
    );
    assert_eq!(parsed.bytes, text.len() as u64);
}

/// A source that raises the cancel flag after the first chunk has been read.
struct CancelAfterFirstRead<'a> {
    inner: &'a [u8],
    control: LoadControl,
}

impl Read for CancelAfterFirstRead<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.control.cancel.store(true, Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn cancel_stops_a_load_between_chunks() {
    let text = snapshot(20_000);
    assert!(text.len() > 2 * 1024 * 1024, "several chunks");
    let control = LoadControl::default();
    let src = CancelAfterFirstRead {
        inner: text.as_bytes(),
        control: control.clone(),
    };
    assert_eq!(
        parse_snapshot(src, "big.json", control.clone()).unwrap_err(),
        Cancelled
    );
    assert!(control.bytes_read.load(Ordering::Relaxed) < text.len() as u64);
}

/// A source that fails part-way.
struct Failing(usize);

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 == 0 {
            return Err(std::io::Error::other("device went away"));
        }
        self.0 -= 1;
        let chunk = br#"{"format": "engage-snapshot", "#;
        buf[..chunk.len()].copy_from_slice(chunk);
        Ok(chunk.len())
    }
}

#[test]
fn a_read_error_is_reported_not_panicked() {
    let parsed = parse_snapshot(Failing(1), "disk.json", LoadControl::default()).unwrap();
    assert!(parsed.store.is_none());
    let e = &parsed.findings.errors[0];
    assert!(
        e.message.contains("cannot read the file: device went away"),
        "{e}"
    );
}
