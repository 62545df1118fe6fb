use crate::*;
use app::domain::StepKey;
use serde_json::json;
use server::sources::providers::boards::ashby::{Ashby, NAME};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn listed_jobs_become_roles() {
    let server = MockServer::start().await;
    let body = json!({"apiVersion": "1", "jobs": [
      {"id": "57ecd675-e7ad-4fad-8b4a-29c62d07e645", "title": "Product Manager", "location": "Springfield, IL",
       "secondaryLocations": [{"location": "San Francisco", "address": {"addressLocality": "San Francisco", "addressRegion": "California", "addressCountry": "USA"}}],
       "department": "Product", "team": "Growth", "isListed": true, "isRemote": true, "workplaceType": "Remote",
       "descriptionHtml": "<p>Join our team</p>", "descriptionPlain": "Join our team",
       "publishedAt": "2026-11-16T16:21:55.393+00:00", "employmentType": "FullTime",
       "address": {"postalAddress": {"addressLocality": "Springfield", "addressRegion": "Illinois", "addressCountry": "USA"}},
       "jobUrl": "https://jobs.ashbyhq.com/acmecorp/57ecd675", "applyUrl": "https://jobs.ashbyhq.com/acmecorp/57ecd675/apply"},
      {"id": "hidden", "title": "Secret Role", "isListed": false, "publishedAt": "2026-11-20T00:00:00Z",
       "jobUrl": "https://jobs.ashbyhq.com/acmecorp/hidden"},
      {"id": "e2", "title": "Support Specialist", "team": "Customer Experience",
       "publishedAt": "2026-10-01T00:00:00Z", "applyUrl": "https://jobs.ashbyhq.com/acmecorp/e2/apply"}
    ]});
    Mock::given(path("/posting-api/job-board/acmecorp"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let src = Ashby::new(&http("Ashby", &config(&server, false)));
    let f = collect(&src, StepKey::Hiring).await.unwrap();
    let roles = job_rows(&f);
    assert_eq!(
        roles,
        [
            (
                "Product Manager",
                "Product",
                "Springfield, IL",
                "2026-11-16",
                Some("https://jobs.ashbyhq.com/acmecorp/57ecd675")
            ),
            (
                "Support Specialist",
                "Customer Experience",
                "—",
                "2026-10-01",
                Some("https://jobs.ashbyhq.com/acmecorp/e2/apply")
            ),
        ],
        "unlisted roles are not shown"
    );
    assert_source(&f, NAME, 0.9, "2026-11-16");
    assert_eq!(
        f.sources[0].url.as_deref(),
        Some("https://jobs.ashbyhq.com/acmecorp")
    );
}

#[tokio::test]
async fn an_empty_board_is_an_empty_answer() {
    let server = MockServer::start().await;
    Mock::given(path("/posting-api/job-board/acmecorp"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"apiVersion": "1", "jobs": []})),
        )
        .mount(&server)
        .await;
    let src = Ashby::new(&http("Ashby", &config(&server, false)));
    assert_empty(&collect(&src, StepKey::Hiring).await.unwrap(), NAME);
}
