//! The LLM analyst against a loopback server speaking the OpenAI streaming format: tokens
//! stream into the bubble, citations are checked, and errors, stalls and invented
//! citations fall back to the template answer with a note.

use crate::helpers::*;
use serde_json::{Value, json};
use server::analysts::llm::LlmConfig;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How the fake model answers one request.
#[derive(Clone)]
enum Reply {
    /// 200 with these SSE content pieces, `pause` between them, then `[DONE]`.
    /// `{FUNDING}` in a piece becomes the fact id of the funding news in the prompt.
    Stream {
        pieces: Vec<&'static str>,
        pause: Duration,
    },
    /// A status with an OpenAI-style error body.
    Status(u16),
    /// A plain (non-streamed) completion: what the classifier gets.
    Plain(&'static str),
    /// 200, then bytes without a newline, forever.
    Endless,
}

struct FakeModel {
    url: String,
    requests: Arc<Mutex<Vec<Value>>>,
}

/// A loopback model server: `pick(request body)` decides each reply.
async fn fake_model(pick: impl Fn(&Value) -> Reply + Send + Sync + 'static) -> FakeModel {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    let pick = Arc::new(pick);
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let (seen, pick) = (seen.clone(), pick.clone());
            tokio::spawn(async move {
                let (authorization, body) = read_request(&mut sock).await;
                let mut seen_request = body.clone();
                seen_request["authorization"] = json!(authorization);
                seen.lock().unwrap().push(seen_request);
                let reply = pick(&body);
                let _ = write_reply(&mut sock, reply, &body).await;
            });
        }
    });
    FakeModel { url, requests }
}

/// The request's `Authorization` header and JSON body.
async fn read_request(sock: &mut tokio::net::TcpStream) -> (Option<String>, Value) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = sock.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let len = text[..head_end]
                .lines()
                .find_map(|l| {
                    l.to_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if buf.len() >= head_end + 4 + len {
                let authorization = text[..head_end].lines().find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("authorization")
                        .then(|| value.trim().to_string())
                });
                let body = serde_json::from_slice(&buf[head_end + 4..head_end + 4 + len])
                    .unwrap_or(Value::Null);
                return (authorization, body);
            }
        }
    }
    (None, Value::Null)
}

/// The id the prompt gave the funding news (`F7`).
fn funding_id(request: &Value) -> String {
    let prompt = request["messages"][1]["content"]
        .as_str()
        .unwrap_or_default();
    let re = regex::Regex::new(r"\[(F\d+)\] Funding news").unwrap();
    re.captures(prompt)
        .map(|c| c[1].to_string())
        .unwrap_or_else(|| "F0".into())
}

async fn write_reply(
    sock: &mut tokio::net::TcpStream,
    reply: Reply,
    request: &Value,
) -> std::io::Result<()> {
    match reply {
        Reply::Status(code) => {
            let body = json!({"error": {"message": "boom", "type": "server_error", "code": null}})
                .to_string();
            sock.write_all(format!("HTTP/1.1 {code} Error\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len()).as_bytes()).await
        }
        Reply::Plain(word) => {
            let body = json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": word}, "finish_reason": "stop"}]}).to_string();
            sock.write_all(format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len()).as_bytes()).await
        }
        Reply::Endless => {
            sock.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\ndata: ").await?;
            let junk = vec![b'x'; 16 * 1024];
            loop {
                sock.write_all(&junk).await?;
            }
        }
        Reply::Stream { pieces, pause } => {
            sock.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n",
            )
            .await?;
            let id = funding_id(request);
            let first = json!({"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}]});
            sock.write_all(format!(": keep-alive\n\nevent: message\ndata: {first}\n\n").as_bytes())
                .await?;
            for piece in pieces {
                tokio::time::sleep(pause).await;
                let text = piece.replace("{FUNDING}", &id);
                let chunk = json!({"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": null}]});
                sock.write_all(format!("data: {chunk}\n\n").as_bytes())
                    .await?;
            }
            let usage = json!({"id": "c1", "choices": null, "usage": {"total_tokens": 9}});
            sock.write_all(format!("data: {usage}\n\ndata: [DONE]\n\n").as_bytes())
                .await?;
            sock.shutdown().await
        }
    }
}

async fn app_with_model(model: &FakeModel, idle: Duration) -> TestApp {
    let url = model.url.clone();
    spawn_app_with(move |s| {
        s.llm = Some(LlmConfig {
            base_url: url,
            model: "test-model".into(),
            key: Some("sk-test".into()),
            idle_timeout: idle,
            total_timeout: Duration::from_secs(10),
        });
    })
    .await
}

