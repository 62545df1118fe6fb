//! The keyword phrases behind [`super::parse_question`], with their weights. A phrase of
//! several words scores only when its words appear in a row.

use super::{Intent, word_matches};

use Intent::*;

/// `(phrase, intent, weight)`. Specific phrases outweigh the single words they contain
/// ("hiring manager" beats "hiring", "technical fit" beats "fit").
const PHRASES: &[(&str, Intent, u32)] = &[
    // Company overview
    ("overview", Overview, 3),
    ("business", Overview, 2),
    ("what do they do", Overview, 4),
    ("what does the company do", Overview, 4),
    ("who are they", Overview, 3),
    ("background", Overview, 2),
    ("company profile", Overview, 3),
    ("profile", Overview, 1),
    ("about the company", Overview, 3),
    ("founded", Overview, 2),
    ("headquarters", Overview, 2),
    ("headquartered", Overview, 2),
    ("based", Overview, 1),
    ("employees", Overview, 2),
    ("size", Overview, 1),
    ("how big", Overview, 3),
    ("industry", Overview, 1),
    ("basics", Overview, 2),
    ("company details", Overview, 3),
    ("what kind of company", Overview, 4),
    ("company about", Overview, 3),
    ("who are these guys", Overview, 4),
    ("what do they sell", Overview, 4),
    ("how many people", Overview, 3),
    ("how old", Overview, 2),
    ("hq", Overview, 3),
    ("located", Overview, 2),
    ("revenue", Overview, 2),
    ("sector", Overview, 1),
    // Technology
    ("technology", Technology, 3),
    ("technologies", Technology, 3),
    ("tech", Technology, 3),
    ("stack", Technology, 3),
    ("techstack", Technology, 5),
    ("tools", Technology, 2),
    ("software", Technology, 1),
    ("cloud", Technology, 2),
    ("infrastructure", Technology, 2),
    ("what do they use", Technology, 3),
    ("do they use", Technology, 2),
    ("running on", Technology, 2),
    ("systems", Technology, 1),
    ("identity provider", Technology, 3),
    ("idp", Technology, 3),
    ("sso", Technology, 1),
    ("aws", Technology, 2),
    ("gcp", Technology, 2),
    ("azure", Technology, 2),
    ("it environment", Technology, 3),
    ("infra", Technology, 3),
    ("built on", Technology, 3),
    ("are they using", Technology, 2),
    // News
    ("news", News, 3),
    ("latest", News, 1),
    ("recent", News, 1),
    ("what s new", News, 3),
    ("whats new", News, 3),
    ("happening", News, 2),
    ("announcements", News, 2),
    ("announced", News, 2),
    ("press", News, 2),
    ("headlines", News, 3),
    ("signals", News, 2),
    ("in the media", News, 3),
    ("recently", News, 1),
    ("lately", News, 1),
    ("what changed", News, 2),
    ("what s changed", News, 2),
    ("what happened", News, 2),
    ("anything new", News, 2),
    ("any updates", News, 2),
    ("updates on", News, 1),
    ("going on", News, 2),
    ("developments", News, 2),
    ("trigger event", News, 4),
    // Funding deep dive
    ("funding", Funding, 4),
    ("funded", Funding, 4),
    ("raised", Funding, 4),
    ("raise", Funding, 3),
    ("series", Funding, 2),
    ("investors", Funding, 3),
    ("investment", Funding, 3),
    ("round", Funding, 2),
    ("money", Funding, 2),
    ("valuation", Funding, 3),
    ("leverage", Funding, 1),
    ("ipo", Funding, 3),
    ("invested", Funding, 4),
    ("backers", Funding, 3),
    ("backed by", Funding, 4),
    ("fundraising", Funding, 4),
    ("cash", Funding, 2),
    // Hiring
    ("hiring", Hiring, 4),
    ("hire", Hiring, 3),
    ("hired", Hiring, 3),
    ("jobs", Hiring, 4),
    ("job", Hiring, 3),
    ("openings", Hiring, 4),
    ("open roles", Hiring, 4),
    ("roles", Hiring, 2),
    ("positions", Hiring, 3),
    ("recruiting", Hiring, 4),
    ("postings", Hiring, 4),
    ("headcount", Hiring, 3),
    ("careers", Hiring, 3),
    ("vacancies", Hiring, 4),
    ("opening", Hiring, 4),
    ("open req", Hiring, 4),
    // Decision makers
    ("decision makers", Contacts, 5),
    ("decision maker", Contacts, 5),
    ("decision makes", Contacts, 5),
    ("who should i talk to", Contacts, 6),
    ("talk to", Contacts, 3),
    ("who should i meet", Contacts, 6),
    ("contacts", Contacts, 4),
    ("contact", Contacts, 2),
    ("people", Contacts, 2),
    ("leadership", Contacts, 3),
    ("executives", Contacts, 3),
    ("exec", Contacts, 2),
    ("stakeholders", Contacts, 4),
    ("buyer", Contacts, 3),
    ("champion", Contacts, 3),
    ("org chart", Contacts, 4),
    ("who runs", Contacts, 3),
    ("who is in charge", Contacts, 4),
    ("who s in charge", Contacts, 4),
    ("key people", Contacts, 4),
    ("who makes", Contacts, 3),
    ("who decides", Contacts, 4),
    ("sign off", Contacts, 4),
    ("signs off", Contacts, 4),
    ("who leads", Contacts, 3),
    ("who owns", Contacts, 3),
    ("reach out to", Contacts, 4),
    ("budget holder", Contacts, 5),
    ("owns the budget", Contacts, 5),
    // Competitors
    ("competitors", Competitors, 5),
    ("competitor", Competitors, 5),
    ("competition", Competitors, 5),
    ("competitive", Competitors, 5),
    ("compete", Competitors, 4),
    ("incumbent", Competitors, 4),
    ("vs", Competitors, 3),
    ("versus", Competitors, 3),
    ("alternatives", Competitors, 3),
    ("landscape", Competitors, 3),
    ("rivals", Competitors, 4),
    ("positioning", Competitors, 3),
    ("current solution", Competitors, 3),
    ("who else", Competitors, 3),
    ("up against", Competitors, 4),
    ("instead of us", Competitors, 4),
    ("current vendor", Competitors, 4),
    ("current provider", Competitors, 4),
    ("stack up", Competitors, 5),
    ("compare", Competitors, 3),
    ("battlecard", Competitors, 5),
    ("battle card", Competitors, 5),
    // Product fit
    ("product fit", ProductFit, 6),
    ("products fit", ProductFit, 6),
    ("products", ProductFit, 3),
    ("product", ProductFit, 3),
    ("fit", ProductFit, 2),
    ("recommend", ProductFit, 3),
    ("recommendations", ProductFit, 3),
    ("what should i sell", ProductFit, 6),
    ("what should i pitch", ProductFit, 6),
    ("pitch", ProductFit, 2),
    ("mean for us", ProductFit, 4),
    ("mean for", ProductFit, 2),
    ("solution", ProductFit, 1),
    ("offer them", ProductFit, 4),
    ("need from us", ProductFit, 4),
    ("can we help", ProductFit, 4),
    ("use case", ProductFit, 4),
    // Risks
    ("risks", Risks, 5),
    ("risk", Risks, 5),
    ("risky", Risks, 4),
    ("churn", Risks, 5),
    ("concerns", Risks, 4),
    ("red flags", Risks, 5),
    ("threats", Risks, 3),
    ("worry", Risks, 3),
    ("watch out", Risks, 4),
    ("pain points", Risks, 4),
    ("problems", Risks, 2),
    ("blockers", Risks, 4),
    ("objections", Risks, 4),
    ("renewal", Risks, 2),
    ("contract", Risks, 2),
    ("go wrong", Risks, 4),
    ("deal breakers", Risks, 5),
    ("warning signs", Risks, 5),
    // Conversation starters
    ("conversation starters", ConversationStarters, 6),
    ("conversation starter", ConversationStarters, 6),
    ("talking points", ConversationStarters, 6),
    ("icebreaker", ConversationStarters, 6),
    ("ice breaker", ConversationStarters, 6),
    ("ice breakers", ConversationStarters, 6),
    ("openers", ConversationStarters, 5),
    ("opener", ConversationStarters, 5),
    ("open with", ConversationStarters, 5),
    ("start the conversation", ConversationStarters, 6),
    ("what should i say", ConversationStarters, 6),
    ("what do i say", ConversationStarters, 6),
    ("questions to ask", ConversationStarters, 6),
    ("what should i ask", ConversationStarters, 6),
    ("small talk", ConversationStarters, 5),
    ("kick off", ConversationStarters, 3),
    ("should i open", ConversationStarters, 5),
    ("do i open", ConversationStarters, 5),
    ("discovery questions", ConversationStarters, 6),
    ("break the ice", ConversationStarters, 6),
    ("opening line", ConversationStarters, 6),
    ("what should i bring up", ConversationStarters, 6),
    ("questions should i ask", ConversationStarters, 6),
    ("questions i should ask", ConversationStarters, 6),
    // Meeting prep one-pager
    ("one-pager", MeetingPrep, 6),
    ("one pager", MeetingPrep, 6),
    ("onepager", MeetingPrep, 6),
    ("meeting prep", MeetingPrep, 5),
    ("prep sheet", MeetingPrep, 6),
    ("cheat sheet", MeetingPrep, 6),
    ("cheatsheet", MeetingPrep, 6),
    ("summary", MeetingPrep, 4),
    ("summarize", MeetingPrep, 4),
    ("summarise", MeetingPrep, 4),
    ("recap", MeetingPrep, 4),
    ("brief me", MeetingPrep, 5),
    ("briefing", MeetingPrep, 4),
    ("everything you know", MeetingPrep, 5),
    ("everything", MeetingPrep, 2),
    ("tldr", MeetingPrep, 5),
    ("tl dr", MeetingPrep, 5),
    ("sum it up", MeetingPrep, 5),
    ("pre-call", MeetingPrep, 3),
    ("prep doc", MeetingPrep, 6),
    ("meeting brief", MeetingPrep, 6),
    ("know before", MeetingPrep, 4),
    // Switch account
    ("switch", SwitchAccount, 5),
    ("another account", SwitchAccount, 6),
    ("different account", SwitchAccount, 6),
    ("another company", SwitchAccount, 6),
    ("different company", SwitchAccount, 6),
    ("change account", SwitchAccount, 6),
    ("other customer", SwitchAccount, 5),
    ("change customer", SwitchAccount, 6),
    ("different customer", SwitchAccount, 6),
    ("new company", SwitchAccount, 5),
    ("swap account", SwitchAccount, 6),
    ("next account", SwitchAccount, 6),
    // Help
    ("help", Help, 2),
    ("what can you do", Help, 6),
    ("what can i ask", Help, 6),
    ("how does this work", Help, 6),
    ("commands", Help, 4),
    ("options", Help, 2),
    ("what can you help", Help, 6),
    ("what are my options", Help, 6),
    ("how do i use this", Help, 6),
    ("what can this do", Help, 6),
    ("what do you do", Help, 6),
    ("how do you work", Help, 6),
    ("menu", Help, 4),
    // ROI
    ("roi", Roi, 6),
    ("return on investment", Roi, 6),
    ("business case", Roi, 6),
    ("payback", Roi, 5),
    ("savings", Roi, 4),
    ("cost savings", Roi, 6),
    ("calculator", Roi, 3),
    ("value", Roi, 2),
    ("they save", Roi, 5),
    ("justify", Roi, 4),
    ("tco", Roi, 5),
    ("total cost of ownership", Roi, 6),
    ("quantify", Roi, 4),
    // Expansion
    ("expansion", Expansion, 4),
    ("expansion opportunities", Expansion, 6),
    ("upsell", Expansion, 5),
    ("cross-sell", Expansion, 5),
    ("cross sell", Expansion, 5),
    ("whitespace", Expansion, 5),
    ("white space", Expansion, 5),
    ("grow the account", Expansion, 6),
    ("land and expand", Expansion, 6),
    ("can we expand", Expansion, 5),
    ("expand into", Expansion, 5),
    ("grow this account", Expansion, 6),
    ("other teams", Expansion, 4),
    ("other departments", Expansion, 4),
    ("other business units", Expansion, 5),
    ("more seats", Expansion, 5),
    ("additional seats", Expansion, 5),
    // Success metrics
    ("success metrics", SuccessMetrics, 6),
    ("metrics", SuccessMetrics, 4),
    ("kpis", SuccessMetrics, 5),
    ("kpi", SuccessMetrics, 5),
    ("measure success", SuccessMetrics, 6),
    ("outcomes", SuccessMetrics, 3),
    ("adoption", SuccessMetrics, 3),
    ("account health", SuccessMetrics, 5),
    ("define success", SuccessMetrics, 6),
    ("success plan", SuccessMetrics, 5),
    ("success criteria", SuccessMetrics, 6),
    ("success look like", SuccessMetrics, 6),
    // Integrations
    ("integration", Integrations, 5),
    ("integrations", Integrations, 5),
    ("integrate", Integrations, 5),
    ("connectors", Integrations, 4),
    ("api", Integrations, 3),
    ("apis", Integrations, 3),
    ("scim", Integrations, 4),
    ("plug into", Integrations, 5),
    ("webhook", Integrations, 4),
    ("provisioning", Integrations, 3),
    // Technical fit
    ("technical fit", TechnicalFit, 8),
    ("tech fit", TechnicalFit, 8),
    ("architecture", TechnicalFit, 4),
    ("compatible", TechnicalFit, 4),
    ("compatibility", TechnicalFit, 4),
    ("technical requirements", TechnicalFit, 6),
    ("technical", TechnicalFit, 2),
    ("deployment", TechnicalFit, 3),
    ("on-prem", TechnicalFit, 3),
    ("on prem", TechnicalFit, 3),
    ("on-premise", TechnicalFit, 3),
    // Hiring outreach
    ("hiring manager", HiringOutreach, 8),
    ("hiring managers", HiringOutreach, 8),
    ("recruiter", HiringOutreach, 6),
    ("connect with hiring", HiringOutreach, 8),
    ("who is hiring", HiringOutreach, 8),
    ("who s hiring", HiringOutreach, 8),
    ("who is recruiting", HiringOutreach, 8),
    ("who s recruiting", HiringOutreach, 8),
    ("who posted the job", HiringOutreach, 6),
    ("talent acquisition", HiringOutreach, 6),
    // Back to main insights
    ("main insights", MainInsights, 8),
    ("back to main", MainInsights, 8),
    ("key insights", MainInsights, 6),
    ("insights", MainInsights, 3),
    ("key findings", MainInsights, 6),
    ("what did you find", MainInsights, 6),
    ("what have you found", MainInsights, 6),
    ("show me what you know", MainInsights, 6),
    ("what i know so far", MainInsights, 6),
    ("preliminary findings", MainInsights, 6),
    ("main findings", MainInsights, 6),
    ("findings", MainInsights, 3),
    ("know so far", MainInsights, 5),
    ("what did you dig up", MainInsights, 6),
    ("highlights", MainInsights, 3),
    ("takeaways", MainInsights, 3),
    // Wait for complete analysis
    ("complete analysis", FullAnalysis, 9),
    ("full analysis", FullAnalysis, 9),
    ("wait for", FullAnalysis, 5),
    ("skip to the results", FullAnalysis, 9),
    ("final results", FullAnalysis, 7),
    ("full results", FullAnalysis, 7),
    ("full picture", FullAnalysis, 7),
    ("complete picture", FullAnalysis, 7),
    ("when it s done", FullAnalysis, 6),
    ("when its done", FullAnalysis, 6),
    ("when you re done", FullAnalysis, 6),
    ("when youre done", FullAnalysis, 6),
    ("when research is done", FullAnalysis, 8),
    ("once it s finished", FullAnalysis, 6),
    ("when it finishes", FullAnalysis, 6),
    // What changed since the last one-pager
    ("since my last prep", PrepChanges, 12),
    ("since the last prep", PrepChanges, 12),
    ("since my prep", PrepChanges, 12),
    ("since last prep", PrepChanges, 12),
    ("since my last one-pager", PrepChanges, 12),
    ("since the last one-pager", PrepChanges, 12),
    ("since my last one pager", PrepChanges, 12),
    ("prep changes", PrepChanges, 10),
    ("changes to the prep", PrepChanges, 10),
    ("new in the prep", PrepChanges, 10),
    ("compare with the last prep", PrepChanges, 12),
];

