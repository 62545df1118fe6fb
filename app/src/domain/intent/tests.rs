//! The phrasing table: what reps type, and what Dossier must take it to mean.

use super::*;
use Intent::*;

/// `(what the rep typed, the intent it must parse to)` — with no previous question.
const PHRASINGS: &[(&str, Intent)] = &[
    // Company overview
    ("Tell me more about their business", Overview),
    ("what do they do?", Overview),
    ("What does the company do", Overview),
    ("give me an overview", Overview),
    ("company overview pls", Overview),
    ("overveiw", Overview),
    ("who are they", Overview),
    ("how big are they?", Overview),
    ("how many employees do they have", Overview),
    ("where are they headquartered?", Overview),
    ("when was it founded", Overview),
    ("background on the company", Overview),
    ("company details", Overview),
    ("what industry are they in", Overview),
    ("busines model?", Overview),
    // Technology
    ("What's their technology stack?", Technology),
    ("what technology do they use?", Technology),
    ("whats their tech stack", Technology),
    ("tech stack", Technology),
    ("techstack?", Technology),
    ("what tools do they use", Technology),
    ("which cloud are they on", Technology),
    ("Deep dive on tech stack", Technology),
    ("what's their infrastructure like", Technology),
    ("what are they running on", Technology),
    ("technolgy", Technology),
    ("what tecnology do they use", Technology),
    ("stakc", Technology),
    ("who is their identity provider", Technology),
    ("do they use AWS or Azure?", Technology),
    ("WHAT IS THEIR STACK", Technology),
    // News
    ("What's new with them?", News),
    ("any news?", News),
    ("latest news", News),
    ("what's happening at the company", News),
    ("recent announcements", News),
    ("anything in the press", News),
    ("whats new", News),
    ("show me the headlines", News),
    ("any market signals", News),
    ("what have they announced lately", News),
    // Funding
    ("Tell me more about the funding", Funding),
    ("Leverage funding news", Funding),
    ("how much did they raise", Funding),
    ("have they raised money recently", Funding),
    ("funding?", Funding),
    ("fundign", Funding),
    ("who are their investors", Funding),
    ("what series are they at", Funding),
    ("last funding round", Funding),
    ("what's their valuation", Funding),
    ("are they planning an ipo", Funding),
    // Hiring
    ("Who are they hiring?", Hiring),
    ("Show me the hiring details", Hiring),
    ("are they hiring", Hiring),
    ("open roles?", Hiring),
    ("any job postings", Hiring),
    ("what jobs are open", Hiring),
    ("hirring", Hiring),
    ("hiring patterns", Hiring),
    ("what positions are they recruiting for", Hiring),
    ("headcount growth", Hiring),
    ("careers page", Hiring),
    ("vacancies in security?", Hiring),
    ("job openings", Hiring),
    // Decision makers
    ("Who should I talk to?", Contacts),
    ("Show me decision makers", Contacts),
    ("who are the decision makers", Contacts),
    ("desicion makers", Contacts),
    ("who's the new CISO?", Contacts),
    ("and their CISO?", Contacts),
    ("who is the cto", Contacts),
    ("key people", Contacts),
    ("leadership team", Contacts),
    ("who should i meet", Contacts),
    ("contacts", Contacts),
    ("who's the economic buyer", Contacts),
    ("who could be my champion", Contacts),
    ("stakeholders?", Contacts),
    ("who runs security", Contacts),
    ("org chart", Contacts),
    ("the cfo?", Contacts),
    ("chief information security officer", Contacts),
    // Competitors
    ("who are their competitors", Competitors),
    ("Competitive landscape", Competitors),
    ("Competitive positioning", Competitors),
    ("vs current identity solution", Competitors),
    ("us versus Azure AD", Competitors),
    ("who's the incumbent", Competitors),
    ("competiton", Competitors),
    ("what alternatives do they use", Competitors),
    ("how do we compete here", Competitors),
    ("who else are they talking to", Competitors),
    ("rivals?", Competitors),
    // Product fit
    ("What products fit?", ProductFit),
    ("What Keyfort products fit this need?", ProductFit),
    ("Product fit analysis", ProductFit),
    ("what should i pitch", ProductFit),
    ("what should I sell them", ProductFit),
    ("recommend a product", ProductFit),
    ("What does this mean for us?", ProductFit),
    ("prodcut fit", ProductFit),
    ("which of our products fit best", ProductFit),
    ("what can we offer them", ProductFit),
    ("recommendations?", ProductFit),
    // Risks
    ("Risk assessment", Risks),
    ("any risks?", Risks),
    ("what are the red flags", Risks),
    ("churn risk", Risks),
    ("risks", Risks),
    ("rsiks", Risks),
    ("what should I watch out for", Risks),
    ("concerns going into the meeting", Risks),
    ("Find their Azure AD pain points", Risks),
    ("possible objections", Risks),
    ("any blockers?", Risks),
    // Conversation starters
    ("conversation starters", ConversationStarters),
    ("give me some talking points", ConversationStarters),
    (
        "how should I open the call? any openers",
        ConversationStarters,
    ),
    ("icebreaker ideas", ConversationStarters),
    ("what should I say first", ConversationStarters),
    ("what should i ask them", ConversationStarters),
    ("questions to ask", ConversationStarters),
    ("converstion starters", ConversationStarters),
    ("how do I start the conversation", ConversationStarters),
    ("talking pionts", ConversationStarters),
    // Meeting prep
    ("Create my meeting prep one-pager", MeetingPrep),
    ("one pager please", MeetingPrep),
    ("summary", MeetingPrep),
    ("summarize everything", MeetingPrep),
    ("summarise it for me", MeetingPrep),
    ("brief me", MeetingPrep),
    ("cheat sheet for the meeting", MeetingPrep),
    ("give me a recap", MeetingPrep),
    ("sumary", MeetingPrep),
    ("tldr", MeetingPrep),
    ("meeting prep", MeetingPrep),
    // Switch account
    ("switch account", SwitchAccount),
    ("switch to another company", SwitchAccount),
    ("I want a different account", SwitchAccount),
    ("change customer", SwitchAccount),
    ("swtich account", SwitchAccount),
    // Help
    ("help", Help),
    ("what can you do?", Help),
    ("what can i ask", Help),
    ("how does this work", Help),
    ("HELP!", Help),
    // ROI
    ("ROI calculator", Roi),
    ("what's the roi", Roi),
    ("build the business case", Roi),
    ("cost savings estimate", Roi),
    ("payback period?", Roi),
    // Expansion
    ("Expansion opportunities", Expansion),
    ("where can we upsell", Expansion),
    ("cross-sell ideas", Expansion),
    ("how do we grow the account", Expansion),
    ("expansoin", Expansion),
    // Success metrics
    ("Success metrics", SuccessMetrics),
    ("which kpis matter", SuccessMetrics),
    ("how do we measure success", SuccessMetrics),
    ("sucess metrics", SuccessMetrics),
    ("account health", SuccessMetrics),
    // Integrations
    ("Integration points", Integrations),
    ("Integration opportunities", Integrations),
    ("how would we integrate with their stack", Integrations),
    ("do they have an api", Integrations),
    ("intergration", Integrations),
    ("scim support?", Integrations),
    // Technical fit
    ("Technical fit", TechnicalFit),
    ("tech fit", TechnicalFit),
    ("is our architecture compatible", TechnicalFit),
    ("technical requirements", TechnicalFit),
    ("techincal fit", TechnicalFit),
    // Hiring outreach
    ("Connect with hiring manager", HiringOutreach),
    ("who is the hiring manager", HiringOutreach),
    ("find the recruiter", HiringOutreach),
    ("who's hiring for the IAM roles", HiringOutreach),
    // Main insights
    ("Back to main insights", MainInsights),
    ("main insights", MainInsights),
    ("Show me what I know so far", MainInsights),
    ("what did you find?", MainInsights),
    ("key findings", MainInsights),
    ("show preliminary findings", MainInsights),
];

