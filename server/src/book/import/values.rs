//! One cell as a value: text, money, a count, a date. Each returns a plain reason the
//! rep reads in the rejected-rows list when a cell does not read.

use chrono::NaiveDate;

/// The longest name (account, opportunity, owner) a cell may hold.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest other text cell.
pub const MAX_TEXT_CHARS: usize = 500;

/// A text cell trimmed, its control characters dropped; `None` when empty.
/// Formulas (`=HYPERLINK(…)`, `+cmd|…`, `@SUM`) stay text: nothing here evaluates them.
pub fn text(cell: &str, max_chars: usize) -> Result<Option<String>, String> {
    let cleaned: String = cell
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.is_empty() {
        return Ok(None);
    }
    let n = trimmed.chars().count();
    if n > max_chars {
        return Err(format!("is {n} characters long (at most {max_chars})"));
    }
    Ok(Some(trimmed))
}

/// An amount of money: `$1,200,000.00`, `1.200.000,00 €`, `EUR 950`, `(1,000)`; `None` when
/// empty. A lone separator followed by exactly three digits groups thousands (`1,200`).
pub fn money(cell: &str) -> Result<Option<f64>, String> {
    let raw = cell.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let negative = raw.starts_with('-') || (raw.starts_with('(') && raw.ends_with(')'));
    let kept: String = raw
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let junk = raw.chars().any(|c| {
        !(c.is_ascii_digit() || ".,-()' \u{a0}\u{202f}$€£¥₹".contains(c) || c.is_ascii_alphabetic())
    });
    if kept.is_empty() || junk || raw.chars().filter(char::is_ascii_alphabetic).count() > 3 {
        return Err(format!("“{}” is not an amount", shorten(raw)));
    }
    let decimal = decimal_separator(&kept);
    let normalised: String = kept
        .chars()
        .filter_map(|c| match c {
            d if d.is_ascii_digit() => Some(d),
            s if Some(s) == decimal => Some('.'),
            _ => None,
        })
        .collect();
    let value: f64 = normalised
        .parse()
        .map_err(|_| format!("“{}” is not an amount", shorten(raw)))?;
    if !value.is_finite() || value > 1e15 {
        return Err(format!("“{}” is too large", shorten(raw)));
    }
    let cents = (value * 100.0).round() / 100.0;
    Ok(Some(if negative { -cents } else { cents }))
}

/// Which of `.` and `,` is the decimal point in digits-and-separators, if either.
fn decimal_separator(kept: &str) -> Option<char> {
    let last_dot = kept.rfind('.');
    let last_comma = kept.rfind(',');
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (None, None) => None,
        (Some(i), None) | (None, Some(i)) => {
            let sep = kept.as_bytes()[i] as char;
            let once = kept.matches(sep).count() == 1;
            let digits_after = kept.len() - i - 1;
            (once && digits_after != 3).then_some(sep)
        }
    }
}

/// A head count: `1200`, `1,200`, `1 200`; `None` when empty.
pub fn count(cell: &str) -> Result<Option<u32>, String> {
    let raw = cell.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    match digits.parse::<u64>() {
        Ok(n) if n <= u64::from(u32::MAX) => Ok(Some(n as u32)),
        Ok(_) => Err(format!("“{}” is too large", shorten(raw))),
        Err(_) => Err(format!("“{}” is not a number", shorten(raw))),
    }
}

/// A date: `YYYY-MM-DD` (also with a time after it), `MM/DD/YYYY` (`DD/MM/YYYY` when the
/// first part is over 12), `DD.MM.YYYY`; `None` when empty.
pub fn date(cell: &str) -> Result<Option<NaiveDate>, String> {
    let raw = cell.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let day_part = raw.split([' ', 'T']).next().unwrap_or(raw);
    let parsed = if day_part.contains('-') {
        NaiveDate::parse_from_str(day_part, "%Y-%m-%d").ok()
    } else if day_part.contains('.') {
        NaiveDate::parse_from_str(day_part, "%d.%m.%Y").ok()
    } else if day_part.contains('/') {
        let first: u32 = day_part
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let format = if first > 12 { "%d/%m/%Y" } else { "%m/%d/%Y" };
        NaiveDate::parse_from_str(day_part, format).ok()
    } else {
        None
    };
    match parsed {
        Some(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => Ok(Some(d)),
        _ => Err(format!("“{}” is not a date", shorten(raw))),
    }
}

/// At most 40 characters of a cell, for a reason.
fn shorten(raw: &str) -> String {
    if raw.chars().count() <= 40 {
        raw.to_string()
    } else {
        format!("{}…", raw.chars().take(40).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_us_and_european_formats() {
        assert_eq!(money("$1,200,000.00"), Ok(Some(1_200_000.0)));
        assert_eq!(money("1.200.000,00 €"), Ok(Some(1_200_000.0)));
        assert_eq!(money("EUR 950,50"), Ok(Some(950.5)));
        assert_eq!(money("1,200"), Ok(Some(1200.0)));
        assert_eq!(money("1.5"), Ok(Some(1.5)));
        assert_eq!(money("(1,000)"), Ok(Some(-1000.0)));
        assert_eq!(money("USD 1 200 000"), Ok(Some(1_200_000.0)));
        assert_eq!(money("  "), Ok(None));
    }

    #[test]
    fn money_refuses_what_is_not_an_amount() {
        assert!(money("call me").is_err());
        assert!(money("=SUM(A1:A9)").is_err());
        assert!(money("12 apples").is_err());
        assert!(money(&"9".repeat(400)).is_err());
    }

    #[test]
    fn dates_in_the_three_export_formats() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31);
        assert_eq!(date("03/31/2027"), Ok(d));
        assert_eq!(date("31.03.2027"), Ok(d));
        assert_eq!(date("2027-03-31"), Ok(d));
        assert_eq!(date("2027-03-31 00:00"), Ok(d));
        assert_eq!(date("2027-03-31T12:00:00Z"), Ok(d));
        assert_eq!(date("31/03/2027"), Ok(d));
        assert_eq!(date(""), Ok(None));
        assert!(date("02/30/2027").is_err());
        assert!(date("next week").is_err());
        assert!(date("0001-01-01").is_err());
    }

    #[test]
    fn counts_take_grouping_marks() {
        assert_eq!(count("1,200"), Ok(Some(1200)));
        assert_eq!(count("12 000"), Ok(Some(12_000)));
        assert_eq!(count(""), Ok(None));
        assert!(count("about ten").is_err());
        assert!(count("-5").is_err());
        assert!(count("99999999999").is_err());
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("  Acme\tCorp \r\n", 200), Ok(Some("Acme Corp".into())));
        assert_eq!(text("   ", 200), Ok(None));
        assert_eq!(
            text("=HYPERLINK(\"http://x\")", 200),
            Ok(Some("=HYPERLINK(\"http://x\")".into()))
        );
        let huge = "x".repeat(100_000);
        assert_eq!(
            text(&huge, 200),
            Err("is 100000 characters long (at most 200)".into())
        );
    }
}