/// Job titles a people question can narrow to, with the canonical focus they map to.
const FOCUS: &[(&str, &str)] = &[
    ("ciso", "ciso"),
    ("chief information security officer", "ciso"),
    ("security chief", "ciso"),
    ("head of security", "ciso"),
    ("security lead", "ciso"),
    ("security leader", "ciso"),
    ("cto", "cto"),
    ("chief technology officer", "cto"),
    ("cio", "cio"),
    ("chief information officer", "cio"),
    ("cfo", "cfo"),
    ("chief financial officer", "cfo"),
    ("finance lead", "cfo"),
    ("ceo", "ceo"),
    ("chief executive", "ceo"),
    ("founder", "ceo"),
    ("coo", "coo"),
    ("cmo", "cmo"),
    ("vp of it", "vp of it"),
    ("head of it", "vp of it"),
    ("it director", "vp of it"),
    ("security engineering", "security engineering"),
];

/// Words that make a message a follow-up on the previous question.
const FOLLOW_UPS: &[&str] = &[
    "more",
    "details",
    "detail",
    "elaborate",
    "continue",
    "go on",
    "expand on",
    "why",
    "deeper",
    "dig",
    "else",
];

/// Everyday words one typo away from a keyword ("found" ~ "round", "contract" ~ "contact"):
/// never read as a misspelt keyword.
const NOT_TYPOS: &[&str] = &[
    "found",
    "around",
    "sound",
    "bound",
    "about",
    "their",
    "there",
    "these",
    "those",
    "where",
    "world",
    "would",
    "could",
    "should",
    "other",
    "right",
    "think",
    "things",
    "great",
    "first",
    "after",
    "again",
    "being",
    "doing",
    "going",
    "still",
    "which",
    "while",
    "hiding",
    "riding",
    "stock",
    "rules",
    "value",
    "values",
    "latest",
    "tools",
    "people",
    "series",
    "basis",
    "contract",
    "contracts",
    "funded",
    "founded",
    "invented",
    "untested",
    "fired",
    "tired",
    "wired",
    "happen",
    "happens",
    "quantity",
    "stats",
    "sets",
    "terms",
    "build",
    "metric",
    "vendor",
    "vendors",
];

