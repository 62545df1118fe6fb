//! Small helpers every provider shares: cleaning untrusted text and URLs, reading dates,
//! and comparing hosts.
//!
//! Provider text is kept as text (it is escaped when rendered): we only drop control
//! characters, collapse whitespace and cut absurd lengths. Nothing here interprets it.

/// The longest title or name we keep, in characters.
pub const MAX_TEXT_CHARS: usize = 300;

/// `s` as one line: without control characters (line breaks and tabs become spaces), with runs of
/// whitespace collapsed, trimmed, and cut to `max` characters (ending in `…` when cut).
pub fn one_line(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut pending_space = false;
    let mut cut = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = count > 0;
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        let need = if pending_space { 2 } else { 1 };
        if count + need > max {
            cut = true;
            break;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        out.push(c);
        count += 1;
    }
    if cut {
        while count > max.saturating_sub(1) {
            out.pop();
            count -= 1;
        }
        let kept = out.trim_end().len();
        out.truncate(kept);
        out.push('…');
    }
    out
}

/// Bidi overrides and zero-width characters: invisible, and able to disguise text.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A title or name: [`one_line`] at [`MAX_TEXT_CHARS`].
pub fn clean(s: &str) -> String {
    one_line(s, MAX_TEXT_CHARS)
}

/// An optional field, cleaned; `None` when nothing is left.
pub fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|s| !s.is_empty())
}

/// A URL we may link to (see [`app::domain::chat::safe_link`]); anything else (e.g.
/// `javascript:`) is dropped.
pub fn clean_url(s: &str) -> Option<String> {
    app::domain::chat::safe_link(s).map(str::to_string)
}

/// The `YYYY-MM-DD` at the start of `s` (`2025-06-12T14:00:00Z`), when it is a real date.
pub fn iso_date_prefix(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    valid_date(y, m, day).then(|| d.to_string())
}

fn valid_date(y: i64, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Today's date as `YYYY-MM-DD` (UTC), for `last_updated` of data fetched now.
pub fn today_iso() -> String {
    iso_date_from_ms(crate::now_ms())
}

/// Milliseconds since the epoch as RFC 3339 (UTC): `2026-12-17T11:00:00Z`.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// `ms` since the epoch as `YYYY-MM-DD` (UTC).
pub fn iso_date_from_ms(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a (year, month, day) date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn month_number(name: &str) -> Option<u32> {
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.get(..3)?.to_ascii_lowercase();
    months
        .iter()
        .position(|m| *m == lower)
        .map(|i| i as u32 + 1)
}

/// The UTC date of an RFC 2822 date-time (`Thu, 12 Jun 2025 14:00:00 GMT`,
/// `Thu, 12 Jun 2025 23:30:00 -0500`), as `YYYY-MM-DD`.
pub fn rfc2822_to_iso(s: &str) -> Option<String> {
    let s = s.trim();
    let s = match s.split_once(',') {
        Some((_, rest)) => rest.trim(),
        None => s,
    };
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let mut year: i64 = parts.next()?.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    if !(1..=9999).contains(&year) || !valid_date(year, month, day) {
        return None;
    }
    let time = parts.next().unwrap_or("00:00:00");
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let h = hms.next().flatten().filter(|h| (0..=23).contains(h))?;
    let min = hms.next().flatten().filter(|m| (0..=59).contains(m))?;
    let sec = hms.next().flatten().unwrap_or(0);
    if !(0..=60).contains(&sec) {
        return None;
    }
    let offset_min = match parts.next().unwrap_or("GMT") {
        z if z.eq_ignore_ascii_case("GMT") || z.eq_ignore_ascii_case("UT") || z == "Z" => 0,
        z if z.eq_ignore_ascii_case("UTC") => 0,
        z if z.eq_ignore_ascii_case("EST") => -300,
        z if z.eq_ignore_ascii_case("EDT") => -240,
        z if z.eq_ignore_ascii_case("CST") => -360,
        z if z.eq_ignore_ascii_case("CDT") => -300,
        z if z.eq_ignore_ascii_case("MST") => -420,
        z if z.eq_ignore_ascii_case("MDT") => -360,
        z if z.eq_ignore_ascii_case("PST") => -480,
        z if z.eq_ignore_ascii_case("PDT") => -420,
        z if (z.starts_with('+') || z.starts_with('-')) && z.len() == 5 => {
            let n: i64 = z.get(1..)?.parse().ok()?;
            let m = (n / 100) * 60 + n % 100;
            if m > 24 * 60 {
                return None;
            }
            if z.starts_with('-') { -m } else { m }
        }
        _ => 0,
    };
    // Bounded above (a year of at most 4 digits), so none of this can overflow.
    let secs =
        days_from_civil(year, month, day) * 86_400 + h * 3_600 + min * 60 + sec - offset_min * 60;
    Some(iso_date_from_ms(secs * 1_000))
}

/// SerpAPI's local date format `06/12/2025, 02:00 PM, +0000 UTC` as `2025-06-12`.
pub fn us_date_to_iso(s: &str) -> Option<String> {
    let date = s.trim().split([',', ' ']).next()?;
    let mut it = date.split('/');
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    let y: i64 = it.next()?.parse().ok()?;
    // Four-digit years only: `2/29/20252025` is not a date.
    (it.next().is_none() && (1000..=9999).contains(&y) && valid_date(y, m, d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The newest of `dates` (ISO dates compare as strings), else today.
pub fn newest_or_today<'a>(dates: impl IntoIterator<Item = &'a str>) -> String {
    dates
        .into_iter()
        .filter(|d| iso_date_prefix(d).is_some())
        .max()
        .map(|d| d[..10].to_string())
        .unwrap_or_else(today_iso)
}

/// The bare host of a URL or domain, lower case, without `www.`: `acmecorp.com` from
/// `https://www.AcmeCorp.com/en/`.
pub fn bare_host(url: &str) -> String {
    let s = url.trim().to_ascii_lowercase();
    let s = s.split_once("://").map(|(_, r)| r).unwrap_or(&s);
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next().unwrap_or("");
    host.trim_start_matches("www.")
        .trim_end_matches('.')
        .to_string()
}

/// Is `url`'s host the account's `domain` or a subdomain of it?
pub fn same_site(url: &str, domain: &str) -> bool {
    let host = bare_host(url);
    let domain = bare_host(domain);
    !domain.is_empty() && (host == domain || host.ends_with(&format!(".{domain}")))
}

/// Percent-encode one URL path segment (everything but unreserved characters).
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
