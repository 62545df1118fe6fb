//! The prep page's "Share and send": a read-only link, the customer-safe note to send ahead
//! (a `mailto:` draft, an `.eml`, or emailed to the rep), the one-pager to a colleague by
//! email, to Slack or to Notion — and every send, with how it went and Retry for one that
//! failed. Every button is a plain form (it works before the WASM); once hydrated, the
//! same actions run in place and the sends refresh until none is still sending.

use crate::api::preps::{load_prep, resend, send_prep, share_prep, unshare_prep};
use crate::domain::sharing::{Channel, NewShareLink, SendRecord, SendStatus, SharingView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many times the sends are read again while one is still sending (a second apart).
#[cfg(feature = "hydrate")]
const REFRESHES: u32 = 60;

#[component]
pub fn SharePanel(prep_id: String, sharing: SharingView) -> impl IntoView {
    let SharingView {
        links,
        sends,
        email,
        slack,
        notion,
        mailto,
    } = sharing;
    let id = StoredValue::new(prep_id.clone());
    let sends = RwSignal::new(sends);
    let links = RwSignal::new(links);
    let new_link = RwSignal::new(None::<NewShareLink>);
    let error = RwSignal::new(None::<String>);
    let said = RwSignal::new(None::<String>);

    // Read the sends again, a second apart, until none is sending.
    let refresh = move || {
        #[cfg(feature = "hydrate")]
        spawn_local(async move {
            for _ in 0..REFRESHES {
                gloo_timers::future::sleep(std::time::Duration::from_secs(1)).await;
                let Ok(page) = load_prep(id.get_value(), None).await else {
                    continue;
                };
                let still = page
                    .sharing
                    .sends
                    .iter()
                    .any(|s| s.status == SendStatus::Sending);
                sends.set(page.sharing.sends);
                links.set(page.sharing.links);
                if !still {
                    break;
                }
            }
        });
    };
    let share = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match share_prep(id.get_value()).await {
                Ok(link) => {
                    new_link.set(Some(link));
                    error.set(None);
                    if let Ok(page) = load_prep(id.get_value(), None).await {
                        links.set(page.sharing.links);
                    }
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let unshare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match unshare_prep(id.get_value()).await {
                Ok(()) => {
                    links.set(Vec::new());
                    new_link.set(None);
                    said.set(Some(
                        "Sharing stopped: every link to this prep is off.".into(),
                    ));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let send = move |ev: leptos::ev::SubmitEvent, channel: Channel, to: String| {
        ev.prevent_default();
        spawn_local(async move {
            match send_prep(id.get_value(), channel.as_str().into(), to).await {
                Ok(record) => {
                    error.set(None);
                    said.set(Some(format!("Sending: {}…", record.describe())));
                    sends.update(|s| s.insert(0, record));
                    refresh();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let retry = move |ev: leptos::ev::SubmitEvent, send_id: String| {
        ev.prevent_default();
        spawn_local(async move {
            match resend(id.get_value(), send_id).await {
                Ok(record) => {
                    sends.update(|s| {
                        if let Some(old) = s.iter_mut().find(|x| x.send_id == record.send_id) {
                            *old = record;
                        }
                    });
                    refresh();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let colleague = RwSignal::new(String::new());
    let base = format!("/preps/{prep_id}");
    let send_action = format!("{base}/send");
    let eml = format!("/api/preps/{prep_id}/email.eml");
    view! {
        <section class="prep-share no-print" id="share" aria-labelledby="share-h">
            <h2 id="share-h">"Share and send"</h2>
            <p role="status" class="share-status">{move || said.get()}</p>
            {move || error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}

            <h3>"Read-only link"</h3>
            <p class="settings-hint">
                "Anyone with the link sees this one-pager as it is now — no chat, no other prep, no sign-in. It expires; you can stop it at any time."
            </p>
            <form method="post" action=format!("{base}/share") on:submit=share>
                <button type="submit">"Share link"</button>
            </form>
            {move || new_link.get().map(|l| view! {
                <div class="new-link">
                    <label class="secret">"Your link (shown once — copy it now)"
                        <input type="text" readonly value=l.url.clone() data-share-url=""/>
                    </label>
                    <p class="note">{format!("It works until {}.", l.expires_at.get(..10).unwrap_or(""))}</p>
                </div>
            })}
            <Show when=move || links.with(|l| !l.is_empty())>
                <p class="note">{move || links.with(|l| {
                    let until = l.iter().max_by_key(|x| x.expires_at).map(|x| x.until.clone()).unwrap_or_default();
                    match l.len() {
                        1 => format!("1 link works now, until {until}."),
                        n => format!("{n} links work now, the last until {until}."),
                    }
                })}</p>
                <form method="post" action=format!("{base}/unshare") on:submit=unshare>
                    <button type="submit" class="secondary">"Stop sharing"</button>
                </form>
            </Show>

            <h3 id="send-ahead">"Email summary to send ahead"</h3>
            <p class="settings-hint">
                "A customer-safe note for the attendees: the agenda, what you hope to learn and what you'll bring. None of your research, angle, competitors, risks or CRM figures."
            </p>
            <p class="prep-tools">
                <a class="action link" href=mailto>"Open as an email draft"</a>
                <a class="action link" href=eml download="">"Download .eml"</a>
            </p>
            {email.then(|| view! {
                <SendButton action=send_action.clone() channel=Channel::Email label="Email it to me to forward" send/>
            })}

            <h3>"Send to a colleague or your team"</h3>
            {if email {
                view! {
                    <form class="send-colleague" method="post" action=send_action.clone()
                        on:submit=move |ev| send(ev, Channel::Email, colleague.get_untracked())>
                        <input type="hidden" name="channel" value="email"/>
                        <label for="colleague">"Colleague's email"</label>
                        <input id="colleague" name="to" type="email" required maxlength="254" autocomplete="email"
                            bind:value=colleague/>
                        <button type="submit">"Send with the PDF"</button>
                    </form>
                }.into_any()
            } else {
                view! { <p class="note">"Email isn't set up on this server: download the PDF and attach it yourself."</p> }.into_any()
            }}
            {if slack {
                view! { <SendButton action=send_action.clone() channel=Channel::Slack label="Send to Slack" send/> }.into_any()
            } else {
                view! { <p class="note">"To send to Slack, add an incoming webhook in " <a href="/settings#sharing">"Settings"</a> "."</p> }.into_any()
            }}
            <h3 id="send-notion">"Notion page for collaboration"</h3>
            {if notion {
                view! { <SendButton action=send_action.clone() channel=Channel::Notion label="Send to Notion" send/> }.into_any()
            } else {
                view! { <p class="note">"To make a Notion page for collaboration, connect Notion in " <a href="/settings#sharing">"Settings"</a> "."</p> }.into_any()
            }}

            <h3>"Sent"</h3>
            <Show
                when=move || sends.with(|s| !s.is_empty())
                fallback=|| view! { <p class="note">"Nothing sent yet."</p> }
            >
                <ul class="sends">
                    {move || sends.get().into_iter().map(|s| view! {
                        <SendRow record=s prep_id=id.get_value() retry/>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// "Send to …" for `channel`, to where the rep's settings say: a plain form (its
/// `channel` posted), in place once hydrated.
#[component]
fn SendButton(
    action: String,
    channel: Channel,
    label: &'static str,
    send: impl Fn(leptos::ev::SubmitEvent, Channel, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <form method="post" action=action on:submit=move |ev| send(ev, channel, String::new())>
            <input type="hidden" name="channel" value=channel.as_str()/>
            <button type="submit">{label}</button>
        </form>
    }
}

/// One send: where, which version, when, and how it went (Retry when it failed).
#[component]
fn SendRow(
    record: SendRecord,
    prep_id: String,
    retry: impl Fn(leptos::ev::SubmitEvent, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (mark, how) = match record.status {
        SendStatus::Sending => ("⏳", "sending…".to_string()),
        SendStatus::Delivered => ("✅", "delivered".to_string()),
        SendStatus::Failed => (
            "⚠️",
            format!(
                "not delivered: {}",
                record.reason.clone().unwrap_or_default()
            ),
        ),
    };
    let when = record.when.clone();
    let status = format!("{:?}", record.status).to_lowercase();
    let failed = record.status == SendStatus::Failed;
    let send_id = record.send_id.clone();
    let link = record
        .link
        .clone()
        .filter(|l| l.starts_with("https://") || l.starts_with("http://"));
    view! {
        <li class="send" data-status=status data-channel=record.channel.as_str()>
            {format!("{mark} {} · version {} · {when} — {how}", record.describe(), record.version)}
            {link.map(|l| view! { " " <a href=l rel="noopener noreferrer" target="_blank">"Open in Notion"</a> })}
            {failed.then(|| view! {
                <form method="post" action=format!("/preps/{prep_id}/sends/{send_id}/retry")
                    on:submit=move |ev| retry(ev, send_id.clone())>
                    <button type="submit">"Retry"</button>
                </form>
            })}
        </li>
    }
}
