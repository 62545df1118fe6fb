//! The step transitions as values: what a stored row means, what each transition commits.

use super::*;
use crate::findings::{NewsItem, VendorProfile};
use crate::orchestrator::{Halt, RetryPolicy};
use crate::store::StoreError;
use app::domain::Intent;
use std::time::Duration;

/// Acme Corp, from the demo data set.
fn account() -> AccountSummary {
    crate::demo::demo_accounts().remove(0)
}

fn run() -> RunRow {
    RunRow {
        rid: "run-1".into(),
        sid: "s-1".into(),
        account_id: "acme-corp".into(),
        account_name: "Acme Corp".into(),
        status: RunStatus::Running,
        estimated_ms: 1_000,
        started_at: 1,
        finished_at: None,
    }
}

fn source() -> SourceRef {
    SourceRef {
        name: "Demo news".into(),
        confidence: 0.9,
        last_updated: "2026-11-20".into(),
        url: None,
        fetched_at_ms: Some(1),
    }
}

fn news() -> Findings {
    Findings::from_source(
        Collected::News {
            items: vec![NewsItem {
                title: "Acme raises $50M Series C".into(),
                date: "2026-11-20".into(),
                funding: true,
                url: "https://news.example/acme".into(),
                publisher: None,
                src: 0,
            }],
        },
        source(),
    )
}

fn row(key: StepKey, status: StepStatus) -> StepRow {
    StepRow {
        idx: key.index(),
        key,
        status,
        detail: None,
        result: None,
        cache: None,
        updated_at: 1,
    }
}

#[test]
fn a_stored_row_decides_what_the_runner_does() {
    assert_eq!(plan(None), Plan::Start);
    assert_eq!(
        plan(Some(&row(StepKey::News, StepStatus::Pending))),
        Plan::Start
    );
    assert_eq!(
        plan(Some(&row(StepKey::News, StepStatus::Running))),
        Plan::Resume
    );
    let done = StepRow {
        result: Some(serde_json::to_value(news()).unwrap()),
        ..row(StepKey::News, StepStatus::Done)
    };
    assert_eq!(plan(Some(&done)), Plan::Reuse(Ok(news())));
    let garbled = StepRow {
        result: Some(serde_json::json!({"not": "findings"})),
        ..row(StepKey::News, StepStatus::Done)
    };
    assert_eq!(
        plan(Some(&garbled)),
        Plan::Reuse(Err("the stored result could not be read".into()))
    );
    assert_eq!(
        plan(Some(&row(StepKey::News, StepStatus::Failed))),
        Plan::Reuse(Err("the source failed".into()))
    );
    let failed = StepRow {
        detail: Some("Demo news: timed out".into()),
        ..row(StepKey::News, StepStatus::Failed)
    };
    assert_eq!(
        plan(Some(&failed)),
        Plan::Reuse(Err("Demo news: timed out".into()))
    );
}

#[test]
fn only_this_versions_steps_in_order_can_resume() {
    let rows: Vec<StepRow> = StepKey::ALL
        .iter()
        .map(|&k| row(k, StepStatus::Pending))
        .collect();
    assert!(same_steps(&rows));
    assert!(!same_steps(&rows[..6]));
    // A row whose position names another step (steps renumbered by a newer version).
    let mut renumbered = rows.clone();
    renumbered[1].key = StepKey::Hiring;
    assert!(!same_steps(&renumbered));
    assert_eq!(row_of(&rows, StepKey::Tech), Some(StepKey::Tech));
}

fn row_of(rows: &[StepRow], key: StepKey) -> Option<StepKey> {
    super::row(rows, key).map(|r| r.key)
}

#[test]
fn a_done_step_posts_its_findings_with_their_sources() {
    let (changes, result) =
        done(&run(), &account(), StepKey::News, &news(), CacheUse::Hit, 5).unwrap();
    let Change::StepChanged { status, detail, .. } = &changes[0] else {
        panic!("{changes:?}")
    };
    assert_eq!(*status, StepStatus::Done);
    assert_eq!(detail.as_deref(), Some("1 item, 1 funding — from cache"));
    let Change::MessageAdded { message } = &changes[1] else {
        panic!("{changes:?}")
    };
    assert_eq!(message.id, "msg-run-1-news");
    assert!(
        message.text.starts_with("📰 News & funding for Acme Corp"),
        "{}",
        message.text
    );
    assert!(message.text.contains("Acme raises $50M Series C"));
    assert_eq!(message.sources, vec![source()]);
    assert_eq!(result.cache, CacheUse::Hit);
    assert_eq!(result.step, StepKey::News);
}

