//! What Dossier says when the rep names a company: the matches, none, or "which company?".

/// No company was named.
pub fn which_company() -> String {
    "Which company is your meeting with? Type its name or website, for example \
     “Acme Corp” or “acmecorp.com”."
        .into()
}

/// Nothing in the book of business matches `shown`.
pub fn no_match(shown: &str) -> String {
    format!(
        "I couldn't find a customer matching \"{shown}\" in your accounts. Check the \
         spelling, or type their website (for example stripe.com) and I'll research them \
         anyway."
    )
}

/// Nothing in the book has the domain `domain`; research it anyway?
pub fn not_in_book(domain: &str) -> String {
    format!("{domain} is not in your accounts. I can add it and research it from public sources.")
}

/// A domain that cannot be researched (a private address, a made-up name).
pub fn unresearchable(domain: &str, why: &str) -> String {
    format!("I couldn't find a customer matching \"{domain}\", and I can't research it: {why}")
}

/// The label of the button that picks `a`; among the rep's own accounts a demo one says
/// it is demo data.
pub fn choice(a: &app::domain::AccountSummary, mixed: bool) -> String {
    if mixed && a.origin.is_demo() {
        format!("{} · demo data", a.choice_label())
    } else {
        a.choice_label()
    }
}

/// The label of the button that researches a company outside the book.
pub fn research_label(domain: &str) -> String {
    format!("Research {domain} (not in your accounts)")
}

/// `count` accounts match `shown` (the buttons under it pick one); `demo` when they are
/// all from the demo data set.
pub fn found(count: usize, shown: &str, demo: bool) -> String {
    let noun = if count == 1 { "customer" } else { "customers" };
    let mut text = format!("Found {count} {noun} matching \"{shown}\":");
    text.push_str(if count == 1 {
        "\nIs this the customer you're meeting with?"
    } else {
        "\nWhich customer are you meeting with?"
    });
    if demo {
        text.push_str("\n(Demo data — import your own accounts on the Accounts page.)");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_counted_in_words_a_rep_reads() {
        assert_eq!(
            found(3, "Acme", false),
            "Found 3 customers matching \"Acme\":\nWhich customer are you meeting with?"
        );
        assert_eq!(
            found(1, "initech", true),
            "Found 1 customer matching \"initech\":\n\
             Is this the customer you're meeting with?\n\
             (Demo data — import your own accounts on the Accounts page.)"
        );
        assert_eq!(
            research_label("stripe.com"),
            "Research stripe.com (not in your accounts)"
        );
        assert_eq!(
            no_match("Zzyzx"),
            "I couldn't find a customer matching \"Zzyzx\" in your accounts. Check the \
             spelling, or type their website (for example stripe.com) and I'll research them \
             anyway."
        );
        assert!(which_company().contains("“acmecorp.com”"));
    }
}
