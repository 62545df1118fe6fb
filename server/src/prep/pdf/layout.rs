//! Laying text out on pages: paragraphs wrapped at word boundaries (a word wider than the
//! line is broken), lines placed top to bottom, a new page when one is full. Pure: the width
//! of a text comes from a measuring function, so it is tested without a font.

/// A text style: its font and size, and the gap before it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    /// The grey level of the text: 0 black … 255 white.
    pub grey: u8,
}

/// The faces the documents use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

/// A paragraph to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    pub text: String,
    pub style: Style,
    /// Points from the left margin (a bullet's text is indented; the bullet hangs).
    pub indent: f32,
    /// A bullet drawn in the indent of the first line.
    pub bullet: Option<&'static str>,
    /// Points of space before the paragraph.
    pub space_before: f32,
    /// A link the whole paragraph opens (a source's address).
    pub link: Option<String>,
}

/// A line placed on a page: where its baseline starts, and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub style: Style,
    /// The line's width (for a link's clickable box).
    pub width: f32,
    pub link: Option<String>,
}

/// The page's size and margins, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
}

/// How much taller than its size a line is.
pub const LEADING: f32 = 1.3;

/// Lay `paras` out in `frame`: the pages, each a list of placed lines. `measure(text,
/// style)` is the text's width in points.
pub fn lay_out(
    paras: &[Para],
    frame: Frame,
    measure: &dyn Fn(&str, Style) -> f32,
) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let top = frame.margin;
    let bottom = frame.height - frame.margin;
    let mut y = top;
    for p in paras {
        let width = frame.width - 2.0 * frame.margin - p.indent;
        let lines = wrap(&p.text, width, p.style, measure);
        let step = p.style.size * LEADING;
        let at_top = pages.last().is_some_and(Vec::is_empty);
        if !at_top {
            y += p.space_before;
        }
        for (i, text) in lines.into_iter().enumerate() {
            if y + step > bottom && !pages.last().is_some_and(Vec::is_empty) {
                pages.push(Vec::new());
                y = top;
            }
            let baseline = y + p.style.size;
            let page = pages.last_mut().expect("at least one page");
            if i == 0
                && let Some(b) = p.bullet
            {
                page.push(Placed {
                    x: frame.margin + p.indent - measure(b, p.style) - p.style.size * 0.4,
                    baseline,
                    text: b.to_string(),
                    style: p.style,
                    width: measure(b, p.style),
                    link: None,
                });
            }
            let width = measure(&text, p.style);
            page.push(Placed {
                x: frame.margin + p.indent,
                baseline,
                text,
                style: p.style,
                width,
                link: p.link.clone(),
            });
            y += step;
        }
    }
    pages
}

/// `text` in lines no wider than `width`: broken at spaces, a longer word broken anywhere.
pub fn wrap(
    text: &str,
    width: f32,
    style: Style,
    measure: &dyn Fn(&str, Style) -> f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate, style) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure(word, style) <= width {
            line = word.to_string();
            continue;
        }
        // A word wider than the line (a long address, a 10 kB name): break it anywhere.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && measure(&next, style) > width {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 1 pt wide per point of size / 2 (a monospace stand-in).
    fn mono(text: &str, style: Style) -> f32 {
        text.chars().count() as f32 * style.size / 2.0
    }

    const BODY: Style = Style {
        face: Face::Regular,
        size: 10.0,
        grey: 0,
    };

    fn para(text: &str) -> Para {
        Para {
            text: text.into(),
            style: BODY,
            indent: 0.0,
            bullet: None,
            space_before: 0.0,
            link: None,
        }
    }

    #[test]
    fn lines_break_at_spaces_and_a_long_word_anywhere() {
        // 10 characters a line (50 pt at 5 pt a character).
        assert_eq!(
            wrap("the quick brown fox jumps", 50.0, BODY, &mono),
            ["the quick", "brown fox", "jumps"]
        );
        let long = "x".repeat(25);
        assert_eq!(
            wrap(&format!("a {long}"), 50.0, BODY, &mono),
            ["a", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]
        );
        assert!(wrap("   ", 50.0, BODY, &mono).is_empty());
    }

    #[test]
    fn a_full_page_goes_on_to_the_next_and_nothing_is_lost() {
        // Room for 100 - 2×10 = 80 pt: six lines of 13 pt.
        let frame = Frame {
            width: 60.0,
            height: 100.0,
            margin: 10.0,
        };
        let paras: Vec<Para> = (0..10).map(|i| para(&format!("line {i}"))).collect();
        let pages = lay_out(&paras, frame, &mono);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 6);
        let all: Vec<&str> = pages.iter().flatten().map(|p| p.text.as_str()).collect();
        assert_eq!(all.len(), 10);
        assert_eq!(all[9], "line 9");
        assert!(pages.iter().flatten().all(|p| p.baseline <= 90.0));
        // The second page starts at the top again.
        assert_eq!(pages[1][0].baseline, 20.0);
    }

    #[test]
    fn a_bullet_hangs_in_the_indent_of_the_first_line_only() {
        let frame = Frame {
            width: 80.0,
            height: 200.0,
            margin: 10.0,
        };
        let p = Para {
            bullet: Some("•"),
            indent: 12.0,
            ..para("one two three four five six")
        };
        let pages = lay_out(&[p], frame, &mono);
        let bullets = pages[0].iter().filter(|l| l.text == "•").count();
        assert_eq!(bullets, 1);
        assert!(
            pages[0]
                .iter()
                .filter(|l| l.text != "•")
                .all(|l| l.x == 22.0)
        );
        assert!(pages[0].iter().find(|l| l.text == "•").unwrap().x < 22.0);
    }
}
