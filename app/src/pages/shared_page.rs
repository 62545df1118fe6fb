//! What a prep looks like outside Dossier, drawn on the server from the same
//! [`OnePagerBody`] as the rep's page: the read-only page a share link opens (no chat, no
//! other prep, no sign-in, no script), and the HTML body of the email a colleague gets.
//! Leptos escapes every text, so nothing in a finding becomes markup.

use super::prep_page::OnePagerBody;
use crate::domain::one_pager::OnePager;
use leptos::prelude::*;

/// The share link's page: the one-pager of the version the link was made from, a note
/// when a newer one exists, its PDF, and who shared it until when.
#[component]
pub fn SharedPrep(
    doc: OnePager,
    newer: bool,
    from: String,
    until: String,
    pdf: String,
) -> impl IntoView {
    let version = doc.version;
    let by = if from.trim().is_empty() {
        "A Dossier user".to_string()
    } else {
        from
    };
    view! {
        <div class="prep-doc-page shared-prep">
            <p class="note shared-note" role="note">
                {format!("Shared by {by}, read-only. This link works until {until}.")}
            </p>
            {newer.then(|| view! {
                <p class="note newer-note" role="note">
                    {format!("This is version {version}: {by} has made a newer one since. Ask them for a new link.")}
                </p>
            })}
            <article class="one-pager" aria-labelledby="one-pager-title">
                <nav class="prep-tools no-print" aria-label="Take it along">
                    <a class="action link" href=pdf>"PDF"</a>
                </nav>
                <OnePagerBody doc/>
            </article>
        </div>
    }
}

/// The whole share page as HTML.
#[cfg(feature = "ssr")]
pub fn shared_document(
    doc: OnePager,
    newer: bool,
    from: String,
    until: String,
    pdf: String,
) -> String {
    let title = doc.title.clone();
    let owner = Owner::new();
    owner.with(|| {
        view! {
            <!DOCTYPE html>
            <html lang="en">
                <head>
                    <meta charset="utf-8"/>
                    <meta name="viewport" content="width=device-width, initial-scale=1"/>
                    <meta name="robots" content="noindex, nofollow"/>
                    <title>{title}</title>
                    <link rel="stylesheet" href="/pkg/dossier.css"/>
                </head>
                <body>
                    <main>
                        <SharedPrep doc newer from until pdf/>
                    </main>
                </body>
            </html>
        }
        .to_html()
    })
}

/// The one-pager as an email's HTML body, for a colleague of `rep`.
#[cfg(feature = "ssr")]
pub fn email_html(doc: &OnePager, rep: &str) -> String {
    let doc = doc.clone();
    let title = doc.title.clone();
    let rep = rep.to_string();
    let owner = Owner::new();
    owner.with(|| {
        view! {
            <!DOCTYPE html>
            <html lang="en">
                <head>
                    <meta charset="utf-8"/>
                    <title>{title}</title>
                </head>
                <body style="font-family: Arial, Helvetica, sans-serif; line-height: 1.45; max-width: 42rem;">
                    <p>{format!("{rep} shared this meeting prep with you. The PDF is attached.")}</p>
                    <OnePagerBody doc/>
                    <p style="color: #555;">"Made with Dossier. Facts cite their sources by number; 💡 marks Dossier's own suggestions."</p>
                </body>
            </html>
        }
        .to_html()
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::SourceRef;
    use crate::domain::one_pager::{Line, Paper, Section, SectionKey};

    fn hostile() -> OnePager {
        OnePager {
            prep_id: "prep-1".into(),
            version: 2,
            made_at: 0,
            account_id: "acme".into(),
            account_name: "Acme <b>Corp</b>".into(),
            title: "Meeting prep — Acme <b>Corp</b>".into(),
            meeting: vec!["Expansion \" onmouseover=\"alert(1)".into()],
            sections: vec![Section {
                key: SectionKey::Pinned,
                heading: "Pinned from the chat".into(),
                lines: vec![Line::fact(
                    "<script>alert(1)</script> <img src=x onerror=alert(2)>",
                    vec![1],
                )],
            }],
            sources: vec![SourceRef {
                name: "<i>Evil</i>\" onmouseover=\"alert(4)".into(),
                confidence: 0.9,
                last_updated: "2026-12-01".into(),
                url: Some("javascript:alert(3)".into()),
                fetched_at_ms: None,
            }],
            paper: Paper::A4,
            new_since: None,
            vendor: None,
            purpose: None,
            offer: vec![],
        }
    }

    #[test]
    fn hostile_text_is_text_in_the_email_and_on_the_shared_page() {
        let doc = hostile();
        for html in [
            email_html(&doc, "Rita <script>"),
            shared_document(
                doc.clone(),
                true,
                "Rita".into(),
                "17 Dec 2026".into(),
                "/share/x.pdf".into(),
            ),
        ] {
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{html}"
            );
            assert!(
                !html.contains("<script")
                    && !html.contains("<img")
                    && !html.contains("<b>")
                    && !html.contains("<i>")
            );
            assert!(!html.contains("javascript:"), "no link from a hostile URL");
            // In an attribute (the citation's label) a quote is escaped, so it ends nothing.
            assert!(
                html.contains("Source 1: &lt;i&gt;Evil&lt;/i&gt;&quot; onmouseover=&quot;alert(4)"),
                "{html}"
            );
        }
    }
}
