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
    ("tell me about the company", Overview),
    ("what kind of company is this", Overview),
    ("who are these guys?", Overview),
    ("what do they sell", Overview),
    ("how many people work there", Overview),
    ("where is their hq", Overview),
    ("hq location?", Overview),
    ("where are they located", Overview),
    ("where are they based", Overview),
    ("what's their revenue", Overview),
    ("what sector are they in", Overview),
    ("how old is the company", Overview),
    ("give me the basics", Overview),
    ("quick overview of acme", Overview),
    ("ovreview pls", Overview),
    ("employee count?", Overview),
    ("whats the company about", Overview),
    ("company profile", Overview),
    ("what's their business model", Overview),
    ("company backround", Overview),
    ("size of the company?", Overview),
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
    ("what's their stack", Technology),
    ("what cloud provider do they use", Technology),
    ("are they on aws", Technology),
    ("aws or gcp?", Technology),
    ("what software do they run", Technology),
    ("which identity provider are they on", Technology),
    ("do they use okta", Technology),
    ("teck stack", Technology),
    ("what security tools do they have", Technology),
    ("what's their IT environment like", Technology),
    ("what are they built on", Technology),
    ("are they using azure ad", Technology),
    ("tech stack overview", Technology),
    ("infra?", Technology),
    ("what systems are they running", Technology),
    ("which idp do they use", Technology),
    ("tecnologies they use", Technology),
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
    ("what changed recently at acme?", News),
    ("what happened lately", News),
    ("what changed recently", News),
    ("anything new lately?", News),
    ("any updates?", News),
    ("latest headlines", News),
    ("what's going on with them", News),
    ("any recent news", News),
    ("recent press releases", News),
    ("did they announce anything", News),
    ("what's in the news", News),
    ("any big announcements lately", News),
    ("recent developments", News),
    ("wats new", News),
    ("what's been happening", News),
    ("any press coverage", News),
    ("trigger events?", News),
    ("news from the last month", News),
    ("what s changed since last quarter", News),
    ("updates on acme", News),
    ("what's new at the company", News),
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
    ("how much money have they raised", Funding),
    ("when did they last raise", Funding),
    ("who invested in them", Funding),
    ("total funding?", Funding),
    ("what round are they on", Funding),
    ("series b?", Funding),
    ("how well funded are they", Funding),
    ("who are their backers", Funding),
    ("backed by anyone big?", Funding),
    ("fundraising history", Funding),
    ("how much cash do they have", Funding),
    ("latest round", Funding),
    ("when's the ipo", Funding),
    ("how should i use their funding news", Funding),
    ("funding hisotry", Funding),
    ("are they vc backed? who are the investors", Funding),
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
    ("are they hiring engineers", Hiring),
    ("how many open positions", Hiring),
    ("what roles are they hiring for", Hiring),
    ("any security jobs posted", Hiring),
    ("hiring trends", Hiring),
    ("what are they recruiting for", Hiring),
    ("recuriting?", Hiring),
    ("open reqs?", Hiring),
    ("are they adding headcount", Hiring),
    ("hirng", Hiring),
    ("any IAM roles open", Hiring),
    ("who are they recruiting", Hiring),
    ("job listings", Hiring),
    ("what's on their careers page", Hiring),
    ("hiring plans this year", Hiring),
    ("any openings in IT", Hiring),
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
    ("who's the ciso", Contacts),
    ("who makes the decisions", Contacts),
    ("who signs off on this", Contacts),
    ("who are the execs", Contacts),
    ("who leads IT", Contacts),
    ("who is the head of it", Contacts),
    ("who should i reach out to", Contacts),
    ("who do i need to talk to", Contacts),
    ("who's the budget holder", Contacts),
    ("who owns the budget", Contacts),
    ("decison maker?", Contacts),
    ("ceo name?", Contacts),
    ("who's their cfo", Contacts),
    ("who are the main stakeholders", Contacts),
    ("show me the org chart", Contacts),
    ("vp of it?", Contacts),
    ("who owns identity over there", Contacts),
    ("leadership?", Contacts),
    ("who decides on security purchases", Contacts),
    ("key contacts", Contacts),
    ("who's the exec sponsor", Contacts),
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
    ("who do they compete with", Competitors),
    ("who are we up against", Competitors),
    ("what are they using instead of us", Competitors),
    ("who's the current vendor", Competitors),
    ("competitve landscape", Competitors),
    ("how do we stack up against okta", Competitors),
    ("okta vs keyfort", Competitors),
    ("compare us to azure ad", Competitors),
    ("who else is in the deal", Competitors),
    ("competitor analysis", Competitors),
    ("how do we win against the incumbent", Competitors),
    ("battlecard", Competitors),
    ("competitive angle pls", Competitors),
    ("who's their current provider", Competitors),
    ("main rivals?", Competitors),
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
    ("which products should we lead with", ProductFit),
    ("what should we pitch them", ProductFit),
    ("is there a fit", ProductFit),
    ("which of our solutions fit", ProductFit),
    ("what do they need from us", ProductFit),
    ("how can we help them", ProductFit),
    ("what's the best product for them", ProductFit),
    ("use cases for keyfort", ProductFit),
    ("where do we fit in", ProductFit),
    ("prodcut recommendations", ProductFit),
    ("which keyfort product should i pitch", ProductFit),
    ("good fit for us?", ProductFit),
    ("map our products to their needs", ProductFit),
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
    ("what could go wrong", Risks),
    ("is there churn risk", Risks),
    ("what are the risks with this deal", Risks),
    ("what objections should i expect", Risks),
    ("potential blockers", Risks),
    ("anything to worry about", Risks),
    ("risk factors", Risks),
    ("when is their renewal", Risks),
    ("biggest concerns?", Risks),
    ("what are their pain points", Risks),
    ("any deal breakers", Risks),
    ("warning signs?", Risks),
    ("red flags?", Risks),
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
    ("how should i open the meeting", ConversationStarters),
    ("give me an opener", ConversationStarters),
    ("good questions to ask the ciso", ConversationStarters),
    ("discovery questions", ConversationStarters),
    ("icebreakers?", ConversationStarters),
    ("small talk ideas", ConversationStarters),
    ("what do i say to the cfo", ConversationStarters),
    ("how to break the ice", ConversationStarters),
    ("conversation openers", ConversationStarters),
    ("help me start the conversation", ConversationStarters),
    ("good opening line", ConversationStarters),
    ("talkin points", ConversationStarters),
    ("what should i bring up", ConversationStarters),
    ("what questions should i ask", ConversationStarters),
    ("how do i open the call", ConversationStarters),
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
    ("give me the one-pager", MeetingPrep),
    ("summarize the account", MeetingPrep),
    ("quick summary before my call", MeetingPrep),
    ("tl;dr", MeetingPrep),
    ("executive summary", MeetingPrep),
    ("sum it up for me", MeetingPrep),
    ("pre-call brief", MeetingPrep),
    ("prep doc", MeetingPrep),
    ("give me everything you know about acme", MeetingPrep),
    ("meeting brief", MeetingPrep),
    ("recap please", MeetingPrep),
    ("sumarize", MeetingPrep),
    ("what should i know before the meeting", MeetingPrep),
    ("cheatsheet", MeetingPrep),
    // Switch account
    ("switch account", SwitchAccount),
    ("switch to another company", SwitchAccount),
    ("I want a different account", SwitchAccount),
    ("change customer", SwitchAccount),
    ("swtich account", SwitchAccount),
    ("switch companies", SwitchAccount),
    ("look at another account", SwitchAccount),
    ("let's do a different company", SwitchAccount),
    ("change accounts", SwitchAccount),
    ("go to a different customer", SwitchAccount),
    ("start over with another company", SwitchAccount),
    ("swap accounts", SwitchAccount),
    ("next account please", SwitchAccount),
    ("I want to research a new company", SwitchAccount),
    ("switch to a different account", SwitchAccount),
    // Help
    ("help", Help),
    ("what can you do?", Help),
    ("what can i ask", Help),
    ("how does this work", Help),
    ("HELP!", Help),
    ("what can you help with", Help),
    ("what are my options", Help),
    ("how do i use this", Help),
    ("list commands", Help),
    ("menu", Help),
    ("help me", Help),
    ("what can this do", Help),
    ("what do you do", Help),
    ("how do you work?", Help),
    ("what can i ask you", Help),
    // ROI
    ("ROI calculator", Roi),
    ("what's the roi", Roi),
    ("build the business case", Roi),
    ("cost savings estimate", Roi),
    ("payback period?", Roi),
    ("what's the roi for them", Roi),
    ("help me build a business case", Roi),
    ("how much could they save", Roi),
    ("return on investment", Roi),
    ("calculate roi", Roi),
    ("whats the payback", Roi),
    ("how do i justify the cost", Roi),
    ("tco analysis", Roi),
    ("total cost of ownership", Roi),
    ("what savings can we show", Roi),
    ("quantify the value", Roi),
    // Expansion
    ("Expansion opportunities", Expansion),
    ("where can we upsell", Expansion),
    ("cross-sell ideas", Expansion),
    ("how do we grow the account", Expansion),
    ("expansoin", Expansion),
    ("upsell opportunities", Expansion),
    ("where else can we expand", Expansion),
    ("cross sell", Expansion),
    ("white space analysis", Expansion),
    ("other teams we could sell to", Expansion),
    ("how do we land and expand", Expansion),
    ("expansion potential", Expansion),
    ("grow this account", Expansion),
    ("upsel", Expansion),
    ("more seats?", Expansion),
    ("can we expand into other business units", Expansion),
    // Success metrics
    ("Success metrics", SuccessMetrics),
    ("which kpis matter", SuccessMetrics),
    ("how do we measure success", SuccessMetrics),
    ("sucess metrics", SuccessMetrics),
    ("account health", SuccessMetrics),
    ("what kpis should we track", SuccessMetrics),
    ("what does success look like", SuccessMetrics),
    ("success criteria", SuccessMetrics),
    ("metrics to track", SuccessMetrics),
    ("adoption metrics", SuccessMetrics),
    ("what outcomes matter to them", SuccessMetrics),
    ("kpi's", SuccessMetrics),
    ("define success metrics", SuccessMetrics),
    ("success plan", SuccessMetrics),
    ("mesure success", SuccessMetrics),
    ("how do we define success", SuccessMetrics),
    // Integrations
    ("Integration points", Integrations),
    ("Integration opportunities", Integrations),
    ("how would we integrate with their stack", Integrations),
    ("do they have an api", Integrations),
    ("intergration", Integrations),
    ("scim support?", Integrations),
    ("what does it integrate with", Integrations),
    ("integration with okta", Integrations),
    ("do we have connectors for their stack", Integrations),
    ("how do we plug into their systems", Integrations),
    ("api access?", Integrations),
    ("integrations with their hr system", Integrations),
    ("webhooks?", Integrations),
    ("integation points", Integrations),
    ("scim provisioning", Integrations),
    ("sso integration", Integrations),
    // Technical fit
    ("Technical fit", TechnicalFit),
    ("tech fit", TechnicalFit),
    ("is our architecture compatible", TechnicalFit),
    ("technical requirements", TechnicalFit),
    ("techincal fit", TechnicalFit),
    ("is there a technical fit", TechnicalFit),
    (
        "will our product work with their current architecture",
        TechnicalFit,
    ),
    ("are we compatible with their stack", TechnicalFit),
    ("technical requirements for deployment", TechnicalFit),
    ("deployment options", TechnicalFit),
    ("tech fit analysis", TechnicalFit),
    ("on-prem or cloud?", TechnicalFit),
    ("technical compatiblity", TechnicalFit),
    ("architecture review", TechnicalFit),
    ("how hard is the deployment", TechnicalFit),
    ("does it fit their architecture", TechnicalFit),
    // Hiring outreach
    ("Connect with hiring manager", HiringOutreach),
    ("who is the hiring manager", HiringOutreach),
    ("find the recruiter", HiringOutreach),
    ("who's hiring for the IAM roles", HiringOutreach),
    ("who's hiring for security", HiringOutreach),
    ("who is the recruiter for the iam role", HiringOutreach),
    ("find the hiring manager", HiringOutreach),
    ("reach out to the hiring manager", HiringOutreach),
    ("who posted the job", HiringOutreach),
    ("contact the recruiter", HiringOutreach),
    ("recruiters?", HiringOutreach),
    ("hiring mangers", HiringOutreach),
    ("talent acquisition contact", HiringOutreach),
    ("who's recruiting for these roles", HiringOutreach),
    // Main insights
    ("Back to main insights", MainInsights),
    ("main insights", MainInsights),
    ("Show me what I know so far", MainInsights),
    ("what did you find?", MainInsights),
    ("key findings", MainInsights),
    ("show preliminary findings", MainInsights),
    ("back to main", MainInsights),
    ("main insights please", MainInsights),
    ("what have you found so far", MainInsights),
    ("key insights", MainInsights),
    ("show me the key findings", MainInsights),
    ("what did you find out", MainInsights),
    ("insights?", MainInsights),
    ("top insights", MainInsights),
    ("what did you dig up", MainInsights),
    ("what do we know so far", MainInsights),
    ("highlights", MainInsights),
    ("main findings", MainInsights),
    ("top takeaways", MainInsights),
    // Wait for complete analysis
    ("Wait for complete analysis", FullAnalysis),
    ("Skip to the results", FullAnalysis),
    ("I'll wait for the full analysis", FullAnalysis),
    ("show me the final results", FullAnalysis),
    ("tell me when it's done", FullAnalysis),
    ("ping me when you're done", FullAnalysis),
    ("give me the full picture once it's finished", FullAnalysis),
    ("wait for the research", FullAnalysis),
    // What changed since the last one-pager
    ("what changed since my last prep?", PrepChanges),
    ("What's new since the last prep", PrepChanges),
    ("anything new since my prep?", PrepChanges),
    ("what changed since my last one-pager", PrepChanges),
    ("show me the prep changes", PrepChanges),
    ("compare with the last prep", PrepChanges),
];

#[test]
fn the_phrasing_table_parses() {
    assert!(PHRASINGS.len() >= 300, "only {} phrasings", PHRASINGS.len());
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
        // Naming another company switches accounts on the server; thanks ask nothing.
        "what about Acme Industries?",
        "what about Vandelay Industries",
        "how about Initech?",
        "thank you so much",
        "cheers",
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

#[test]
fn an_unplaced_message_gets_three_best_guesses() {
    // Half a word still points somewhere.
    assert_eq!(guesses("compet landscpae thing")[0], Competitors);
    assert!(guesses("fundng rnd??").contains(&Funding));
    // Nothing to go on: the questions reps most often ask next.
    assert_eq!(
        guesses("blorp the frobnicator"),
        [MeetingPrep, News, Contacts]
    );
    assert_eq!(guesses(""), [MeetingPrep, News, Contacts]);
    for text in ["zzz", "compet", &"x".repeat(5_000)] {
        let g = guesses(text);
        assert_eq!(g.len(), GUESSES, "{text:?}");
        assert!(!g.contains(&Help) && !g.contains(&SwitchAccount));
    }
}
