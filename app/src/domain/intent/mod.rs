//! What a rep's question is about. Rule-based: keyword phrases with weights, matched on
//! lower-case words with typos forgiven (one edit in words of five letters or more, two in
//! words of eight or more). Follow-ups ("tell me more", "and their CISO?") lean on the
//! previous question. The server may ask an LLM classifier when these rules find nothing.

mod keywords;
pub mod small_talk;
#[cfg(test)]
mod tests;

use super::StepKey;
use serde::{Deserialize, Serialize};

/// The categories of question Dossier answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Overview,
    Technology,
    News,
    /// The funding deep dive: why it matters, conversation starters, similar wins.
    Funding,
    Hiring,
    Contacts,
    Competitors,
    ProductFit,
    Risks,
    ConversationStarters,
    MeetingPrep,
    SwitchAccount,
    Help,
    Roi,
    Expansion,
    SuccessMetrics,
    Integrations,
    TechnicalFit,
    HiringOutreach,
    /// "Back to main insights" / "Show me what I know so far": what was found, at once
    /// (while research runs: so far).
    MainInsights,
    /// "Wait for complete analysis": the insights once every step is in.
    FullAnalysis,
    /// "What changed since my last prep?": the one-pager against the version before.
    PrepChanges,
}

impl Intent {
    pub const ALL: [Intent; 22] = [
        Intent::Overview,
        Intent::Technology,
        Intent::News,
        Intent::Funding,
        Intent::Hiring,
        Intent::Contacts,
        Intent::Competitors,
        Intent::ProductFit,
        Intent::Risks,
        Intent::ConversationStarters,
        Intent::MeetingPrep,
        Intent::SwitchAccount,
        Intent::Help,
        Intent::Roi,
        Intent::Expansion,
        Intent::SuccessMetrics,
        Intent::Integrations,
        Intent::TechnicalFit,
        Intent::HiringOutreach,
        Intent::MainInsights,
        Intent::FullAnalysis,
        Intent::PrepChanges,
    ];

    /// The name of the action a button for this intent performs (the seeds' names), also
    /// the intent's name on the API.
    pub fn action_name(self) -> &'static str {
        match self {
            Intent::Overview => "explore_company_details",
            Intent::Technology => "explore_technology",
            Intent::News => "explore_news",
            Intent::Funding => "funding_talking_points",
            Intent::Hiring => "explore_hiring",
            Intent::Contacts => "explore_contacts",
            Intent::Competitors => "show_competitive_angle",
            Intent::ProductFit => "analyze_product_fit",
            Intent::Risks => "assess_risks",
            Intent::ConversationStarters => "conversation_starters",
            Intent::MeetingPrep => "generate_summary",
            Intent::SwitchAccount => "switch_account",
            Intent::Help => "help",
            Intent::Roi => "calculate_roi",
            Intent::Expansion => "find_expansion",
            Intent::SuccessMetrics => "define_success_metrics",
            Intent::Integrations => "show_integrations",
            Intent::TechnicalFit => "analyze_technical_fit",
            Intent::HiringOutreach => "hiring_outreach",
            Intent::MainInsights => "main_insights",
            Intent::FullAnalysis => "wait_for_completion",
            Intent::PrepChanges => "prep_changes",
        }
    }

    /// What "I'm looking into …" calls this area: `their technology stack`.
    pub fn area(self) -> &'static str {
        match self {
            Intent::Overview => "their business",
            Intent::Technology => "their technology stack",
            Intent::News => "their news",
            Intent::Funding => "their funding",
            Intent::Hiring => "their hiring",
            Intent::Contacts => "their decision makers",
            Intent::Competitors => "the competitive landscape",
            Intent::ProductFit => "product fit",
            Intent::Risks => "the risks",
            Intent::ConversationStarters => "conversation starters",
            Intent::MeetingPrep => "your meeting prep",
            Intent::SwitchAccount => "another account",
            Intent::Help => "what I can do",
            Intent::Roi => "the ROI case",
            Intent::Expansion => "expansion opportunities",
            Intent::SuccessMetrics => "success metrics",
            Intent::Integrations => "integration points",
            Intent::TechnicalFit => "technical fit",
            Intent::HiringOutreach => "who is hiring",
            Intent::MainInsights => "the main insights",
            Intent::FullAnalysis => "the complete analysis",
            Intent::PrepChanges => "what changed since your last prep",
        }
    }

    /// The research steps whose data answers this intent. Empty: needs no research data.
    pub fn needs(self) -> &'static [StepKey] {
        use StepKey::*;
        match self {
            Intent::Overview => &[Company],
            Intent::Technology => &[Tech],
            Intent::News => &[News],
            Intent::Funding => &[News, Vendor],
            Intent::Hiring | Intent::HiringOutreach => &[Hiring],
            Intent::Contacts => &[Contacts],
            Intent::Competitors => &[Tech, Vendor],
            Intent::ProductFit | Intent::Expansion | Intent::Roi => {
                &[Vendor, Tech, Hiring, News, Contacts]
            }
            Intent::Risks => &[News, Hiring, Tech, Contacts, Vendor],
            Intent::ConversationStarters => &[News, Hiring, Contacts, Vendor],
            Intent::SuccessMetrics => &[Vendor, Hiring, Tech],
            Intent::Integrations | Intent::TechnicalFit => &[Tech, Vendor],
            Intent::MeetingPrep | Intent::MainInsights | Intent::FullAnalysis => {
                &[Vendor, News, Hiring, Company, Tech, Contacts]
            }
            Intent::SwitchAccount | Intent::Help | Intent::PrepChanges => &[],
        }
    }

    /// Whether a question asked while research runs waits for the data it needs ("⏳ Still
    /// collecting…"); "what I know so far" is answered at once with what is in.
    pub fn waits_for_research(self) -> bool {
        self != Intent::MainInsights
    }

    /// The question a "Did you mean …?" button asks for this intent.
    pub fn suggestion(self) -> &'static str {
        match self {
            Intent::Overview => "Tell me more about their business",
            Intent::Technology => "What technology do they use?",
            Intent::News => "What's new with them?",
            Intent::Funding => "Tell me more about the funding",
            Intent::Hiring => "Show me the hiring details",
            Intent::Contacts => "Who should I talk to?",
            Intent::Competitors => "Competitive landscape",
            Intent::ProductFit => "What products fit?",
            Intent::Risks => "What are the risks?",
            Intent::ConversationStarters => "Conversation starters",
            Intent::MeetingPrep => "Create my meeting prep one-pager",
            Intent::SwitchAccount => "Switch to another account",
            Intent::Help => "What can you do?",
            Intent::Roi => "ROI calculator",
            Intent::Expansion => "Expansion opportunities",
            Intent::SuccessMetrics => "Success metrics",
            Intent::Integrations => "Integration points",
            Intent::TechnicalFit => "Technical fit",
            Intent::HiringOutreach => "Connect with hiring manager",
            Intent::MainInsights => "Show me what I know so far",
            Intent::FullAnalysis => "Wait for complete analysis",
            Intent::PrepChanges => "What changed since my last prep?",
        }
    }

    /// An intent by its action name.
    pub fn from_action_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.action_name() == name)
    }
}

