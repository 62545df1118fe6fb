//! One LIVE SELECT on `event` per process, fanned out to the sessions' feed signals.
//! If the stream ends (a remote database restarted), it subscribes again and then publishes
//! whatever each open session missed meanwhile, read from the database.

use super::feeds::FeedHub;
use crate::store::{Store, StoreError};
use app::domain::SessionEvent;
use futures::StreamExt;
use serde::Deserialize;
use surrealdb::Notification;
use surrealdb::types::Action;

#[derive(Deserialize)]
struct EventRow {
    sid: String,
    #[serde(flatten)]
    event: SessionEvent,
}

type EventStream = surrealdb::method::QueryStream<Notification<serde_json::Value>>;

async fn subscribe(store: &Store) -> Result<EventStream, StoreError> {
    let mut res = store.db().query("LIVE SELECT * FROM event").await?;
    Ok(res.stream::<Notification<serde_json::Value>>(0)?)
}

/// Subscribe now (so nothing committed after this returns is missed) and forward in the
/// background.
pub async fn follow_events(store: Store, hub: FeedHub) -> Result<(), StoreError> {
    let mut stream = subscribe(&store).await?;
    tokio::spawn(async move {
        loop {
            while let Some(item) = stream.next().await {
                match item {
                    Ok(n) if n.action == Action::Create => {
                        match serde_json::from_value::<EventRow>(n.data) {
                            Ok(row) => {
                                let lag = crate::now_ms() - row.event.at_ms;
                                tracing::debug!(sid = %row.sid, seq = row.event.seq, lag_ms = lag, "event");
                                hub.publish(&row.sid, &row.event).await;
                            }
                            Err(e) => tracing::warn!(error = %e, "undecodable event notification"),
                        }
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "live event stream error"),
                }
            }
            tracing::warn!("live event stream ended; subscribing again");
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                match subscribe(&store).await {
                    Ok(s) => {
                        stream = s;
                        catch_up(&store, &hub).await;
                        break;
                    }
                    Err(e) => tracing::warn!(error = %e, "live re-subscribe failed"),
                }
            }
        }
    });
    Ok(())
}

/// After re-subscribing: publish the events each open session missed while unsubscribed.
async fn catch_up(store: &Store, hub: &FeedHub) {
    for (sid, seq) in hub.open_sessions() {
        match store.events_since(&sid, seq).await {
            Ok(events) => {
                for e in &events {
                    hub.publish(&sid, e).await;
                }
            }
            Err(e) => tracing::warn!(sid, error = %e, "catch-up read failed"),
        }
    }
}
