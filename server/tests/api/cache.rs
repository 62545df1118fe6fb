//! The layered cache: what a second prep reuses, how a stale profile reads, the vendor
//! context, and `GET /api/runs/{id}` reporting hits and misses.

use crate::helpers::{keyless_sources_at, spawn_app_with};
use serde_json::Value;
use std::time::Duration;

fn step<'a>(run: &'a Value, key: &str) -> &'a Value {
    run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no step {key} in {run}"))
}

#[tokio::test]
async fn a_second_prep_takes_fresh_layers_from_the_cache_and_shows_a_stale_profile() {
    // Profiles go stale at once, so the second pick shows the old one and refreshes.
    let app = spawn_app_with(|s| s.cache.profile = Duration::ZERO).await;
    let first = app.research_to_end("globex").await;
    assert_eq!(first["status"], "completed");
    for key in ["vendor", "news", "hiring", "company", "tech", "contacts"] {
        assert_eq!(step(&first, key)["cache"], "miss", "{key}");
    }
    assert!(
        step(&first, "vendor")["detail"]
            .as_str()
            .unwrap()
            .starts_with("Keyfort: complete (4 products, 3 proof points) — loaded"),
        "{first}"
    );

    let res = app.start_intelligence("globex", None).await;
    assert_eq!(res.status(), 202, "a stale profile refreshes");
    let body: Value = res.json().await.unwrap();
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    let second = app
        .wait_for_run(body["executionId"].as_str().unwrap())
        .await;
    // The rep's own company is read for each run (a saved change applies at once), never
    // cached; the customer's steps come from their layers.
    assert_eq!(step(&second, "vendor")["cache"], "miss");
    assert!(
        step(&second, "vendor")["detail"]
            .as_str()
            .unwrap()
            .ends_with("— loaded"),
        "{second}"
    );
    for key in ["news", "hiring", "company", "tech", "contacts"] {
        assert_eq!(step(&second, key)["cache"], "hit", "{key}");
        assert!(
            step(&second, key)["detail"]
                .as_str()
                .unwrap()
                .ends_with("— from cache"),
            "{key}: {second}"
        );
    }
    assert_eq!(second["cache"]["hits"], 5, "{second}");
    assert_eq!(first["cache"]["misses"], 6);
    // The same facts as the first run, without asking the sources again.
    assert_eq!(
        step(&second, "news")["result"],
        step(&first, "news")["result"]
    );

    let all: Vec<String> = app
        .events_since(&sid, 0)
        .await
        .iter()
        .filter_map(|e| e["change"]["message"]["text"].as_str().map(String::from))
        .collect();
    let all = all.join("\n");
    assert!(all.contains("🕰 As of "), "{all}");
    assert!(all.contains("— refreshing now:\n🧠 Globex"), "{all}");
}

#[tokio::test]
async fn with_the_cache_off_every_step_is_collected_again() {
    let app = spawn_app_with(|s| s.cache.enabled = false).await;
    app.research_to_end("globex").await;
    let second = app.research_to_end("globex").await;
    for key in ["vendor", "news", "hiring", "company", "tech", "contacts"] {
        assert_eq!(step(&second, key)["cache"], "miss", "{key}");
    }
}

