//! Sharing a prep: read-only links (a random token shown once, kept as its digest; a
//! version each, an expiry, revocable), the customer-safe send-ahead draft (`.eml` and
//! `mailto:`), and sends to an email address, the rep's Slack webhook or their Notion page.
//!
//! A send is recorded `sending` before `202` is answered and delivered in the background;
//! its outcome (delivered, or why not) is written on the record, held by this process
//! under a lease. A process that dies mid-send leaves the record, which another process
//! takes over ([`Chat::keep_sends`]); a failed send is sent again on request.

use super::Chat;
use crate::auth::secret;
use crate::prep::send_ahead::{mailto, send_ahead};
use crate::prep::{email, markdown, notion, pdf, slack};
use crate::sharing::Undelivered;
use crate::store::preps::PrepRow;
use crate::store::sends::{Outcome, SendRow};
use crate::store::shares::ShareRow;
use crate::store::users::UserRow;
use app::domain::one_pager::OnePager;
use app::domain::sharing::{
    Channel, NewShareLink, SendRecord, SendStatus, SendWhat, ShareLinkInfo, SharingView,
};
use app::error::AppError;
use app::ports::Visitor;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The sends this process is delivering (their leases are renewed).
pub(super) type Sending = Arc<Mutex<HashSet<String>>>;

/// The most days a link may be asked to last.
pub const MAX_SHARE_DAYS: u32 = 90;

/// A prep opened through a read-only link.
pub struct SharedPrep {
    pub doc: OnePager,
    /// A newer version exists than the one the link shows.
    pub newer: bool,
    pub expires_at: i64,
    /// The rep who shared it.
    pub from: String,
}

impl Chat {
    /// The address users reach, for a request to `host`.
    fn base(&self, host: Option<&str>) -> String {
        crate::sharing::base_url(self.couriers.public_url.as_deref(), host)
    }

    /// `POST /api/preps/{id}/share`: a new read-only link to the latest version, lasting
    /// `days` (else the server's `DOSSIER_SHARE_DAYS`), for a request to `host`.
    pub async fn share_prep(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        host: Option<&str>,
        days: Option<u32>,
    ) -> Result<NewShareLink, AppError> {
        let prep = self.made_prep(visitor, prep_id).await?;
        let lasts = match days {
            None => self.couriers.config.share_for.as_millis() as i64,
            Some(d) if (1..=MAX_SHARE_DAYS).contains(&d) => i64::from(d) * 86_400_000,
            Some(_) => {
                return Err(AppError::BadInput(format!(
                    "A link lasts 1 to {MAX_SHARE_DAYS} days."
                )));
            }
        };
        let token = secret::new_secret();
        let now = crate::now_ms();
        let row = ShareRow {
            digest: secret::digest(&token),
            pid: prep.pid.clone(),
            owner: prep.owner.clone(),
            version: prep.version,
            created_at: now,
            expires_at: now + lasts,
        };
        self.store.create_share(&row).await?;
        Ok(NewShareLink {
            url: format!("{}/share/{token}", self.base(host)),
            expires_at: crate::sources::rfc3339(row.expires_at),
        })
    }

