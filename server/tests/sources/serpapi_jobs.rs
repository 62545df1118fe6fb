use crate::*;
use app::domain::StepKey;
use serde_json::json;
use server::sources::providers::serpapi::jobs::{NAME, SerpApiJobs};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_accounts_postings_become_roles() {
    let server = MockServer::start().await;
    let body = json!({
      "search_metadata": {"status": "Success"},
      "jobs_results": [
        {"title": "Senior Data Engineer", "company_name": "Acme Corp", "location": "Springfield, IL",
         "via": "LinkedIn", "share_link": "https://www.google.com/search?ibp=htl;jobs&q=acme#1",
         "extensions": ["3 days ago", "Full-time"],
         "detected_extensions": {"posted_at": "3 days ago", "schedule_type": "Full-time", "health_insurance": true},
         "description": "We are looking for ...",
         "apply_options": [{"title": "LinkedIn", "link": "https://linkedin.example/jobs/view/1234567890"}],
         "job_id": "eyJqb2JfdGl0bGUiOiJTZW5pb3IgRGF0YSBFbmdpbmVlciIs"},
        {"title": "Account Executive, Enterprise", "company_name": "ACME CORP, Inc.",
         "share_link": "https://www.google.com/search?ibp=htl;jobs&q=acme#2",
         "detected_extensions": {}},
        {"title": "Barista", "company_name": "Globex Coffee", "location": "Springfield, IL",
         "share_link": "https://www.google.com/search?ibp=htl;jobs&q=globex#3"}
      ],
      "serpapi_pagination": {"next_page_token": "eyJmYyI6IkVvd0NDc3dCUVV0c"}
    });
    Mock::given(path("/search.json"))
        .and(query_param("engine", "google_jobs"))
        .and(query_param("q", "Acme Corp"))
        .and(query_param("api_key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let src = SerpApiJobs::new(&http("SerpAPI", &config(&server, true)));
    let f = collect(&src, StepKey::Hiring).await.unwrap();
    let roles = job_rows(&f);
    assert_eq!(
        roles,
        [
            (
                "Senior Data Engineer",
                "Data",
                "Springfield, IL",
                "3 days ago",
                Some("https://linkedin.example/jobs/view/1234567890")
            ),
            (
                "Account Executive, Enterprise",
                "Sales",
                "—",
                "",
                Some("https://www.google.com/search?ibp=htl;jobs&q=acme#2")
            ),
        ],
        "Globex's posting is not the account's"
    );
    assert_source(&f, NAME, 0.8, &today_iso());
}

#[tokio::test]
async fn no_jobs_is_an_empty_answer() {
    let server = MockServer::start().await;
    Mock::given(path("/search.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "search_metadata": {"status": "Success"},
            "error": "Google hasn't returned any results for this query."
        })))
        .mount(&server)
        .await;
    let src = SerpApiJobs::new(&http("SerpAPI", &config(&server, true)));
    let f = collect(&src, StepKey::Hiring).await.unwrap();
    assert_empty(&f, NAME);
}
