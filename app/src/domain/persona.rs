//! Who the rep is in this meeting and what the meeting is for. Both shape the analysis, the
//! wording of answers and the action buttons; both are optional (the rep may skip them) and
//! remembered per user.

use serde::{Deserialize, Serialize};

/// The rep's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepRole {
    AccountExecutive,
    CustomerSuccess,
    SalesEngineer,
}

impl RepRole {
    pub const ALL: [RepRole; 3] = [
        RepRole::AccountExecutive,
        RepRole::CustomerSuccess,
        RepRole::SalesEngineer,
    ];

    /// The button label, as the seeds word it.
    pub fn label(self) -> &'static str {
        match self {
            RepRole::AccountExecutive => "Account Executive (AE)",
            RepRole::CustomerSuccess => "Customer Success Manager (CSM)",
            RepRole::SalesEngineer => "Sales Engineer (SE)",
        }
    }

    /// The short form used in running text: `AE`.
    pub fn short(self) -> &'static str {
        match self {
            RepRole::AccountExecutive => "AE",
            RepRole::CustomerSuccess => "CSM",
            RepRole::SalesEngineer => "SE",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RepRole::AccountExecutive => "account_executive",
            RepRole::CustomerSuccess => "customer_success",
            RepRole::SalesEngineer => "sales_engineer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What the meeting is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingPurpose {
    Renewal,
    Expansion,
    TechnicalDiscovery,
    ExecutiveAlignment,
}

impl MeetingPurpose {
    pub const ALL: [MeetingPurpose; 4] = [
        MeetingPurpose::Renewal,
        MeetingPurpose::Expansion,
        MeetingPurpose::TechnicalDiscovery,
        MeetingPurpose::ExecutiveAlignment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeetingPurpose::Renewal => "Renewal discussion",
            MeetingPurpose::Expansion => "Expansion opportunity",
            MeetingPurpose::TechnicalDiscovery => "Technical discovery",
            MeetingPurpose::ExecutiveAlignment => "Executive alignment",
        }
    }

    /// In running text: `a renewal meeting`.
    pub fn phrase(self) -> &'static str {
        match self {
            MeetingPurpose::Renewal => "a renewal meeting",
            MeetingPurpose::Expansion => "an expansion meeting",
            MeetingPurpose::TechnicalDiscovery => "a technical discovery",
            MeetingPurpose::ExecutiveAlignment => "an executive alignment meeting",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingPurpose::Renewal => "renewal",
            MeetingPurpose::Expansion => "expansion",
            MeetingPurpose::TechnicalDiscovery => "technical_discovery",
            MeetingPurpose::ExecutiveAlignment => "executive_alignment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The rep's persona: either part may be unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persona {
    #[serde(default)]
    pub role: Option<RepRole>,
    #[serde(default)]
    pub purpose: Option<MeetingPurpose>,
    /// The rep chose not to say (don't ask again at every prep).
    #[serde(default)]
    pub skipped: bool,
    /// The purpose was suggested by the CRM for the last account, not chosen by the rep:
    /// the next prep suggests again (or clears it).
    #[serde(default)]
    pub suggested: bool,
}

impl Persona {
    /// Whether to ask at the start of a prep.
    pub fn should_ask(&self) -> bool {
        !self.skipped && (self.role.is_none() || self.purpose.is_none())
    }

    /// `AE · expansion meeting`, or None when nothing is known.
    pub fn describe(&self) -> Option<String> {
        match (self.role, self.purpose) {
            (Some(r), Some(p)) => Some(format!("{} · {}", r.short(), p.label().to_lowercase())),
            (Some(r), None) => Some(r.short().to_string()),
            (None, Some(p)) => Some(p.label().to_lowercase()),
            (None, None) => None,
        }
    }
}

/// Words that say the rep is talking about themselves or the meeting ("I'm the AE", "it's a
/// renewal"), so that "who is their account executive?" is not read as a persona.
const SELF_CUES: &[&str] = &[
    "i m",
    "im",
    "i am",
    "as a",
    "as an",
    "as the",
    "my role",
    "i work as",
    "it s a",
    "it s an",
    "its a",
    "this is a",
    "this is an",
    "meeting is",
    "purpose is",
    "purpose",
    "we re doing",
    "for a",
    "for an",
];