/// Every word of every phrase and title, and the everyday words in [`NOT_TYPOS`]: words
/// that are never read as a misspelling of another.
static VOCABULARY: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        PHRASES
            .iter()
            .flat_map(|(p, _, _)| p.split(' '))
            .chain(FOCUS.iter().flat_map(|(p, _)| p.split(' ')))
            .chain(NOT_TYPOS.iter().copied())
            .collect()
    });

/// Whether the rep's `word` is the `keyword`: exactly, or misspelt — unless the word is a
/// keyword (or an everyday word) in its own right.
fn matches(word: &str, keyword: &str) -> bool {
    if word == keyword {
        return true;
    }
    !VOCABULARY.contains(word) && word_matches(word, keyword)
}

fn phrase_at(words: &[String], at: usize, phrase: &[&str]) -> bool {
    at + phrase.len() <= words.len() && phrase.iter().zip(&words[at..]).all(|(k, w)| matches(w, k))
}

fn contains(words: &[String], phrase: &str) -> bool {
    let phrase: Vec<&str> = phrase.split(' ').collect();
    (0..words.len()).any(|i| phrase_at(words, i, &phrase))
}

/// Each intent's score, in [`Intent::ALL`] order.
pub(super) fn scores(words: &[String]) -> [u32; Intent::ALL.len()] {
    let mut scores = [0; Intent::ALL.len()];
    for (phrase, intent, weight) in PHRASES {
        if contains(words, phrase) {
            let i = Intent::ALL.iter().position(|x| x == intent).unwrap_or(0);
            scores[i] += weight;
        }
    }
    scores
}

