//! Count columns of an export mapped to snapshot fields by name. One description per family
//! (`(PostCount::Likes, &["likes", "reactions"])`) gives both the reading of every row and the
//! report's fields found and missing, so the two cannot disagree.

use super::Context;
use super::builder::{Builder, PostRow};
use super::table::{Row, Table};
use super::values::{Count, DateOrder, count, date};
use crate::calendar::Timestamp;
use crate::snapshot::model::{DailyCount, PostCount, PostFormat, WebCount};

/// A snapshot count field of one record kind.
pub trait Field: Copy + 'static {
    /// The record kind as the snapshot names it (`posts`).
    const KIND: &'static str;
    /// Every field of the kind.
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
    fn index(self) -> usize;
}

impl Field for PostCount {
    const KIND: &'static str = "posts";
    const ALL: &'static [Self] = PostCount::ALL;
    fn name(self) -> &'static str {
        PostCount::name(self)
    }
    fn index(self) -> usize {
        self as usize
    }
}

impl Field for DailyCount {
    const KIND: &'static str = "daily";
    const ALL: &'static [Self] = DailyCount::ALL;
    fn name(self) -> &'static str {
        DailyCount::name(self)
    }
    fn index(self) -> usize {
        self as usize
    }
}

impl Field for WebCount {
    const KIND: &'static str = "web";
    const ALL: &'static [Self] = WebCount::ALL;
    fn name(self) -> &'static str {
        WebCount::name(self)
    }
    fn index(self) -> usize {
        self as usize
    }
}

/// Which column (if any) holds each field.
#[derive(Clone, Debug)]
pub struct Columns<F> {
    pub list: Vec<(F, Option<usize>, String)>,
}

impl<F: Field> Columns<F> {
    /// Finds each field's column by its aliases (the first alias present wins).
    pub fn find(t: &Table, spec: &[(F, &[&str])]) -> Columns<F> {
        Columns::with(spec, |aliases| t.column(aliases), t)
    }

    /// Like [`Columns::find`] with a custom lookup (Facebook picks among repeated names).
    pub fn with(
        spec: &[(F, &[&str])],
        mut lookup: impl FnMut(&[&str]) -> Option<usize>,
        t: &Table,
    ) -> Columns<F> {
        let list = spec
            .iter()
            .map(|(field, aliases)| {
                let column = lookup(aliases);
                let label = column
                    .and_then(|c| t.header.get(c).cloned())
                    .unwrap_or_else(|| aliases.first().copied().unwrap_or("").to_owned());
                (*field, column, label)
            })
            .collect();
        Columns { list }
    }

    /// Every field of the kind, in the column `column_of` gives for its snapshot name (a
    /// mapping's `[columns]`).
    pub fn by_name(t: &Table, mut column_of: impl FnMut(&str) -> Option<usize>) -> Columns<F> {
        let list = F::ALL
            .iter()
            .map(|&f| {
                let column = column_of(f.name());
                let label = column
                    .and_then(|c| t.header.get(c).cloned())
                    .unwrap_or_else(|| f.name().to_owned());
                (f, column, label)
            })
            .collect();
        Columns { list }
    }

    /// Whether any field has a column.
    pub fn any(&self) -> bool {
        self.list.iter().any(|(_, c, _)| c.is_some())
    }

    /// Reads a row's counts; a cell that is not a count is left unknown and reported.
    pub fn read<const N: usize>(&self, b: &mut Builder, row: &Row) -> [Option<u64>; N] {
        let mut counts = [None; N];
        for (field, column, label) in &self.list {
            if column.is_none() {
                continue;
            }
            // The usual cell is plain digits: read from the bytes, no UTF-8 check or trim.
            counts[field.index()] = match super::values::plain_count(row.bytes(*column)) {
                Some(v) if v <= crate::snapshot::model::MAX_COUNT => Some(v),
                _ => read_count(b, row.at, label, row.cell(*column)),
            };
        }
        counts
    }

