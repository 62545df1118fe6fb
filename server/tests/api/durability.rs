//! A step moves once: the database refuses a second writer's copy of a transition (a
//! resumed run, another process), so no result or message is ever committed twice.

use app::domain::{Change, ChatMessage, RunStatus, RunView, StepKey, StepStatus};
use server::store::{Store, StoreError};

fn step(status: StepStatus) -> Change {
    Change::StepChanged {
        run_id: "run-1".into(),
        step: StepKey::News,
        status,
        detail: None,
    }
}

#[tokio::test]
async fn each_transition_commits_once_and_a_repeat_is_a_conflict() {
    let settings = server::config::Settings {
        db_url: "mem://".into(),
        ..Default::default()
    };
    let store = Store::connect(&settings).await.unwrap();
    let sid = "s-durable";
    let run = RunView::new("run-1", "acme-corp", "Acme Corp", 1000);
    store
        .append(sid, vec![Change::RunStarted { run }], None)
        .await
        .unwrap();

    store
        .append(sid, vec![step(StepStatus::Running)], None)
        .await
        .unwrap();
    let again = store
        .append(sid, vec![step(StepStatus::Running)], None)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

    // The result and its message travel together: a refused repeat posts neither.
    let message = ChatMessage::assistant("msg-run-1-news", "📰 News", 1);
    let done = || {
        vec![
            step(StepStatus::Done),
            Change::MessageAdded {
                message: message.clone(),
            },
        ]
    };
    store.append(sid, done(), None).await.unwrap();
    for repeat in [
        done(),
        vec![step(StepStatus::Failed)],
        vec![step(StepStatus::Running)],
    ] {
        let res = store.append(sid, repeat, None).await;
        assert!(matches!(res, Err(StoreError::Conflict(_))), "{res:?}");
    }

    let finished = || {
        vec![Change::RunFinished {
            run_id: "run-1".into(),
            status: RunStatus::Partial,
        }]
    };
    store.append(sid, finished(), None).await.unwrap();
    let res = store.append(sid, finished(), None).await;
    assert!(matches!(res, Err(StoreError::Conflict(_))), "{res:?}");

    // Exactly the accepted events, numbered without gaps.
    let events = store.events_since(sid, 0).await.unwrap();
    let seqs: Vec<u64> = events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    let messages = events
        .iter()
        .filter(|e| matches!(e.change, Change::MessageAdded { .. }))
        .count();
    assert_eq!(messages, 1);
    // After a refused write the next one still gets the next number.
    store
        .append(
            sid,
            vec![Change::MessageAdded {
                message: ChatMessage::assistant("m-after", "ok", 2),
            }],
            None,
        )
        .await
        .unwrap();
    assert_eq!(store.max_seq(sid).await.unwrap(), 6);
}
