use crate::*;
use app::domain::{AccountSummary, StepKey};
use serde_json::{Value, json};
use server::sources::ErrorKind;
use server::sources::providers::boards::greenhouse::{Greenhouse, NAME};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub fn source(c: &ProviderConfig) -> Greenhouse {
    Greenhouse::new(&http("Greenhouse", c))
}

/// A board with two roles; `title` is the first one's.
pub fn fixture(title: &str) -> Value {
    json!({"jobs": [
      {"id": 127817, "internal_job_id": 144381, "title": title,
       "updated_at": "2026-11-10T10:55:28-05:00", "requisition_id": "50",
       "location": {"name": "Springfield, IL"},
       "absolute_url": "https://boards.greenhouse.io/acmecorp/jobs/127817", "metadata": null,
       "first_published": "2026-11-01T09:00:00-05:00", "company_name": "Acme Corp", "language": "en",
       "content": "&lt;p&gt;We are hiring &amp;amp; growing&lt;/p&gt;",
       "departments": [{"id": 13583, "name": "Engineering", "parent_id": null, "child_ids": [13585]}],
       "offices": [{"id": 8304, "name": "Springfield", "location": "Springfield, IL", "parent_id": null, "child_ids": []}]},
      {"id": 127818, "title": "Head of Compliance", "updated_at": "2026-11-14T08:00:00Z",
       "location": {"name": "Remote - US"},
       "absolute_url": "https://boards.greenhouse.io/acmecorp/jobs/127818",
       "departments": [], "offices": []}
    ], "meta": {"total": 2}})
}

pub fn mocks(title: &str) -> Vec<Mock> {
    vec![
        Mock::given(method("GET"))
            .and(path("/v1/boards/acmecorp/jobs"))
            .respond_with(ResponseTemplate::new(200).set_body_json(fixture(title))),
    ]
}

#[tokio::test]
async fn a_board_lists_its_roles() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/boards/acmecorp/jobs"))
        .and(query_param("content", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("Senior Data Engineer")))
        .expect(1)
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, false)), StepKey::Hiring)
        .await
        .unwrap();
    let roles = job_rows(&f);
    assert_eq!(
        roles,
        [
            (
                "Senior Data Engineer",
                "Engineering",
                "Springfield, IL",
                "2026-11-01",
                Some("https://boards.greenhouse.io/acmecorp/jobs/127817")
            ),
            (
                "Head of Compliance",
                "—",
                "Remote - US",
                "2026-11-14",
                Some("https://boards.greenhouse.io/acmecorp/jobs/127818")
            ),
        ]
    );
    assert_source(&f, NAME, 0.9, "2026-11-14");
    assert_eq!(
        f.sources[0].url.as_deref(),
        Some("https://boards.greenhouse.io/acmecorp")
    );
}

#[tokio::test]
async fn the_name_slug_is_tried_when_the_domain_label_has_no_board() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/boards/acme/jobs"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status": 404, "error": "Job not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/v1/boards/acmecorp/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("Staff Engineer")))
        .expect(1)
        .mount(&server)
        .await;
    let account = AccountSummary {
        domain: "acme.io".into(),
        ..acme()
    };
    let f = source(&config(&server, false))
        .collect(StepKey::Hiring, &account)
        .await
        .unwrap();
    assert_eq!(jobs(&f)[0].title, "Staff Engineer");
}

#[tokio::test]
async fn an_empty_board_is_an_empty_answer() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/boards/acmecorp/jobs"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"jobs": [], "meta": {"total": 0}})),
        )
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, false)), StepKey::Hiring)
        .await
        .unwrap();
    assert_empty(&f, NAME);
}

#[tokio::test]
async fn no_board_for_any_token_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let account = AccountSummary {
        domain: "acme.io".into(),
        ..acme()
    };
    let err = source(&config(&server, false))
        .collect(StepKey::Hiring, &account)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(
        err.to_string(),
        "Greenhouse: no public Greenhouse job board found"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "acme, then acmecorp; no retries"
    );
}