#[test]
fn the_vendor_step_is_context_not_news_for_the_rep() {
    let vendor = Findings::from_source(
        Collected::Vendor {
            vendor: VendorProfile {
                name: "Keyfort".into(),
                ..VendorProfile::default()
            },
        },
        source(),
    );
    let (changes, _) = done(
        &run(),
        &account(),
        StepKey::Vendor,
        &vendor,
        CacheUse::Miss,
        5,
    )
    .unwrap();
    assert_eq!(changes.len(), 1, "no chat message: {changes:?}");
    let Change::StepChanged { detail, .. } = &changes[0] else {
        panic!()
    };
    assert!(
        detail.as_deref().unwrap().ends_with(" — loaded"),
        "{detail:?}"
    );
}

#[test]
fn a_failed_step_shows_its_reason() {
    let changes = failed("run-1", StepKey::Hiring, "Demo job board: timed out");
    assert_eq!(
        changes,
        vec![Change::StepChanged {
            run_id: "run-1".into(),
            step: StepKey::Hiring,
            status: StepStatus::Failed,
            detail: Some("Demo job board: timed out".into()),
        }]
    );
}

#[test]
fn a_run_ends_completed_partial_or_failed() {
    let gap = [MissingStep {
        step: StepKey::Tech,
        reason: "timed out".into(),
    }];
    assert_eq!(run_status(true, &[]), RunStatus::Completed);
    assert_eq!(run_status(true, &gap), RunStatus::Partial);
    assert_eq!(run_status(false, &[]), RunStatus::Failed);
    let (found, missing) = split(vec![
        (StepKey::News, Ok(news())),
        (StepKey::Tech, Err("timed out".into())),
    ]);
    assert_eq!(found, vec![news()]);
    assert_eq!(missing.to_vec(), gap.to_vec());
}

#[test]
fn nothing_collected_fails_the_analysis_and_says_so() {
    let changes = analysed(
        &run(),
        Err("Nothing was collected to analyse".into()),
        (
            vec![],
            vec![Action::ask("Competitive landscape", Intent::Competitors)],
        ),
        &[MissingStep {
            step: StepKey::News,
            reason: "the news source is down right now".into(),
        }],
        &account(),
        run().started_at + 600,
    );
    let Change::StepChanged { status, detail, .. } = &changes[0] else {
        panic!()
    };
    assert_eq!(*status, StepStatus::Failed);
    assert_eq!(detail.as_deref(), Some("Nothing was collected to analyse"));
    let Change::MessageAdded { message } = &changes[1] else {
        panic!()
    };
    assert_eq!(message.id, "msg-run-1-summary");
    let labels: Vec<&str> = message.actions.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Retry what failed"],
        "nothing to explore; retry what failed"
    );
    assert!(
        message
            .text
            .starts_with("❌ I couldn't research Acme Corp: every source failed")
    );
    let Change::MessageRevised { id, text, .. } = &changes[2] else {
        panic!("the line above the card is revised")
    };
    assert_eq!(id, "msg-run-1-started");
    assert_eq!(
        text,
        "❌ Deep research stopped after 0.6 s: nothing was found."
    );
    assert_eq!(
        changes[3],
        Change::RunFinished {
            run_id: "run-1".into(),
            status: RunStatus::Failed
        }
    );
}

#[test]
fn the_summary_cites_the_customers_sources_not_the_vendors() {
    let vendor = Findings::from_source(
        Collected::Vendor {
            vendor: VendorProfile::default(),
        },
        SourceRef {
            name: "Vendor file".into(),
            ..source()
        },
    );
    let (collected, sources) = analysis_inputs(&[vendor, news()]);
    assert_eq!(collected.len(), 2);
    assert_eq!(sources, vec![source()]);
}

#[test]
fn retries_wait_longer_each_time_then_stop() {
    let policy = RetryPolicy {
        retries: 3,
        first_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(300),
    };
    assert_eq!(policy.delay(1), Some(Duration::from_millis(100)));
    assert_eq!(policy.delay(2), Some(Duration::from_millis(200)));
    assert_eq!(policy.delay(3), Some(Duration::from_millis(300)));
    assert_eq!(policy.delay(4), None);
    assert_eq!(policy.delay(0), None);
}

#[test]
fn another_writer_supersedes_and_bad_data_is_terminal() {
    assert!(matches!(
        Halt::from(StoreError::Conflict("step run-1/2 is done".into())),
        Halt::Superseded(_)
    ));
    let decode = serde_json::from_str::<u8>("x").unwrap_err();
    assert!(matches!(
        Halt::from(StoreError::Decode(decode)),
        Halt::Terminal(_)
    ));
}
