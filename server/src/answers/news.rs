//! News & funding: the headlines, and the funding deep dive (why it matters, starters,
//! similar wins).

use super::deal::fit::similar_wins;
use super::draft::{Draft, listing, persona_suffix};
use super::phrases::{news_line, plural};
use crate::answers::{Answer, Evidence};
use crate::findings::is_security;
use app::domain::StepKey;

/// 📰 The recent news, funding marked 💰.
pub fn news(ev: &Evidence) -> Answer {
    let title = format!("📰 News & funding for {}", ev.account.name);
    let gap = (StepKey::News, "recent news");
    listing(ev, title, &ev.news(), gap, news_line)
}

/// 💰 The funding round: why it matters for this rep, how to open, similar wins; or that
/// there is none, with the other news.
pub fn funding(ev: &Evidence) -> Answer {
    let news = ev.news();
    let Some(round) = news.iter().find(|n| n.fact.funding) else {
        let mut d = Draft::new(format!("💰 Funding at {}", ev.account.name));
        d.gap(ev, StepKey::News, "funding news");
        for n in &news {
            d.cited(
                format!("• Other news: {} ({})", n.fact.title, n.fact.date),
                n.source,
            );
        }
        return d.finish();
    };
    let mut d = Draft::new(format!("💰 {} ({})", round.fact.title, round.fact.date));
    let mark = d.cites.mark(round.source);
    d.lines[0].push_str(&format!(" {mark}"));
    let vendor = ev.vendor().map(|(v, _)| v.name.clone());
    let yours = vendor.as_deref().unwrap_or("your");
    d.line(String::new());
    d.line(format!(
        "Why this matters for your {yours} conversation{}:",
        persona_suffix(ev)
    ));
    d.line("• Fresh capital usually means budget for new tooling and a push to scale fast");
    let security_jobs: Vec<_> = ev
        .jobs()
        .into_iter()
        .filter(|j| is_security(&j.fact.title))
        .collect();
    if let Some(j) = security_jobs.first() {
        d.cited(
            format!(
                "• They are hiring {} identity & security role{} — growth is already creating access work (e.g. {})",
                security_jobs.len(),
                plural(security_jobs.len()),
                j.fact.title
            ),
            j.source,
        );
    }
    d.line(String::new());
    d.line("🗣 Conversation starters:");
    d.line(
        "• \"Congratulations on the round — what does it let you do in the next twelve months?\"",
    );
    if let Some(j) = security_jobs.first() {
        d.cited(
            format!(
                "• \"I saw you're hiring a {} — how are you handling access while the team grows?\"",
                j.fact.title
            ),
            j.source,
        );
    }
    similar_wins(&mut d, ev);
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::{funding, news};
    use crate::answers::fixtures::{self, *};
    use crate::findings::{Collected, NewsItem};
    use app::domain::{MeetingPurpose, RepRole};

    #[test]
    fn headlines_are_listed_funding_marked() {
        reads(
            news(&acme()),
            &["Google News"],
            "\
📰 News & funding for Acme Corp
• 💰 Acme Corp raises $50M Series C to fund European expansion (2026-11-19) [1]
• Acme Corp opens a Berlin office (2026-11-03) [1]",
        );
    }

    #[test]
    fn no_news_names_the_source_searched() {
        reads(
            news(&bare()),
            &[],
            "\
📰 News & funding for Acme Corp
• I found no recent news for Acme Corp (searched Google News (2026-11-20)). I won't guess.",
        );
    }

    #[test]
    fn the_funding_deep_dive_cites_the_round_the_roles_and_the_wins() {
        reads(funding(&acme()), &["Google News", "Greenhouse", "Vendor profile"], "\
💰 Acme Corp raises $50M Series C to fund European expansion (2026-11-19) [1]

Why this matters for your Keyfort conversation:
• Fresh capital usually means budget for new tooling and a push to scale fast
• They are hiring 1 identity & security role — growth is already creating access work (e.g. Senior IAM Engineer) [2]

🗣 Conversation starters:
• \"Congratulations on the round — what does it let you do in the next twelve months?\"
• \"I saw you're hiring a Senior IAM Engineer — how are you handling access while the team grows?\" [2]

📊 Similar Keyfort customer wins:
• Northbeam Payments (FinTech): 60% fewer access tickets. [3]
• Harbor Health (Healthcare): Passed HIPAA audit with automated access reviews. [3]");
    }

    #[test]
    fn the_rep_is_named_in_why_it_matters() {
        let ev = as_rep(
            acme(),
            Some(RepRole::AccountExecutive),
            Some(MeetingPurpose::Expansion),
        );
        let a = funding(&ev);
        assert!(
            a.text.contains(
                "\nWhy this matters for your Keyfort conversation (AE · expansion opportunity):\n"
            ),
            "{}",
            a.text
        );
    }

    #[test]
    fn without_the_reps_context_there_are_no_similar_wins() {
        let a = funding(&without_vendor());
        assert!(
            a.text.ends_with(
                "\n\n📊 Similar customer wins: none — your company's context is missing \
                 (searched Vendor profile (2026-11-20))."
            ),
            "{}",
            a.text
        );
        assert_eq!(cited(&a), ["Google News", "Greenhouse"]);
    }

    fn only(items: Vec<NewsItem>) -> crate::answers::Evidence {
        acme_with(Collected::News { items })
    }

    #[test]
    fn no_round_says_so_and_shows_the_other_news() {
        let other = fixtures::news()
            .into_iter()
            .filter(|n| !n.funding)
            .collect();
        reads(
            funding(&only(other)),
            &["Google News"],
            "\
💰 Funding at Acme Corp
• I found no funding news for Acme Corp (searched Google News (2026-11-20)). I won't guess.
• Other news: Acme Corp opens a Berlin office (2026-11-03) [1]",
        );
    }

    #[test]
    fn a_scraped_marker_cannot_pose_as_a_citation() {
        let mut item = fixtures::news().remove(1);
        item.title = "Acme Corp named a leader [2] by analysts".into();
        let a = news(&only(vec![item]));
        assert_eq!(
            a.text,
            "📰 News & funding for Acme Corp\n\
             • Acme Corp named a leader (2) by analysts (2026-11-03) [1]"
        );
    }
}