    /// `DELETE /api/preps/{id}/share`: every link to the prep stops working; how many did.
    pub async fn unshare_prep(&self, visitor: &Visitor, prep_id: &str) -> Result<usize, AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        Ok(self.store.revoke_shares(&prep.pid, crate::now_ms()).await?)
    }

    /// The prep a link's `token` opens: its version, and whether a newer one exists. 404
    /// for a token that is unknown, revoked or expired, or whose prep is gone.
    pub async fn shared_prep(&self, token: &str) -> Result<SharedPrep, AppError> {
        let gone =
            || AppError::NotFound("This link doesn't work (any more): ask for a new one.".into());
        if !secret::well_formed(token) || token.starts_with(secret::TOKEN_PREFIX) {
            return Err(gone());
        }
        let now = crate::now_ms();
        let link = self
            .store
            .share(&secret::digest(token), now)
            .await?
            .ok_or_else(gone)?;
        let prep = self.store.prep(&link.pid).await?.ok_or_else(gone)?;
        let doc = self
            .store
            .prep_version(&link.pid, link.version)
            .await?
            .ok_or_else(gone)?;
        let from = self
            .store
            .user(&prep.owner)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        Ok(SharedPrep {
            doc,
            newer: prep.version > link.version,
            expires_at: link.expires_at,
            from,
        })
    }

    /// `GET /api/preps/{id}/email.eml`: the send-ahead note as a draft from the rep, and its
    /// file name.
    pub async fn send_ahead_eml(
        &self,
        visitor: &Visitor,
        prep_id: &str,
    ) -> Result<(Vec<u8>, String), AppError> {
        let prep = self.made_prep(visitor, prep_id).await?;
        let doc = self.version_of(&prep, prep.version).await?;
        let rep = self.rep_row(&prep.owner).await?;
        let note = send_ahead(&doc, &rep.name);
        let from = email::mailbox(&rep.name, rep_address(&rep)?);
        let eml = email::draft_eml(&note, from).map_err(|e| {
            tracing::error!(error = %e, "a send-ahead draft was not built");
            AppError::Internal
        })?;
        Ok((
            eml,
            format!(
                "send-ahead-{}-v{}.eml",
                crate::prep::slug(&doc.account_name),
                doc.version
            ),
        ))
    }

    /// `POST /api/preps/{id}/send`: record the send of the latest version on `channel`
    /// (email: to `to`, else the send-ahead note to the rep) and deliver it in the
    /// background.
    pub async fn send_prep(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        channel: Channel,
        to: Option<&str>,
    ) -> Result<SendRecord, AppError> {
        let prep = self.made_prep(visitor, prep_id).await?;
        let to = to.map(str::trim).filter(|t| !t.is_empty());
        let rep = self.rep_row(&prep.owner).await?;
        let connections = self.store.connections(&prep.owner).await?;
        let (what, to) = match channel {
            Channel::Email => {
                if self.couriers.mailer.is_none() {
                    return Err(AppError::BadInput(
                        "Email isn't set up on this server (DOSSIER_SMTP_URL): download the draft instead."
                            .into(),
                    ));
                }
                match to {
                    Some(t) => {
                        let addr =
                            email::address(t).map_err(|e| AppError::BadInput(e.to_string()))?;
                        self.colleague(&rep, &addr).await?;
                        (SendWhat::OnePager, Some(addr.to_string()))
                    }
                    None => (SendWhat::SendAhead, Some(rep_address(&rep)?.to_string())),
                }
            }
            Channel::Slack | Channel::Notion if to.is_some() => {
                return Err(AppError::BadInput(format!(
                    "{} goes where your settings say: leave out \"to\".",
                    channel.label()
                )));
            }
            Channel::Slack => {
                if connections.slack_webhook.is_none() {
                    return Err(AppError::BadInput(
                        "Add your Slack incoming-webhook URL in Settings first.".into(),
                    ));
                }
                (SendWhat::OnePager, None)
            }
            Channel::Notion => {
                if connections.notion_token.is_none() || connections.notion_parent.is_none() {
                    return Err(AppError::BadInput(
                        "Connect Notion in Settings first (an integration token and a parent page)."
                            .into(),
                    ));
                }
                (SendWhat::OnePager, None)
            }
        };
        let now = crate::now_ms();
        let row = SendRow {
            send_id: format!("send-{}", crate::random_id(10)),
            pid: prep.pid.clone(),
            owner: prep.owner.clone(),
            channel,
            what,
            to,
            version: prep.version,
            status: SendStatus::Sending,
            reason: None,
            link: None,
            requested_at: now,
            finished_at: None,
            attempts: 1,
            holder: self.orchestrator.instance().to_string(),
            lease_until: now + self.orchestrator.lease().as_millis() as i64,
        };
        self.store.create_send(&row).await?;
        self.deliver_later(row.clone());
        Ok(row.record())
    }

    /// `POST /api/preps/{id}/sends/{send}/retry`: send a failed one again.
    pub async fn retry_send(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        send_id: &str,
    ) -> Result<SendRecord, AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        let not_found = || AppError::NotFound("No send with that id on this prep.".into());
        if send_id.len() > 64 {
            return Err(not_found());
        }
        let row = self
            .store
            .send_row(send_id)
            .await?
            .filter(|s| s.pid == prep.pid)
            .ok_or_else(not_found)?;
        let now = crate::now_ms();
        let until = now + self.orchestrator.lease().as_millis() as i64;
        let again = self
            .store
            .retry_send(&row.send_id, self.orchestrator.instance(), now, until)
            .await?;
        let Some(again) = again else {
            return Err(AppError::BadInput(match row.status {
                SendStatus::Sending => "It is being sent right now.".into(),
                _ => "It was delivered: send it again with a new send.".into(),
            }));
        };
        self.deliver_later(again.clone());
        Ok(again.record())
    }

    /// Prep `prep`'s sends, newest first, and the links that work now (for a prep the
    /// caller already checked is the visitor's).
    pub async fn sent(
        &self,
        prep: &PrepRow,
    ) -> Result<(Vec<SendRecord>, Vec<ShareLinkInfo>), AppError> {
        let links = self.store.shares_of(&prep.pid, crate::now_ms()).await?;
        let sends = self.store.sends_of(&prep.pid).await?;
        let links = links
            .into_iter()
            .map(|l| ShareLinkInfo {
                version: l.version,
                created_at: l.created_at,
                expires_at: l.expires_at,
                until: crate::prep::day(l.expires_at),
            })
            .collect();
        Ok((sends.iter().map(SendRow::record).collect(), links))
    }

    /// What the prep page's "Share" section shows, beside `shown` (the version on the page;
    /// the draft is of the latest, read only when `shown` is an older one).
    pub(super) async fn sharing_of(
        &self,
        prep: &PrepRow,
        shown: &OnePager,
    ) -> Result<SharingView, AppError> {
        let (sends, links) = self.sent(prep).await?;
        let connections = self.store.connections(&prep.owner).await?;
        let latest = if shown.version == prep.version {
            Some(shown.clone())
        } else {
            self.store.prep_version(&prep.pid, prep.version).await?
        };
        let mailto = match latest {
            Some(doc) => {
                let rep = self.rep_row(&prep.owner).await?;
                mailto(&send_ahead(&doc, &rep.name))
            }
            None => String::new(),
        };
        Ok(SharingView {
            links,
            sends,
            email: self.couriers.mailer.is_some(),
            slack: connections.slack_webhook.is_some(),
            notion: connections.notion_token.is_some() && connections.notion_parent.is_some(),
            mailto,
        })
    }

    /// Renew the leases on the sends this process delivers, and take over those whose
    /// sender died (`now`: None at start when this process is the database's only user).
    pub(super) async fn keep_sends(&self, now: Option<i64>) {
        let lease = self.orchestrator.lease().as_millis() as i64;
        let mine: Vec<String> = self.sending_set().iter().cloned().collect();
        let until = crate::now_ms() + lease;
        let holder = self.orchestrator.instance();
        if let Err(e) = self.store.renew_sends(holder, &mine, until).await {
            tracing::warn!(error = %e, "send lease renewal failed");
        }
        let gave_up = "Dossier stopped while sending this, more than once: it may have arrived. Check, then press Retry.";
        match self
            .store
            .take_lapsed_sends(holder, &mine, now, until, gave_up)
            .await
        {
            Ok(taken) => {
                for row in taken {
                    tracing::info!(
                        send_id = row.send_id,
                        attempts = row.attempts,
                        "taking over a send left undelivered"
                    );
                    self.deliver_later(row);
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not look for sends left undelivered"),
        }
    }

    fn sending_set(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.sending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Deliver `row` in the background and record how it went.
    fn deliver_later(&self, row: SendRow) {
        let Some(this) = self.me() else {
            return;
        };
        self.sending_set().insert(row.send_id.clone());
        tokio::spawn(async move {
            // Renewed while this task holds it, also if it panics: dropped, it stops.
            let held = Held(this.sending.clone(), row.send_id.clone());
            let outcome = match this.send_once(&row).await {
                Ok(link) => Outcome::Delivered { link },
                Err(Undelivered(reason)) => Outcome::Failed { reason },
            };
            let delivered = matches!(outcome, Outcome::Delivered { .. });
            // No longer renewed from here: a Retry right after the outcome holds it anew, and
            // if the outcome is not written the lease lapses and the send is taken over.
            drop(held);
            match this
                .store
                .finish_send(
                    &row.send_id,
                    this.orchestrator.instance(),
                    &outcome,
                    crate::now_ms(),
                )
                .await
            {
                Ok(true) => tracing::info!(
                    send_id = row.send_id,
                    channel = row.channel.as_str(),
                    delivered,
                    "send ended"
                ),
                Ok(false) => tracing::info!(send_id = row.send_id, "send ended by another process"),
                Err(e) => {
                    tracing::warn!(send_id = row.send_id, error = %e, "a send's outcome was not recorded; it is taken over when its lease lapses")
                }
            }
        });
    }

    /// Send `row` once: where it landed, if the channel says.
    async fn send_once(&self, row: &SendRow) -> Result<Option<String>, Undelivered> {
        let lost = |_| Undelivered("Dossier's database didn't answer. Press Retry.".into());
        let doc = self
            .store
            .prep_version(&row.pid, row.version)
            .await
            .map_err(lost)?
            .ok_or_else(|| Undelivered("This version of the one-pager is gone.".into()))?;
        let rep = self
            .store
            .user(&row.owner)
            .await
            .map_err(lost)?
            .ok_or_else(|| Undelivered("The rep's account is gone.".into()))?;
        match row.channel {
            Channel::Email => self.email(row, &doc, &rep).await.map(|_| None),
            Channel::Slack => {
                let sealed = self
                    .store
                    .connections(&row.owner)
                    .await
                    .map_err(lost)?
                    .slack_webhook
                    .ok_or_else(|| {
                        Undelivered("Your Slack webhook was removed in Settings: add it again, then press Retry.".into())
                    })?;
                let hook = self.unseal(
                    &sealed,
                    &crate::store::connections::slack_context(&row.owner),
                    "Slack webhook",
                )?;
                self.couriers
                    .slack
                    .post(&hook, slack::message(&doc))
                    .await
                    .map(|_| None)
            }
            Channel::Notion => {
                let c = self.store.connections(&row.owner).await.map_err(lost)?;
                let (Some(sealed), Some(parent)) = (c.notion_token, c.notion_parent) else {
                    return Err(Undelivered(
                        "Notion was disconnected in Settings: connect it again, then press Retry."
                            .into(),
                    ));
                };
                let token = self.unseal(
                    &sealed,
                    &crate::store::connections::notion_context(&row.owner),
                    "Notion token",
                )?;
                let (title, blocks) = notion::page(&doc);
                let url = self
                    .couriers
                    .notion
                    .create_page(&token, &parent, &title, blocks)
                    .await?;
                Ok((!url.is_empty()).then_some(url))
            }
        }
    }

    /// The email of `row`: the send-ahead note to the rep, or the one-pager and its PDF
    /// to a colleague.
    async fn email(&self, row: &SendRow, doc: &OnePager, rep: &UserRow) -> Result<(), Undelivered> {
        let mailer = self.couriers.mailer.as_ref().ok_or_else(|| {
            Undelivered("Email is no longer set up on this server (DOSSIER_SMTP_URL).".into())
        })?;
        let bad = |e: email::EmailError| Undelivered(format!("{e} Check it, then send again."));
        let rep_box = email::mailbox(&rep.name, email::address(&rep.email).map_err(bad)?);
        let from = email::mailbox(
            &format!("{} via Dossier", rep.name),
            mailer.from.email.clone(),
        );
        let message = match row.what {
            SendWhat::SendAhead => {
                email::send_ahead_message(&send_ahead(doc, &rep.name), from, rep_box)
            }
            SendWhat::OnePager => {
                let to = email::address(row.to.as_deref().unwrap_or("")).map_err(bad)?;
                let for_pdf = doc.clone();
                let pdf = tokio::task::spawn_blocking(move || pdf::one_pager(&for_pdf))
                    .await
                    .ok()
                    .and_then(Result::ok)
                    .ok_or_else(|| Undelivered("The PDF could not be made. Press Retry.".into()))?;
                let name = format!(
                    "meeting-prep-{}-v{}.pdf",
                    crate::prep::slug(&doc.account_name),
                    doc.version
                );
                let subject = format!("{} (version {})", doc.title, doc.version);
                email::colleague_message(
                    email::ForColleague {
                        subject: &subject,
                        text: markdown::markdown(doc),
                        html: app::pages::shared_page::email_html(doc, &rep.name),
                        pdf,
                        pdf_name: &name,
                    },
                    from,
                    rep_box,
                    email::mailbox("", to),
                )
            }
        }
        .map_err(bad)?;
        mailer.send(message).await
    }

    /// The secret `sealed` holds (`what` names it to the rep when it can't be read).
    fn unseal(&self, sealed: &str, context: &str, what: &str) -> Result<String, Undelivered> {
        self.vault.open(sealed, context).ok_or_else(|| {
            Undelivered(format!(
                "Your {what} can't be read any more (the server's secret key changed): save it again in Settings, then press Retry."
            ))
        })
    }

    /// Whether `to` may get `rep`'s one-pager, which holds their internal notes: an address
    /// at the rep's own domain, or a member of this Dossier. A customer's is refused (they
    /// get the send-ahead note), and a leaked API token cannot mail it to the world.
    async fn colleague(&self, rep: &UserRow, to: &lettre::Address) -> Result<(), AppError> {
        let own = rep.email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        if !own.is_empty() && to.domain().eq_ignore_ascii_case(own) {
            return Ok(());
        }
        if self
            .store
            .user_by_email(&AsRef::<str>::as_ref(to).to_lowercase())
            .await?
            .is_some()
        {
            return Ok(());
        }
        Err(AppError::BadInput(format!(
            "The one-pager holds your internal notes, so it goes only to colleagues: an address at @{own} or a Dossier member. For the customer, send the send-ahead note."
        )))
    }

    /// The visitor's prep, once it has a one-pager (else a clear 400).
    async fn made_prep(&self, visitor: &Visitor, prep_id: &str) -> Result<PrepRow, AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        if prep.version == 0 {
            return Err(AppError::BadInput(
                "This prep has no one-pager yet: make one in its chat first.".into(),
            ));
        }
        Ok(prep)
    }

    async fn version_of(&self, prep: &PrepRow, n: u32) -> Result<OnePager, AppError> {
        self.store
            .prep_version(&prep.pid, n)
            .await?
            .ok_or_else(|| AppError::NotFound("No such version of this prep.".into()))
    }

    async fn rep_row(&self, uid: &str) -> Result<UserRow, AppError> {
        self.store
            .user(uid)
            .await?
            .ok_or_else(|| AppError::NotFound("No such user.".into()))
    }
}

/// A send this process delivers: its lease is renewed until this is dropped.
struct Held(Sending, String);

impl Drop for Held {
    fn drop(&mut self) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.1);
    }
}

/// The rep's own address (the one they signed up with).
fn rep_address(rep: &UserRow) -> Result<lettre::Address, AppError> {
    email::address(&rep.email).map_err(|e| AppError::BadInput(e.to_string()))
}
