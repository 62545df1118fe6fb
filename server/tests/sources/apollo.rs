use crate::*;
use app::domain::StepKey;
use serde_json::json;
use server::sources::ErrorKind;
use server::sources::providers::apollo::{Apollo, NAME};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn senior_people_at_the_accounts_domain_become_contacts() {
    let server = MockServer::start().await;
    let body = json!({"people": [
      {"id": "64a1", "first_name": "Dana", "last_name": "Whitfield", "name": "Dana Whitfield",
       "title": "Chief Information Security Officer", "linkedin_url": "http://www.linkedin.com/in/dana-whitfield-example",
       "seniority": "c_suite", "departments": ["c_suite"], "organization_id": "5e66",
       "organization": {"name": "Acme Corp", "primary_domain": "acmecorp.com"}},
      {"id": "64a2", "first_name": "Ravi", "last_name": "P.", "title": "VP Engineering", "seniority": "vp"}
    ], "pagination": {"page": 1, "per_page": 25, "total_entries": 2, "total_pages": 1}});
    Mock::given(method("POST"))
        .and(path("/mixed_people/api_search"))
        .and(header("x-api-key", KEY))
        .and(query_param("q_organization_domains_list[]", "acmecorp.com"))
        .and(query_param("person_seniorities[]", "c_suite"))
        .and(query_param("person_seniorities[]", "director"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let src = Apollo::new(&http("Apollo", &config(&server, true)));
    let f = collect(&src, StepKey::Contacts).await.unwrap();
    let seen: Vec<(&str, &str, Option<&str>)> = people(&f)
        .iter()
        .map(|p| (p.name.as_str(), p.title.as_str(), p.url.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Dana Whitfield",
                "Chief Information Security Officer",
                Some("http://www.linkedin.com/in/dana-whitfield-example")
            ),
            ("Ravi P.", "VP Engineering", None),
        ]
    );
    assert_source(&f, NAME, 0.8, &today_iso());
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(
        !sent.url.as_str().contains(KEY),
        "the key goes in a header, not the URL"
    );
}

#[tokio::test]
async fn no_people_is_an_empty_answer() {
    let server = MockServer::start().await;
    Mock::given(path("/mixed_people/api_search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"people": [], "pagination": {"page": 1, "per_page": 25, "total_entries": 0, "total_pages": 0}}),
        ))
        .mount(&server)
        .await;
    let src = Apollo::new(&http("Apollo", &config(&server, true)));
    assert_empty(&collect(&src, StepKey::Contacts).await.unwrap(), NAME);
}

#[tokio::test]
async fn a_non_master_key_is_unauthorized_without_echoing_the_key() {
    let server = MockServer::start().await;
    Mock::given(path("/mixed_people/api_search"))
        .respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"error": "api/v1/mixed_people/api_search is not accessible with this api_key", "error_code": "API_INACCESSIBLE"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let src = Apollo::new(&http("Apollo", &config(&server, true)));
    let err = collect(&src, StepKey::Contacts).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert_eq!(
        err.to_string(),
        "Apollo: the API key was refused (HTTP 403); check it and its plan"
    );
}
