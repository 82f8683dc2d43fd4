//! Export files arrive as UTF-8 with or without a byte-order mark, or as Windows-1252 (older
//! Facebook exports mix both in one download). This turns bytes into text and says which
//! encoding it found, so the import report can name it.

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// Not valid UTF-8: read as Windows-1252 (a superset of Latin-1).
    Windows1252,
    /// A UTF-16 byte-order mark: read as UTF-16.
    Utf16,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16 => "UTF-16",
        }
    }
}

/// Windows-1252's characters for bytes 0x80..=0x9F (where it differs from Latin-1); the five
/// undefined bytes map to U+FFFD.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
    '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}',
    'ž', 'Ÿ',
];

/// Decodes a whole file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let little = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if little {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return (String::from_utf16_lossy(&units), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => (decode_as(bytes), Encoding::Windows1252),
    }
}

/// Decodes bytes as Windows-1252, whatever they look like (a mapping can insist).
pub fn decode_as(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"a,b"), ("a,b".to_owned(), Encoding::Utf8));
        assert_eq!(
            decode("\u{FEFF}\"Post ID\"".as_bytes()),
            ("\"Post ID\"".to_owned(), Encoding::Utf8Bom)
        );
        // "Café – “quoted”" in Windows-1252.
        let cp = [b'C', b'a', b'f', 0xE9, b' ', 0x96, b' ', 0x93, b'q', 0x94];
        assert_eq!(
            decode(&cp),
            ("Café – “q”".to_owned(), Encoding::Windows1252)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), ("Hé".to_owned(), Encoding::Utf16));
    }
}
