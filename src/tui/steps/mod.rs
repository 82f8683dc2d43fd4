//! The five steps: each has its state (`View`), its share of `update` and its rendering.

pub mod charts;
pub mod data;
pub mod metrics;
pub mod objective;
pub mod prompts;
pub mod review;

/// Moves a cursor within `len` rows for a navigation action; false if not a move.
pub fn move_cursor(
    cursor: &mut usize,
    len: usize,
    action: crate::tui::action::Action,
    page: usize,
) -> bool {
    use crate::tui::action::Action;
    if len == 0 {
        *cursor = 0;
        return matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Home
                | Action::End
        );
    }
    let last = len - 1;
    *cursor = match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (*cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(page.max(1)),
        Action::PageDown => (*cursor + page.max(1)).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => return false,
    };
    true
}

/// Moves `cursor` off rows that cannot be selected (headings): onwards in the direction of
/// travel, else back the other way; stays put if no row can be selected.
pub fn skip_headings(
    cursor: &mut usize,
    len: usize,
    down: bool,
    selectable: impl Fn(usize) -> bool,
) {
    if len == 0 || selectable(*cursor) {
        return;
    }
    let forward = (*cursor + 1..len).find(|&i| selectable(i));
    let backward = (0..*cursor).rev().find(|&i| selectable(i));
    if let Some(i) = if down {
        forward.or(backward)
    } else {
        backward.or(forward)
    } {
        *cursor = i;
    }
}

#[cfg(test)]
mod tests {
    use super::skip_headings;

    #[test]
    fn headings_are_skipped_either_way() {
        let heading = |i: usize| i == 0 || i == 3;
        let mut c = 3;
        skip_headings(&mut c, 4, true, |i| !heading(i));
        assert_eq!(c, 2, "nothing after the last heading: back up");
        let mut c = 0;
        skip_headings(&mut c, 4, false, |i| !heading(i));
        assert_eq!(c, 1, "nothing before the first: go on");
        let mut c = 0;
        skip_headings(&mut c, 1, true, |_| false);
        assert_eq!(c, 0);
    }
}