/// A parsed question: its intent, and for people questions the role asked about
/// (`ciso`, `cto`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub intent: Intent,
    #[serde(default)]
    pub focus: Option<String>,
}

impl Question {
    pub fn new(intent: Intent) -> Self {
        Self {
            intent,
            focus: None,
        }
    }

    /// This question as a button may send it: its focus (a job title) trimmed, lower-case,
    /// and dropped unless it is 1–40 letters, digits and spaces.
    pub fn sanitized(self) -> Self {
        let focus = self.focus.map(|f| f.trim().to_lowercase()).filter(|f| {
            !f.is_empty() && f.len() <= 40 && f.chars().all(|c| c.is_alphanumeric() || c == ' ')
        });
        Self { focus, ..self }
    }
}

/// The most words of a message the rules read.
pub const MAX_WORDS: usize = 120;

/// Lower-case words, apostrophes and punctuation split off: `What's their CISO?` →
/// `what s their ciso`.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/'))
        .flat_map(|w| w.split('/'))
        .map(|w| w.trim_matches('-').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The question a rep's message asks, if it asks one. `previous` is the intent of the
/// question before, for follow-ups such as "tell me more".
pub fn parse_question(text: &str, previous: Option<Intent>) -> Option<Question> {
    let mut words = words(text);
    if words.is_empty() {
        return None;
    }
    // A question is said in its first sentences; the rest of a pasted wall of text isn't read.
    words.truncate(MAX_WORDS);
    let focus = keywords::focus(&words);
    let scores = keywords::scores(&words);
    let best = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0)
        .max_by(|(ia, a), (ib, b)| a.cmp(b).then(ib.cmp(ia)));
    let intent = match best {
        // "Help me prepare for …" is a request, not a question about Dossier.
        Some((i, &score)) if Intent::ALL[i] == Intent::Help && score <= 2 && words.len() > 2 => {
            return None;
        }
        Some((i, _)) => Intent::ALL[i],
        None if focus.is_some() => Intent::Contacts,
        None if keywords::is_follow_up(&words) => previous?,
        None => return None,
    };
    // A role named in a people question narrows it ("and their CISO?").
    let focus = focus.filter(|_| intent == Intent::Contacts);
    Some(Question { intent, focus })
}

/// How many guesses "Did you mean …?" offers.
pub const GUESSES: usize = 3;

/// The best guesses for a message the rules could not place, for "Did you mean …?": the
/// intents its words come closest to (a word that begins a keyword, or two typos from one),
/// then the questions reps most often ask next.
pub fn guesses(text: &str) -> Vec<Intent> {
    let mut words = words(text);
    words.truncate(MAX_WORDS);
    let scores = keywords::loose_scores(&words);
    let mut ranked: Vec<(usize, u32)> = scores
        .iter()
        .copied()
        .enumerate()
        .filter(|(i, s)| *s > 0 && !matches!(Intent::ALL[*i], Intent::Help | Intent::SwitchAccount))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out: Vec<Intent> = ranked
        .into_iter()
        .take(GUESSES)
        .map(|(i, _)| Intent::ALL[i])
        .collect();
    for next in [Intent::MeetingPrep, Intent::News, Intent::Contacts] {
        if out.len() < GUESSES && !out.contains(&next) {
            out.push(next);
        }
    }
    out
}

/// Whether `word` is `keyword`, forgiving a typo in longer words and a plural `s`.
pub fn word_matches(word: &str, keyword: &str) -> bool {
    if word == keyword {
        return true;
    }
    let (wl, kl) = (word.chars().count(), keyword.chars().count());
    if kl < 5 {
        return word.strip_suffix('s') == Some(keyword);
    }
    let allowed = if kl >= 8 { 2 } else { 1 };
    wl.abs_diff(kl) <= allowed && edit_distance(word, keyword, allowed) <= allowed
}

/// Levenshtein distance with adjacent swaps counted as one edit, cut off above `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return limit + 1;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}
