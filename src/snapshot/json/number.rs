//! JSON numbers classified the way a count needs them, exactly.
//!
//! The decision "is this a whole number, and which" is made on the decimal digits, never
//! through a float: `1e-400` is a fraction (a float would round it to 0) and
//! `4503599627370496.5` is a fraction (a float would round it to an integer). `12.0`, `1.2e1`
//! and `120e-1` are the integer 12, as JSON Schema's `integer` has it.

use super::reader::Number;

/// What breaks JSON's number grammar; the reader's syntax error quotes the number before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum GrammarError {
    NoDigitAfterMinus,
    NoLeadingDigit,
    LeadingZero,
    NoFractionDigits,
    NoExponentDigits,
    Unexpected(char),
}

impl std::fmt::Display for GrammarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::{tr, trf};
        match self {
            GrammarError::NoDigitAfterMinus => {
                f.write_str(tr("loader.number_no_digit_after_minus"))
            }
            GrammarError::NoLeadingDigit => f.write_str(tr("loader.number_no_leading_digit")),
            GrammarError::LeadingZero => f.write_str(tr("loader.number_leading_zero")),
            GrammarError::NoFractionDigits => f.write_str(tr("loader.number_no_fraction_digits")),
            GrammarError::NoExponentDigits => f.write_str(tr("loader.number_no_exponent_digits")),
            GrammarError::Unexpected(c) => {
                f.write_str(&trf("loader.number_unexpected", &[("c", c)]))
            }
        }
    }
}

impl std::error::Error for GrammarError {}

/// Checks JSON number grammar and classifies the value; the error says what breaks the grammar.
pub(super) fn classify_number(text: &[u8]) -> Result<Number, GrammarError> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let int_len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if int_len == 0 {
        return Err(if negative {
            GrammarError::NoDigitAfterMinus
        } else {
            GrammarError::NoLeadingDigit
        });
    }
    if int_len > 1 && digits[0] == b'0' {
        return Err(GrammarError::LeadingZero);
    }
    let int = &digits[..int_len];
    let mut rest = &digits[int_len..];
    let mut frac: &[u8] = &[];
    if let Some((b'.', after)) = rest.split_first() {
        let n = after.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return Err(GrammarError::NoFractionDigits);
        }
        frac = &after[..n];
        rest = &after[n..];
    }
    let mut exponent: i64 = 0;
    if let Some((b'e' | b'E', after)) = rest.split_first() {
        let (sign, exp) = match after.split_first() {
            Some((b'-', e)) => (-1, e),
            Some((b'+', e)) => (1, e),
            _ => (1, after),
        };
        let n = exp.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return Err(GrammarError::NoExponentDigits);
        }
        // Saturating: an exponent past a billion decides the class as well as the exact one.
        let magnitude = exp[..n].iter().fold(0i64, |acc, &b| {
            acc.saturating_mul(10)
                .saturating_add(i64::from(b - b'0'))
                .min(1_000_000_000)
        });
        exponent = sign * magnitude;
        rest = &exp[n..];
    }
    if let Some(&b) = rest.first() {
        return Err(GrammarError::Unexpected(b as char));
    }
    Ok(classify_decimal(negative, int, frac, exponent))
}

/// The value is `±(int.frac) x 10^exponent`, with digits only in `int` and `frac`.
fn classify_decimal(negative: bool, int: &[u8], frac: &[u8], exponent: i64) -> Number {
    if frac.is_empty() && exponent == 0 {
        // The common case, a plain integer: no allocation.
        if negative {
            return if int.iter().all(|&b| b == b'0') {
                Number::Unsigned(0)
            } else {
                Number::Negative
            };
        }
        let mut v: u64 = 0;
        for &b in int {
            match v
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
            {
                Some(n) => v = n,
                None => return Number::Huge,
            }
        }
        return Number::Unsigned(v);
    }
    // All the significant digits, and the power of ten of the last one.
    let mut mantissa: Vec<u8> = int.iter().chain(frac).copied().collect();
    let mut power = exponent - frac.len() as i64;
    let leading = mantissa.iter().take_while(|&&b| b == b'0').count();
    mantissa.drain(..leading);
    if mantissa.is_empty() {
        // Zero in any spelling (`-0`, `0.0e5`).
        return Number::Unsigned(0);
    }
    while mantissa.last() == Some(&b'0') {
        mantissa.pop();
        power += 1;
    }
    if power < 0 {
        // The last significant digit sits after the decimal point.
        return Number::Fraction;
    }
    if negative {
        return Number::Negative;
    }
    // 2^64 has 20 digits: anything longer is too large for u64.
    if mantissa.len() as i64 + power > 20 {
        return Number::Huge;
    }
    let mut v: u64 = 0;
    let zeros = std::iter::repeat_n(b'0', power as usize);
    for b in mantissa.iter().copied().chain(zeros) {
        match v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
        {
            Some(n) => v = n,
            None => return Number::Huge,
        }
    }
    Number::Unsigned(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(s: &str) -> Result<Number, GrammarError> {
        classify_number(s.as_bytes())
    }

    #[test]
    fn integers_in_every_spelling() {
        for s in ["12", "12.0", "1.2e1", "120e-1", "0.12E+2", "12.000e0"] {
            assert_eq!(c(s), Ok(Number::Unsigned(12)), "{s}");
        }
        for s in ["0", "-0", "0.0", "-0.0e5", "0e-999999999999"] {
            assert_eq!(c(s), Ok(Number::Unsigned(0)), "{s}");
        }
        assert_eq!(c("18446744073709551615"), Ok(Number::Unsigned(u64::MAX)));
        assert_eq!(
            c("1.8446744073709551615e19"),
            Ok(Number::Unsigned(u64::MAX))
        );
    }

    #[test]
    fn fractions_are_judged_exactly() {
        for s in [
            "12.5",
            "1e-400",
            "4503599627370496.5",
            "1.23e1",
            "-1.5",
            "9007199254740993e-1",
        ] {
            assert_eq!(c(s), Ok(Number::Fraction), "{s}");
        }
    }

    #[test]
    fn negative_and_huge() {
        assert_eq!(c("-3"), Ok(Number::Negative));
        assert_eq!(c("-3e2"), Ok(Number::Negative));
        assert_eq!(c("-1e400"), Ok(Number::Negative));
        assert_eq!(c("18446744073709551616"), Ok(Number::Huge));
        assert_eq!(c("1e20"), Ok(Number::Huge));
        assert_eq!(c("1e400"), Ok(Number::Huge));
        assert_eq!(c("1e999999999999999999999"), Ok(Number::Huge));
        assert_eq!(c(&"9".repeat(400)), Ok(Number::Huge));
    }

    #[test]
    fn grammar_errors() {
        for s in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "1.5.2", "1x"] {
            assert!(c(s).is_err(), "{s}");
        }
    }

    proptest! {
        /// Exact against integer arithmetic: `m x 10^e` for small m and e.
        #[test]
        fn agrees_with_integer_arithmetic(m in 0u64..1_000_000, e in -8i32..8, neg in any::<bool>()) {
            let text = format!("{}{m}e{e}", if neg { "-" } else { "" });
            let expected = if m == 0 {
                Number::Unsigned(0)
            } else if e < 0 && m % 10u64.pow(e.unsigned_abs()) != 0 {
                Number::Fraction
            } else if neg {
                Number::Negative
            } else if e < 0 {
                Number::Unsigned(m / 10u64.pow(e.unsigned_abs()))
            } else {
                Number::Unsigned(m * 10u64.pow(e as u32))
            };
            prop_assert_eq!(c(&text), Ok(expected));
        }
    }
}
