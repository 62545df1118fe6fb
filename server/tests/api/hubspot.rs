//! The HubSpot sync against a loopback server replaying CRM v3 responses: paging cursors,
//! associations, owners, a 429 with Retry-After, a refused token.

use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use serde_json::{Value, json};
use std::time::Duration;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "pat-na1-11111111-2222-3333-4444-555555555555";

fn company(id: &str, name: &str, domain: &str, stage: &str) -> Value {
    json!({
        "id": id,
        "properties": {
            "name": name, "domain": domain, "industry": "COMPUTER_SOFTWARE",
            "city": "Hamburg", "state": null, "country": "Germany",
            "numberofemployees": "250", "annualrevenue": "12000000",
            "hubspot_owner_id": "77", "lifecyclestage": stage, "hs_object_id": id
        },
        "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2026-11-20T10:00:00Z", "archived": false
    })
}

async fn hubspot() -> MockServer {
    let server = MockServer::start().await;
    let auth = || header("authorization", format!("Bearer {TOKEN}").as_str());
    Mock::given(method("GET"))
        .and(path("/crm/v3/owners"))
        .and(auth())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": [{"id": "77", "email": "jonas@ourco.example", "firstName": "Jonas", "lastName": "Weber", "archived": false}]
        })))
        .mount(&server)
        .await;
    // Companies: two pages; the second answers 429 once first.
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/companies"))
        .and(query_param_is_missing("after"))
        .and(query_param("limit", "100"))
        .and(auth())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": [
                company("101", "Nordwind Logistik GmbH", "https://www.nordwind-logistik.de/", "customer"),
                company("102", "Helios Robotics", "helios-robotics.io", "opportunity"),
            ],
            "paging": {"next": {"after": "102", "link": "https://api.hubapi.com/crm/v3/objects/companies?after=102"}}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/companies"))
        .and(query_param("after", "102"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .insert_header("x-hubspot-ratelimit-remaining", "0")
                .set_body_json(json!({"status": "error", "message": "You have reached your secondly limit.", "category": "RATE_LIMITS"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/companies"))
        .and(query_param("after", "102"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": [company("103", "Kestrel Foods", "", "lead")]
        })))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals"))
        .and(query_param("associations", "companies"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": [{
                "id": "5001",
                "properties": {"dealname": "Nordwind renewal 2027", "dealstage": "contractsent", "amount": "48000",
                               "closedate": "2027-02-28T00:00:00Z", "pipeline": "default", "dealtype": "existingbusiness",
                               "hubspot_owner_id": "77"},
                "associations": {"companies": {"results": [{"id": "101", "type": "deal_to_company"}]}}
            }, {
                "id": "5002",
                "properties": {"dealname": "Orphan deal", "dealstage": "appointmentscheduled", "amount": null, "closedate": null},
                "associations": {"companies": {"results": []}}
            }]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": [{
                "id": "9",
                "properties": {"firstname": "Anna", "lastname": "Schmidt", "jobtitle": "CFO", "email": "anna@nordwind-logistik.de"},
                "associations": {"companies": {"results": [{"id": "101", "type": "contact_to_company"}]}}
            }]
        })))
        .mount(&server)
        .await;
    server
}

async fn connected(server: &MockServer) -> TestApp {
    let base = server.uri();
    spawn_app_with(move |s| {
        s.hubspot.base_url = base;
        s.hubspot.key = Some(TOKEN.into());
        s.hubspot.backoff = Duration::from_millis(10);
        s.hubspot_sync_every = None;
        s.sources.chosen = true;
    })
    .await
}

async fn sync(app: &TestApp) -> reqwest::Response {
    app.client
        .post(app.url("/api/accounts/sync"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sync_pages_through_waits_out_a_429_and_brings_companies_deals_and_contacts() {
    let server = hubspot().await;
    let app = connected(&server).await;
    let res = sync(&app).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["accounts"]["created"], 3, "{body}");
    assert_eq!(body["opportunities"]["created"], 1, "{body}");
    let rejected = &body["opportunities"]["rejected"];
    assert_eq!(
        rejected.as_array().unwrap().len(),
        0,
        "a deal without a company is left out: {body}"
    );
    let retried = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.query().unwrap_or("").contains("after=102"))
        .count();
    assert_eq!(retried, 2, "the 429 page was asked again");

    let hits: Value = app.search("nordwind", 5).await.json().await.unwrap();
    assert_eq!(hits[0]["domain"], "nordwind-logistik.de");
    let id = hits[0]["id"].as_str().unwrap().to_string();
    assert_eq!(app.start_intelligence(&id, None).await.status(), 202);
    let overview = app.message_containing("quick overview").await;
    let text = overview["text"].as_str().unwrap();
    for line in [
        "• Industry: Computer software",
        "• Account owner: Jonas Weber",
        "• Lifecycle stage: customer",
        "• Known contacts: Anna Schmidt (CFO)",
        "• Open opportunity: Nordwind renewal 2027 · contractsent · 48,000 · closes Feb 28, 2027",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    assert_eq!(overview["sources"][0]["name"], "HubSpot");
    assert_eq!(
        overview["sources"][0]["confidence"].as_f64().unwrap() as f32,
        0.95
    );

    let again: Value = sync(&app).await.json().await.unwrap();
    assert_eq!(again["accounts"]["unchanged"], 3, "{again}");
    assert_eq!(again["accounts"]["created"], 0);
    assert_eq!(again["opportunities"]["unchanged"], 1);
}

#[tokio::test]
async fn without_a_token_the_sync_says_how_to_connect() {
    let app = spawn_app().await;
    let res = sync(&app).await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["error"],
        "HubSpot is not connected: set DOSSIER_HUBSPOT_TOKEN to a private-app token."
    );
}

#[tokio::test]
async fn a_refused_token_is_a_502_that_says_so_and_writes_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "status": "error", "message": "Authentication credentials not found.", "category": "INVALID_AUTHENTICATION"
        })))
        .mount(&server)
        .await;
    let app = connected(&server).await;
    let res = sync(&app).await;
    assert_eq!(res.status(), 502);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().starts_with("HubSpot: "),
        "{body}"
    );
    let (total, demo) = app.book_counts().await;
    assert_eq!(total, demo, "nothing written");
}

#[tokio::test]
async fn garbage_from_hubspot_is_a_clear_failure() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"))
        .mount(&server)
        .await;
    let app = connected(&server).await;
    let res = sync(&app).await;
    assert_eq!(res.status(), 502);
}

#[tokio::test]
async fn crm_contacts_join_the_decision_makers_with_their_source() {
    let server = hubspot().await;
    let app = connected(&server).await;
    assert_eq!(sync(&app).await.status(), 200);
    let hits: Value = app.search("nordwind", 5).await.json().await.unwrap();
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let run = app.research_to_end(&id).await;
    let contacts = run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "contacts" || s["key"] == "contacts")
        .unwrap_or_else(|| panic!("{run}"))
        .clone();
    let text = contacts.to_string();
    assert!(text.contains("Anna Schmidt"), "{text}");
    assert!(text.contains("HubSpot"), "{text}");
}
