//! Reading the last hop's answer into a [`Page`]: headers and cookie names within caps,
//! and an HTML body read as a stream and cut at the size limit.

use super::{FetchError, Page};
use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, SET_COOKIE};

/// At most this many response headers are kept, each value cut to [`MAX_HEADER_VALUE`].
const MAX_HEADERS: usize = 200;
const MAX_HEADER_VALUE: usize = 1_024;
/// At most this many cookie names are kept, each cut to [`MAX_COOKIE_NAME`] bytes.
const MAX_COOKIES: usize = 100;
const MAX_COOKIE_NAME: usize = 128;

/// The page `response` answers for `url`; its body is read only for a successful HTML page.
pub(super) async fn read_page(
    url: Url,
    response: reqwest::Response,
    max_bytes: usize,
) -> Result<Page, FetchError> {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| *name != SET_COOKIE)
        .take(MAX_HEADERS)
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            (
                name.as_str().to_string(),
                cut(&value, MAX_HEADER_VALUE).to_string(),
            )
        })
        .collect();
    let mut cookies: Vec<String> = Vec::new();
    for value in response.headers().get_all(SET_COOKIE).iter() {
        if cookies.len() >= MAX_COOKIES {
            break;
        }
        if let Some(name) = cookie_name(value.as_bytes())
            && !cookies.contains(&name)
        {
            cookies.push(name);
        }
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let mut page = Page {
        url,
        status,
        headers,
        cookies,
        content_type,
        body: None,
        truncated: false,
    };
    if !page.is_success() || !page.is_html() {
        return Ok(page);
    }
    let (bytes, truncated) = read_capped(response, max_bytes).await?;
    page.body = Some(String::from_utf8_lossy(&bytes).into_owned());
    page.truncated = truncated;
    Ok(page)
}

/// Read at most `max_bytes` of the body; stop reading (and drop the connection) there.
async fn read_capped(
    response: reqwest::Response,
    max_bytes: usize,
) -> Result<(Vec<u8>, bool), FetchError> {
    use futures::StreamExt;
    let mut stream = response.bytes_stream();
    let mut body: Vec<u8> = Vec::with_capacity(max_bytes.min(64 * 1024));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            if e.is_timeout() {
                FetchError::Timeout
            } else {
                FetchError::Connect
            }
        })?;
        let room = max_bytes - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
        if body.len() == max_bytes {
            // Exactly full: cut if anything follows (reads at most one more chunk).
            let more = matches!(stream.next().await, Some(Ok(c)) if !c.is_empty());
            return Ok((body, more));
        }
    }
    Ok((body, false))
}

/// The name of the cookie in one `Set-Cookie` value, if it is a sane token.
pub(super) fn cookie_name(value: &[u8]) -> Option<String> {
    let pair = value.split(|b| *b == b';').next()?;
    let eq = pair.iter().position(|b| *b == b'=')?;
    let name = std::str::from_utf8(&pair[..eq]).ok()?.trim();
    let ok = !name.is_empty()
        && name.len() <= MAX_COOKIE_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b));
    ok.then(|| name.to_string())
}

/// HTML, or no content type at all.
pub(super) fn is_html_type(content_type: Option<&str>) -> bool {
    match content_type {
        None | Some("") => true,
        Some(t) => t == "text/html" || t == "application/xhtml+xml",
    }
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
