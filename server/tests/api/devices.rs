//! One rep, two devices: the same chats, the same run streaming to both; nobody else's.

use crate::follower::Follower;
use crate::helpers::spawn_app;
use crate::live_updates::{choose, run_finished};

#[tokio::test]
async fn a_rep_on_the_laptop_and_the_phone_sees_the_same_chats_and_the_same_live_run() {
    let laptop = spawn_app().await;
    let phone = laptop.same_user_elsewhere().await;
    let snapshot = laptop.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let feed = snapshot["feed"].as_str().unwrap().to_string();

    // The phone opens the same chat, on the same live feed.
    let on_phone = phone.load_chat().await;
    assert_eq!(on_phone["view"]["session_id"], sid.as_str());
    assert_eq!(on_phone["feed"], feed.as_str());

    let mut a = Follower::connect(&laptop, &sid, &feed, vec![]).await;
    let mut b = Follower::connect(&phone, &sid, &feed, vec![]).await;
    let started = choose(&laptop, &sid, "acme-corp").await;
    a.events.extend(started.clone());
    b.events.extend(started);
    a.follow(&laptop, run_finished).await;
    b.follow(&phone, run_finished).await;
    assert_eq!(a.events, b.events, "both devices folded the same events");
    assert!(b.via_feed > 0, "the phone got the run's progress live");

    // Both list the same chats; the run names the chat.
    let (l, p) = (laptop.chats().await, phone.chats().await);
    assert_eq!(l, p);
    assert_eq!(l[0]["id"], sid.as_str());
    assert_eq!(l[0]["title"], "Prep for Acme Corp");
    assert_eq!(l[0]["customerId"], "acme-corp");
    assert_eq!(l[0]["customerName"], "Acme Corp");
    assert!(l[0]["updatedAt"].as_str().unwrap().ends_with('Z'));

    // "New chat" keeps the old one in the list, newest first.
    let fresh = phone.server_fn("new", &[]).await;
    assert_eq!(fresh.status(), 200);
    let listed = laptop.chats().await;
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["title"], "New chat");
    assert_eq!(listed[1]["id"], sid.as_str());

    // Another rep lists none of them and reads none of them.
    let stranger = laptop.other_user().await;
    let theirs = stranger.chats().await;
    assert_eq!(theirs.as_array().unwrap().len(), 0);
    let events = stranger
        .server_fn(
            "events",
            &[("session_id", sid.as_str()), ("after_seq", "0")],
        )
        .await;
    assert_eq!(events.status(), 404);
}
