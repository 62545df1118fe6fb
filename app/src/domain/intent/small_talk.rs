//! What a rep says that asks nothing: thanks. Answered briefly, never with the help text.

use super::words;

/// Whether a short message is only thanks: "thanks!", "thank you so much", "great, thx".
pub fn is_thanks(text: &str) -> bool {
    let words = words(text);
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let thanked = words.iter().enumerate().any(|(i, w)| {
        matches!(
            w.as_str(),
            "thanks" | "thx" | "thanx" | "ty" | "cheers" | "thankyou" | "tysm" | "appreciated"
        ) || (w == "thank" && words.get(i + 1).is_some_and(|n| n == "you" || n == "u"))
            || (w == "appreciate" && words.get(i + 1).is_some_and(|n| n == "it"))
    });
    let only_pleasantries = words.iter().all(|w| {
        matches!(
            w.as_str(),
            "thanks"
                | "thx"
                | "thanx"
                | "ty"
                | "cheers"
                | "thankyou"
                | "tysm"
                | "appreciated"
                | "thank"
                | "you"
                | "u"
                | "so"
                | "much"
                | "very"
                | "a"
                | "lot"
                | "great"
                | "ok"
                | "okay"
                | "perfect"
                | "awesome"
                | "nice"
                | "cool"
                | "that"
                | "s"
                | "helpful"
                | "helps"
                | "appreciate"
                | "it"
                | "again"
                | "many"
                | "super"
                | "really"
        )
    });
    thanked && only_pleasantries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thanks_are_heard() {
        for text in [
            "thanks!",
            "Thank you so much",
            "thx",
            "great, thanks",
            "perfect thank you",
            "cheers",
            "that's helpful, thanks",
            "appreciate it",
        ] {
            assert!(is_thanks(text), "{text:?}");
        }
    }

    #[test]
    fn a_question_with_thanks_in_it_is_a_question() {
        for text in [
            "",
            "thanks, now what about their hiring?",
            "thank god it's friday and I need the tech stack",
            "no thanks needed just tell me who the CTO is",
            "you",
            "thanksgiving plans",
        ] {
            assert!(!is_thanks(text), "{text:?}");
        }
    }
}
