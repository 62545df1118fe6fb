//! `/settings`: the rep's role and usual meeting purpose, the company they sell for (what
//! research runs and answers pitch), their API tokens, invites and password. Every change
//! is a plain form posted to the server (`/settings/...`), so it works before the WASM
//! arrives or without JavaScript; the server sends the rep back here with what was saved
//! (`?saved=company`) or the problem (`?error=...`), shown as text.

use crate::api::settings::load_settings;
use crate::components::chat_header::SignOut;
use crate::domain::settings::{
    CompanyText, ConnectionsView, MAX_FIELD_CHARS, Section, SettingsProblem, SettingsView,
    TokenEntry, saved_text,
};
use crate::domain::{MeetingPurpose, RepRole};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |_| load_settings());
    view! {
        <div class="settings-page">
            <header class="chat-header">
                <h1>"Settings"</h1>
                <a class="header-link" href="/" rel="external">"Back to chat"</a>
                <SignOut/>
            </header>
            <Outcome/>
            <Suspense fallback=|| view! { <p class="loading">"Loading your settings…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(view) => view! { <Sections view/> }.into_any(),
                        Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// What the last form did: saved, or the problem (only texts we wrote: a made-up query
/// shows nothing).
#[component]
fn Outcome() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        if let Some(p) = q.get("error").and_then(|code| {
            SettingsProblem::from_query(
                &code,
                q.get("section").as_deref(),
                q.get("line").as_deref(),
            )
        }) {
            return Some(view! { <p class="access-error" role="alert">{p.text()}</p> }.into_any());
        }
        q.get("saved")
            .and_then(|c| saved_text(&c))
            .map(|t| view! { <p class="settings-saved" role="status">{t}</p> }.into_any())
    }
}

#[component]
fn Sections(view: SettingsView) -> impl IntoView {
    let SettingsView {
        name,
        email,
        role,
        purpose,
        company,
        company_origin,
        company_own,
        tokens,
        connections,
    } = view;
    view! {
        <section class="settings-section" aria-labelledby="you">
            <h2 id="you">"You"</h2>
            <p>{name} " · " {email}</p>
            <form method="post" action="/auth/signout">
                <input type="hidden" name="everywhere" value="1"/>
                <button type="submit" class="secondary">"Sign out everywhere"</button>
            </form>
        </section>
        <PersonaForm role purpose/>
        <CompanyForm company origin=company_origin own=company_own/>
        <SharingForms connections/>
        <TokenList tokens/>
        <section class="settings-section" aria-labelledby="team">
            <h2 id="team">"Your team"</h2>
            <p class="settings-hint">"An invite link creates one account and expires in 7 days."</p>
            <form method="post" action="/settings/invite">
                <button type="submit">"Create an invite link"</button>
            </form>
        </section>
        <PasswordForm/>
    }
}

#[component]
fn PersonaForm(role: Option<RepRole>, purpose: Option<MeetingPurpose>) -> impl IntoView {
    view! {
        <section class="settings-section" aria-labelledby="persona">
            <h2 id="persona">"Your role and usual meeting"</h2>
            <p class="settings-hint">
                "Every prep starts from these; the chat can still change them for one meeting."
            </p>
            <form class="settings-form" method="post" action="/settings/profile">
                <label for="role">"Role"</label>
                <select id="role" name="role">
                        <option value="" selected=role.is_none()>"Not set"</option>
                        {RepRole::ALL
                            .into_iter()
                            .map(|r| view! {
                                <option value=r.as_str() selected=role == Some(r)>{r.label()}</option>
                            })
                            .collect_view()}
                </select>
                <label for="purpose">"Usual meeting purpose"</label>
                <select id="purpose" name="purpose">
                        <option value="" selected=purpose.is_none()>"Not set"</option>
                        {MeetingPurpose::ALL
                            .into_iter()
                            .map(|p| view! {
                                <option value=p.as_str() selected=purpose == Some(p)>{p.label()}</option>
                            })
                            .collect_view()}
                </select>
                <button type="submit">"Save role and purpose"</button>
            </form>
        </section>
    }
}

#[component]
fn CompanyForm(company: CompanyText, origin: String, own: bool) -> impl IntoView {
    let CompanyText {
        name,
        domain,
        products,
        wins,
        competitors,
    } = company;
    let note = if own {
        "Yours: research and answers pitch this company.".to_string()
    } else {
        format!("Now: {origin}. Edit and save to make it yours.")
    };
    // Leptos writes a textarea's children raw and never hydrates them: the server's HTML
    // carries the text escaped (the browser decodes it); a textarea made in the browser
    // (after going back to this page) gets it as a text node, as is. Links to the page are
    // `rel="external"`, so a fresh visit is a whole load and hydration never resets text
    // typed before it ran.
    let area = move |section: Section, text: String| {
        #[cfg(feature = "ssr")]
        let escaped = crate::domain::settings::escape_html(&text);
        #[cfg(not(feature = "ssr"))]
        let escaped = text;
        let hint = format!("{}-hint", section.as_str());
        view! {
            <label for=section.as_str()>{section.label()}</label>
            <span class="settings-hint" id=hint.clone()>{section.hint()}</span>
            <textarea
                id=section.as_str()
                name=section.as_str()
                rows="6"
                spellcheck="false"
                aria-describedby=hint
            >
                {escaped}
            </textarea>
        }
    };
    view! {
        <section class="settings-section" aria-labelledby="company">
            <h2 id="company">"Your company"</h2>
            <p class="settings-hint">{note}</p>
            <form class="settings-form" method="post" action="/settings/company">
                <label>
                    "Company name"
                    <input type="text" name="name" value=name required maxlength="200"/>
                </label>
                <label>
                    "Website domain"
                    <input type="text" name="domain" value=domain maxlength="200" placeholder="example.com"/>
                </label>
                {area(Section::Products, products)}
                {area(Section::Wins, wins)}
                {area(Section::Competitors, competitors)}
                <p class="settings-hint">
                    {format!("Each part of a line is at most {MAX_FIELD_CHARS} characters.")}
                </p>
                <button type="submit">"Save company"</button>
            </form>
            {own.then(|| view! {
                <form method="post" action="/settings/company/reset">
                    <button type="submit" class="secondary">"Use the server's company instead"</button>
                </form>
            })}
        </section>
    }
}

