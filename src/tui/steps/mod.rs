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
