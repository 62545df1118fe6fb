//! A mail server on loopback for the tests: it speaks SMTP (RFC 5321: greeting, EHLO,
//! MAIL, RCPT, DATA with dot-stuffing, RSET, QUIT) and keeps every message it accepts.
//! An address in `refuse` is answered `550`; the first `busy` messages get a `451`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message the server accepted.
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, dot-stuffing undone).
    pub data: Vec<u8>,
}

#[derive(Clone, Default)]
pub struct SmtpServer {
    pub addr: Option<SocketAddr>,
    pub received: Arc<Mutex<Vec<Received>>>,
    /// Addresses refused with `550 5.1.1`.
    pub refuse: Arc<Mutex<HashMap<String, String>>>,
    /// How many more messages get `451 4.3.0` at DATA before the server takes them.
    pub busy: Arc<Mutex<u32>>,
}

impl SmtpServer {
    /// Listen on a free loopback port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = SmtpServer {
            addr: Some(listener.local_addr().unwrap()),
            ..Default::default()
        };
        let shared = server.clone();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let s = shared.clone();
                tokio::spawn(async move { s.converse(socket).await });
            }
        });
        server
    }

    /// `smtp://127.0.0.1:PORT`, as `DOSSIER_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr.unwrap())
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    async fn converse(&self, socket: tokio::net::TcpStream) {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read);
        if say(&mut write, "220 loopback.test ESMTP".into())
            .await
            .is_err()
        {
            return;
        }
        let (mut from, mut to) = (String::new(), Vec::new());
        let mut line = String::new();
        loop {
            line.clear();
            match lines.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let cmd = line.trim_end().to_string();
            let upper = cmd.to_ascii_uppercase();
            let reply = if upper.starts_with("EHLO") {
                "250-loopback.test\r\n250-8BITMIME\r\n250 SMTPUTF8".to_string()
            } else if upper.starts_with("HELO") {
                "250 loopback.test".into()
            } else if upper.starts_with("MAIL FROM:") {
                from = angle(&cmd);
                to.clear();
                "250 2.1.0 OK".into()
            } else if upper.starts_with("RCPT TO:") {
                let addr = angle(&cmd);
                let refused = self.refuse.lock().unwrap().get(&addr).cloned();
                match refused {
                    Some(why) => format!("550 5.1.1 {why}"),
                    None => {
                        to.push(addr);
                        "250 2.1.5 OK".into()
                    }
                }
            } else if upper == "DATA" {
                if to.is_empty() {
                    "554 5.5.1 no valid recipients".into()
                } else {
                    if say(&mut write, "354 end with <CRLF>.<CRLF>".into())
                        .await
                        .is_err()
                    {
                        return;
                    }
                    let mut data = Vec::new();
                    loop {
                        let mut l = String::new();
                        match lines.read_line(&mut l).await {
                            Ok(0) | Err(_) => return,
                            Ok(_) => {}
                        }
                        if l == ".\r\n" {
                            break;
                        }
                        let l = l.strip_prefix('.').unwrap_or(&l);
                        data.extend_from_slice(l.as_bytes());
                    }
                    let busy = {
                        let mut b = self.busy.lock().unwrap();
                        let was = *b;
                        *b = b.saturating_sub(1);
                        was > 0
                    };
                    if busy {
                        "451 4.3.0 try again later".into()
                    } else {
                        self.received.lock().unwrap().push(Received {
                            from: from.clone(),
                            to: to.clone(),
                            data,
                        });
                        "250 2.0.0 queued".into()
                    }
                }
            } else if upper == "RSET" || upper == "NOOP" {
                "250 OK".into()
            } else if upper == "QUIT" {
                let _ = say(&mut write, "221 bye".into()).await;
                return;
            } else {
                "502 5.5.2 not implemented".into()
            };
            if say(&mut write, reply).await.is_err() {
                return;
            }
        }
    }
}

/// Send one reply (lines joined by CRLF).
async fn say(w: &mut tokio::net::tcp::OwnedWriteHalf, text: String) -> std::io::Result<()> {
    w.write_all(format!("{text}\r\n").as_bytes()).await
}

/// The address between `<` and `>`.
fn angle(cmd: &str) -> String {
    cmd.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(a, _)| a.to_string())
        .unwrap_or_default()
}
