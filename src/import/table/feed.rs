//! Where a table's records come from: parsed on the reading thread, or, for a big file, on a
//! second thread in batches while the first maps rows, so that reading and importing
//! overlap on two cores.

use std::io::Read;

use csv::{ByteRecord, ReaderBuilder};

/// Files from this size are parsed on a second thread.
pub(super) const THREADED_BYTES: usize = 4 << 20;
/// Records per batch handed from the parsing thread.
const BATCH: usize = 1024;

fn csv_reader<R: Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    // The header row was read already.
    let _ = reader.read_byte_record(&mut ByteRecord::new());
    reader
}

/// Reads the next record that is not a blank line; `Ok(false)` at the end.
fn read_row<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut ByteRecord,
) -> Result<bool, csv::Error> {
    loop {
        match reader.read_byte_record(record) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(e) => return Err(e),
        }
        // A blank line inside a table reads as one empty cell: not a row.
        if !(record.len() == 1 && record[0].is_empty()) {
            return Ok(true);
        }
    }
}

/// A record with no cells, for a feed asked before it gave any.
static EMPTY: std::sync::LazyLock<ByteRecord> = std::sync::LazyLock::new(ByteRecord::new);

/// Records parsed on the second thread: `records[..len]`, where each ends (`ends[..len]`,
/// bytes from the input's start), and the error that ended them.
pub(super) struct Batch {
    records: Vec<ByteRecord>,
    ends: Vec<u64>,
    len: usize,
    error: Option<csv::Error>,
}

/// Where rows come from: parsed here, or on a second thread in batches (whose record
/// buffers go back to it to be reused, so no record is allocated twice).
pub(super) enum Feed<'t> {
    Inline {
        reader: csv::Reader<Box<dyn Read + 't>>,
        record: ByteRecord,
    },
    Threaded {
        batches: std::sync::mpsc::Receiver<Batch>,
        recycle: std::sync::mpsc::Sender<Vec<ByteRecord>>,
        current: Batch,
        next: usize,
    },
}

impl<'t> Feed<'t> {
    pub(super) fn inline(input: Box<dyn Read + 't>, delimiter: u8) -> Feed<'t> {
        Feed::Inline {
            reader: csv_reader(input, delimiter),
            record: ByteRecord::new(),
        }
    }

    pub(super) fn threaded(file: std::fs::File, delimiter: u8) -> Feed<'t> {
        let (send_batch, batches) = std::sync::mpsc::sync_channel::<Batch>(2);
        let (recycle, reuse) = std::sync::mpsc::channel::<Vec<ByteRecord>>();
        std::thread::spawn(move || {
            let mut reader = csv_reader(file, delimiter);
            loop {
                let mut records = reuse.try_recv().unwrap_or_default();
                records.resize_with(BATCH, ByteRecord::new);
                let mut ends = Vec::with_capacity(BATCH);
                let mut len = 0;
                let mut error = None;
                while len < BATCH {
                    match read_row(&mut reader, &mut records[len]) {
                        Ok(true) => {
                            ends.push(reader.position().byte());
                            len += 1;
                        }
                        Ok(false) => break,
                        Err(e) => {
                            error = Some(e);
                            break;
                        }
                    }
                }
                let last = len < BATCH;
                // The receiver is gone when the rows were dropped early: stop.
                if send_batch
                    .send(Batch {
                        records,
                        ends,
                        len,
                        error,
                    })
                    .is_err()
                    || last
                {
                    return;
                }
            }
        });
        Feed::Threaded {
            batches,
            recycle,
            current: Batch {
                records: Vec::new(),
                ends: Vec::new(),
                len: 0,
                error: None,
            },
            next: 0,
        }
    }

    /// The record the last [`Feed::next`] gave (empty before the first).
    pub(super) fn current(&self) -> &ByteRecord {
        match self {
            Feed::Inline { record, .. } => record,
            Feed::Threaded { current, next, .. } => {
                match next.checked_sub(1).and_then(|i| current.records.get(i)) {
                    Some(record) => record,
                    None => &EMPTY,
                }
            }
        }
    }

    /// The next record with where it ends (bytes from the input's start); `Ok(None)` at
    /// the end, `Err` with what stopped the reading.
    pub(super) fn next(&mut self) -> Result<Option<(&ByteRecord, u64)>, csv::Error> {
        match self {
            Feed::Inline { reader, record } => match read_row(reader, record)? {
                true => Ok(Some((record, reader.position().byte()))),
                false => Ok(None),
            },
            Feed::Threaded {
                batches,
                recycle,
                current,
                next,
            } => {
                if *next >= current.len {
                    if let Some(e) = current.error.take() {
                        return Err(e);
                    }
                    let done = std::mem::take(&mut current.records);
                    let _ = recycle.send(done);
                    match batches.recv() {
                        Ok(batch) => *current = batch,
                        Err(_) => return Ok(None),
                    }
                    *next = 0;
                    if current.len == 0 {
                        return current.error.take().map_or(Ok(None), Err);
                    }
                }
                *next += 1;
                let end = current.ends.get(*next - 1).copied().unwrap_or(0);
                Ok(Some((&current.records[*next - 1], end)))
            }
        }
    }
}
