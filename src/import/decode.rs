//! Export files arrive as UTF-8 with or without a byte-order mark, or as Windows-1252 (older
//! Facebook exports mix both in one download, and a UTF-8 file edited by hand can hold one
//! Windows-1252 line). This turns bytes into text and says which encoding it found, so the
//! import report can name it. The choice is made per line: one stray byte never turns a
//! whole UTF-8 file into mojibake.

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// Not valid UTF-8: read as Windows-1252 (a superset of Latin-1).
    Windows1252,
    /// A UTF-16 byte-order mark: read as UTF-16.
    Utf16,
    /// UTF-8, but for lines (rows) whose bytes are not: those read as Windows-1252.
    Mixed,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16 => "UTF-16",
            Encoding::Mixed => "UTF-8 (some rows Windows-1252)",
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

/// Text decoded from a file, with the lines that were read as Windows-1252 in an otherwise
/// UTF-8 file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Lines read as Windows-1252 in a file whose other lines are UTF-8 (0 when the whole
    /// file is one encoding).
    pub recoded: usize,
    /// Byte offset in `text` of the first of those lines.
    pub first_recoded: usize,
}

/// Decodes a whole file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let d = decode_lines(bytes);
    (d.text, d.encoding)
}

/// Decodes a whole file, deciding line by line: UTF-16 with a BOM; else each line is UTF-8
/// when its bytes are, and Windows-1252 when not. A file with no UTF-8 beyond ASCII is
/// Windows-1252; one with both is [`Encoding::Mixed`], and says which lines were recoded.
pub fn decode_lines(bytes: &[u8]) -> Decoded {
    let whole = |text: String, encoding: Encoding| Decoded {
        text,
        encoding,
        recoded: 0,
        first_recoded: 0,
    };
    let (body, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if !bom && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) {
        let (text, encoding) = decode_utf16(bytes);
        return whole(text, encoding);
    }
    if let Ok(s) = std::str::from_utf8(body) {
        return whole(
            s.to_owned(),
            if bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
        );
    }
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let (mut recoded, mut first_recoded, mut wide_utf8) = (0usize, 0usize, false);
    for line in body.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(s) => {
                wide_utf8 |= !s.is_ascii();
                text.push_str(s);
            }
            Err(_) => {
                if recoded == 0 {
                    first_recoded = text.len();
                }
                recoded += 1;
                text.push_str(&decode_as(line));
            }
        }
    }
    if wide_utf8 || bom {
        Decoded {
            text,
            encoding: Encoding::Mixed,
            recoded,
            first_recoded,
        }
    } else {
        // Nothing beyond ASCII is UTF-8: the file is Windows-1252 throughout.
        whole(text, Encoding::Windows1252)
    }
}

/// Decodes UTF-16 with its byte-order mark (an odd last byte is dropped).
fn decode_utf16(bytes: &[u8]) -> (String, Encoding) {
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
    (String::from_utf8_lossy(bytes).into_owned(), Encoding::Utf8)
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

    #[test]
    fn one_windows_1252_line_in_a_utf8_file_stays_on_its_line() {
        let mut bytes = "id,text\n1,olá\n".as_bytes().to_vec();
        bytes.extend(b"2,it\x92s\n3,caf\xc3\xa9\n");
        let d = decode_lines(&bytes);
        assert_eq!(d.text, "id,text\n1,olá\n2,it’s\n3,café\n");
        assert_eq!(d.encoding, Encoding::Mixed);
        assert_eq!((d.recoded, d.first_recoded), (1, "id,text\n1,olá\n".len()));
        // With a BOM, the file says it is UTF-8: still mixed.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(b"a\n\x92\n");
        assert_eq!(decode_lines(&bom).encoding, Encoding::Mixed);
    }
}
