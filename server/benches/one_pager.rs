//! One-pager figures (`make bench`): from research already done, how long until the first
//! progress message is committed (the `202` of `POST /api/preps` comes after it), until the
//! version is made, and until the PDF, the deck PDF and the Markdown are served; the PDF's
//! size; then sharing: a new link, the shared page and its PDF opened signed out, the
//! send-ahead draft. In-process server on `mem://`, real HTTP. Prints a table; asserts
//! nothing.

use serde_json::{Value, json};
use server::config::{DelayRange, Settings, SignupMode};
use server::startup::Application;
use std::time::{Duration, Instant};

const ROUNDS: usize = 20;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn row(name: &str, mut xs: Vec<Duration>) {
    xs.sort();
    println!(
        "{name:<34} p50 {:>8.1} ms   p95 {:>8.1} ms   max {:>8.1} ms",
        percentile(&xs, 0.5).as_secs_f64() * 1e3,
        percentile(&xs, 0.95).as_secs_f64() * 1e3,
        xs.last().unwrap().as_secs_f64() * 1e3
    );
}

/// How long `GET url` took to its last byte, and how many bytes it was.
async fn timed_get(client: &reqwest::Client, url: &str) -> (Duration, usize) {
    let t = Instant::now();
    let bytes = client.get(url).send().await.unwrap().bytes().await.unwrap();
    (t.elapsed(), bytes.len())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let settings = Settings {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        db_url: "mem://".into(),
        site_root: std::env::temp_dir().display().to_string(),
        signup: SignupMode::Open,
        demo_delay: DelayRange {
            min_ms: 10,
            max_ms: 30,
        },
        // A link a round: more than a rep's minute allows.
        floods: server::config::FloodLimits {
            sends_per_min: 10_000,
            ..Default::default()
        },
        ..Settings::default()
    };
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://{}", app.address());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let url = |p: &str| format!("{base}{p}");
    let res = client
        .post(url("/api/auth/signup"))
        .json(&json!({"name": "Bench", "email": "bench@bench.test", "password": "correct horse 1"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "sign-up: {}", res.status());
    let started: Value = client
        .post(url("/api/intelligence/customer"))
        .json(&json!({"customerId": "acme-corp"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sid = started["chatSessionId"].as_str().unwrap().to_string();
    let rid = started["executionId"].as_str().unwrap().to_string();
    loop {
        let run: Value = client
            .get(url(&format!("/api/runs/{rid}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if run["status"] != "running" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let (mut first, mut made, mut pdf, mut deck, mut md) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut link, mut page, mut shared_pdf, mut eml) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let stranger = reqwest::Client::new();
    let mut size = 0;
    for n in 1..=ROUNDS as u64 {
        let t0 = Instant::now();
        let res = client
            .post(url("/api/preps"))
            .json(&json!({ "chatSessionId": sid }))
            .send()
            .await
            .unwrap();
        first.push(t0.elapsed());
        let pid = res.json::<Value>().await.unwrap()["prepId"]
            .as_str()
            .unwrap()
            .to_string();
        loop {
            let doc: Value = client
                .get(url(&format!("/api/preps/{pid}")))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap_or(Value::Null);
            if doc["version"].as_u64() == Some(n) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        made.push(t0.elapsed());
        let (took, bytes) = timed_get(&client, &url(&format!("/api/preps/{pid}.pdf"))).await;
        pdf.push(took);
        size = bytes;
        deck.push(
            timed_get(&client, &url(&format!("/api/preps/{pid}/slides.pdf")))
                .await
                .0,
        );
        md.push(
            timed_get(&client, &url(&format!("/api/preps/{pid}.md")))
                .await
                .0,
        );
        let t = Instant::now();
        let shared: Value = client
            .post(url(&format!("/api/preps/{pid}/share")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        link.push(t.elapsed());
        let at = shared["url"].as_str().unwrap().to_string();
        page.push(timed_get(&stranger, &at).await.0);
        shared_pdf.push(timed_get(&stranger, &format!("{at}.pdf")).await.0);
        eml.push(
            timed_get(&client, &url(&format!("/api/preps/{pid}/email.eml")))
                .await
                .0,
        );
    }
    println!("one-pager from cached research, {ROUNDS} versions, 2 worker threads");
    row("POST /api/preps (first progress)", first);
    row("version made (POST → readable)", made);
    row("GET .pdf", pdf);
    row("GET /slides.pdf", deck);
    row("GET .md", md);
    row("POST /share (new link)", link);
    row("GET /share/{token} (signed out)", page);
    row("GET /share/{token}.pdf", shared_pdf);
    row("GET /email.eml (send-ahead draft)", eml);
    println!("PDF size: {} KB", size / 1024);
}