/// Where preps can be sent: the rep's Notion integration and Slack webhook. Saved ones are
/// never shown back — only since when, and how to remove them.
#[component]
fn SharingForms(connections: ConnectionsView) -> impl IntoView {
    let ConnectionsView {
        notion_since,
        notion_page,
        slack_since,
    } = connections;
    view! {
        <section class="settings-section" id="sharing" aria-labelledby="sharing-h">
            <h2 id="sharing-h">"Sharing: Notion and Slack"</h2>
            <p class="settings-hint">
                "A token or webhook you save here is used only to send your preps, and is never shown again."
            </p>
            <h3>"Notion"</h3>
            {match notion_since {
                Some(since) => view! {
                    <p class="settings-saved-line">
                        {format!("Connected since {since}; new pages go under page {}.", notion_page.unwrap_or_default())}
                    </p>
                    <form method="post" action="/settings/notion/remove">
                        <button type="submit" class="secondary">"Disconnect Notion"</button>
                    </form>
                }.into_any(),
                None => view! {
                    <p class="settings-hint">
                        "Make an internal integration at notion.so/my-integrations, copy its token, then add the integration to the page new preps should go under (••• → Connections)."
                    </p>
                }.into_any(),
            }}
            <form class="settings-form" method="post" action="/settings/notion">
                <label for="notion-token">"Integration token"</label>
                <input id="notion-token" name="token" type="password" required maxlength="500" autocomplete="off"/>
                <label for="notion-page">"Parent page (its link or id)"</label>
                <input id="notion-page" name="page" type="text" required maxlength="2000"/>
                <button type="submit">"Save Notion"</button>
            </form>
            <h3>"Slack"</h3>
            {match slack_since {
                Some(since) => view! {
                    <p class="settings-saved-line">{format!("A webhook is saved since {since}.")}</p>
                    <form method="post" action="/settings/slack/remove">
                        <button type="submit" class="secondary">"Remove the Slack webhook"</button>
                    </form>
                }.into_any(),
                None => view! {
                    <p class="settings-hint">
                        "In Slack, add the Incoming Webhooks app to a channel and copy its webhook URL."
                    </p>
                }.into_any(),
            }}
            <form class="settings-form" method="post" action="/settings/slack">
                <label for="slack-webhook">"Incoming-webhook URL"</label>
                <input id="slack-webhook" name="webhook" type="password" required maxlength="500" autocomplete="off"/>
                <button type="submit">"Save Slack"</button>
            </form>
        </section>
    }
}

#[component]
fn TokenList(tokens: Vec<TokenEntry>) -> impl IntoView {
    let none = tokens.is_empty();
    view! {
        <section class="settings-section" aria-labelledby="tokens">
            <h2 id="tokens">"API tokens"</h2>
            <p class="settings-hint">
                "For scripts and integrations: send one as “Authorization: Bearer …” to the JSON API. \
                 A token is shown once, when you create it."
            </p>
            {none.then(|| view! { <p class="settings-hint">"No tokens yet."</p> })}
            <ul class="token-list" aria-label="Your API tokens">
                {tokens
                    .into_iter()
                    .map(|t| {
                        let used = t
                            .last_used
                            .map(|d| format!("last used {d}"))
                            .unwrap_or_else(|| "never used".into());
                        view! {
                            <li>
                                <span class="token-name">{t.name.clone()}</span>
                                <span class="token-when">{format!("created {} · {used}", t.created)}</span>
                                <form method="post" action="/settings/tokens/revoke">
                                    <input type="hidden" name="id" value=t.id/>
                                    <button type="submit" class="secondary" aria-label=format!("Revoke {}", t.name)>
                                        "Revoke"
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <form class="settings-form inline" method="post" action="/settings/tokens">
                <label>
                    "Token name"
                    <input type="text" name="name" required maxlength="100" placeholder="e.g. CRM sync script"/>
                </label>
                <button type="submit">"Create token"</button>
            </form>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    view! {
        <section class="settings-section" aria-labelledby="password">
            <h2 id="password">"Password"</h2>
            <p class="settings-hint">"Changing it signs out your other devices."</p>
            <form class="settings-form" method="post" action="/settings/password">
                <label>
                    "Current password"
                    <input type="password" name="current" required autocomplete="current-password"/>
                </label>
                <label>
                    "New password"
                    <input type="password" name="password" required minlength="8" autocomplete="new-password"/>
                </label>
                <button type="submit">"Change password"</button>
            </form>
        </section>
    }
}