    /// Like [`Columns::read`] with the caller's reading of a cell (`read(b, at, label, cell)`):
    /// a mapping's decimal comma and missing markers.
    pub fn read_with<const N: usize>(
        &self,
        b: &mut Builder,
        row: &Row,
        mut read: impl FnMut(&mut Builder, u64, &str, &str) -> Option<u64>,
    ) -> [Option<u64>; N] {
        let mut counts = [None; N];
        for (field, column, label) in &self.list {
            if column.is_some() {
                counts[field.index()] = read(b, row.at, label, row.cell(*column));
            }
        }
        counts
    }

    /// Notes in the report which fields the file gave (`posts.likes`) and which it did not.
    pub fn report(&self, b: &mut Builder) {
        let found: Vec<(String, bool)> = self
            .list
            .iter()
            .map(|(f, c, _)| (format!("{}.{}", F::KIND, f.name()), c.is_some()))
            .collect();
        b.fields_owned(found);
    }
}

/// Reads one count cell: missing markers are unknown; a bad cell is unknown and reported.
pub fn read_count(b: &mut Builder, at: u64, column: &str, s: &str) -> Option<u64> {
    match count(s) {
        Count::Value(v) => Some(v),
        Count::Missing => None,
        Count::Bad(why) => {
            b.report.bad_cell(
                at,
                crate::i18n::trf("importer.bad_cell", &[("column", &column), ("why", &why)]),
            );
            None
        }
    }
}

/// Reads a table of an account by day (the daily exports of every family): each row's date
/// (read in `order`) and counts. `special` names rows to skip for what they are (a
/// description row, a `Total` row); a row whose date does not read is skipped too.
///
/// A table broken down by a dimension besides the date (a country, a traffic source) is not
/// the account's days: every row is skipped with the reason (see [`super::breakdown`]).
pub fn read_days(
    b: &mut Builder,
    ctx: &Context,
    t: &Table,
    account: u32,
    (date_col, order): (Option<usize>, DateOrder),
    counts: &Columns<DailyCount>,
    special: impl Fn(&Row) -> Option<&'static str>,
) {
    let used: Vec<Option<usize>> = counts.list.iter().map(|(_, c, _)| *c).collect();
    let by = super::breakdown::breakdown(t, date_col, &used)
        .map(|c| super::breakdown::reason(&t.header[c], crate::i18n::tr("importer.the_date")));
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        if let Some(reason) = &by {
            b.report.skip(r.at, reason.as_str());
            continue;
        }
        if let Some(reason) = special(&r) {
            b.report.skip(r.at, reason);
            continue;
        }
        let Some(day) = date(r.cell(date_col), order) else {
            b.report
                .skip(r.at, crate::i18n::tr("importer.date_not_date"));

            continue;
        };
        let values = counts.read(b, &r);
        b.daily(r.at, account, day, values);
    }
    b.end_rows(&rows);
}

/// The text columns of a posts export: the post id, its text and its link.
#[derive(Clone, Copy, Debug)]
pub struct PostText {
    pub id: Option<usize>,
    pub text: Option<usize>,
    pub url: Option<usize>,
}

impl PostText {
    /// A row's post, with the counts and time read by the family.
    pub fn post<'r>(
        &self,
        r: &Row<'r>,
        published: Timestamp,
        format: Option<PostFormat>,
        counts: [Option<u64>; PostCount::ALL.len()],
    ) -> PostRow<'r> {
        PostRow {
            id: r.cell(self.id),
            published,
            format,
            text: r.cell(self.text),
            url: r.cell(self.url),
            tags: Vec::new(),
            counts,
        }
    }

    /// Notes in the report whether the file gave texts and links.
    pub fn report(&self, b: &mut Builder) {
        b.fields(&[
            ("posts.text", self.text.is_some()),
            ("posts.url", self.url.is_some()),
        ]);
    }
}
