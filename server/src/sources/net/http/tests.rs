//! The retrying HTTP layer's pure parts: statuses, Retry-After, backoff and wording.

use super::*;

#[test]
fn retry_after_reads_seconds_and_dates() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000);
    assert_eq!(
        parse_retry_after("120", now),
        Some(Duration::from_secs(120))
    );
    assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
    let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
    assert_eq!(
        parse_retry_after(&later, now),
        Some(Duration::from_secs(90))
    );
    let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
    assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
    assert_eq!(parse_retry_after("soon", now), None);
    assert_eq!(parse_retry_after("-5", now), None);
}

#[test]
fn backoff_doubles_with_jitter_and_is_capped() {
    let base = Duration::from_millis(100);
    assert_eq!(backoff_delay(base, 0, 0.0), Duration::from_millis(50));
    assert_eq!(backoff_delay(base, 0, 1.0), Duration::from_millis(100));
    assert_eq!(backoff_delay(base, 2, 0.0), Duration::from_millis(200));
    assert_eq!(backoff_delay(base, 2, 1.0), Duration::from_millis(400));
    for attempt in 0..40 {
        for j in [0.0, 0.3, 0.999] {
            let d = backoff_delay(base, attempt, j);
            assert!(d <= MAX_BACKOFF, "{attempt} {j}");
            assert!(d >= Duration::from_millis(50));
        }
    }
    assert_eq!(backoff_delay(base, 39, 1.0), MAX_BACKOFF);
}

#[test]
fn statuses_map_to_kinds() {
    let kind = |code: u16, keyed| status_failure(StatusCode::from_u16(code).unwrap(), keyed);
    assert_eq!(kind(401, true).0, ErrorKind::Unauthorized);
    assert!(kind(401, true).1.contains("API key"));
    assert_eq!(kind(403, false).0, ErrorKind::Unauthorized);
    assert!(!kind(403, false).1.contains("key"));
    assert_eq!(kind(404, false).0, ErrorKind::NotFound);
    assert_eq!(
        kind(429, false),
        (ErrorKind::RateLimited, "rate limited (HTTP 429)".into())
    );
    assert_eq!(kind(500, false).0, ErrorKind::Unavailable);
    assert_eq!(kind(503, false).1, "unavailable (HTTP 503)");
    assert_eq!(kind(400, false).0, ErrorKind::Rejected);
    assert_eq!(kind(422, true).0, ErrorKind::Rejected);
    assert_eq!(kind(408, false).0, ErrorKind::Timeout);
}

#[test]
fn json_problems_do_not_quote_the_body() {
    let body = br#"{"secret": "hunter2", "n": "#;
    let e = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
    let m = json_problem(body, &e);
    assert!(
        m.starts_with("could not read the answer: not valid JSON"),
        "{m}"
    );
    assert!(!m.contains("hunter2"));
    let body = br#"{"n": "hunter2"}"#;
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct N {
        n: u32,
    }
    let e = serde_json::from_slice::<N>(body).unwrap_err();
    assert!(e.to_string().contains("hunter2"), "serde would quote it");
    let m = json_problem(body, &e);
    assert!(!m.contains("hunter2"), "{m}");
    assert!(m.contains("unexpected shape"));
    let html = b"  <!doctype html><title>captcha</title>";
    let e = serde_json::from_slice::<serde_json::Value>(html).unwrap_err();
    assert_eq!(
        json_problem(html, &e),
        "answered with a web page instead of data"
    );
}

#[test]
fn durations_and_sizes_read_as_words() {
    assert_eq!(short_duration(Duration::from_millis(250)), "250 ms");
    assert_eq!(short_duration(Duration::from_secs(8)), "8 s");
    assert_eq!(short_duration(Duration::from_millis(1500)), "1.5 s");
    assert_eq!(short_duration(Duration::from_secs(3600)), "60 min");
    assert_eq!(short_duration(Duration::from_secs(86_400)), "24 h");
    assert_eq!(bytes_words(5_000_000), "5 MB");
    assert_eq!(bytes_words(2_000), "2 kB");
}
