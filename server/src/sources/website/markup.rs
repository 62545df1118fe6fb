//! The bounded markup scanner: pulls script sources, meta tags and linked URLs out of a
//! page without an HTML parser. At most [`MAX_SCRIPTS`] scripts, [`MAX_METAS`] meta tags
//! and [`MAX_URLS`] links are looked at, tags longer than [`MAX_TAG`] bytes are skipped,
//! comments are skipped, and every step is linear in the page size, so hostile markup can
//! neither panic the scanner nor make it slow.

/// The most `<script src>` values kept from one page.
pub const MAX_SCRIPTS: usize = 500;
/// The most `<meta>` tags kept from one page.
pub const MAX_METAS: usize = 200;
/// The most linked URLs kept from one page.
pub const MAX_URLS: usize = 1_000;
/// Longer tags are skipped (a script or meta tag is never this long).
pub const MAX_TAG: usize = 16 * 1024;
/// Attribute values are cut at this many bytes.
pub(super) const MAX_VALUE: usize = 2_048;
/// At most this many attributes are read from one tag.
const MAX_ATTRS: usize = 32;

/// Markup the rules look at, pulled out of a page by [`extract`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// `<script src>` values, at most [`MAX_SCRIPTS`].
    pub scripts: Vec<String>,
    /// `(name, content)` of `<meta>` tags (name from `name`, `property` or `http-equiv`,
    /// lower case), at most [`MAX_METAS`].
    pub metas: Vec<(String, String)>,
    /// URLs the page links to or loads, at most [`MAX_URLS`].
    pub urls: Vec<String>,
}

/// The parts of `html` outside `<!-- … -->` comments (an unclosed comment runs to the end).
pub fn outside_comments(html: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(open) = memchr::memmem::find(rest.as_bytes(), b"<!--") {
        parts.push(&rest[..open]);
        match memchr::memmem::find(&rest.as_bytes()[open + 4..], b"-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => return parts,
        }
    }
    parts.push(rest);
    parts
}

/// The lower-case host of an absolute (or protocol-relative) URL.
pub fn url_host(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = strip_prefix_ci(u, "https://")
        .or_else(|| strip_prefix_ci(u, "http://"))
        .or_else(|| u.strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next()?.trim_start_matches('[')
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'));
    ok.then_some(host)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// Pull script sources, meta tags and linked URLs out of `html`, within the caps.
/// Linear in the page size; comments are skipped.
pub fn extract(html: &str) -> Extracted {
    let bytes = html.as_bytes();
    let mut out = Extracted::default();
    let mut i = 0;
    // The position of the next `>` at or after some point: reused while it is still ahead,
    // so finding tag ends costs one pass over the page in total.
    let mut next_gt: Option<usize> = None;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                Some(end) => {
                    i = lt + 4 + end + 3;
                    continue;
                }
                None => break,
            }
        }
        let (kind, name_len) = tag_kind(rest);
        let Some(kind) = kind else {
            i = lt + 1;
            continue;
        };
        let start = lt + 1 + name_len;
        let gt = match next_gt {
            Some(g) if g >= start => g,
            _ => match memchr::memchr(b'>', &bytes[start..]) {
                Some(o) => start + o,
                None => break,
            },
        };
        next_gt = Some(gt);
        if gt - lt > MAX_TAG {
            i = lt + 1;
            continue;
        }
        keep(&mut out, kind, &attributes(&bytes[start..gt]));
        if out.scripts.len() >= MAX_SCRIPTS
            && out.metas.len() >= MAX_METAS
            && out.urls.len() >= MAX_URLS
        {
            break;
        }
        i = gt + 1;
    }
    out
}

/// The kind of tag whose text (after the `<`) starts `rest`, if it is one we read, and
/// the length of its name.
fn tag_kind(rest: &[u8]) -> (Option<Tag>, usize) {
    let name_len = rest
        .iter()
        .take(7)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let after = rest.get(name_len).copied();
    let name = &rest[..name_len];
    let kind = match () {
        _ if !matches!(
            after,
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
        ) =>
        {
            None
        }
        _ if name.eq_ignore_ascii_case(b"script") => Some(Tag::Script),
        _ if name.eq_ignore_ascii_case(b"meta") => Some(Tag::Meta),
        _ if name.eq_ignore_ascii_case(b"a")
            || name.eq_ignore_ascii_case(b"link")
            || name.eq_ignore_ascii_case(b"area") =>
        {
            Some(Tag::Link("href"))
        }
        _ if name.eq_ignore_ascii_case(b"form") => Some(Tag::Link("action")),
        _ if name.eq_ignore_ascii_case(b"iframe") => Some(Tag::Link("src")),
        _ => None,
    };
    (kind, name_len)
}

/// Keep what one tag of `kind` with `attrs` shows, within the caps.
fn keep(out: &mut Extracted, kind: Tag, attrs: &[(String, String)]) {
    let get = |want: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == want)
            .map(|(_, v)| v.clone())
    };
    match kind {
        Tag::Script => {
            if out.scripts.len() < MAX_SCRIPTS
                && let Some(src) = get("src").filter(|s| !s.is_empty())
            {
                out.scripts.push(src);
            }
        }
        Tag::Meta => {
            if out.metas.len() < MAX_METAS
                && let Some(name) = get("name")
                    .or_else(|| get("property"))
                    .or_else(|| get("http-equiv"))
                && let Some(content) = get("content")
            {
                out.metas.push((name.to_ascii_lowercase(), content));
            }
        }
        Tag::Link(attr) => {
            if out.urls.len() < MAX_URLS
                && let Some(url) = get(attr).filter(|s| !s.is_empty())
            {
                out.urls.push(url);
            }
        }
    }
}

/// A tag we read.
#[derive(Clone, Copy)]
enum Tag {
    Script,
    Meta,
    /// A tag whose URL is in the named attribute.
    Link(&'static str),
}

/// `name=value` pairs of one tag's attribute text (names lower case, values cut at
/// [`MAX_VALUE`] bytes, `&amp;` decoded), at most [`MAX_ATTRS`].
fn attributes(s: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while i < s.len() && out.len() < MAX_ATTRS {
        while i < s.len() && (ws(s[i]) || s[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < s.len() && !ws(s[i]) && s[i] != b'=' && s[i] != b'/' {
            i += 1;
        }
        if i == name_start {
            // A stray `=`: skip it.
            i += 1;
            continue;
        }
        let name =
            String::from_utf8_lossy(&s[name_start..i.min(name_start + 64)]).to_ascii_lowercase();
        while i < s.len() && ws(s[i]) {
            i += 1;
        }
        let mut value = String::new();
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && ws(s[i]) {
                i += 1;
            }
            let (v_start, v_end);
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                v_start = i + 1;
                v_end = memchr::memchr(q, &s[v_start..]).map_or(s.len(), |o| v_start + o);
                i = (v_end + 1).min(s.len());
            } else {
                v_start = i;
                while i < s.len() && !ws(s[i]) {
                    i += 1;
                }
                v_end = i;
            }
            let v = &s[v_start..v_end.min(v_start + MAX_VALUE)];
            value = String::from_utf8_lossy(v).replace("&amp;", "&");
        }
        out.push((name, value));
    }
    out
}
