//! The embedded fonts (Liberation Sans, SIL Open Font License 1.1: `assets/fonts/LICENSE`),
//! measured with skrifa (the font reader krilla itself uses) and drawn with krilla.

use super::layout::{Face, Style};
use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::LazyLock;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Italic.ttf");

/// The three faces, parsed once.
pub struct Fonts {
    regular: Font,
    bold: Font,
    italic: Font,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let load = |bytes: &'static [u8]| Font::new(bytes.into(), 0).expect("an embedded font parses");
    Fonts {
        regular: load(REGULAR),
        bold: load(BOLD),
        italic: load(ITALIC),
    }
});

impl Fonts {
    pub fn get() -> &'static Fonts {
        &FONTS
    }

    pub fn face(&self, face: Face) -> Font {
        match face {
            Face::Regular => self.regular.clone(),
            Face::Bold => self.bold.clone(),
            Face::Italic => self.italic.clone(),
        }
    }

    fn bytes(face: Face) -> &'static [u8] {
        match face {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Italic => ITALIC,
        }
    }

    /// The width of `text` in `style`, in points (the sum of the glyphs' advances: kerning
    /// only ever makes the drawn text narrower).
    pub fn width(&self, text: &str, style: Style) -> f32 {
        let Ok(font) = FontRef::new(Self::bytes(style.face)) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(style.size), LocationRef::default());
        self.drawable(text)
            .chars()
            .filter_map(|c| charmap.map(c))
            .filter_map(|g| metrics.advance_width(g))
            .sum()
    }

    /// `text` with the characters the font has no glyph for (emoji, most symbols) left out,
    /// so a PDF never shows a box where a character was.
    pub fn drawable(&self, text: &str) -> String {
        let Ok(font) = FontRef::new(REGULAR) else {
            return String::new();
        };
        let charmap = font.charmap();
        let kept: String = text
            .chars()
            .filter(|&c| c == ' ' || charmap.map(c).is_some())
            .collect();
        kept.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}
