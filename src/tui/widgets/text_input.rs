//! A one-line text editor: cursor movement, insert, delete. Confirming, cancelling,
//! completing and clearing are keymap actions (the caller routes them); this only edits.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Edited,
    Moved,
    Ignored,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// The text was filled in for the user: typing replaces it (as a selected text would),
    /// moving the cursor keeps it for editing.
    pub prefilled: bool,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_owned(),
            cursor: text.chars().count(),
            prefilled: false,
        }
    }

    /// A text offered for the user to accept, edit, or replace by typing.
    pub fn prefilled(text: &str) -> TextInput {
        TextInput {
            prefilled: !text.is_empty(),
            ..TextInput::new(text)
        }
    }

    /// The cursor to the start of the text.
    pub fn to_start(&mut self) {
        self.cursor = 0;
        self.prefilled = false;
    }

    /// The cursor to the end of the text.
    pub fn to_end(&mut self) {
        self.cursor = self.text.chars().count();
        self.prefilled = false;
    }

    /// Runs a text action of the keymap (clear, start, end); false for any other action.
    pub fn act(&mut self, action: crate::tui::action::Action) -> bool {
        use crate::tui::action::Action;
        match action {
            Action::ClearText => self.clear_before_cursor(),
            Action::TextStart => self.to_start(),
            Action::TextEnd => self.to_end(),
            _ => return false,
        }
        true
    }

    /// Deletes everything before the cursor (Ctrl-U in shells).
    pub fn clear_before_cursor(&mut self) {
        let at = self.byte_at(self.cursor);
        self.text.replace_range(..at, "");
        self.cursor = 0;
        self.prefilled = false;
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts pasted text at the cursor, at once: line breaks and tabs become spaces, other
    /// control characters are dropped (a paste is text, never keys). Replaces a prefilled text
    /// as typing would.
    pub fn paste(&mut self, text: &str) {
        if self.prefilled {
            self.prefilled = false;
            self.text.clear();
            self.cursor = 0;
        }
        let clean: String = text
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = text.chars().count();
    }

    pub fn handle(&mut self, key: &KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let typed = matches!(key.code, KeyCode::Char(c) if !ctrl && !c.is_control());
        if self.prefilled {
            self.prefilled = false;
            if typed || key.code == KeyCode::Backspace {
                self.text.clear();
                self.cursor = 0;
                if !typed {
                    return Outcome::Edited;
                }
            }
        }
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                Outcome::Moved
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = len;
                Outcome::Moved
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                Outcome::Edited
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                Outcome::Edited
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                Outcome::Edited
            }
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                Outcome::Moved
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(len);
                Outcome::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Outcome::Moved
            }
            KeyCode::End => {
                self.cursor = len;
                Outcome::Moved
            }
            _ => Outcome::Ignored,
        }
    }

    /// The text before and after the cursor, for drawing it.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.byte_at(self.cursor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn editing_with_a_cursor() {
        let mut t = TextInput::new("héllo");
        assert_eq!(t.cursor, 5);
        t.handle(&key(KeyCode::Left));
        t.handle(&key(KeyCode::Left));
        t.handle(&key(KeyCode::Char('X')));
        assert_eq!(t.text, "hélXlo");
        t.handle(&key(KeyCode::Backspace));
        t.handle(&key(KeyCode::Home));
        t.handle(&key(KeyCode::Delete));
        assert_eq!(t.text, "éllo");
        assert_eq!(t.split(), ("", "éllo"));
        // Confirming and cancelling are the keymap's, not the editor's.
        assert_eq!(t.handle(&key(KeyCode::Enter)), Outcome::Ignored);
        assert_eq!(t.handle(&key(KeyCode::Backspace)), Outcome::Ignored);
        t.clear_before_cursor();
        assert_eq!(t.text, "éllo");
    }

    #[test]
    fn typing_replaces_a_prefilled_text_and_moving_keeps_it() {
        let mut t = TextInput::prefilled("2026-10-04..2026-10-31");
        t.handle(&key(KeyCode::Char('9')));
        t.handle(&key(KeyCode::Char('0')));
        t.handle(&key(KeyCode::Char('d')));
        assert_eq!(t.text, "90d", "not appended to the old window");
        let mut t = TextInput::prefilled("2026-10-04..2026-10-31");
        t.handle(&key(KeyCode::Left));
        t.handle(&key(KeyCode::Backspace));
        assert_eq!(
            t.text, "2026-10-04..2026-10-1",
            "moving first keeps the text"
        );
        let mut t = TextInput::prefilled("28d");
        t.handle(&key(KeyCode::Backspace));
        assert_eq!(t.text, "", "backspace clears a prefilled text");
    }
}
