//! The book of business over HTTP: CRM imports, accounts added by domain, the demo data.

use crate::helpers::{fixture, spawn_app, spawn_app_with};
use serde_json::{Value, json};

fn names(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_imported_export_is_searchable_at_once_and_importing_it_again_changes_nothing() {
    let app = spawn_app().await;
    let file = fixture("salesforce_accounts.csv");
    let report = app.imported("accounts.csv", &file).await;
    assert_eq!(report["created"], 8);
    assert_eq!(report["updated"], 0);
    assert_eq!(report["unchanged"], 0);
    assert_eq!(report["status"], "done");
    let rejected: Vec<(u64, String)> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["column"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rejected,
        [
            (6, "Employees".to_string()),
            (7, "Website".to_string()),
            (12, "Account Name".to_string())
        ]
    );
    let id = report["importId"].as_str().unwrap().to_string();

    let hits: Value = app.search("Globex", 5).await.json().await.unwrap();
    assert_eq!(names(&hits)[0], "Globex Corporation");
    assert_eq!(hits[0]["origin"], "crm");
    assert_eq!(hits[0]["domain"], "globex.com");

    let again = app.imported("accounts.csv", &file).await;
    assert_eq!(
        (&again["created"], &again["updated"], &again["unchanged"]),
        (&json!(0), &json!(0), &json!(8))
    );
    let stored = app.import_report(&id).await;
    assert_eq!(stored["status"], "done");
    assert_eq!(stored["source"], "Salesforce export (accounts.csv)");
}

#[tokio::test]
async fn a_thousand_rows_with_five_bad_ones_import_995_and_name_the_five() {
    let app = spawn_app().await;
    let mut csv = String::from("Account Name,Website,Employees\r\n");
    let bad = [17, 250, 251, 600, 1000];
    for i in 1..=1000 {
        if bad.contains(&i) {
            csv.push_str(&format!("Company {i},http://10.0.0.{},12\r\n", i % 250));
        } else {
            csv.push_str(&format!("Company {i},company{i}.com,{i}\r\n"));
        }
    }
    let report = app.imported("big.csv", csv.as_bytes()).await;
    assert_eq!(report["created"], 995);
    let rows: Vec<u64> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    // Row numbers as a spreadsheet shows them: the header is row 1.
    assert_eq!(rows, bad.map(|i| i + 1));
    assert!(
        report["rejected"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("IP address")
    );
    let counts: Value = app
        .client
        .get(app.url("/api/accounts"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        counts["total"].as_u64().unwrap(),
        counts["demo"].as_u64().unwrap() + 995
    );
}

#[tokio::test]
async fn a_preview_writes_nothing_and_the_mapping_can_be_changed() {
    let app = spawn_app().await;
    let file = "Firma,Webseite,Branche\nMüller AG,mueller.de,Maschinenbau\n";
    // Unmapped, an import is refused; a preview lists the columns to map.
    let res = app.import_csv("", file).await;
    assert_eq!(res.status(), 400);
    let err: Value = res.json().await.unwrap();
    assert!(
        err["error"]
            .as_str()
            .unwrap()
            .starts_with("No column holds the account name")
    );
    let res = app.import_csv("?preview=true", file).await;
    assert_eq!(res.status(), 200);
    let unmapped: Value = res.json().await.unwrap();
    assert!(
        unmapped["error"]
            .as_str()
            .unwrap()
            .starts_with("No column holds the account name")
    );
    assert_eq!(unmapped["columns"][0]["header"], "Firma");
    assert_eq!(unmapped["planned"], 0);

    let mapping = r#"{"Firma":"name","Webseite":"website","Branche":"industry"}"#;
    let query = format!("?preview=true&mapping={}", urlencode(mapping));
    let preview: Value = app.import_csv(&query, file).await.json().await.unwrap();
    assert_eq!(preview["status"], "previewed");
    assert_eq!(preview["created"], 1);
    assert_eq!(preview["preview"][0]["name"], "Müller AG");
    assert_eq!(preview["columns"][0]["field"], "name");
    let hits: Value = app.search("Müller", 5).await.json().await.unwrap();
    assert!(
        !names(&hits).contains(&"Müller AG".to_string()),
        "a preview writes nothing"
    );

    let id = preview["importId"].as_str().unwrap();
    let query = format!("?importId={id}&mapping={}", urlencode(mapping));
    let done: Value = app.import_csv(&query, file).await.json().await.unwrap();
    assert_eq!(
        done["importId"], id,
        "the import reports under the preview's id"
    );
    assert_eq!(done["created"], 1);
    let hits: Value = app.search("Müller", 5).await.json().await.unwrap();
    assert_eq!(names(&hits)[0], "Müller AG");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn bad_files_get_a_clear_error() {
    let app = spawn_app().await;
    for (body, status, says) in [
        (Vec::new(), 400, "The file is empty."),
        (
            b"Account Name,Website\r\n".to_vec(),
            400,
            "The file has column names but no rows.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            400,
            "This is not a CSV text file",
        ),
    ] {
        let res = app.import_csv("", body).await;
        assert_eq!(res.status(), status);
        let err: Value = res.json().await.unwrap();
        assert!(err["error"].as_str().unwrap().starts_with(says), "{err}");
    }
    let res = app
        .import_csv("?source=pipedrive", "Account Name\nAcme\n")
        .await;
    assert_eq!(res.status(), 400);
    let res = app
        .client
        .post(app.url("/api/accounts/import"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
}

#[tokio::test]
async fn a_file_over_50_mb_is_refused_with_413() {
    let app = spawn_app().await;
    let mut body = b"Account Name\n".to_vec();
    body.resize(50 * 1024 * 1024 + 1, b'a');
    let res = app.import_csv("", body).await;
    assert_eq!(res.status(), 413);
    let err: Value = res.json().await.unwrap();
    assert_eq!(
        err["error"],
        "The file is larger than 50 MB. Split the export into smaller files."
    );
}

#[tokio::test]
async fn opportunities_join_their_accounts_and_the_overview_shows_what_the_crm_says() {
    let app = spawn_app_with(|s| {
        // The rep's own accounts researched by the demo set here: this test is about the CRM.
        s.sources.chosen = true;
    })
    .await;
    app.imported("accounts.csv", &fixture("salesforce_accounts.csv"))
        .await;
    let opps = app
        .imported(
            "opportunities.csv",
            &fixture("salesforce_opportunities.csv"),
        )
        .await;
    assert_eq!(opps["kind"], "opportunities");
    assert_eq!(opps["created"], 3);
    let rejected = &opps["rejected"];
    assert_eq!(rejected.as_array().unwrap().len(), 2, "{rejected}");

    let res = app.start_intelligence("globex-com", None).await;
    assert_eq!(res.status(), 202);
    let chat = app.chat_texts().await.join("\n");
    assert!(
        chat.contains("📊 Globex Corporation — quick overview"),
        "{chat}"
    );
    assert!(
        chat.contains("• Account owner: Dana Whitfield [1]"),
        "{chat}"
    );
    assert!(chat.contains("• Type: Customer - Direct [1]"), "{chat}");
    assert!(
        chat.contains("• Open opportunity: Globex - Renewal 2027 · Negotiation/Review · 240,000 · closes Jan 15, 2027 [2]"),
        "{chat}"
    );
    let overview = app.message_containing("quick overview").await;
    let sources: Vec<&str> = overview["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "Salesforce export (accounts.csv)",
            "Salesforce export (opportunities.csv)"
        ]
    );
    assert_eq!(
        overview["sources"][0]["confidence"].as_f64().unwrap() as f32,
        0.9
    );
}

#[tokio::test]
async fn a_company_on_the_web_is_added_by_its_domain_once() {
    let app = spawn_app().await;
    let res = app
        .add_account(json!({"domain": "https://www.stripe.com/pricing", "name": "Stripe"}))
        .await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["domain"], "stripe.com");
    assert_eq!(created["name"], "Stripe");
    assert_eq!(created["origin"], "web");
    let again = app.add_account(json!({"domain": "stripe.com"})).await;
    assert_eq!(again.status(), 409);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["account"]["id"], created["id"]);
    let hits: Value = app.search("stripe", 5).await.json().await.unwrap();
    assert_eq!(names(&hits), ["Stripe"]);
    let no_name: Value = app
        .add_account(json!({"domain": "acme-robotics.co.uk"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(no_name["name"], "Acme Robotics");
}

#[tokio::test]
async fn private_and_malformed_domains_are_refused() {
    let app = spawn_app().await;
    for domain in [
        "localhost",
        "127.0.0.1",
        "http://169.254.169.254/latest/meta-data",
        "intranet",
        "wiki.corp",
        "",
        "javascript:alert(1)",
    ] {
        let res = app.add_account(json!({ "domain": domain })).await;
        assert_eq!(res.status(), 400, "{domain:?}");
        let err: Value = res.json().await.unwrap();
        assert!(!err["error"].as_str().unwrap().is_empty());
    }
    for body in [
        "",
        "{",
        "[]",
        r#"{"domain": 7}"#,
        r#"{"domain":"a.com","x":1}"#,
    ] {
        let res = app.post_raw("/api/accounts", body).await;
        assert_eq!(res.status(), 400, "{body:?}");
    }
    let huge = json!({ "domain": "a".repeat(20_000) });
    assert_eq!(app.add_account(huge).await.status(), 413);
}

#[tokio::test]
async fn the_demo_data_can_be_removed_in_one_action_and_does_not_come_back() {
    let app = spawn_app().await;
    app.imported("accounts.csv", &fixture("salesforce_accounts.csv"))
        .await;
    let res = app
        .client
        .delete(app.url("/api/accounts/demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert!(body["removed"].as_u64().unwrap() > 300);
    let hits: Value = app.search("Acme", 5).await.json().await.unwrap();
    assert!(names(&hits).is_empty(), "{hits}");
    let hits: Value = app.search("Globex", 5).await.json().await.unwrap();
    assert_eq!(
        names(&hits),
        ["Globex Corporation"],
        "imported accounts stay"
    );
}

/// Send a chat message; the assistant's reply.
async fn reply_to(app: &crate::helpers::TestApp, sid: &str, text: &str) -> Value {
    let res = app
        .server_fn("send", &[("session_id", sid), ("text", text)])
        .await;
    assert_eq!(res.status(), 200, "{text}");
    let events: Vec<Value> = res.json().await.unwrap();
    events.last().unwrap()["change"]["message"].clone()
}

fn labels(message: &Value) -> Vec<String> {
    message["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_domain_outside_the_book_is_offered_for_research_and_researched() {
    let app = spawn_app().await;
    let sid = app.new_session().await;
    let reply = reply_to(&app, &sid, "prep me for stripe.com").await;
    assert_eq!(
        reply["text"],
        "stripe.com is not in your accounts. I can add it and research it from public sources."
    );
    assert_eq!(
        labels(&reply),
        ["Research stripe.com (not in your accounts)"]
    );
    assert_eq!(reply["actions"][0]["action"]["kind"], "research_domain");

    let reply = reply_to(&app, &sid, "https://www.notion.so/pricing").await;
    assert_eq!(
        labels(&reply),
        ["Research notion.so (not in your accounts)"]
    );

    let reply = reply_to(&app, &sid, "meeting with Zzyzx Unlimited").await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("type their website")
    );

    let res = app
        .server_fn(
            "research_domain",
            &[("session_id", &sid), ("domain", "stripe.com")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let events: Vec<Value> = res.json().await.unwrap();
    let texts: Vec<&str> = events
        .iter()
        .filter_map(|e| e["change"]["message"]["text"].as_str())
        .collect();
    assert_eq!(texts[0], "Stripe (stripe.com)");
    let overview = texts.iter().find(|t| t.contains("quick overview")).unwrap();
    assert!(
        overview.contains("• Website: https://stripe.com"),
        "{overview}"
    );
    assert!(
        overview.contains("• Not in your CRM: you added it by its website"),
        "{overview}"
    );
    assert!(events.iter().any(|e| e["change"]["type"] == "run_started"));

    // Now it is in the book: named again, it is matched, not offered.
    let reply = reply_to(&app, &sid, "stripe.com").await;
    assert_eq!(labels(&reply), ["Stripe (stripe.com)"]);
    let reply = reply_to(&app, &sid, "prep me for localhost:3000").await;
    assert!(
        !labels(&reply).iter().any(|l| l.starts_with("Research")),
        "{reply}"
    );
}

#[tokio::test]
async fn the_book_is_searched_by_industry_and_place_too() {
    let app = spawn_app().await;
    app.imported("accounts.csv", &fixture("salesforce_accounts.csv"))
        .await;
    let hits: Value = app
        .search("software in palo alto", 5)
        .await
        .json()
        .await
        .unwrap();
    // Hooli from the import, Pied Piper from the demo data: both Software in Palo Alto.
    assert_eq!(names(&hits), ["Hooli", "Pied Piper"]);
    let hits: Value = app
        .search("food & beverage accounts", 5)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        names(&hits).contains(&"Soylent, Inc.".to_string()),
        "{hits}"
    );
    let hits: Value = app
        .search("fintech in new york", 5)
        .await
        .json()
        .await
        .unwrap();
    assert!(names(&hits).contains(&"Acme Corp".to_string()), "{hits}");

    let sid = app.new_session().await;
    let reply = reply_to(
        &app,
        &sid,
        "prep me for a meeting with software in palo alto",
    )
    .await;
    // Demo and own accounts together: the demo ones say so.
    assert_eq!(
        labels(&reply),
        [
            "Hooli (hooli.xyz) - Software",
            "Pied Piper (piedpiper.com) - Software · demo data"
        ]
    );
}

#[tokio::test]
async fn a_renewal_in_the_crm_makes_the_meeting_a_renewal_and_says_why() {
    let app = spawn_app_with(|s| s.sources.chosen = true).await;
    app.imported("accounts.csv", &fixture("salesforce_accounts.csv"))
        .await;
    let close = chrono::Utc::now().date_naive() + chrono::Duration::days(30);
    let opps = format!(
        "Opportunity Name,Account Name,Stage,Amount,Close Date,Type\r\n\
         Initrode renewal,Initrode,Negotiation,\"$50,000\",{},Renewal\r\n",
        close.format("%m/%d/%Y")
    );
    app.imported("opportunities.csv", opps.as_bytes()).await;
    let res = app.start_intelligence("initrode-com", None).await;
    assert_eq!(res.status(), 202);
    let chat = app.chat_texts().await;
    let note = chat
        .iter()
        .find(|t| t.starts_with("🎯 Meeting purpose"))
        .unwrap_or_else(|| panic!("{chat:#?}"));
    assert_eq!(
        note,
        &format!(
            "🎯 Meeting purpose: Renewal discussion — your CRM shows the renewal “Initrode renewal” \
             closing {} (in 30 days). Change it with “Change role or purpose” if that's not this meeting.",
            close.format("%b %-d, %Y")
        )
    );
    // A rep who picks a purpose keeps it: the next prep does not override it.
    let sid = app.load_chat().await["view"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .set_persona(&sid, json!({"kind": "purpose", "purpose": "expansion"}))
        .await;
    assert_eq!(res.status(), 200);
    app.start_intelligence("initrode-com", None).await;
    let chat = app.chat_texts().await;
    assert!(
        !chat.iter().any(|t| t.starts_with("🎯 Meeting purpose")),
        "{chat:#?}"
    );
}

/// An app whose companies' home pages are `html` (a loopback server; every other provider
/// finds nothing there), with DOSSIER_SOURCES unset: the rep's own accounts get the network
/// providers. The server lives as long as the returned guard.
async fn with_home_page(html: &'static str) -> (crate::helpers::TestApp, wiremock::MockServer) {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let web = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html, "text/html"))
        .mount(&web)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&web)
        .await;
    let base = web.uri();
    let app = spawn_app_with(|s| {
        crate::helpers::keyless_sources_at(s, &base);
        s.sources.chosen = false;
    })
    .await;
    (app, web)
}

#[tokio::test]
async fn a_company_added_by_domain_is_researched_from_the_web_with_its_own_description() {
    let (app, _web) = with_home_page(
        "<html><head><title>Stripe</title><meta name=\"description\" \
         content=\"Financial infrastructure to grow your revenue.\"></head><body></body></html>",
    )
    .await;
    let created: Value = app
        .add_account(json!({"domain": "stripe.com", "name": "Stripe"}))
        .await
        .json()
        .await
        .unwrap();
    let run = app.research_to_end(created["id"].as_str().unwrap()).await;
    let company = run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "company")
        .unwrap()
        .to_string();
    assert!(
        company.contains("Financial infrastructure to grow your revenue."),
        "{company}"
    );
    assert!(company.contains("Website scan"), "{company}");
}

#[tokio::test]
async fn a_company_added_without_a_name_takes_the_name_its_home_page_gives() {
    let (app, _web) =
        with_home_page("<html><head><title>IBM - United States</title></head><body></body></html>")
            .await;
    let created: Value = app
        .add_account(json!({"domain": "ibm.com"}))
        .await
        .json()
        .await
        .unwrap();
    // Named after its domain at once, then as the company's own site names it.
    assert_eq!(created["name"], "Ibm");
    let mut found = Vec::new();
    for _ in 0..100 {
        let hits: Value = app.search("ibm", 5).await.json().await.unwrap();
        found = names(&hits);
        if found == ["IBM"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(found, ["IBM"]);
}
