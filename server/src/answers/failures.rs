//! Why a research step found nothing, in words a rep reads on the progress card and in the
//! answers: which source, and what happened to it — never a status code.

use crate::sources::{ErrorKind, SourceError};
use app::domain::StepKey;

/// What the rep calls the sources of `step`: `the news source`.
fn source_words(step: StepKey) -> &'static str {
    match step {
        StepKey::Vendor => "your company's profile",
        StepKey::News => "the news source",
        StepKey::Hiring => "the job board",
        StepKey::Company => "the company-profile source",
        StepKey::Tech => "the tech-stack scan",
        StepKey::Contacts => "the contacts source",
        StepKey::Analysis => "the analysis",
    }
}

/// What happened, after the source's name: `didn't answer in time`.
pub fn what_happened(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Timeout => "didn't answer in time",
        ErrorKind::Unavailable => "is down right now",
        ErrorKind::RateLimited => "is busy (too many requests just now)",
        ErrorKind::Unauthorized => "refused Dossier's key (an admin needs to check it)",
        ErrorKind::Malformed => "sent an answer Dossier couldn't read",
        ErrorKind::TooLarge => "sent more than Dossier accepts",
        ErrorKind::NotFound => "has nothing on this company",
        ErrorKind::Rejected => "turned the request down",
        ErrorKind::Offline => "couldn't be reached: this server is offline",
    }
}

/// Why `step` found nothing, from its sources' failures: `the news source (Google News)
/// didn't answer in time`. Several sources are each said once; an empty list (no source
/// answered and none said why) says so.
pub fn step_failed(step: StepKey, failures: &[SourceError]) -> String {
    let source = source_words(step);
    let mut said: Vec<String> = Vec::new();
    for e in failures {
        let line = format!("{} {}", e.provider, what_happened(e.kind));
        if !said.contains(&line) {
            said.push(line);
        }
    }
    match said.as_slice() {
        [] => format!("{source} didn't answer"),
        [_] => {
            let e = &failures[0];
            format!("{source} ({}) {}", e.provider, what_happened(e.kind))
        }
        many => format!("no source answered: {}", many.join("; ")),
    }
}

/// Whether asking again later may help: the source was busy, down or slow.
pub fn worth_retrying(failures: &[SourceError]) -> bool {
    failures.iter().any(|e| e.kind.is_retriable())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(provider: &str, kind: ErrorKind) -> SourceError {
        SourceError::new(provider, kind, "HTTP 503 from upstream")
    }

    #[test]
    fn one_source_is_named_with_what_happened_to_it() {
        assert_eq!(
            step_failed(StepKey::News, &[err("Google News", ErrorKind::Timeout)]),
            "the news source (Google News) didn't answer in time"
        );
        assert_eq!(
            step_failed(
                StepKey::Tech,
                &[err("Website scan", ErrorKind::Unavailable)]
            ),
            "the tech-stack scan (Website scan) is down right now"
        );
    }

    #[test]
    fn status_codes_and_raw_messages_never_reach_the_rep() {
        for kind in [
            ErrorKind::Timeout,
            ErrorKind::Unavailable,
            ErrorKind::RateLimited,
            ErrorKind::Unauthorized,
            ErrorKind::Malformed,
            ErrorKind::TooLarge,
            ErrorKind::NotFound,
            ErrorKind::Rejected,
            ErrorKind::Offline,
        ] {
            let text = step_failed(StepKey::Hiring, &[err("Greenhouse", kind)]);
            assert!(!text.contains("HTTP") && !text.contains("503"), "{text}");
            assert!(text.starts_with("the job board (Greenhouse) "), "{text}");
        }
    }

    #[test]
    fn several_sources_are_each_said_once() {
        let failures = [
            err("Google News", ErrorKind::Timeout),
            err("NewsAPI", ErrorKind::RateLimited),
            err("NewsAPI", ErrorKind::RateLimited),
        ];
        assert_eq!(
            step_failed(StepKey::News, &failures),
            "no source answered: Google News didn't answer in time; \
             NewsAPI is busy (too many requests just now)"
        );
        assert_eq!(
            step_failed(StepKey::News, &[]),
            "the news source didn't answer"
        );
    }

    #[test]
    fn only_busy_down_or_slow_sources_are_worth_retrying() {
        assert!(worth_retrying(&[err("a", ErrorKind::RateLimited)]));
        assert!(!worth_retrying(&[err("a", ErrorKind::NotFound)]));
        assert!(!worth_retrying(&[]));
    }
}
