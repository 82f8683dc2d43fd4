//! Line numbers for the few rows a report names, worked out from their byte offsets after
//! the fact: the csv crate's own line count is off after CRLF, and counting every row's line
//! while reading would cost a million-row file for the sake of a handful of messages.

use std::io::BufRead;

/// Line numbers of byte offsets in `input`. A record's offset can point at the line feed that
/// ends the previous line (after CRLF), so line ends at an offset are stepped over first.
/// Unreadable input leaves the lines counted so far.
pub fn lines_in(mut input: impl BufRead, offsets: &[u64]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut pos, mut line) = (0u64, 1u64);
    for i in order {
        // Up to the offset.
        while pos < offsets[i] {
            let buf = input.fill_buf().unwrap_or(&[]);
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min((offsets[i] - pos) as usize);
            line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            input.consume(n);
            pos += n as u64;
        }
        // Over the line ends there.
        while let Some(&b) = input.fill_buf().unwrap_or(&[]).first() {
            if !matches!(b, b'\r' | b'\n') {
                break;
            }
            line += u64::from(b == b'\n');
            input.consume(1);
            pos += 1;
        }
        out[i] = line;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_read_through_a_small_buffer_agree() {
        let text = b"h1,h2\r\n\r\n1,2\r\n\"x\r\ny\",3\r\n\r\n4,5\r\n";
        let offsets = [6, 8, 13, 13, 22, 25, 1000];
        let whole = lines_in(&text[..], &offsets);
        for capacity in 1..8 {
            let small = std::io::BufReader::with_capacity(capacity, &text[..]);
            assert_eq!(lines_in(small, &offsets), whole, "capacity {capacity}");
        }
        // The blank line after row `"x…y",3` is stepped over with its line end.
        assert_eq!(whole, vec![3, 3, 4, 4, 7, 7, 8]);
    }
}