/// Network providers on loopback: Greenhouse answers, Lever fails with 500. The hiring
/// step is done with Greenhouse's jobs but not cached as a whole, so the next run asks
/// Lever again while Greenhouse answers from its own raw layer.
#[tokio::test]
async fn a_provider_that_failed_is_asked_again_and_the_others_come_from_cache() {
    use wiremock::matchers::{path, path_regex};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let mock = MockServer::start().await;
    Mock::given(path("/v1/boards/globex/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "jobs": [{"id": 1, "title": "Site Reliability Engineer", "updated_at": "2026-11-18T10:00:00-05:00",
                      "location": {"name": "Berlin"}, "absolute_url": "https://boards.greenhouse.io/globex/jobs/1",
                      "departments": [{"name": "Engineering"}]}],
            "meta": {"total": 1}
        })))
        .mount(&mock)
        .await;
    Mock::given(path_regex("^/v0/postings/"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&mock)
        .await;
    let base = mock.uri();
    let app = spawn_app_with(|s| {
        s.cache.profile = Duration::ZERO;
        keyless_sources_at(s, &base);
    })
    .await;
    let calls = |prefix: &'static str| {
        let mock = &mock;
        async move {
            mock.received_requests()
                .await
                .unwrap()
                .iter()
                .filter(|r| r.url.path().starts_with(prefix))
                .count()
        }
    };

    let first = app.research_to_end("globex").await;
    let hiring = step(&first, "hiring");
    assert_eq!(hiring["status"], "done", "{first}");
    assert!(
        hiring["result"]
            .to_string()
            .contains("Site Reliability Engineer")
    );
    assert_eq!(hiring["result"]["sources"][0]["name"], "Greenhouse");
    let (greenhouse, lever) = (calls("/v1/boards/").await, calls("/v0/postings/").await);
    assert!(lever > 0);

    let second = app.research_to_end("globex").await;
    let hiring = step(&second, "hiring");
    assert_eq!(
        hiring["cache"], "miss",
        "Lever failed: the step is collected again"
    );
    assert!(
        hiring["result"]
            .to_string()
            .contains("Site Reliability Engineer")
    );
    assert_eq!(
        calls("/v1/boards/").await,
        greenhouse,
        "Greenhouse came from its raw cache"
    );
    assert!(
        calls("/v0/postings/").await > lever,
        "Lever was asked again"
    );
}

#[tokio::test]
async fn a_configured_vendor_file_is_the_vendor_context() {
    let path = std::env::temp_dir().join(format!("vendor-{}.toml", server::random_id(6)));
    std::fs::write(
        &path,
        "name = \"Tessera Data\"\ndomain = \"tessera.example\"\n\
         [[products]]\nname = \"Tessera Lakehouse\"\nfits = [\"data\"]\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let app = spawn_app_with(|s| s.vendor_file = Some(file)).await;
    let run = app.research_to_end("globex").await;
    let vendor = step(&run, "vendor");
    assert!(
        vendor["detail"]
            .as_str()
            .unwrap()
            .starts_with("Tessera Data: complete (1 product, 0 proof points)"),
        "{vendor}"
    );
    assert!(vendor["result"].to_string().contains("Tessera Lakehouse"));
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_bad_vendor_file_stops_the_server_with_a_reason() {
    let path = std::env::temp_dir().join(format!("vendor-{}.toml", server::random_id(6)));
    std::fs::write(&path, "name = \"\"").unwrap();
    let mut settings = server::config::Settings {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        db_url: "mem://".into(),
        vendor_file: Some(path.display().to_string()),
        ..Default::default()
    };
    let err = server::startup::Application::build(settings.clone())
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("vendor file"), "{err}");
    assert!(err.to_string().contains("name"), "{err}");
    settings.vendor_file = Some("/nonexistent/vendor.toml".into());
    let err = server::startup::Application::build(settings)
        .await
        .err()
        .unwrap();
    assert!(
        err.to_string().contains("/nonexistent/vendor.toml"),
        "{err}"
    );
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn expired_entries_are_swept_and_stale_ones_kept_until_then() {
    let settings = server::config::Settings {
        db_url: "mem://".into(),
        ..Default::default()
    };
    let store = server::store::Store::connect(&settings).await.unwrap();
    let v = serde_json::json!({"x": 1});
    store
        .cache_put("customer:a.com:hiring", &v, 1_000, 100, 10_000)
        .await
        .unwrap();
    store
        .cache_put("customer:b.com:hiring", &v, 1_000, 100, 200)
        .await
        .unwrap();
    let stale = store
        .cache_get("customer:a.com:hiring", 2_000)
        .await
        .unwrap()
        .unwrap();
    assert!(!stale.is_fresh(2_000), "stale, but still readable");
    assert_eq!(store.sweep_cache(2_000).await.unwrap(), 1);
    assert!(
        store
            .cache_get("customer:b.com:hiring", 2_000)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .cache_get("customer:a.com:hiring", 2_000)
            .await
            .unwrap()
            .is_some()
    );
}
