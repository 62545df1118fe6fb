//! Account search latency over 100,000 generated accounts: p50 / p99 / max per query shape.
//! Run with `make bench` (release build). Prints one line per query.

use app::domain::AccountSummary;
use app::domain::search::AccountIndex;
use std::hint::black_box;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "Apex",
    "Atlas",
    "Aurora",
    "Acorn",
    "Beacon",
    "Bright",
    "Cascade",
    "Copper",
    "Delta",
    "Drift",
    "Ever",
    "Falcon",
    "Fox",
    "Granite",
    "Harbor",
    "Halcyon",
    "Iron",
    "Juniper",
    "Kestrel",
    "Lark",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Northwind",
    "Oak",
    "Orbital",
    "Pioneer",
    "Polar",
    "Quarry",
    "Redwood",
    "River",
    "Sable",
    "Silver",
    "Summit",
    "Tide",
    "Umber",
    "Vertex",
    "Willow",
    "Yarrow",
    "Zephyr",
];
const KINDS: &[&str] = &[
    "Labs",
    "Health",
    "Logistics",
    "Capital",
    "Energy",
    "Retail",
    "Systems",
    "Group",
];

fn accounts(n: usize) -> Vec<AccountSummary> {
    let mut out = Vec::with_capacity(n);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let a = WORDS[(x % WORDS.len() as u64) as usize];
        let b = WORDS[((x >> 8) % WORDS.len() as u64) as usize];
        let k = KINDS[((x >> 16) % KINDS.len() as u64) as usize];
        let name = format!("{a}{} {b} {k}", i % 97);
        out.push(AccountSummary {
            id: format!("acct-{i}"),
            domain: format!("{}{}{}.com", a.to_lowercase(), b.to_lowercase(), i),
            name,
            industry: k.into(),
            employees: (x % 20_000) as u32,
            location: "Berlin, Germany".into(),
            origin: Default::default(),
        });
    }
    out.push(AccountSummary {
        id: "acme-corp".into(),
        name: "Acme Corp".into(),
        domain: "acmecorp.com".into(),
        industry: "FinTech".into(),
        employees: 500,
        location: "New York, USA".into(),
        origin: Default::default(),
    });
    out
}

/// This process's resident memory in MB (Linux; 0 elsewhere).
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n = 100_000;
    let before = rss_mb();
    let t = Instant::now();
    let index = AccountIndex::new(accounts(n));
    println!(
        "built index of {} accounts in {:?}; resident memory +{:.0} MB",
        index.len(),
        t.elapsed(),
        rss_mb() - before
    );
    let queries = [
        ("exact", "Acme Corp"),
        ("prefix, few hits", "Acme"),
        ("typo", "Acmee"),
        ("domain", "acmecorp.com"),
        ("one letter", "n"),
        ("common first word", "Northwind"),
        ("common later word", "Harbor"),
        ("typo of a common word", "Nortwind"),
        ("miss", "Zzyzx Unlimited"),
        ("industry", "fintech accounts"),
        ("industry and place", "software in berlin"),
    ];
    for (label, q) in queries {
        let mut times = Vec::with_capacity(1000);
        for _ in 0..1000 {
            let t = Instant::now();
            black_box(index.search(black_box(q), 5));
            times.push(t.elapsed());
        }
        times.sort_unstable();
        println!(
            "{label:<26} {q:<18} p50 {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times[times.len() - 1]
        );
    }
}