/// An app whose analyst is `model` (silences over `idle` end a stream), Acme researched to
/// the end, and its answer to `question` over the API.
async fn ask_acme(model: &FakeModel, idle: Duration, question: &str) -> (TestApp, String, Value) {
    let app = app_with_model(model, idle).await;
    let body = app.research_to_end("acme-corp").await;
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    let answer = app.answer(&sid, "acme-corp", question).await;
    (app, sid, answer)
}

#[tokio::test]
async fn the_model_streams_into_the_bubble_and_uncited_sentences_are_dropped() {
    let model = fake_model(|_| Reply::Stream {
        pieces: vec![
            "Acme Corp just raised",
            " a $50M Series C [{FUNDING}]. ",
            "They secretly use Okta [F999]. ",
            "You will win this deal.",
            "\nLead with the",
            " funding [{FUNDING}].",
        ],
        pause: Duration::from_millis(120),
    })
    .await;
    let (app, sid, answer) = ask_acme(
        &model,
        Duration::from_secs(5),
        "Tell me more about the funding",
    )
    .await;
    let content = answer["content"].as_str().unwrap();
    assert_eq!(
        content,
        "Acme Corp just raised a $50M Series C [1].\nLead with the funding [1]."
    );
    assert_eq!(answer["sources"].as_array().unwrap().len(), 1);
    assert_eq!(answer["sources"][0]["name"], "Demo news feed");
    // The model was given the facts with ids, the key as a bearer token, and streaming on.
    let requests = model.requests.lock().unwrap().clone();
    let req = requests.last().unwrap();
    assert_eq!(req["stream"], true);
    assert_eq!(req["model"], "test-model");
    assert_eq!(req["authorization"], "Bearer sk-test");
    assert!(
        req["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("] Funding news (2026-11-19): Acme Corp raises $50M Series C")
    );
    // Partial text reached the chat while streaming, then the checked answer replaced it.
    let events = app.events_since(&sid, 0).await;
    let revisions: Vec<&Value> = events
        .iter()
        .filter(|e| e["change"]["type"] == "message_revised")
        .collect();
    assert!(revisions.len() >= 2, "{revisions:?}");
    assert!(revisions.iter().any(|e| e["change"]["streaming"] == true));
    let last = revisions.last().unwrap();
    assert_eq!(last["change"]["streaming"], false);
    assert_eq!(last["change"]["text"], content);
}

