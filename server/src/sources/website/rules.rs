//! Our own technology fingerprints: the [`Rule`]s the website scanner applies, kept as
//! data in `rules.txt` (its header says how a rule is written) and read once, at first use.
//!
//! Written from how these products show themselves on a page (their headers, cookies,
//! script hosts and markup); not derived from any third-party fingerprint data set.
//! A rule is a technology's name, a category a sales rep understands, the signs that give
//! it away ([`M`]) and what it implies (Next.js implies React).

use std::sync::LazyLock;

/// One sign of a technology.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum M {
    /// A response header by (lower-case) name; the value must match the regex, or `""`
    /// for "the header is there".
    Header(&'static str, &'static str),
    /// A cookie the page sets, by name; a trailing `*` matches any name with that prefix.
    Cookie(&'static str),
    /// A `<meta>` tag by `name`/`property`/`http-equiv`, whose `content` matches the regex.
    Meta(&'static str, &'static str),
    /// A regex over a `<script src>` URL.
    Script(&'static str),
    /// A regex over the host of a URL the page links to or loads (`<a href>`,
    /// `<link href>`, `<form action>`, `<iframe src>`, `<script src>`). Hosts starting
    /// with `www.` are never matched: a link to a vendor's own site says nothing.
    Host(&'static str),
    /// A literal (lower case, matched case-insensitively) anywhere in the page.
    Html(&'static str),
}

/// One technology.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The technology as the rep sees it, e.g. `Next.js`.
    pub name: &'static str,
    /// One of [`CATEGORIES`].
    pub category: &'static str,
    /// What gives it away, in the order they are tried.
    pub signs: Vec<M>,
    /// Names of other rules this one implies.
    pub implies: Vec<&'static str>,
}

/// The categories a rule may use.
pub const CATEGORIES: &[&str] = &[
    "Cloud",
    "CDN",
    "Analytics",
    "Monitoring",
    "Framework",
    "CMS",
    "CRM",
    "Marketing",
    "Identity",
    "Payments",
    "Web server",
    "Security",
    "Privacy",
    "Support",
    "Ecommerce",
];

/// The rules as written, one sign a line.
const RULES_TEXT: &str = include_str!("rules.txt");

/// Every rule, in the order results are reported.
pub static RULES: LazyLock<Vec<Rule>> =
    LazyLock::new(|| parse_rules(RULES_TEXT).expect("the rules are tested to parse"));

/// Read rules written as in `rules.txt`. Errors name the line and what is wrong with it.
pub fn parse_rules(text: &'static str) -> Result<Vec<Rule>, String> {
    let mut rules: Vec<Rule> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let problem = |what: &str| format!("rules.txt line {}: {what}", n + 1);
        let (keyword, rest) = line.split_once(' ').ok_or_else(|| problem("no value"))?;
        if keyword == "rule" {
            let (name, category) = rest
                .rsplit_once(" | ")
                .ok_or_else(|| problem("expected rule NAME | CATEGORY"))?;
            rules.push(Rule {
                name,
                category,
                signs: Vec::new(),
                implies: Vec::new(),
            });
            continue;
        }
        let rule = rules
            .last_mut()
            .ok_or_else(|| problem("a sign before the first rule"))?;
        if keyword == "implies" {
            rule.implies.push(rest);
        } else {
            rule.signs
                .push(sign(keyword, rest).ok_or_else(|| problem("unknown sign"))?);
        }
    }
    Ok(rules)
}

/// One sign line's keyword and what follows it.
fn sign(keyword: &str, rest: &'static str) -> Option<M> {
    Some(match keyword {
        "header" => {
            let (name, value) = rest.split_once(' ').unwrap_or((rest, ""));
            M::Header(name, value)
        }
        "meta" => {
            let (name, content) = rest.split_once(' ')?;
            M::Meta(name, content)
        }
        "cookie" => M::Cookie(rest),
        "script" => M::Script(rest),
        "host" => M::Host(rest),
        "html" => M::Html(rest),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses() {
        let rules = parse_rules(RULES_TEXT).unwrap();
        assert_eq!(rules.len(), 133);
        assert!(rules.iter().all(|r| !r.signs.is_empty()));
        let angular = rules.iter().find(|r| r.name == "Angular").unwrap();
        assert!(angular.signs.contains(&M::Html(" ng-version=\"")));
        assert_eq!(
            parse_rules("  header server").unwrap_err(),
            "rules.txt line 1: a sign before the first rule"
        );
        assert!(parse_rules("rule X | CDN\n  smell x").is_err());
        assert!(parse_rules("rule X without a category").is_err());
    }

    mod old {
        use super::super::M::{self, Cookie, Header, Host, Html, Meta, Script};
        pub struct Rule {
            pub name: &'static str,
            pub category: &'static str,
            pub signs: &'static [M],
            pub implies: &'static [&'static str],
        }
        const fn rule(
            name: &'static str,
            category: &'static str,
            signs: &'static [M],
            implies: &'static [&'static str],
        ) -> Rule {
            Rule {
                name,
                category,
                signs,
                implies,
            }
        }
        /// Every rule, in the order results are reported. One line per rule, so not formatted.
#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    // ---- Cloud and hosting
    rule("Amazon Web Services", "Cloud", &[Header("x-amzn-requestid", ""), Header("x-amz-apigw-id", ""), Host(r"\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com$")], &[]),
    rule("Amazon S3", "Cloud", &[Header("server", r"^amazons3$"), Header("x-amz-bucket-region", "")], &["Amazon Web Services"]),
    rule("AWS Elastic Load Balancing", "Cloud", &[Cookie("AWSALB"), Cookie("AWSALBCORS"), Cookie("AWSALBTG"), Cookie("AWSALBTGCORS"), Cookie("AWSELB"), Cookie("AWSELBCORS"), Header("server", r"^awselb")], &["Amazon Web Services"]),
    rule("Google Cloud", "Cloud", &[Header("via", r"\b1\.1 google\b"), Header("server", r"^google frontend$"), Header("x-cloud-trace-context", ""), Host(r"\.appspot\.com$"), Host(r"\.run\.app$")], &[]),
    rule("Firebase", "Cloud", &[Html("/__/firebase/"), Script(r"gstatic\.com/firebasejs/"), Host(r"\.firebaseapp\.com$")], &["Google Cloud"]),
    rule("Microsoft Azure", "Cloud", &[Header("x-ms-request-id", ""), Cookie("ARRAffinity"), Cookie("ARRAffinitySameSite"), Host(r"\.azurewebsites\.net$")], &[]),
    rule("Vercel", "Cloud", &[Header("server", r"^vercel"), Header("x-vercel-id", ""), Header("x-vercel-cache", "")], &[]),
    rule("Netlify", "Cloud", &[Header("server", r"^netlify"), Header("x-nf-request-id", "")], &[]),
    rule("Heroku", "Cloud", &[Header("via", r"vegur|heroku-router"), Host(r"\.herokuapp\.com$")], &[]),
    rule("Fly.io", "Cloud", &[Header("fly-request-id", ""), Header("server", r"^fly/")], &[]),
    rule("Render", "Cloud", &[Header("rndr-id", ""), Header("x-render-origin-server", "")], &[]),
    rule("GitHub Pages", "Cloud", &[Header("server", r"^github\.com$")], &[]),
    rule("WP Engine", "Cloud", &[Header("x-powered-by", r"wp engine"), Header("wpe-backend", "")], &["WordPress"]),
    rule("Pantheon", "Cloud", &[Header("x-pantheon-styx-hostname", ""), Header("x-styx-req-id", "")], &[]),
    rule("Kinsta", "Cloud", &[Header("x-kinsta-cache", "")], &[]),
    // ---- CDNs
    rule("Cloudflare", "CDN", &[Header("server", r"^cloudflare$"), Header("cf-ray", ""), Header("cf-cache-status", ""), Cookie("__cf_bm"), Cookie("__cflb"), Cookie("__cfruid"), Cookie("cf_clearance"), Html("/cdn-cgi/")], &[]),
    rule("Amazon CloudFront", "CDN", &[Header("x-amz-cf-id", ""), Header("x-amz-cf-pop", ""), Header("via", r"cloudfront"), Header("x-cache", r"cloudfront")], &["Amazon Web Services"]),
    rule("Fastly", "CDN", &[Header("x-fastly-request-id", ""), Header("fastly-debug-digest", ""), Header("x-served-by", r"^cache-"), Header("x-timer", r"^S[0-9]+\.[0-9]+,VS")], &[]),
    rule("Akamai", "CDN", &[Header("server", r"^akamai"), Header("x-akamai-transformed", ""), Header("akamai-grn", ""), Header("akamai-cache-status", ""), Header("x-akamai-request-id", ""), Cookie("ak_bmsc"), Cookie("bm_sv"), Cookie("_abck")], &[]),
    rule("Azure Front Door", "CDN", &[Header("x-azure-ref", ""), Host(r"\.azurefd\.net$")], &["Microsoft Azure"]),
    rule("Bunny CDN", "CDN", &[Header("server", r"^bunnycdn"), Header("cdn-pullzone", "")], &[]),
    rule("KeyCDN", "CDN", &[Header("server", r"^keycdn")], &[]),
    // ---- Analytics
    rule("Google Analytics", "Analytics", &[Script(r"google-analytics\.com/(?:analytics|ga|urchin)\.js"), Script(r"googletagmanager\.com/gtag/js\?(?:.*&)?id=(?:g|ua)-"), Cookie("_ga"), Cookie("_ga_*"), Cookie("_gid"), Html("google-analytics.com/analytics.js"), Html("gtag('config', 'g-"), Html("gtag(\"config\", \"g-"), Html("gtag/js?id=g-")], &[]),
    rule("Google Tag Manager", "Analytics", &[Script(r"googletagmanager\.com/gtm\.js"), Html("googletagmanager.com/gtm.js"), Html("googletagmanager.com/ns.html")], &[]),
    rule("Segment", "Analytics", &[Script(r"cdn\.segment\.(?:com|io)/"), Html("cdn.segment.com/analytics.js"), Html("cdn.segment.io/analytics.js"), Cookie("ajs_anonymous_id"), Cookie("ajs_user_id")], &[]),
    rule("Mixpanel", "Analytics", &[Script(r"cdn[0-9]*\.mxpnl\.com"), Html("cdn.mxpnl.com"), Html("mixpanel.init(")], &[]),
    rule("Amplitude", "Analytics", &[Script(r"cdn\.amplitude\.com"), Html("cdn.amplitude.com"), Html("amplitude.getinstance()")], &[]),
    rule("Hotjar", "Analytics", &[Script(r"static\.hotjar\.com"), Html("static.hotjar.com"), Cookie("_hjSessionUser_*"), Cookie("_hjSession_*")], &[]),
    rule("Heap", "Analytics", &[Script(r"cdn\.(?:us\.)?heapanalytics\.com"), Html("heapanalytics.com/js/heap-"), Html("heap.load(")], &[]),
    rule("Plausible", "Analytics", &[Script(r"plausible\.io/js/"), Html("plausible.io/js/")], &[]),
    rule("Fathom", "Analytics", &[Script(r"cdn\.usefathom\.com")], &[]),
    rule("FullStory", "Analytics", &[Script(r"edge\.fullstory\.com"), Html("edge.fullstory.com"), Html("_fs_host")], &[]),
    rule("Microsoft Clarity", "Analytics", &[Script(r"clarity\.ms/tag/"), Html("clarity.ms/tag/")], &[]),
    rule("PostHog", "Analytics", &[Script(r"posthog\.com/static/array\.js"), Script(r"\.i\.posthog\.com/"), Html("posthog.init(")], &[]),
    rule("Pendo", "Analytics", &[Script(r"cdn\.pendo\.io"), Html("cdn.pendo.io")], &[]),
    rule("Cloudflare Web Analytics", "Analytics", &[Script(r"static\.cloudflareinsights\.com/beacon"), Html("static.cloudflareinsights.com/beacon")], &[]),
    // ---- Monitoring
    rule("New Relic", "Monitoring", &[Script(r"js-agent\.newrelic\.com"), Html("js-agent.newrelic.com"), Html("nreum")], &[]),
    rule("Datadog", "Monitoring", &[Script(r"datadoghq-browser-agent\.com"), Html("datadoghq-browser-agent.com"), Html("dd_rum.init(")], &[]),
    rule("Sentry", "Monitoring", &[Script(r"(?:browser|js)\.sentry-cdn\.com"), Html("sentry-cdn.com/")], &[]),
    // ---- Frameworks and languages
    rule("React", "Framework", &[Html("data-reactroot"), Html("data-reactid"), Script(r"/react(?:-dom)?(?:\.production)?(?:\.min)?\.js")], &[]),
    rule("Next.js", "Framework", &[Header("x-powered-by", r"next\.js"), Header("x-nextjs-cache", ""), Header("x-nextjs-prerender", ""), Html("__next_data__"), Html("/_next/static/"), Script(r"/_next/static/")], &["React"]),
    rule("Nuxt", "Framework", &[Header("x-powered-by", r"nuxt"), Html("__nuxt__"), Html("/_nuxt/"), Script(r"/_nuxt/")], &["Vue.js"]),
    rule("Vue.js", "Framework", &[Html("data-v-app"), Html("data-server-rendered=\"true\""), Script(r"/vue(?:\.runtime)?(?:\.global)?(?:\.prod)?(?:\.min)?\.js"), Script(r"/vue@[0-9]")], &[]),
    rule("Angular", "Framework", &[Html(" ng-version=\""), Html(" _nghost-"), Html(" _ngcontent-")], &[]),
    rule("AngularJS", "Framework", &[Html(" ng-app=\""), Html(" data-ng-app=\""), Script(r"/angular(?:\.min)?\.js"), Script(r"angularjs/[0-9.]+/angular")], &[]),
    rule("Svelte", "Framework", &[Html("__sveltekit"), Html("data-sveltekit-"), Script(r"/_app/immutable/")], &[]),
    rule("Gatsby", "Framework", &[Meta("generator", r"^gatsby"), Html("id=\"___gatsby\"")], &["React"]),
    rule("Remix", "Framework", &[Html("__remixcontext"), Html("__remixmanifest")], &["React"]),
    rule("Astro", "Framework", &[Meta("generator", r"^astro"), Html("<astro-island"), Html("/_astro/")], &[]),
    rule("jQuery", "Framework", &[Script(r"/jquery(?:-[0-9][0-9.]*)?(?:\.slim)?(?:\.min)?\.js"), Script(r"/jquery/[0-9.]+/jquery"), Script(r"code\.jquery\.com/")], &[]),
    rule("Bootstrap", "Framework", &[Script(r"/bootstrap(?:\.bundle)?(?:\.min)?\.js")], &[]),
    rule("Node.js", "Framework", &[Header("x-powered-by", r"node")], &[]),
    rule("Express", "Framework", &[Header("x-powered-by", r"^express$")], &["Node.js"]),
    rule("PHP", "Framework", &[Header("x-powered-by", r"php"), Cookie("PHPSESSID")], &[]),
    rule("ASP.NET", "Framework", &[Header("x-aspnet-version", ""), Header("x-aspnetmvc-version", ""), Header("x-powered-by", r"asp\.net"), Cookie("ASP.NET_SessionId"), Cookie(".AspNetCore.*"), Html("__viewstate")], &[]),
    rule("Ruby on Rails", "Framework", &[Meta("csrf-param", r"^authenticity_token$")], &[]),
    rule("Django", "Framework", &[Cookie("csrftoken"), Cookie("django_language"), Html("csrfmiddlewaretoken")], &[]),
    rule("Laravel", "Framework", &[Cookie("laravel_session")], &["PHP"]),
    rule("Java", "Framework", &[Cookie("JSESSIONID"), Header("x-powered-by", r"servlet|jsp")], &[]),
    // ---- Content management
    rule("WordPress", "CMS", &[Meta("generator", r"^wordpress"), Header("link", r"api\.w\.org"), Header("x-pingback", r"xmlrpc\.php"), Cookie("wordpress_*"), Cookie("wp-settings-*"), Html("/wp-content/"), Html("/wp-includes/")], &["PHP"]),
    rule("Drupal", "CMS", &[Meta("generator", r"^drupal"), Header("x-generator", r"drupal"), Header("x-drupal-cache", ""), Header("x-drupal-dynamic-cache", ""), Html("drupal-settings-json"), Html("/sites/default/files/")], &["PHP"]),
    rule("Joomla", "CMS", &[Meta("generator", r"joomla"), Html("/media/jui/")], &["PHP"]),
    rule("Webflow", "CMS", &[Meta("generator", r"^webflow"), Html("data-wf-site="), Html("data-wf-page="), Script(r"website-files\.com/"), Host(r"\.webflow\.io$")], &[]),
    rule("Squarespace", "CMS", &[Header("server", r"squarespace"), Html("static1.squarespace.com"), Html("this is squarespace."), Html("squarespace_context")], &[]),
    rule("Wix", "CMS", &[Header("x-wix-request-id", ""), Meta("generator", r"wix\.com"), Html("static.wixstatic.com"), Html("static.parastorage.com")], &[]),
    rule("HubSpot CMS", "CMS", &[Meta("generator", r"^hubspot"), Header("x-powered-by", r"hubspot"), Html("/_hcms/"), Html("/hs/hsstatic/"), Host(r"\.hs-sites(?:-eu1)?\.com$")], &["HubSpot"]),
    rule("Contentful", "CMS", &[Host(r"^(?:images|assets|videos|downloads)\.ctfassets\.net$"), Html("ctfassets.net/")], &[]),
    rule("Sanity", "CMS", &[Html("cdn.sanity.io/")], &[]),
    rule("Ghost", "CMS", &[Meta("generator", r"^ghost"), Header("x-ghost-cache-status", "")], &[]),
    rule("Framer", "CMS", &[Meta("generator", r"^framer"), Html("framerusercontent.com")], &[]),
    rule("Adobe Experience Manager", "CMS", &[Html("/etc.clientlibs/"), Html("/content/dam/")], &[]),
    rule("Sitecore", "CMS", &[Cookie("SC_ANALYTICS_GLOBAL_COOKIE"), Html("/-/media/")], &[]),
    // ---- Ecommerce
    rule("Shopify", "Ecommerce", &[Header("x-shopid", ""), Header("x-shopify-stage", ""), Header("powered-by", r"shopify"), Cookie("_shopify_y"), Cookie("_shopify_s"), Html("cdn.shopify.com"), Html("shopify.theme")], &[]),
    rule("WooCommerce", "Ecommerce", &[Html("/wp-content/plugins/woocommerce/"), Html("woocommerce-no-js"), Cookie("woocommerce_*")], &["WordPress"]),
    rule("Adobe Commerce (Magento)", "Ecommerce", &[Cookie("X-Magento-Vary"), Header("x-magento-cache-debug", ""), Html("text/x-magento-init"), Html("mage/cookies")], &["PHP"]),
    rule("BigCommerce", "Ecommerce", &[Html("cdn11.bigcommerce.com"), Host(r"\.mybigcommerce\.com$")], &[]),
    rule("Salesforce Commerce Cloud", "Ecommerce", &[Cookie("dwsid"), Cookie("dwanonymous_*"), Html("demandware.static")], &[]),
    // ---- CRM, marketing and support
    rule("HubSpot", "CRM", &[Script(r"js\.hs-scripts\.com"), Script(r"js\.hsforms\.net"), Script(r"js\.hs-analytics\.net"), Script(r"js(?:-eu1)?\.hubspot\.com"), Cookie("hubspotutk"), Cookie("__hstc"), Cookie("__hssc"), Html("js.hs-scripts.com"), Html("hbspt.forms.create")], &[]),
    rule("Salesforce", "CRM", &[Host(r"^webto\.salesforce\.com$"), Host(r"\.my\.salesforce\.com$"), Host(r"\.my\.site\.com$"), Host(r"\.force\.com$"), Html("embedded_svc")], &[]),
    rule("Salesforce Account Engagement (Pardot)", "Marketing", &[Script(r"pi\.pardot\.com"), Html("pi.pardot.com"), Html("piaid"), Host(r"^go\.pardot\.com$")], &["Salesforce"]),
    rule("Marketo", "Marketing", &[Script(r"munchkin\.marketo\.net"), Script(r"\.marketo\.com/js/forms2/"), Cookie("_mkto_trk"), Html("munchkin.marketo.net"), Html("munchkin.init("), Html("mktoforms2")], &[]),
    rule("Intercom", "Support", &[Script(r"widget\.intercom\.io"), Script(r"js\.intercomcdn\.com"), Cookie("intercom-id-*"), Cookie("intercom-session-*"), Html("widget.intercom.io"), Html("intercomsettings")], &[]),
    rule("Drift", "Marketing", &[Script(r"js\.driftt\.com"), Cookie("driftt_aid"), Cookie("drift_aid"), Html("js.driftt.com")], &[]),
    rule("Zendesk", "Support", &[Script(r"static\.zdassets\.com"), Host(r"\.zendesk\.com$"), Html("static.zdassets.com")], &[]),
    rule("Freshdesk", "Support", &[Script(r"wchat\.freshchat\.com"), Script(r"widget\.freshworks\.com"), Host(r"\.freshdesk\.com$"), Html("fwsettings")], &[]),
    rule("Crisp", "Support", &[Script(r"client\.crisp\.chat"), Html("client.crisp.chat")], &[]),
    rule("Optimizely", "Marketing", &[Script(r"cdn\.optimizely\.com"), Cookie("optimizelyEndUserId"), Html("cdn.optimizely.com")], &[]),
    rule("VWO", "Marketing", &[Script(r"visualwebsiteoptimizer\.com"), Cookie("_vwo_uuid*"), Html("visualwebsiteoptimizer.com")], &[]),
    rule("LinkedIn Insight Tag", "Marketing", &[Script(r"snap\.licdn\.com/li\.lms-analytics/"), Html("snap.licdn.com/li.lms-analytics"), Html("_linkedin_partner_id")], &[]),
    rule("Meta Pixel", "Marketing", &[Script(r"connect\.facebook\.net/[^/]+/fbevents\.js"), Cookie("_fbp"), Html("/fbevents.js"), Html("fbq('init'"), Html("fbq(\"init\"")], &[]),
    rule("Google Ads", "Marketing", &[Script(r"googleadservices\.com/pagead/conversion"), Script(r"googletagmanager\.com/gtag/js\?(?:.*&)?id=aw-"), Html("googleads.g.doubleclick.net"), Html("gtag('config', 'aw-"), Html("gtag/js?id=aw-")], &[]),
    rule("TikTok Pixel", "Marketing", &[Script(r"analytics\.tiktok\.com"), Html("analytics.tiktok.com/i18n/pixel")], &[]),
    rule("X (Twitter) Pixel", "Marketing", &[Script(r"static\.ads-twitter\.com"), Html("static.ads-twitter.com")], &[]),
    rule("6sense", "Marketing", &[Script(r"j\.6sc\.co"), Html("j.6sc.co/")], &[]),
    rule("Demandbase", "Marketing", &[Script(r"(?:tag|scripts)\.demandbase\.com"), Html("tag.demandbase.com")], &[]),
    rule("Clearbit", "Marketing", &[Script(r"tag\.clearbitscripts\.com"), Script(r"x\.clearbitjs\.com"), Html("tag.clearbitscripts.com")], &[]),
    rule("Mailchimp", "Marketing", &[Script(r"chimpstatic\.com"), Host(r"\.list-manage\.com$"), Html("chimpstatic.com")], &[]),
    rule("Qualified", "Marketing", &[Script(r"js\.qualified\.com"), Html("js.qualified.com")], &[]),
    rule("Calendly", "Marketing", &[Script(r"assets\.calendly\.com"), Host(r"^calendly\.com$")], &[]),
    rule("Adobe Experience Platform", "Marketing", &[Script(r"assets\.adobedtm\.com"), Cookie("AMCV_*"), Html("assets.adobedtm.com")], &[]),
    // ---- Privacy
    rule("OneTrust", "Privacy", &[Script(r"cdn\.cookielaw\.org"), Script(r"optanon\.blob\.core\.windows\.net"), Cookie("OptanonConsent"), Html("cdn.cookielaw.org")], &[]),
    rule("Cookiebot", "Privacy", &[Script(r"consent\.cookiebot\.com"), Html("consent.cookiebot.com")], &[]),
    // ---- Identity
    rule("Okta", "Identity", &[Host(r"^[a-z0-9-]+\.(?:okta|oktapreview|okta-emea|okta-gov)\.com$"), Script(r"\.oktacdn\.com/")], &[]),
    rule("Auth0", "Identity", &[Host(r"^[a-z0-9-]+\.(?:[a-z]{2}\.)?auth0\.com$"), Script(r"cdn\.auth0\.com/")], &[]),
    rule("Microsoft Entra ID", "Identity", &[Host(r"^login\.microsoftonline\.com$"), Host(r"^login\.windows\.net$"), Host(r"\.b2clogin\.com$"), Script(r"alcdn\.msauth\.net"), Html("login.microsoftonline.com")], &[]),
    rule("Ping Identity", "Identity", &[Host(r"\.pingone\.(?:com|eu|asia|ca)$"), Host(r"^sso\.connect\.pingidentity\.com$")], &[]),
    rule("OneLogin", "Identity", &[Host(r"^[a-z0-9-]+\.onelogin\.com$")], &[]),
    rule("Google Sign-In", "Identity", &[Script(r"accounts\.google\.com/gsi/client"), Html("accounts.google.com/gsi/client"), Html("g_id_onload")], &[]),
    rule("Clerk", "Identity", &[Script(r"/npm/@clerk/clerk-js"), Host(r"\.clerk\.accounts\.dev$"), Cookie("__client_uat"), Cookie("__clerk_db_jwt"), Html("@clerk/clerk-js")], &[]),
    rule("Amazon Cognito", "Identity", &[Host(r"\.amazoncognito\.com$")], &["Amazon Web Services"]),
    // ---- Payments
    rule("Stripe", "Payments", &[Script(r"js\.stripe\.com/"), Cookie("__stripe_mid"), Cookie("__stripe_sid"), Host(r"^(?:checkout|buy|billing)\.stripe\.com$")], &[]),
    rule("PayPal", "Payments", &[Script(r"paypal\.com/sdk/js"), Script(r"paypalobjects\.com/api/checkout"), Html("paypal.com/sdk/js")], &[]),
    rule("Braintree", "Payments", &[Script(r"js\.braintreegateway\.com")], &[]),
    rule("Adyen", "Payments", &[Script(r"checkoutshopper-(?:live|test)(?:-[a-z]+)?\.adyen\.com")], &[]),
    rule("Chargebee", "Payments", &[Script(r"js\.chargebee\.com")], &[]),
    rule("Paddle", "Payments", &[Script(r"cdn\.paddle\.com/paddle/")], &[]),
    // ---- Web servers
    rule("nginx", "Web server", &[Header("server", r"^nginx")], &[]),
    rule("OpenResty", "Web server", &[Header("server", r"^openresty")], &["nginx"]),
    rule("Apache HTTP Server", "Web server", &[Header("server", r"^apache(?:/[0-9.]+)?(?:\s|$)")], &[]),
    rule("Apache Tomcat", "Web server", &[Header("server", r"^apache-coyote")], &["Java"]),
    rule("Microsoft IIS", "Web server", &[Header("server", r"^microsoft-iis")], &[]),
    rule("Envoy", "Web server", &[Header("server", r"^envoy"), Header("x-envoy-upstream-service-time", "")], &[]),
    rule("LiteSpeed", "Web server", &[Header("server", r"^litespeed")], &[]),
    rule("Caddy", "Web server", &[Header("server", r"^caddy")], &[]),
    rule("Gunicorn", "Web server", &[Header("server", r"^gunicorn")], &[]),
    rule("Kestrel", "Web server", &[Header("server", r"^kestrel")], &["ASP.NET"]),
    rule("Varnish", "Web server", &[Header("x-varnish", "")], &[]),
    // ---- Security
    rule("reCAPTCHA", "Security", &[Script(r"(?:google\.com|recaptcha\.net)/recaptcha/"), Script(r"gstatic\.com/recaptcha/"), Html("g-recaptcha")], &[]),
    rule("hCaptcha", "Security", &[Script(r"hcaptcha\.com/1/api\.js"), Html("h-captcha")], &[]),
    rule("Cloudflare Turnstile", "Security", &[Script(r"challenges\.cloudflare\.com/turnstile/"), Html("cf-turnstile")], &[]),
    rule("Imperva", "Security", &[Header("x-iinfo", ""), Header("x-cdn", r"incapsula|imperva"), Cookie("incap_ses_*"), Cookie("visid_incap_*"), Cookie("nlbi_*")], &[]),
    rule("HUMAN (PerimeterX)", "Security", &[Cookie("_px3"), Cookie("_pxvid"), Cookie("_pxhd"), Script(r"client\.perimeterx\.net"), Script(r"client\.px-cloud\.net")], &[]),
    rule("DataDome", "Security", &[Cookie("datadome"), Header("x-datadome", ""), Header("x-datadome-cid", ""), Script(r"js\.datadome\.co")], &[]),
];
    }

    #[test]
    fn the_data_file_holds_the_old_table() {
        assert_eq!(RULES.len(), old::RULES.len());
        for (new, old) in RULES.iter().zip(old::RULES) {
            assert_eq!(new.name, old.name);
            assert_eq!(new.category, old.category);
            assert_eq!(new.signs, old.signs, "{}", old.name);
            assert_eq!(new.implies, old.implies, "{}", old.name);
        }
    }
}