/// Each intent's score when nothing matched outright, for "Did you mean …?": a one-word
/// keyword counts when a word of four letters or more begins it or is begun by it
/// ("compet" → competitors), or is two typos from it.
pub(super) fn loose_scores(words: &[String]) -> [u32; Intent::ALL.len()] {
    let near = |word: &str, keyword: &str| {
        let (w, k) = (word.chars().count(), keyword.chars().count());
        (w >= 4 && k >= 4 && (keyword.starts_with(word) || word.starts_with(keyword)))
            || (k >= 5 && w.abs_diff(k) <= 2 && super::edit_distance(word, keyword, 2) <= 2)
    };
    let mut scores = [0; Intent::ALL.len()];
    for (phrase, intent, weight) in PHRASES.iter().filter(|(p, _, _)| !p.contains(' ')) {
        if words.iter().any(|w| near(w, phrase)) {
            let i = Intent::ALL.iter().position(|x| x == intent).unwrap_or(0);
            scores[i] += weight;
        }
    }
    scores
}

/// The job title a question narrows to, if any.
pub(super) fn focus(words: &[String]) -> Option<String> {
    FOCUS
        .iter()
        .find(|(phrase, _)| contains(words, phrase))
        .map(|(_, canonical)| canonical.to_string())
}

pub(super) fn is_follow_up(words: &[String]) -> bool {
    // "and?" or "and then?" follow up; a longer message with "and" in it is not one.
    let short_and = words.len() <= 2 && words.first().is_some_and(|w| w == "and");
    short_and || FOLLOW_UPS.iter().any(|p| contains(words, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_lower_case_and_every_intent_but_none_has_one() {
        for (phrase, _, weight) in PHRASES {
            assert_eq!(*phrase, phrase.to_lowercase());
            assert!(*weight > 0);
        }
        for intent in Intent::ALL {
            assert!(
                PHRASES.iter().any(|(_, i, _)| *i == intent),
                "{intent:?} has no phrase"
            );
        }
    }
}