#[tokio::test]
async fn a_failing_model_falls_back_to_the_facts_and_says_so() {
    let model = fake_model(|_| Reply::Status(500)).await;
    let (_, _, answer) = ask_acme(
        &model,
        Duration::from_secs(5),
        "What's their technology stack?",
    )
    .await;
    let content = answer["content"].as_str().unwrap();
    assert!(
        content.starts_with("🛠 Acme Corp technology stack"),
        "{content}"
    );
    assert!(
        content
            .contains("(The language model didn't answer — the language model answered HTTP 500."),
        "{content}"
    );
    assert!(!answer["sources"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_stalled_stream_falls_back() {
    let model = fake_model(|_| Reply::Stream {
        pieces: vec!["Acme Corp raised [{FUNDING}].", " And then"],
        pause: Duration::from_secs(3),
    })
    .await;
    let (_, _, answer) = ask_acme(&model, Duration::from_millis(400), "Who are they hiring?").await;
    let content = answer["content"].as_str().unwrap();
    assert!(content.starts_with("💼 Hiring at Acme Corp"), "{content}");
    assert!(content.contains("stopped sending"), "{content}");
}

#[tokio::test]
async fn a_model_that_only_invents_citations_is_not_believed() {
    let model = fake_model(|_| Reply::Stream {
        pieces: vec![
            "They use Okta [F404]. ",
            "Their CEO loves us [F0]. ",
            "Buy now.",
        ],
        pause: Duration::from_millis(10),
    })
    .await;
    let (_, _, answer) = ask_acme(
        &model,
        Duration::from_secs(5),
        "What's their technology stack?",
    )
    .await;
    let content = answer["content"].as_str().unwrap();
    assert!(
        !content.contains("Okta [") && !content.contains("Buy now"),
        "{content}"
    );
    assert!(
        content.contains("none of the model's sentences cited a collected fact"),
        "{content}"
    );
}

#[tokio::test]
async fn the_classifier_places_what_the_rules_cannot() {
    let model = fake_model(|req| {
        if req["stream"] == true {
            Reply::Status(503)
        } else {
            Reply::Plain("assess_risks")
        }
    })
    .await;
    let (_, _, answer) = ask_acme(
        &model,
        Duration::from_secs(5),
        "is this deal likely to close this quarter",
    )
    .await;
    assert_eq!(answer["intent"], "assess_risks");
    assert!(
        answer["content"]
            .as_str()
            .unwrap()
            .starts_with("⚠️ Risks going into the Acme Corp meeting")
    );
}

#[tokio::test]
async fn a_stream_without_line_breaks_is_cut_off() {
    let model = fake_model(|_| Reply::Endless).await;
    let (_, _, answer) = ask_acme(
        &model,
        Duration::from_secs(5),
        "What's their technology stack?",
    )
    .await;
    let content = answer["content"].as_str().unwrap();
    assert!(
        content.starts_with("🛠 Acme Corp technology stack"),
        "{content}"
    );
    assert!(
        content.contains("malformed: a line longer than 65536 bytes"),
        "{content}"
    );
}

#[tokio::test]
async fn a_long_stream_is_written_at_most_twenty_times() {
    let mut pieces: Vec<&'static str> = vec!["Acme Corp raised a $50M Series C [{FUNDING}]."];
    pieces.extend(std::iter::repeat_n(
        " More on the funding [{FUNDING}].",
        500,
    ));
    let model = fake_model(move |_| Reply::Stream {
        pieces: pieces.clone(),
        pause: Duration::from_millis(10),
    })
    .await;
    let (app, sid, answer) = ask_acme(
        &model,
        Duration::from_secs(5),
        "Tell me more about the funding",
    )
    .await;
    let events = app.events_since(&sid, 0).await;
    let revisions: Vec<&Value> = events
        .iter()
        .filter(|e| e["change"]["type"] == "message_revised")
        // Not the run's own line above its card, revised when the run ends.
        .filter(|e| !e["change"]["id"].as_str().unwrap().ends_with("-started"))
        .collect();
    let streamed = revisions
        .iter()
        .filter(|e| e["change"]["streaming"] == true)
        .count();
    assert!((2..=19).contains(&streamed), "{streamed} partial writes");
    assert_eq!(revisions.len(), streamed + 1, "then the answer, once");
    assert_eq!(
        revisions.last().unwrap()["change"]["text"],
        answer["content"]
    );
}

/// kill -9 while a model answer streams into its bubble: the process that finds it after
/// the restart asks the model again and finishes it (`streaming: false`), once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_model_answer_cut_by_kill_9_is_finished_after_the_restart() {
    use crate::crash_promises::{ask_in_background, placeholder, start_server, until_shown};
    let mut pieces: Vec<&'static str> = vec!["Acme Corp raised a $50M Series C [{FUNDING}]."];
    pieces.extend(std::iter::repeat_n(" More on the funding [{FUNDING}].", 80));
    let model = fake_model(move |_| Reply::Stream {
        pieces: pieces.clone(),
        pause: Duration::from_millis(100),
    })
    .await;
    let (mut server, app) = start_server(vec![
        ("DOSSIER_LLM_URL", model.url.clone()),
        ("DOSSIER_LLM_MODEL", "test-model".into()),
        ("DOSSIER_LLM_KEY", "sk-test".into()),
        ("DOSSIER_DEMO_DELAY_MS", "50".into()),
    ])
    .await;
    let body = app.research_to_end("acme-corp").await;
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    ask_in_background(&app, &sid, "Tell me more about the funding");
    until_shown(&app, &sid, 20, "a partly streamed answer", |m| {
        placeholder(m, "🔍 Analyzing").is_some_and(|p| p.streaming && p.text.contains("Series C"))
    })
    .await;

    server.kill9();
    server.restart();
    server.wait_healthy().await;

    let messages = until_shown(
        &app,
        &sid,
        40,
        "the answer finished after the restart",
        |m| placeholder(m, "🔍 Analyzing").is_some_and(|p| p.finals > 0),
    )
    .await;
    let answer = placeholder(&messages, "🔍 Analyzing").unwrap();
    assert!(!answer.streaming);
    assert!(
        answer.text.starts_with("Acme Corp raised a $50M Series C"),
        "{answer:?}"
    );
    assert!(answer.sources > 0, "{answer:?}");
    assert_eq!(answer.finals, 1);
}