#[test]
fn the_phrasing_table_parses() {
    assert!(PHRASINGS.len() >= 150, "only {} phrasings", PHRASINGS.len());
    let mut wrong = Vec::new();
    for (text, want) in PHRASINGS {
        let got = parse_question(text, None).map(|q| q.intent);
        if got != Some(*want) {
            wrong.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_intent_is_in_the_table() {
    for intent in Intent::ALL {
        assert!(
            PHRASINGS.iter().any(|(_, i)| *i == intent),
            "{intent:?} untested"
        );
    }
}

#[test]
fn follow_ups_lean_on_the_previous_question() {
    let after = |text: &str, prev: Intent| parse_question(text, Some(prev)).map(|q| q.intent);
    assert_eq!(after("tell me more", Technology), Some(Technology));
    assert_eq!(after("more details please", Hiring), Some(Hiring));
    assert_eq!(after("and?", Funding), Some(Funding));
    assert_eq!(after("why?", Risks), Some(Risks));
    // A follow-up naming a new area moves to it.
    assert_eq!(after("what about their hiring?", Technology), Some(Hiring));
    assert_eq!(after("and their CISO?", Technology), Some(Contacts));
    assert_eq!(after("and the tech?", Contacts), Some(Technology));
    // No previous question: a bare follow-up is not a question.
    assert_eq!(parse_question("tell me more", None), None);
}

#[test]
fn people_questions_keep_the_role_asked_about() {
    let focus = |text: &str| parse_question(text, None).and_then(|q| q.focus);
    assert_eq!(focus("Who's the new CISO?").as_deref(), Some("ciso"));
    assert_eq!(
        focus("and their chief information security officer?").as_deref(),
        Some("ciso")
    );
    assert_eq!(focus("who is the CTO").as_deref(), Some("cto"));
    assert_eq!(focus("who should I talk to"), None);
    // A title in a question about another area is not a focus.
    assert_eq!(focus("what is the CISO hiring for? jobs"), None);
}

#[test]
fn messages_that_ask_nothing_parse_to_nothing() {
    for text in [
        "",
        "   ",
        "Help me prepare for my meeting with Acme",
        "Acme Corp",
        "acmecorp.com",
        "thanks!",
        "ok",
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "'; DROP TABLE account; --",
        "asdfghjkl",
    ] {
        assert_eq!(parse_question(text, None), None, "{text:?}");
    }
}

#[test]
fn a_long_message_with_and_in_it_is_not_a_follow_up() {
    assert_eq!(
        parse_question(
            "bob and alice went to the market and bought apples",
            Some(Technology)
        ),
        None
    );
}

#[test]
fn huge_and_hostile_input_is_handled() {
    // 2,000 characters of short words that are not keywords: read once, bounded.
    let words = "ab cd ef gh ".repeat(170);
    assert_eq!(parse_question(&words, None), None);
    let huge = "tech ".repeat(2_000);
    assert_eq!(
        parse_question(&huge, None).map(|q| q.intent),
        Some(Technology)
    );
    let noise: String = (0..5_000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    assert_eq!(parse_question(&noise, None), None);
    let rtl = "\u{202e}who are they hiring\u{202c}";
    assert_eq!(parse_question(rtl, None).map(|q| q.intent), Some(Hiring));
}

#[test]
fn typos_are_forgiven_only_in_longer_words() {
    assert!(word_matches("tecnology", "technology"));
    assert!(word_matches("hirign", "hiring"));
    assert!(word_matches("ctos", "cto"));
    assert!(
        !word_matches("cfo", "cto"),
        "short words must match exactly"
    );
    assert!(!word_matches("banana", "hiring"));
}

#[test]
fn action_names_round_trip() {
    for intent in Intent::ALL {
        assert_eq!(Intent::from_action_name(intent.action_name()), Some(intent));
    }
}

#[test]
fn a_button_focus_is_trimmed_lowered_and_checked() {
    let with = |focus: &str| {
        Question {
            intent: Contacts,
            focus: Some(focus.into()),
        }
        .sanitized()
        .focus
    };
    assert_eq!(with("  CISO "), Some("ciso".into()));
    assert_eq!(with("vp engineering"), Some("vp engineering".into()));
    assert_eq!(with(""), None);
    assert_eq!(with("<script>"), None);
    assert_eq!(with(&"a".repeat(41)), None);
    assert_eq!(Question::new(Overview).sanitized(), Question::new(Overview));
}
