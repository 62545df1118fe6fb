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
        "I couldn't find a customer matching \"{shown}\". Check the spelling, or try \
         their website (for example acmecorp.com)."
    )
}

/// `count` accounts match `shown` (the buttons under it pick one).
pub fn found(count: usize, shown: &str) -> String {
    let noun = if count == 1 { "customer" } else { "customers" };
    format!("Found {count} {noun} matching \"{shown}\":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_counted_in_words_a_rep_reads() {
        assert_eq!(found(3, "Acme"), "Found 3 customers matching \"Acme\":");
        assert_eq!(
            found(1, "initech"),
            "Found 1 customer matching \"initech\":"
        );
        assert!(no_match("Zzyzx").starts_with("I couldn't find a customer matching \"Zzyzx\"."));
        assert!(which_company().contains("“acmecorp.com”"));
    }
}
