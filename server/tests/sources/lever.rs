use crate::*;
use app::domain::StepKey;
use serde_json::json;
use server::sources::ErrorKind;
use server::sources::providers::boards::lever::{Lever, NAME};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn postings_become_roles() {
    let server = MockServer::start().await;
    let body = json!([
      {"id": "5ac21346-8e0c-4494-8e7a-3eb92ff77902", "text": "Senior Data Engineer",
       "categories": {"location": "Springfield, IL", "commitment": "Full-time", "team": "Platform",
                      "department": "R&D", "allLocations": ["Springfield, IL"]},
       "country": "US", "opening": "<div>...</div>", "openingPlain": "...",
       "descriptionPlain": "...", "lists": [{"text": "Requirements", "content": "<li>5+ years</li>"}],
       "additional": "", "additionalPlain": "",
       "hostedUrl": "https://jobs.lever.co/acmecorp/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
       "applyUrl": "https://jobs.lever.co/acmecorp/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply",
       "workplaceType": "hybrid",
       "salaryRange": {"currency": "USD", "interval": "per-year-salary", "min": 150000, "max": 190000},
       "createdAt": 1795000000000i64},
      {"id": "b1", "text": "Recruiter", "categories": {"team": "People"},
       "hostedUrl": "javascript:alert(1)", "createdAt": 1794000000000i64}
    ]);
    Mock::given(path("/v0/postings/acmecorp"))
        .and(query_param("mode", "json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let src = Lever::new(&http("Lever", &config(&server, false)));
    let f = collect(&src, StepKey::Hiring).await.unwrap();
    let roles = job_rows(&f);
    assert_eq!(
        roles,
        [
            (
                "Senior Data Engineer",
                "R&D",
                "Springfield, IL",
                "2026-11-18",
                Some("https://jobs.lever.co/acmecorp/5ac21346-8e0c-4494-8e7a-3eb92ff77902")
            ),
            ("Recruiter", "People", "—", "2026-11-06", None),
        ],
        "a javascript: link is dropped"
    );
    assert_source(&f, NAME, 0.9, "2026-11-18");
}

#[tokio::test]
async fn no_postings_is_an_empty_answer_and_no_site_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(path("/v0/postings/acmecorp"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let src = Lever::new(&http("Lever", &config(&server, false)));
    assert_empty(&collect(&src, StepKey::Hiring).await.unwrap(), NAME);

    let server = MockServer::start().await;
    Mock::given(path("/v0/postings/acmecorp"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"ok": false, "error": "Document not found"})),
        )
        .mount(&server)
        .await;
    let src = Lever::new(&http("Lever", &config(&server, false)));
    let err = collect(&src, StepKey::Hiring).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(err.to_string(), "Lever: no public Lever job board found");
}

#[tokio::test]
async fn an_error_object_behind_a_200_is_malformed() {
    let server = MockServer::start().await;
    Mock::given(path("/v0/postings/acmecorp"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"ok": false, "error": "Document not found"})),
        )
        .mount(&server)
        .await;
    let src = Lever::new(&http("Lever", &config(&server, false)));
    let err = collect(&src, StepKey::Hiring).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Malformed);
    assert!(!err.message.contains("Document not found"), "{err}");
}
