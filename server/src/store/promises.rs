//! Promises made in the chat, kept durably: an answer being written into a placeholder
//! ("🔍 Analyzing…", a streaming model answer) and a question waiting for a running step
//! ("⏳ Still collecting …"). Each is recorded in the transaction that posts the message
//! making it, and removed in the one that posts the answer keeping it, so a crash at any
//! moment leaves either the promise or its answer — and only one writer can keep it.

use super::conversation::WaitingQuestion;
use super::events::CONFLICT;
use super::preps::PrepDue;
use super::{Store, StoreError, decode};
use app::domain::Intent;
use app::domain::one_pager::OnePager;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// An answer being written into placeholder message `id` of session `sid`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerDue {
    /// The placeholder message's id (also the record's).
    pub mid: String,
    pub sid: String,
    pub account_id: String,
    pub intent: Intent,
    #[serde(default)]
    pub focus: Option<String>,
    /// The research run that was live when it was asked, if any.
    #[serde(default)]
    pub run_id: Option<String>,
    /// The process writing it, and until when that holds without a renewal.
    pub holder: String,
    pub lease_until: i64,
    /// How many processes started writing it (1 for the one that posted the placeholder).
    pub attempts: u32,
    pub created_at: i64,
}

/// The fields of an [`AnswerDue`] row.
const ANSWER_FIELDS: &str =
    "mid, sid, account_id, intent, focus, run_id, holder, lease_until, attempts, created_at";

/// What a transaction that posts events also does to the promises.
#[derive(Clone, Debug)]
pub enum Promise {
    /// Record an answer due in a placeholder.
    Answer(AnswerDue),
    /// Record a question waiting for run data.
    Waiting(WaitingQuestion),
    /// A partial answer written into placeholder `mid` by `holder`: the transaction fails
    /// with [`StoreError::Conflict`] unless the answer is still due and `holder` holds it
    /// (a writer that lost its lease, or came after the answer, writes nothing).
    AnswerHeld { mid: String, holder: String },
    /// The answer due in placeholder `id` is posted: its record goes, and the transaction
    /// fails with [`StoreError::Conflict`] if another writer kept it first.
    AnswerKept(String),
    /// The waiting question `wid` is answered, the same way.
    WaitingKept(String),
    /// Record a one-pager being generated; fails with [`StoreError::Conflict`] if one is
    /// already under way for the prep (two requests at once make one version).
    PrepDue(PrepDue),
    /// The one-pager is made: its version is written (once: a second writer of the same
    /// version fails), the prep points at it, the generation promise held by `holder` ends.
    PrepMade { doc: Box<OnePager>, holder: String },
}

impl Promise {
    /// The statements (run inside the events' transaction) and their parameter `$pr`.
    pub(super) fn statements(&self) -> (String, Value) {
        let mut sql = String::new();
        let param = match self {
            Promise::Answer(due) => {
                sql.push_str("CREATE type::record('answer_due', $pr.mid) CONTENT $pr;\n");
                json!(due)
            }
            Promise::Waiting(w) => {
                sql.push_str("CREATE type::record('waiting', $pr.wid) CONTENT $pr;\n");
                json!(w)
            }
            Promise::AnswerHeld { mid, holder } => {
                sql.push_str(&format!(
                    "IF (SELECT VALUE holder FROM ONLY type::record('answer_due', $pr.mid)) != $pr.holder \
                     {{ THROW '{CONFLICT}: answer ' + $pr.mid + ' is not held by ' + $pr.holder; }};\n"
                ));
                json!({ "mid": mid, "holder": holder })
            }
            Promise::AnswerKept(id) => {
                sql.push_str(&kept("answer_due"));
                json!(id)
            }
            Promise::WaitingKept(wid) => {
                sql.push_str(&kept("waiting"));
                json!(wid)
            }
            Promise::PrepDue(due) => {
                sql.push_str(&format!(
                    "IF record::exists(type::record('prep_due', $pr.pid)) \
                     {{ THROW '{CONFLICT}: prep ' + $pr.pid + ' is being generated'; }};\n\
                     CREATE type::record('prep_due', $pr.pid) CONTENT $pr;\n"
                ));
                json!(due)
            }
            Promise::PrepMade { doc, holder } => {
                sql.push_str(&format!(
                    "IF (SELECT VALUE holder FROM ONLY type::record('prep_due', $pr.pid)) != $pr.holder \
                     {{ THROW '{CONFLICT}: prep ' + $pr.pid + ' is not held by ' + $pr.holder; }};\n\
                     DELETE type::record('prep_due', $pr.pid);\n\
                     CREATE type::record('prep_version', $pr.vid) CONTENT \
                       {{ pid: $pr.pid, n: $pr.n, made_at: $pr.made_at, doc: $pr.doc }};\n\
                     UPDATE type::record('prep', $pr.pid) SET version = $pr.n, updated_at = $pr.made_at;\n"
                ));
                json!({
                    "pid": doc.prep_id,
                    "vid": super::preps::version_id(&doc.prep_id, doc.version),
                    "n": doc.version,
                    "made_at": doc.made_at,
                    "doc": doc,
                    "holder": holder,
                })
            }
        };
        (sql, param)
    }
}

/// Remove promise `$pr` from `table`, failing the transaction if it was kept already.
fn kept(table: &str) -> String {
    format!(
        "IF !record::exists(type::record('{table}', $pr)) \
         {{ THROW '{CONFLICT}: {table} ' + $pr + ' was kept already'; }};\n\
         DELETE type::record('{table}', $pr);\n"
    )
}

impl Store {
    /// Extend the leases `holder` has on the answers `ids` to `until_ms`.
    pub async fn renew_answers(
        &self,
        holder: &str,
        ids: &[String],
        until_ms: i64,
    ) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.db
            .query(
                "FOR $id IN $ids { UPDATE type::record('answer_due', $id) SET lease_until = $until \
                 WHERE holder = $holder };",
            )
            .bind(json!({ "holder": holder, "ids": ids, "until": until_ms }))
            .await?
            .check()?;
        Ok(())
    }

    /// Take the answers another process holds whose lease lapsed before `now_ms` (`None`:
    /// every one — this process is the database's only user, so they are orphans): `holder`
    /// holds them until `until_ms`, one more attempt each.
    pub async fn take_lapsed_answers(
        &self,
        holder: &str,
        now_ms: Option<i64>,
        until_ms: i64,
    ) -> Result<Vec<AnswerDue>, StoreError> {
        let which = match now_ms {
            Some(_) => "holder != $holder AND lease_until < $now",
            None => "holder != $holder",
        };
        let sql = format!(
            "UPDATE answer_due SET holder = $holder, lease_until = $until, attempts += 1 \
             WHERE {which} RETURN {ANSWER_FIELDS}"
        );
        let mut res = self
            .db
            .query(sql)
            .bind(json!({ "holder": holder, "now": now_ms, "until": until_ms }))
            .await?;
        let rows: Vec<Value> = res.take(0)?;
        decode(rows)
    }
}
