//! A one-line text editor: cursor movement, insert, delete. Enter confirms, Esc cancels; the
//! caller decides what confirming means.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Edited,
    Moved,
    Submit,
    Cancel,
    /// Tab: the caller may complete the text.
    Complete,
    Ignored,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = text.chars().count();
    }

    pub fn handle(&mut self, key: &KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Enter => Outcome::Submit,
            KeyCode::Esc => Outcome::Cancel,
            KeyCode::Tab => Outcome::Complete,
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
                Outcome::Edited
            }
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
        assert_eq!(t.handle(&key(KeyCode::Enter)), Outcome::Submit);
        assert_eq!(t.handle(&key(KeyCode::Esc)), Outcome::Cancel);
        assert_eq!(t.handle(&key(KeyCode::Backspace)), Outcome::Ignored);
    }
}