const ROLE_WORDS: &[(&str, RepRole)] = &[
    ("account executive", RepRole::AccountExecutive),
    ("ae", RepRole::AccountExecutive),
    ("customer success", RepRole::CustomerSuccess),
    ("csm", RepRole::CustomerSuccess),
    ("sales engineer", RepRole::SalesEngineer),
    ("solutions engineer", RepRole::SalesEngineer),
    ("solution engineer", RepRole::SalesEngineer),
    ("se", RepRole::SalesEngineer),
    ("presales", RepRole::SalesEngineer),
];

const PURPOSE_WORDS: &[(&str, MeetingPurpose)] = &[
    ("renewal", MeetingPurpose::Renewal),
    ("expansion", MeetingPurpose::Expansion),
    ("upsell", MeetingPurpose::Expansion),
    ("technical discovery", MeetingPurpose::TechnicalDiscovery),
    ("discovery", MeetingPurpose::TechnicalDiscovery),
    ("executive alignment", MeetingPurpose::ExecutiveAlignment),
    ("exec alignment", MeetingPurpose::ExecutiveAlignment),
];

/// A role or meeting purpose the rep states in words: "I'm the AE", "as a sales engineer",
/// "it's a renewal meeting". Nothing without a cue that they speak of themselves.
pub fn parse_persona(text: &str) -> (Option<RepRole>, Option<MeetingPurpose>) {
    let words = super::intent::words(text);
    if words.len() > 24 {
        return (None, None);
    }
    let joined = format!(" {} ", words.join(" "));
    let has = |phrase: &str| joined.contains(&format!(" {phrase} "));
    if !SELF_CUES.iter().any(|c| has(c)) {
        return (None, None);
    }
    let role = ROLE_WORDS.iter().find(|(w, _)| has(w)).map(|(_, r)| *r);
    let purpose = PURPOSE_WORDS.iter().find(|(w, _)| has(w)).map(|(_, p)| *p);
    (role, purpose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persona_can_be_stated_in_words() {
        use MeetingPurpose::*;
        use RepRole::*;
        let table: &[(&str, Option<RepRole>, Option<MeetingPurpose>)] = &[
            ("I'm the AE", Some(AccountExecutive), None),
            ("im a csm", Some(CustomerSuccess), None),
            ("I am a sales engineer", Some(SalesEngineer), None),
            (
                "as a solutions engineer, what matters?",
                Some(SalesEngineer),
                None,
            ),
            ("it's a renewal meeting", None, Some(Renewal)),
            (
                "I'm the SE and this is a technical discovery",
                Some(SalesEngineer),
                Some(TechnicalDiscovery),
            ),
            (
                "my role is customer success, purpose is expansion",
                Some(CustomerSuccess),
                Some(Expansion),
            ),
            // Questions about their people or plans are not the rep's persona.
            ("who is their account executive?", None, None),
            ("Expansion opportunities", None, None),
            ("any renewal risks?", None, None),
            ("", None, None),
        ];
        for (text, role, purpose) in table {
            assert_eq!(parse_persona(text), (*role, *purpose), "{text:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for r in RepRole::ALL {
            assert_eq!(RepRole::parse(r.as_str()), Some(r));
        }
        for p in MeetingPurpose::ALL {
            assert_eq!(MeetingPurpose::parse(p.as_str()), Some(p));
        }
        assert_eq!(RepRole::parse("ceo"), None);
    }

    #[test]
    fn a_persona_is_asked_for_until_complete_or_skipped() {
        let mut p = Persona::default();
        assert!(p.should_ask());
        assert_eq!(p.describe(), None);
        p.role = Some(RepRole::AccountExecutive);
        assert!(p.should_ask());
        assert_eq!(p.describe().as_deref(), Some("AE"));
        p.purpose = Some(MeetingPurpose::Expansion);
        assert!(!p.should_ask());
        assert_eq!(p.describe().as_deref(), Some("AE · expansion opportunity"));
        let skipped = Persona {
            skipped: true,
            suggested: false,
            ..Persona::default()
        };
        assert!(!skipped.should_ask());
    }
}
