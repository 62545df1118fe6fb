//! The built-in demo vendor: the rep's own (fictional) company, an identity platform,
//! used when no vendor file is configured.

use crate::findings::{Competitor, Product, ProofPoint, VendorProfile};

pub fn demo_vendor() -> VendorProfile {
    let product = |name: &str, description: &str, fits: &[&str]| Product {
        name: name.into(),
        description: description.into(),
        fits: fits.iter().map(|s| s.to_string()).collect(),
    };
    VendorProfile {
        name: "Keyfort".into(),
        domain: "keyfort.example".into(),
        products: vec![
            product(
                "Keyfort Workforce Identity",
                "Single sign-on and adaptive MFA for every employee app.",
                &["iam", "identity", "sso", "mfa", "okta", "azure ad"],
            ),
            product(
                "Keyfort Lifecycle",
                "Automated joiner/mover/leaver provisioning from HR to every app.",
                &[
                    "hiring",
                    "workday",
                    "onboarding",
                    "provisioning",
                    "it systems",
                ],
            ),
            product(
                "Keyfort Privileged Access",
                "Just-in-time admin access for cloud consoles and servers.",
                &[
                    "aws",
                    "google cloud",
                    "azure",
                    "security engineer",
                    "devops",
                ],
            ),
            product(
                "Keyfort Threat Protection",
                "Detects account takeover and session hijacking in real time.",
                &["ciso", "security", "breach", "compliance"],
            ),
        ],
        proof_points: vec![
            ProofPoint {
                customer: "Northbeam Payments".into(),
                industry: "FinTech".into(),
                result:
                    "Replaced a partial Azure AD rollout in 10 weeks; 60% fewer access tickets."
                        .into(),
            },
            ProofPoint {
                customer: "Harbor Health".into(),
                industry: "Healthcare".into(),
                result: "Passed HIPAA audit with automated access reviews.".into(),
            },
            ProofPoint {
                customer: "Quanta Retail".into(),
                industry: "Retail".into(),
                result: "Onboarded 4,000 seasonal staff with zero-touch provisioning.".into(),
            },
        ],
        competitors: vec![
            Competitor {
                name: "Microsoft Entra ID (Azure AD)".into(),
                detect: vec!["azure ad".into(), "entra".into(), "microsoft azure".into()],
                angle: "Neutral identity layer across AWS, Google and Microsoft apps; no lock-in."
                    .into(),
            },
            Competitor {
                name: "Okta".into(),
                detect: vec!["okta".into()],
                angle: "Lifecycle and privileged access in one platform, one price.".into(),
            },
            Competitor {
                name: "Ping Identity".into(),
                detect: vec!["ping identity".into(), "pingone".into()],
                angle: "SaaS-first: no on-premise federation servers to run.".into(),
            },
        ],
    }
}
