use crate::*;
use app::domain::StepKey;
use serde_json::{Value, json};
use server::sources::providers::serpapi::news::{NAME, SerpApiNews};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub fn source(c: &ProviderConfig) -> SerpApiNews {
    SerpApiNews::new(&http("SerpAPI", c))
}

/// A `google_news` answer: a single article (ISO date), a cluster (highlight + stories,
/// local-format dates) and an article with no date at all. `title` is the first headline.
pub fn fixture(title: &str) -> Value {
    json!({
      "search_metadata": {"id": "6650f0c2e1a2b3c4d5e6f7a8", "status": "Success",
        "created_at": "2026-11-18 07:12:45 UTC", "total_time_taken": 1.42},
      "search_parameters": {"engine": "google_news", "q": "\"Acme Corp\"", "gl": "us", "hl": "en"},
      "news_results": [
        {"position": 1, "title": title,
         "source": {"name": "TechCrunch", "icon": "https://encrypted-tbn0.gstatic.com/faviconV2?url=https://techcrunch.com", "authors": ["Jane Reporter"]},
         "link": "https://techcrunch.example/2026/11/12/acme-corp-series-c/",
         "thumbnail": "https://news.google.com/api/attachments/CC8iK0NnNl",
         "date": "11/12/2026, 02:00 PM, +0000 UTC", "iso_date": "2026-11-12T14:00:00Z"},
        {"position": 2,
         "highlight": {"title": "Acme Corp opens Berlin office", "source": {"name": "Reuters"},
           "link": "https://reuters.example/acme-berlin", "date": "11/10/2026, 09:00 AM, +0000 UTC"},
         "stories": [
           {"position": 1, "title": "Acme Corp to acquire Initech", "source": {"name": "Bloomberg"},
            "link": "https://bloomberg.example/acme-initech", "date": "11/15/2026, 10:00 AM, +0000 UTC"},
           {"position": 2, "title": "Acme Corp opens Berlin office", "source": {"name": "Reuters"},
            "link": "https://reuters.example/acme-berlin"}
         ],
         "story_token": "CAAqNggKIjBDQklTSGpvSmMzUnZjbmt0TXpZd1NoRUtEd2lZ"},
        {"position": 3, "title": "Where Acme Corp goes next", "source": {"name": "Fintech Weekly"},
         "link": "https://fintechweekly.example/acme", "unexpected_new_field": {"x": 1}}
      ]
    })
}

pub fn mocks(title: &str) -> Vec<Mock> {
    vec![
        Mock::given(method("GET"))
            .and(path("/search.json"))
            .and(query_param("engine", "google_news"))
            .respond_with(ResponseTemplate::new(200).set_body_json(fixture(title))),
    ]
}

#[tokio::test]
async fn articles_and_clusters_become_news_with_dates_and_funding_flags() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .and(query_param("engine", "google_news"))
        .and(query_param("q", "\"Acme Corp\""))
        .and(query_param("api_key", KEY))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("Acme Corp raises $50M Series C")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, true)), StepKey::News)
        .await
        .unwrap();
    let items = news(&f);
    let seen: Vec<(&str, &str, bool, Option<&str>)> = items
        .iter()
        .map(|i| {
            (
                i.title.as_str(),
                i.date.as_str(),
                i.funding,
                i.publisher.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Acme Corp raises $50M Series C",
                "2026-11-12",
                true,
                Some("TechCrunch")
            ),
            (
                "Acme Corp opens Berlin office",
                "2026-11-10",
                false,
                Some("Reuters")
            ),
            (
                "Acme Corp to acquire Initech",
                "2026-11-15",
                true,
                Some("Bloomberg")
            ),
            (
                "Where Acme Corp goes next",
                "",
                false,
                Some("Fintech Weekly")
            ),
        ],
        "the cluster's repeated story appears once"
    );
    assert_eq!(
        items[0].url,
        "https://techcrunch.example/2026/11/12/acme-corp-series-c/"
    );
    assert!(items.iter().all(|i| i.src == 0));
    assert_source(&f, NAME, 0.85, "2026-11-15");
}

#[tokio::test]
async fn no_results_is_an_empty_answer_not_a_failure() {
    let server = MockServer::start().await;
    Mock::given(path("/search.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "search_metadata": {"id": "x", "status": "Success"},
            "search_information": {"organic_results_state": "Fully empty"},
            "error": "Google hasn't returned any results for this query."
        })))
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, true)), StepKey::News)
        .await
        .unwrap();
    assert_empty(&f, NAME);
}

#[tokio::test]
async fn out_of_searches_behind_a_200_is_rate_limited() {
    let server = MockServer::start().await;
    Mock::given(path("/search.json"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"error": "Your account has run out of searches."})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let e = collect(&source(&config(&server, true)), StepKey::News)
        .await
        .unwrap_err();
    assert_eq!(e.kind, server::sources::ErrorKind::RateLimited);
    assert_eq!(
        e.to_string(),
        "Google News (SerpAPI): the account has run out of searches"
    );
}
