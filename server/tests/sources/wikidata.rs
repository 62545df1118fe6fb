use crate::*;
use app::domain::StepKey;
use serde_json::{Value, json};
use server::sources::ErrorKind;
use server::sources::providers::wikidata::{NAME, Wikidata};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Wikidata and Wikipedia both at `c`'s base URL (their paths differ).
pub fn source(c: &ProviderConfig) -> Wikidata {
    Wikidata::new(&http("Wikidata", c), &http("Wikipedia", c))
}

fn item(id: &str) -> Value {
    json!({"entity-type": "item", "numeric-id": id[1..].parse::<u64>().unwrap(), "id": id})
}

fn statement(property: &str, datavalue: Value, rank: &str) -> Value {
    json!({"mainsnak": {"snaktype": "value", "property": property, "datavalue": datavalue},
           "type": "statement", "rank": rank})
}

fn employees(amount: &str, year: &str, rank: &str) -> Value {
    let mut s = statement(
        "P1128",
        json!({"value": {"amount": amount, "unit": "1"}, "type": "quantity"}),
        rank,
    );
    s["qualifiers"] = json!({"P585": [{"snaktype": "value", "property": "P585",
        "datavalue": {"value": {"time": format!("+{year}-00-00T00:00:00Z"), "timezone": 0,
        "before": 0, "after": 0, "precision": 9,
        "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "type": "time"}}]});
    s
}

fn search() -> Value {
    json!({"searchinfo": {"search": "Acme Corp"},
      "search": [
        {"id": "Q901", "title": "Q901", "pageid": 105000001, "repository": "wikidata",
         "url": "//www.wikidata.org/wiki/Q901", "label": "Acme Corporation",
         "description": "fictional company in cartoons",
         "match": {"type": "label", "language": "en", "text": "Acme Corporation"}},
        {"id": "Q902", "title": "Q902", "label": "Acme Corp", "description": "American fintech company",
         "match": {"type": "label", "language": "en", "text": "Acme Corp"}}
      ],
      "search-continue": 2, "success": 1})
}

fn entities() -> Value {
    json!({"entities": {
      "Q901": {"type": "item", "id": "Q901", "modified": "2026-01-01T00:00:00Z",
        "descriptions": {"en": {"language": "en", "value": "fictional company in cartoons"}},
        "claims": {"P856": [statement("P856", json!({"value": "https://acme-cartoons.example/", "type": "string"}), "normal")]},
        "sitelinks": {}},
      "Q902": {"type": "item", "id": "Q902", "modified": "2026-10-01T08:00:00Z",
        "labels": {"en": {"language": "en", "value": "Acme Corp"}},
        "descriptions": {"en": {"language": "en", "value": "American fintech company"}},
        "claims": {
          "P452": [statement("P452", json!({"value": item("Q903"), "type": "wikibase-entityid"}), "normal")],
          "P159": [statement("P159", json!({"value": item("Q904"), "type": "wikibase-entityid"}), "normal")],
          "P571": [statement("P571", json!({"value": {"time": "+2016-03-01T00:00:00Z", "timezone": 0,
              "precision": 10, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "type": "time"}), "normal")],
          "P1128": [employees("+500", "2022", "normal"), employees("+640", "2024", "normal"),
                    employees("+9999", "2025", "deprecated"),
                    {"mainsnak": {"snaktype": "somevalue", "property": "P1128"}, "rank": "normal"}],
          "P856": [statement("P856", json!({"value": "https://www.acmecorp.com/", "type": "string"}), "normal")]
        },
        "sitelinks": {"enwiki": {"site": "enwiki", "title": "Acme Corp", "badges": []}}}
    }, "success": 1})
}

fn labels() -> Value {
    json!({"entities": {
      "Q903": {"type": "item", "id": "Q903", "labels": {"en": {"language": "en", "value": "financial technology"}}},
      "Q904": {"type": "item", "id": "Q904", "labels": {"en": {"language": "en", "value": "Springfield"}}}
    }, "success": 1})
}

fn summary(extract: &str, kind: &str) -> Value {
    json!({"type": kind, "title": "Acme Corp", "displaytitle": "Acme Corp",
      "namespace": {"id": 0, "text": ""}, "wikibase_item": "Q902",
      "titles": {"canonical": "Acme_Corp", "normalized": "Acme Corp", "display": "Acme Corp"},
      "pageid": 70000001, "lang": "en", "dir": "ltr", "revision": "1230000000",
      "timestamp": "2026-09-12T12:00:00Z", "description": "American fintech company",
      "content_urls": {"desktop": {"page": "https://en.wikipedia.org/wiki/Acme_Corp"},
                       "mobile": {"page": "https://en.m.wikipedia.org/wiki/Acme_Corp"}},
      "extract": extract, "extract_html": "<p><b>Acme Corp</b> is ...</p>"})
}

/// The full success path; `extract` is the Wikipedia summary text.
pub fn mocks(extract: &str) -> Vec<Mock> {
    mocks_with(extract, "standard")
}

fn mocks_with(extract: &str, kind: &str) -> Vec<Mock> {
    vec![
        Mock::given(path("/w/api.php"))
            .and(query_param("action", "wbsearchentities"))
            .and(query_param("search", "Acme Corp"))
            .respond_with(ResponseTemplate::new(200).set_body_json(search())),
        Mock::given(path("/w/api.php"))
            .and(query_param("action", "wbgetentities"))
            .and(query_param("ids", "Q901|Q902"))
            .respond_with(ResponseTemplate::new(200).set_body_json(entities())),
        Mock::given(path("/w/api.php"))
            .and(query_param("action", "wbgetentities"))
            .and(query_param("props", "labels"))
            .and(query_param("ids", "Q903|Q904"))
            .respond_with(ResponseTemplate::new(200).set_body_json(labels())),
        Mock::given(path("/api/rest_v1/page/summary/Acme_Corp"))
            .respond_with(ResponseTemplate::new(200).set_body_json(summary(extract, kind))),
    ]
}

async fn mount(server: &MockServer, mocks: Vec<Mock>) {
    for m in mocks {
        m.mount(server).await;
    }
}

#[tokio::test]
async fn the_entity_with_the_accounts_website_gives_the_company_facts() {
    let server = MockServer::start().await;
    mount(
        &server,
        mocks("Acme Corp is an American fintech company founded in 2016."),
    )
    .await;
    let f = collect(&source(&config(&server, false)), StepKey::Company)
        .await
        .unwrap();
    assert_eq!(
        company(&f),
        [CompanyFacts {
            name: Some("Acme Corp".into()),
            description: Some("Acme Corp is an American fintech company founded in 2016.".into()),
            founded: Some(2016),
            employees: Some(640),
            headquarters: Some("Springfield".into()),
            industry: Some("financial technology".into()),
            website: Some("https://www.acmecorp.com/".into()),
            src: 0,
        }],
        "not the cartoon company; the 2024 head count; the deprecated one ignored"
    );
    assert_source(&f, NAME, 0.85, "2026-10-01");
    assert_eq!(
        f.sources[0].url.as_deref(),
        Some("https://en.wikipedia.org/wiki/Acme_Corp")
    );
    let ua = server.received_requests().await.unwrap()[0]
        .headers
        .get("user-agent")
        .map(|v| v.to_str().unwrap().to_string());
    assert_eq!(
        ua.as_deref(),
        Some(UA),
        "Wikimedia requires a descriptive user agent"
    );
}

#[tokio::test]
async fn a_disambiguation_page_is_not_a_description() {
    let server = MockServer::start().await;
    mount(
        &server,
        mocks_with("Acme Corp may refer to:", "disambiguation"),
    )
    .await;
    let f = collect(&source(&config(&server, false)), StepKey::Company)
        .await
        .unwrap();
    assert_eq!(
        company(&f)[0].description.as_deref(),
        Some("American fintech company"),
        "falls back to Wikidata's own description"
    );
}

#[tokio::test]
async fn no_hit_with_the_accounts_website_is_not_found_rather_than_a_guess() {
    let server = MockServer::start().await;
    let mut e = entities();
    e["entities"]["Q902"]["claims"]["P856"] = json!([statement(
        "P856",
        json!({"value": "https://acmecorp.com.evil.example/", "type": "string"}),
        "normal"
    )]);
    Mock::given(path("/w/api.php"))
        .and(query_param("action", "wbsearchentities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(search()))
        .mount(&server)
        .await;
    Mock::given(path("/w/api.php"))
        .and(query_param("action", "wbgetentities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(e))
        .mount(&server)
        .await;
    let err = collect(&source(&config(&server, false)), StepKey::Company)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(
        err.to_string(),
        "Wikidata + Wikipedia: no Wikidata entry for Acme Corp has the website acmecorp.com"
    );
}

#[tokio::test]
async fn no_search_hits_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(path("/w/api.php"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"searchinfo": {"search": "Acme Corp"}, "search": [], "success": 1}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = collect(&source(&config(&server, false)), StepKey::Company)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(
        err.to_string(),
        "Wikidata + Wikipedia: no Wikidata entry named Acme Corp"
    );
}

#[tokio::test]
async fn an_action_api_error_behind_a_200_is_reported() {
    let server = MockServer::start().await;
    Mock::given(path("/w/api.php"))
        .and(query_param("action", "wbsearchentities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(search()))
        .mount(&server)
        .await;
    Mock::given(path("/w/api.php"))
        .and(query_param("action", "wbgetentities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "error": {"code": "no-such-entity", "info": "Could not find an entity with the ID \"Q901\".", "id": "Q901"},
            "servedby": "mw-api-ext.eqiad.main-1"
        })))
        .mount(&server)
        .await;
    let err = collect(&source(&config(&server, false)), StepKey::Company)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(!err.message.contains("Could not find"), "{err}");
}

#[tokio::test]
async fn an_entry_named_exactly_as_the_account_without_any_website_is_taken_by_name() {
    let server = MockServer::start().await;
    let mut e = entities();
    e["entities"]["Q902"]["claims"]
        .as_object_mut()
        .unwrap()
        .remove("P856");
    Mock::given(path("/w/api.php"))
        .and(query_param("action", "wbsearchentities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(search()))
        .mount(&server)
        .await;
    Mock::given(path("/w/api.php"))
        .and(query_param("action", "wbgetentities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(e))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, false)), StepKey::Company)
        .await
        .unwrap();
    let c = &company(&f)[0];
    assert_eq!(c.website, None, "no website is invented");
    assert!(
        f.sources[0].url.as_deref().unwrap_or("").contains("Q902"),
        "{:?}",
        f.sources
    );
}
