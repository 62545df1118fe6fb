//! What the public job boards (Greenhouse, Lever, Ashby) share: trying the account's
//! candidate board tokens in turn and turning the first board with jobs into findings.

use super::http::Http;
use super::text::{board_tokens, newest_or_today};
use super::{ErrorKind, SourceError, source_ref};
use crate::findings::{Collected, Findings, Job};
use app::domain::AccountSummary;
use std::future::Future;

/// The most roles we keep from one board.
pub const MAX_JOBS: usize = 50;
/// Job boards list the company's own postings: high confidence.
pub const CONFIDENCE: f32 = 0.9;

/// Jobs from one board, with the dates that say how fresh it is.
pub struct Board {
    pub jobs: Vec<Job>,
    /// Every posting's last-change date (ISO), for `last_updated`.
    pub dates: Vec<String>,
    /// The board's public page.
    pub url: String,
}

/// Try `fetch` on each candidate token: the first board with jobs wins; a board that
/// exists but is empty counts as "no openings"; 404 for every token is NotFound.
pub async fn collect_board<F, Fut>(
    http: &Http,
    account: &AccountSummary,
    fetch: F,
) -> Result<Findings, SourceError>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Board, SourceError>>,
{
    let mut empty: Option<Board> = None;
    for token in board_tokens(account) {
        match fetch(token).await {
            Ok(board) if !board.jobs.is_empty() => return Ok(findings(http, board)),
            Ok(board) => {
                empty.get_or_insert(board);
            }
            Err(e) if e.kind == ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
    match empty {
        Some(board) => Ok(findings(http, board)),
        None => Err(http.error(
            ErrorKind::NotFound,
            format!("no public {} job board found", http.name()),
        )),
    }
}

fn findings(http: &Http, mut board: Board) -> Findings {
    board.jobs.truncate(MAX_JOBS);
    let last_updated = newest_or_today(board.dates.iter().map(String::as_str));
    Findings::from_source(
        Collected::Hiring { jobs: board.jobs },
        source_ref(http.name(), CONFIDENCE, last_updated, Some(board.url)),
    )
}
