//! Orchestrator figures (`make bench`): brief end to end on demo sources, overhead per
//! step, throughput of 100 and 1,000 concurrent runs with memory, cache-hit latency, and
//! follow-up questions answered from the cache.
//! In-process server on `mem://`, driven over real HTTP. Prints a table; asserts nothing.

use serde_json::{Value, json};
use server::config::{DelayRange, Settings};
use server::startup::Application;
use std::time::{Duration, Instant};

struct Bench {
    base: String,
    client: reqwest::Client,
    store: server::store::Store,
}

async fn spawn(tweak: impl FnOnce(&mut Settings)) -> Bench {
    let mut settings = Settings {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        db_url: "mem://".into(),
        site_root: std::env::temp_dir().display().to_string(),
        ..Settings::default()
    };
    tweak(&mut settings);
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://{}", app.address());
    let store = app.store().clone();
    tokio::spawn(app.run_until_stopped());
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "cookie",
        "dossier_visitor=0123456789abcdef0123456789abcdef"
            .parse()
            .unwrap(),
    );
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    Bench {
        base,
        client,
        store,
    }
}

impl Bench {
    async fn start(&self, account: &str) -> (u16, Value) {
        let res = self
            .client
            .post(format!("{}/api/intelligence/customer", self.base))
            .json(&json!({ "customerId": account }))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap())
    }

    async fn running(&self) -> usize {
        self.store.orphaned_runs(None).await.unwrap().len()
    }

    /// How many runs ended in each status, e.g. `completed 612, partial 388`.
    async fn outcomes(&self) -> String {
        let mut res = self
            .store
            .db()
            .query("SELECT status, count() AS n FROM run GROUP BY status")
            .await
            .unwrap();
        let rows: Vec<Value> = res.take(0).unwrap();
        rows.iter()
            .map(|r| format!("{} {}", r["status"].as_str().unwrap_or("?"), r["n"]))
            .collect::<Vec<_>>()
            .join(", ")
    }

    async fn wait_all(&self) {
        while self.running().await > 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(mut ms: Vec<f64>) -> String {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    format!(
        "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (n={})",
        pct(&ms, 0.5),
        pct(&ms, 0.99),
        ms[ms.len() - 1],
        ms.len()
    )
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn accounts(n: usize) -> Vec<String> {
    let all: Vec<String> = server::demo::demo_accounts()
        .into_iter()
        .map(|a| a.id)
        .collect();
    (0..n).map(|i| all[i % all.len()].clone()).collect()
}

#[tokio::main]
async fn main() {
    println!("orchestrator figures (in-process server, mem://, real HTTP)");

    // 1. A brief from demo data, end to end: API call → run finished, default demo delays.
    let b = spawn(|s| s.cache.enabled = false).await;
    let mut briefs = Vec::new();
    for account in accounts(12) {
        let t = Instant::now();
        let (status, _) = b.start(&account).await;
        assert_eq!(status, 202);
        b.wait_all().await;
        briefs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "brief end to end (demo delays {}–{} ms per step): {}",
        Settings::default().demo_delay.min_ms,
        Settings::default().demo_delay.max_ms,
        summary(briefs)
    );

    // 2. Orchestrator overhead per step: zero-delay sources, cache off, one run at a time.
    let b = spawn(|s| {
        s.cache.enabled = false;
        s.demo_delay = DelayRange {
            min_ms: 0,
            max_ms: 0,
        };
    })
    .await;
    let mut per_step = Vec::new();
    for account in accounts(60) {
        let t = Instant::now();
        b.start(&account).await;
        b.wait_all().await;
        per_step.push(t.elapsed().as_secs_f64() * 1000.0 / 7.0);
    }
    println!(
        "orchestrator overhead per step (7 steps, 0 ms sources): {}",
        summary(per_step)
    );

    // 3. Throughput of concurrent runs, with memory.
    for n in [100usize, 1000] {
        let b = spawn(|s| {
            s.cache.enabled = false;
            s.demo_delay = DelayRange {
                min_ms: 50,
                max_ms: 300,
            };
        })
        .await;
        let before = rss_mb();
        let t = Instant::now();
        let starts = futures::future::join_all(accounts(n).iter().map(|a| b.start(a))).await;
        assert!(starts.iter().all(|(s, _)| *s == 202));
        let started = t.elapsed();
        b.wait_all().await;
        let total = t.elapsed();
        println!(
            "{n} concurrent runs (sources 50–300 ms): all started in {:.2} s, all finished in {:.2} s → {:.0} runs/s; RSS {:.0} → {:.0} MB (peak {:.0} MB); outcomes: {}",
            started.as_secs_f64(),
            total.as_secs_f64(),
            n as f64 / total.as_secs_f64(),
            before,
            rss_mb(),
            peak_rss_mb(),
            b.outcomes().await
        );
    }

    // 4. Cache-hit latency: a fresh profile answers the API with 200 and no run.
    let b = spawn(|_| {}).await;
    b.start("acme-corp").await;
    b.wait_all().await;
    let mut hits = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let (status, _) = b.start("acme-corp").await;
        assert_eq!(status, 200);
        hits.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "cache-hit summary (POST /api/intelligence/customer → 200): {}",
        summary(hits)
    );

    // 5. Follow-up questions from the cache (the answer and the exchange committed to chat).
    let (_, body) = b.start("globex").await;
    b.wait_all().await;
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    let mut answers = Vec::new();
    for (i, q) in [
        "What's their technology stack?",
        "Who are they hiring?",
        "What products fit?",
    ]
    .iter()
    .cycle()
    .take(300)
    .enumerate()
    {
        let t = Instant::now();
        let res = b
            .client
            .post(format!("{}/api/chat/question", b.base))
            .json(&json!({ "question": q, "customerId": "globex", "chatSessionId": sid }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "question {i}");
        let _: Value = res.json().await.unwrap();
        answers.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "question answered from the cache (POST /api/chat/question): {}",
        summary(answers)
    );
}
