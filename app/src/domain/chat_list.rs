//! The rep's list of preps: each chat with the account it is about and when it last moved,
//! and the filter the list applies as the rep types.

use serde::{Deserialize, Serialize};

/// One chat in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatEntry {
    pub id: String,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    /// Its last activity (ms since the epoch).
    pub updated_at_ms: i64,
    /// The same as the list shows it: `2026-12-02 14:05 UTC`.
    pub updated: String,
}

impl ChatEntry {
    /// `Prep for Acme Corp`, or `New chat` before an account was picked.
    pub fn title(&self) -> String {
        match &self.customer_name {
            Some(name) => format!("Prep for {name}"),
            None => "New chat".into(),
        }
    }
}

/// The entries whose title has every word of `query` (any case), in their order; all of
/// them for an empty query.
pub fn filter<'a>(entries: &'a [ChatEntry], query: &str) -> Vec<&'a ChatEntry> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    entries
        .iter()
        .filter(|e| {
            let title = e.title().to_lowercase();
            words.iter().all(|w| title.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, customer: Option<&str>) -> ChatEntry {
        ChatEntry {
            id: id.into(),
            customer_id: customer.map(|c| c.to_lowercase()),
            customer_name: customer.map(str::to_string),
            updated_at_ms: 0,
            updated: String::new(),
        }
    }

    #[test]
    fn the_list_filters_by_every_word_typed() {
        let all = [
            entry("a", Some("Acme Corp")),
            entry("b", Some("Globex Systems")),
            entry("c", None),
            entry("d", Some("Acme Industries")),
        ];
        let ids = |q: &str| {
            filter(&all, q)
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(""), ["a", "b", "c", "d"]);
        assert_eq!(ids("acme"), ["a", "d"]);
        assert_eq!(ids("ACME ind"), ["d"]);
        assert_eq!(ids("new"), ["c"]);
        assert!(ids("initech").is_empty());
        assert!(ids(&"x".repeat(10_000)).is_empty());
    }

    #[test]
    fn a_chat_is_titled_by_its_account() {
        assert_eq!(entry("a", Some("Acme Corp")).title(), "Prep for Acme Corp");
        assert_eq!(entry("c", None).title(), "New chat");
    }
}
