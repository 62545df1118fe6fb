//! Our own technology fingerprints, and the detector that applies them to one page.
//!
//! Written from how these products show themselves on a page (their headers, cookies,
//! script hosts and markup); not derived from any third-party fingerprint data set.
//!
//! A [`Rule`] is a technology's name, a category a sales rep understands, the signs that
//! give it away ([`M`]) and what it implies (Next.js implies React). Every regex is
//! case-insensitive and compiled once, on first use. Page markup is read by a small
//! bounded scanner ([`extract`]), not an HTML parser: at most [`MAX_SCRIPTS`] scripts,
//! [`MAX_METAS`] meta tags and [`MAX_URLS`] links are looked at, tags longer than
//! [`MAX_TAG`] bytes are skipped, comments are skipped, and every step is linear in the page
//! size, so hostile markup can neither panic the scanner nor make it slow.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// One sign of a technology.
#[derive(Clone, Copy, Debug)]
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
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub name: &'static str,
    pub category: &'static str,
    pub signs: &'static [M],
    /// Names of other rules this one implies.
    pub implies: &'static [&'static str],
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

pub const MAX_SCRIPTS: usize = 500;
pub const MAX_METAS: usize = 200;
pub const MAX_URLS: usize = 1_000;
/// Longer tags are skipped (a script or meta tag is never this long).
pub const MAX_TAG: usize = 16 * 1024;
const MAX_VALUE: usize = 2_048;
const MAX_ATTRS: usize = 32;

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

use M::{Cookie, Header, Host, Html, Meta, Script};

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

/// A technology found on the page, once, with what gave it away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub name: &'static str,
    pub category: &'static str,
    /// Short and sanitised, e.g. `header server: cloudflare`, `script cdn.segment.com/…`.
    pub note: String,
    /// The evidence came from the page body (so a cut page may miss it).
    pub from_body: bool,
}

/// What one response shows.
#[derive(Clone, Copy, Debug)]
pub struct Signals<'a> {
    /// Lower-case header names with their values.
    pub headers: &'a [(String, String)],
    pub cookies: &'a [String],
    /// The HTML, possibly cut; empty when there was none.
    pub body: &'a str,
}

/// Markup the rules look at, pulled out of a page by [`extract`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// `<script src>` values, at most [`MAX_SCRIPTS`].
    pub scripts: Vec<String>,
    /// `(name, content)` of `<meta>` tags (name from `name`, `property` or `http-equiv`,
    /// lower case), at most [`MAX_METAS`].
    pub metas: Vec<(String, String)>,
    /// URLs the page links to or loads, at most [`MAX_URLS`].
    pub urls: Vec<String>,
}

struct Compiled {
    headers: Vec<(usize, &'static str, Option<Regex>)>,
    cookies: Vec<(usize, &'static str)>,
    metas: Vec<(usize, &'static str, Regex)>,
    scripts: RegexSet,
    script_rule: Vec<usize>,
    hosts: RegexSet,
    host_rule: Vec<usize>,
    html: AhoCorasick,
    html_rule: Vec<(usize, &'static str)>,
}

fn ci(pattern: &str) -> String {
    format!("(?i){pattern}")
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let compile = |p: &str| Regex::new(&ci(p)).expect("rules are tested to compile");
    let (mut headers, mut cookies, mut metas) = (vec![], vec![], vec![]);
    let (mut scripts, mut script_rule, mut hosts, mut host_rule) = (vec![], vec![], vec![], vec![]);
    let (mut html, mut html_rule) = (vec![], vec![]);
    for (i, rule) in RULES.iter().enumerate() {
        for sign in rule.signs {
            match *sign {
                M::Header(name, value) => {
                    headers.push((i, name, (!value.is_empty()).then(|| compile(value))))
                }
                M::Cookie(name) => cookies.push((i, name)),
                M::Meta(name, content) => metas.push((i, name, compile(content))),
                M::Script(p) => {
                    scripts.push(ci(p));
                    script_rule.push(i);
                }
                M::Host(p) => {
                    hosts.push(ci(p));
                    host_rule.push(i);
                }
                M::Html(literal) => {
                    html.push(literal);
                    html_rule.push((i, literal));
                }
            }
        }
    }
    Compiled {
        headers,
        cookies,
        metas,
        scripts: RegexSet::new(&scripts).expect("rules are tested to compile"),
        script_rule,
        hosts: RegexSet::new(&hosts).expect("rules are tested to compile"),
        host_rule,
        html: AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&html)
            .expect("rules are tested to compile"),
        html_rule,
    }
});

/// The technologies `signals` show, each once, in [`RULES`] order, implied ones included.
pub fn detect(signals: &Signals<'_>) -> Vec<Detected> {
    let c = &*COMPILED;
    // (note, from_body) of the first sign found per rule.
    let mut found: Vec<Option<(String, bool)>> = vec![None; RULES.len()];
    let mut hit = |i: usize, note: String, from_body: bool| {
        if found[i].is_none() {
            found[i] = Some((note, from_body));
        }
    };

    for (i, name, value) in &c.headers {
        for (h, v) in signals.headers {
            if h.eq_ignore_ascii_case(name) {
                match value {
                    None => hit(*i, format!("header {}", clean(h, 40)), false),
                    Some(re) => {
                        if let Some(m) = re.find(v) {
                            // The whole value when short, else the part that matched.
                            let shown = if v.len() <= 40 {
                                v.as_str()
                            } else {
                                m.as_str()
                            };
                            hit(
                                *i,
                                format!("header {}: {}", clean(h, 40), clean(shown, 40)),
                                false,
                            );
                        }
                    }
                }
            }
        }
    }
    for (i, pattern) in &c.cookies {
        if let Some(name) = signals.cookies.iter().find(|n| cookie_matches(pattern, n)) {
            hit(*i, format!("cookie {}", clean(name, 40)), false);
        }
    }
    if !signals.body.is_empty() {
        let page = extract(signals.body);
        for (i, name, re) in &c.metas {
            if let Some((_, content)) = page
                .metas
                .iter()
                .find(|(n, content)| n == name && re.is_match(content))
            {
                hit(*i, format!("meta {name}: {}", clean(content, 40)), true);
            }
        }
        for src in &page.scripts {
            for m in c.scripts.matches(src).iter() {
                hit(c.script_rule[m], format!("script {}", short_url(src)), true);
            }
        }
        for url in page.urls.iter().chain(&page.scripts) {
            let Some(host) = host_of(url) else { continue };
            if host.starts_with("www.") {
                continue;
            }
            for m in c.hosts.matches(&host).iter() {
                hit(c.host_rule[m], format!("link {}", clean(&host, 60)), true);
            }
        }
        let mut seen = vec![false; c.html_rule.len()];
        for part in outside_comments(signals.body) {
            for m in c.html.find_overlapping_iter(part) {
                let k = m.pattern().as_usize();
                if !seen[k] {
                    seen[k] = true;
                    let (i, literal) = c.html_rule[k];
                    hit(i, format!("page has {}", clean(literal, 40)), true);
                }
            }
        }
    }

    // Implied technologies, transitively (a chain is short; stop after a few rounds).
    for _ in 0..4 {
        let mut changed = false;
        for (i, rule) in RULES.iter().enumerate() {
            if found[i].is_none() {
                continue;
            }
            for implied in rule.implies {
                if let Some(j) = RULES.iter().position(|r| r.name == *implied)
                    && found[j].is_none()
                {
                    found[j] = Some((format!("implied by {}", rule.name), false));
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }

    RULES
        .iter()
        .zip(found)
        .filter_map(|(rule, f)| {
            f.map(|(note, from_body)| Detected {
                name: rule.name,
                category: rule.category,
                note,
                from_body,
            })
        })
        .collect()
}

/// The parts of `html` outside `<!-- … -->` comments (an unclosed comment runs to the end).
fn outside_comments(html: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(open) = memchr::memmem::find(rest.as_bytes(), b"<!--") {
        parts.push(&rest[..open]);
        match memchr::memmem::find(&rest.as_bytes()[open + 4..], b"-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => return parts,
        }
    }
    parts.push(rest);
    parts
}

fn cookie_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => {
            name.len() >= prefix.len()
                && name.is_char_boundary(prefix.len())
                && name[..prefix.len()].eq_ignore_ascii_case(prefix)
        }
        None => name.eq_ignore_ascii_case(pattern),
    }
}

/// Evidence text safe to show: printable ASCII without markup or quote characters,
/// at most `max` characters (cut ones end in `…`).
pub fn clean(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, ch) in s.trim().chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        let ok = ch.is_ascii_graphic() && !matches!(ch, '<' | '>' | '"' | '\'' | '`' | '\\')
            || ch == ' ';
        out.push(if ok { ch } else { '_' });
    }
    out
}

/// A URL for a note: no scheme, query or fragment, cut short.
fn short_url(url: &str) -> String {
    let u = url.trim();
    let u = u
        .strip_prefix("https:")
        .or_else(|| u.strip_prefix("http:"))
        .unwrap_or(u);
    let u = u.trim_start_matches('/');
    let u = u.split(['?', '#']).next().unwrap_or("");
    clean(u, 60)
}

/// The lower-case host of an absolute (or protocol-relative) URL.
pub fn host_of(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = strip_prefix_ci(u, "https://")
        .or_else(|| strip_prefix_ci(u, "http://"))
        .or_else(|| u.strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next()?.trim_start_matches('[')
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'));
    ok.then_some(host)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// Pull script sources, meta tags and linked URLs out of `html`, within the caps.
/// Linear in the page size; comments are skipped.
pub fn extract(html: &str) -> Extracted {
    let bytes = html.as_bytes();
    let mut out = Extracted::default();
    let mut i = 0;
    // The position of the next `>` at or after some point: reused while it is still ahead,
    // so finding tag ends costs one pass over the page in total.
    let mut next_gt: Option<usize> = None;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                Some(end) => {
                    i = lt + 4 + end + 3;
                    continue;
                }
                None => break,
            }
        }
        let name_len = rest
            .iter()
            .take(7)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let after = rest.get(name_len).copied();
        let name = &rest[..name_len];
        let kind = match () {
            _ if !matches!(
                after,
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
            ) =>
            {
                None
            }
            _ if name.eq_ignore_ascii_case(b"script") => Some(Tag::Script),
            _ if name.eq_ignore_ascii_case(b"meta") => Some(Tag::Meta),
            _ if name.eq_ignore_ascii_case(b"a")
                || name.eq_ignore_ascii_case(b"link")
                || name.eq_ignore_ascii_case(b"area") =>
            {
                Some(Tag::Link("href"))
            }
            _ if name.eq_ignore_ascii_case(b"form") => Some(Tag::Link("action")),
            _ if name.eq_ignore_ascii_case(b"iframe") => Some(Tag::Link("src")),
            _ => None,
        };
        let Some(kind) = kind else {
            i = lt + 1;
            continue;
        };
        let start = lt + 1 + name_len;
        let gt = match next_gt {
            Some(g) if g >= start => g,
            _ => match memchr::memchr(b'>', &bytes[start..]) {
                Some(o) => start + o,
                None => break,
            },
        };
        next_gt = Some(gt);
        if gt - lt > MAX_TAG {
            i = lt + 1;
            continue;
        }
        let attrs = attributes(&bytes[start..gt]);
        let get = |want: &str| {
            attrs
                .iter()
                .find(|(n, _)| n == want)
                .map(|(_, v)| v.clone())
        };
        match kind {
            Tag::Script => {
                if out.scripts.len() < MAX_SCRIPTS
                    && let Some(src) = get("src").filter(|s| !s.is_empty())
                {
                    out.scripts.push(src);
                }
            }
            Tag::Meta => {
                if out.metas.len() < MAX_METAS
                    && let Some(name) = get("name")
                        .or_else(|| get("property"))
                        .or_else(|| get("http-equiv"))
                    && let Some(content) = get("content")
                {
                    out.metas.push((name.to_ascii_lowercase(), content));
                }
            }
            Tag::Link(attr) => {
                if out.urls.len() < MAX_URLS
                    && let Some(url) = get(attr).filter(|s| !s.is_empty())
                {
                    out.urls.push(url);
                }
            }
        }
        if out.scripts.len() >= MAX_SCRIPTS
            && out.metas.len() >= MAX_METAS
            && out.urls.len() >= MAX_URLS
        {
            break;
        }
        i = gt + 1;
    }
    out
}

#[derive(Clone, Copy)]
enum Tag {
    Script,
    Meta,
    /// A tag whose URL is in the named attribute.
    Link(&'static str),
}

/// `name=value` pairs of one tag's attribute text (names lower case, values cut at
/// [`MAX_VALUE`] bytes, `&amp;` decoded), at most [`MAX_ATTRS`].
fn attributes(s: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while i < s.len() && out.len() < MAX_ATTRS {
        while i < s.len() && (ws(s[i]) || s[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < s.len() && !ws(s[i]) && s[i] != b'=' && s[i] != b'/' {
            i += 1;
        }
        if i == name_start {
            // A stray `=`: skip it.
            i += 1;
            continue;
        }
        let name =
            String::from_utf8_lossy(&s[name_start..i.min(name_start + 64)]).to_ascii_lowercase();
        while i < s.len() && ws(s[i]) {
            i += 1;
        }
        let mut value = String::new();
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && ws(s[i]) {
                i += 1;
            }
            let (v_start, v_end);
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                v_start = i + 1;
                v_end = memchr::memchr(q, &s[v_start..]).map_or(s.len(), |o| v_start + o);
                i = (v_end + 1).min(s.len());
            } else {
                v_start = i;
                while i < s.len() && !ws(s[i]) {
                    i += 1;
                }
                v_end = i;
            }
            let v = &s[v_start..v_end.min(v_start + MAX_VALUE)];
            value = String::from_utf8_lossy(v).replace("&amp;", "&");
        }
        out.push((name, value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn names(found: &[Detected]) -> BTreeSet<&'static str> {
        found.iter().map(|d| d.name).collect()
    }

    fn run(headers: &[(&str, &str)], cookies: &[&str], body: &str) -> Vec<Detected> {
        let headers = h(headers);
        let cookies: Vec<String> = cookies.iter().map(|c| c.to_string()).collect();
        detect(&Signals {
            headers: &headers,
            cookies: &cookies,
            body,
        })
    }

    #[test]
    fn every_rule_compiles_has_a_category_and_there_are_enough() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.name), "duplicate rule {}", rule.name);
            assert!(
                CATEGORIES.contains(&rule.category),
                "{}: unknown category {}",
                rule.name,
                rule.category
            );
            assert!(!rule.signs.is_empty(), "{} has no signs", rule.name);
            for sign in rule.signs {
                match *sign {
                    M::Header(name, value) => {
                        assert_eq!(name, name.to_ascii_lowercase(), "{}", rule.name);
                        Regex::new(&ci(value)).unwrap_or_else(|e| panic!("{}: {e}", rule.name));
                    }
                    M::Meta(_, p) | M::Script(p) | M::Host(p) => {
                        Regex::new(&ci(p)).unwrap_or_else(|e| panic!("{}: {e}", rule.name));
                    }
                    M::Html(literal) => {
                        assert!(
                            literal.len() >= 5,
                            "{}: {literal:?} is too short",
                            rule.name
                        );
                        assert_eq!(literal, literal.to_lowercase(), "{}", rule.name);
                    }
                    M::Cookie(c) => assert!(!c.is_empty()),
                }
            }
            for implied in rule.implies {
                assert!(
                    RULES.iter().any(|r| r.name == *implied),
                    "{} implies unknown {implied}",
                    rule.name
                );
            }
        }
        assert!(seen.len() >= 60, "only {} rules", seen.len());
        // The compiled set builds (panics otherwise).
        assert!(run(&[], &[], "").is_empty());
        // Every category a rep is promised appears.
        for cat in [
            "Cloud",
            "CDN",
            "Analytics",
            "Framework",
            "CMS",
            "CRM",
            "Marketing",
            "Identity",
            "Payments",
            "Web server",
            "Security",
            "Support",
            "Ecommerce",
        ] {
            assert!(RULES.iter().any(|r| r.category == cat), "{cat}");
        }
    }

    const NEXT_ON_VERCEL: &str = r#"<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width"/>
<title>Acme: payments for builders</title>
<link rel="preload" href="/_next/static/media/font.woff2" as="font"/>
<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" defer=""></script>
<script src="/_next/static/chunks/main-app-9f3a.js" async=""></script>
<script>
  !function(){var analytics=window.analytics=window.analytics||[];analytics.load=function(key){
  var t=document.createElement("script");t.src="https://cdn.segment.com/analytics.js/v1/"+key+"/analytics.min.js";}}();
</script>
<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/4242424.js"></script>
</head><body><div id="__next"><header><nav>
<a href="/pricing">Pricing</a>
<a href="https://acme.okta.com/app/acme_portal/sso/saml" class="btn">Sign in</a>
<a href="https://www.okta.com/customers/">Okta customer story</a>
</nav></header><main><h1>Build faster</h1></main></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{},"page":"/"}</script>
</body></html>"#;

    #[test]
    fn next_on_vercel_with_segment_hubspot_and_okta() {
        let found = run(
            &[
                ("server", "Vercel"),
                (
                    "x-vercel-id",
                    "fra1::iad1::abcde-1700000000000-0123456789ab",
                ),
                ("x-vercel-cache", "HIT"),
                ("x-powered-by", "Next.js"),
                ("content-type", "text/html; charset=utf-8"),
            ],
            &["__Host-session"],
            NEXT_ON_VERCEL,
        );
        assert_eq!(
            names(&found),
            BTreeSet::from(["Vercel", "Next.js", "React", "Segment", "HubSpot", "Okta"]),
            "{found:#?}"
        );
        let note = |n: &str| found.iter().find(|d| d.name == n).unwrap().note.clone();
        assert_eq!(note("Vercel"), "header server: Vercel");
        assert_eq!(note("Next.js"), "header x-powered-by: Next.js");
        assert_eq!(note("React"), "implied by Next.js");
        assert_eq!(note("HubSpot"), "script js.hs-scripts.com/4242424.js");
        assert_eq!(note("Okta"), "link acme.okta.com");
        assert_eq!(note("Segment"), "page has cdn.segment.com/analytics.js");
        let cats: Vec<_> = found.iter().map(|d| (d.name, d.category)).collect();
        assert!(cats.contains(&("Okta", "Identity")));
        assert!(cats.contains(&("Segment", "Analytics")));
        assert!(cats.contains(&("HubSpot", "CRM")));
    }

    const WORDPRESS: &str = r#"<!doctype html>
<html lang="en-US"><head>
<meta charset="UTF-8">
<meta name='robots' content='index, follow' />
<link rel='stylesheet' id='wp-block-library-css' href='https://brightbakery.example/wp-includes/css/dist/block-library/style.min.css?ver=6.4.2' media='all' />
<script src="https://brightbakery.example/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-ABC123XYZ9');
</script>
<meta name="generator" content="WordPress 6.4.2" />
</head><body class="home page-template-default">
<img src="/wp-content/uploads/2024/01/bread.jpg" alt="Bread">
</body></html>"#;

    #[test]
    fn wordpress_behind_cloudflare_with_ga4() {
        let found = run(
            &[
                ("server", "cloudflare"),
                ("cf-ray", "8f1e2d3c4b5a6978-FRA"),
                ("cf-cache-status", "DYNAMIC"),
                (
                    "link",
                    "<https://brightbakery.example/wp-json/>; rel=\"https://api.w.org/\"",
                ),
            ],
            &["__cf_bm"],
            WORDPRESS,
        );
        assert_eq!(
            names(&found),
            BTreeSet::from([
                "Cloudflare",
                "WordPress",
                "PHP",
                "Google Analytics",
                "jQuery"
            ]),
            "{found:#?}"
        );
        let wp = found.iter().find(|d| d.name == "WordPress").unwrap();
        // Headers are looked at first; a long value shows only the part that matched.
        assert_eq!(wp.note, "header link: api.w.org");
        let ga = found.iter().find(|d| d.name == "Google Analytics").unwrap();
        assert_eq!(ga.note, "script www.googletagmanager.com/gtag/js");
        assert_eq!(ga.category, "Analytics");
        let cf = found.iter().find(|d| d.name == "Cloudflare").unwrap();
        assert_eq!(
            (cf.note.as_str(), cf.from_body),
            ("header server: cloudflare", false)
        );
    }

    #[test]
    fn nginx_and_php_from_headers_alone() {
        let found = run(
            &[("server", "nginx/1.25.3"), ("x-powered-by", "PHP/8.2.12")],
            &["PHPSESSID"],
            "",
        );
        assert_eq!(names(&found), BTreeSet::from(["nginx", "PHP"]));
        // Apache-Coyote is Tomcat, not the Apache HTTP Server.
        let found = run(&[("server", "Apache-Coyote/1.1")], &[], "");
        assert_eq!(names(&found), BTreeSet::from(["Apache Tomcat", "Java"]));
        let found = run(&[("server", "Apache/2.4.58 (Ubuntu)")], &[], "");
        assert_eq!(names(&found), BTreeSet::from(["Apache HTTP Server"]));
    }

    #[test]
    fn implies_is_transitive_and_each_technology_is_reported_once() {
        // WP Engine implies WordPress, which implies PHP.
        let found = run(&[("x-powered-by", "WP Engine")], &[], "");
        assert_eq!(
            names(&found),
            BTreeSet::from(["WP Engine", "WordPress", "PHP"])
        );
        let php = found.iter().find(|d| d.name == "PHP").unwrap();
        assert_eq!(php.note, "implied by WordPress");
        // Gatsby implies React; React also shows by itself: reported once, own sign wins.
        let body = r#"<meta name="generator" content="Gatsby 5.13.1"><div id="___gatsby" data-reactroot=""></div>"#;
        let found = run(&[], &[], body);
        assert_eq!(names(&found), BTreeSet::from(["Gatsby", "React"]));
        assert_eq!(found.len(), 2);
        let react = found.iter().find(|d| d.name == "React").unwrap();
        assert_eq!(react.note, "page has data-reactroot");
        // Many signs of one technology: once.
        let body = "<script src=\"https://js.stripe.com/v3\"></script>".repeat(50);
        let found = run(&[], &["__stripe_mid", "__stripe_sid"], &body);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].note, "cookie __stripe_mid");
    }

    #[test]
    fn identity_providers_from_sign_in_links() {
        let body = r#"
<a href="https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x">Staff login</a>
<form action="https://acme.onelogin.com/trust/saml2/http-post/sso/123" method="post"></form>
<script src="https://accounts.google.com/gsi/client" async></script>
<a href="https://acme.us.auth0.com/authorize">Customer portal</a>
<a href="https://www.onelogin.com/">not a tenant</a>"#;
        let found = run(&[], &[], body);
        assert_eq!(
            names(&found),
            BTreeSet::from(["Microsoft Entra ID", "OneLogin", "Google Sign-In", "Auth0"]),
            "{found:#?}"
        );
        assert!(found.iter().all(|d| d.category == "Identity"));
    }

    #[test]
    fn a_plain_page_shows_nothing() {
        let body = r#"<!doctype html><html><head><title>Plain Co</title>
<meta name="description" content="We make plain things">
<link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head>
<body><h1>Plain</h1><p>We work with Okta, Stripe, Salesforce and WordPress users.</p>
<a href="https://www.linkedin.com/company/plain">LinkedIn</a>
<a href="https://www.salesforce.com/">Our CRM partner</a>
<a href="https://twitter.com/plain">Twitter</a></body></html>"#;
        let found = run(
            &[
                ("content-type", "text/html"),
                ("date", "Mon, 01 Jan 2024 00:00:00 GMT"),
                ("cache-control", "no-cache"),
            ],
            &["session"],
            body,
        );
        assert!(found.is_empty(), "{found:#?}");
        assert!(run(&[], &[], "").is_empty());
    }

    #[test]
    fn notes_are_short_and_sanitised() {
        let long = format!("cloudflare<script>alert(1)</script>{}", "x".repeat(500));
        let found = run(&[("cf-ray", &long)], &[], "");
        assert_eq!(found[0].note, "header cf-ray");
        let found = run(
            &[("server", "nginx\"<img src=x onerror=alert(1)>")],
            &[],
            "",
        );
        assert_eq!(found[0].name, "nginx");
        assert!(
            !found[0].note.contains('<') && !found[0].note.contains('"'),
            "{}",
            found[0].note
        );
        let body = format!(
            "<meta name=\"generator\" content=\"WordPress <b>{}</b>\">",
            "9".repeat(1000)
        );
        let found = run(&[], &[], &body);
        let wp = found.iter().find(|d| d.name == "WordPress").unwrap();
        assert!(wp.note.chars().count() <= 60, "{}", wp.note);
        assert!(!wp.note.contains('<'));
        assert_eq!(clean("a\u{0}b\nc", 10), "a_b_c");
    }

    #[test]
    fn scanner_reads_scripts_metas_and_links() {
        let page = extract(
            r#"<SCRIPT SRC='https://A.example/x.js?a=1&amp;b=2'></SCRIPT>
<script async src=//b.example/y.js></script><script>var s = "<div>";</script>
<meta property="og:site_name" content="Acme"><meta name=Generator content="Hugo 0.1">
<a href="/rel">x</a><a class=x href = "https://c.example/">c</a><abbr href="no">
<!-- <script src="https://commented.example/z.js"></script> -->
<form method=post action="https://d.example/f"></form><iframe src="https://e.example/"></iframe>"#,
        );
        assert_eq!(
            page.scripts,
            vec!["https://A.example/x.js?a=1&b=2", "//b.example/y.js"]
        );
        assert_eq!(
            page.metas,
            vec![
                ("og:site_name".to_string(), "Acme".to_string()),
                ("generator".to_string(), "Hugo 0.1".to_string())
            ]
        );
        assert_eq!(
            page.urls,
            vec![
                "/rel",
                "https://c.example/",
                "https://d.example/f",
                "https://e.example/"
            ]
        );
        assert_eq!(
            host_of("https://User@Acme.Okta.com:443/x").as_deref(),
            Some("acme.okta.com")
        );
        assert_eq!(
            host_of("//cdn.segment.com/a.js").as_deref(),
            Some("cdn.segment.com")
        );
        assert_eq!(host_of("/relative"), None);
        assert_eq!(host_of("javascript:alert(1)"), None);
        assert_eq!(host_of("https://<bad>/"), None);
    }

    #[test]
    fn hostile_markup_is_bounded() {
        // 100k scripts: capped.
        let many = "<script src=\"https://cdn.example/a.js\"></script>".repeat(100_000);
        let page = extract(&many);
        assert_eq!(page.scripts.len(), MAX_SCRIPTS);
        // A 10 MB attribute: skipped as an over-long tag, the script after it is still read.
        let huge = format!(
            "<script src=\"{}\"></script><div data-x=\"{}\"></div><script src=\"https://js.stripe.com/v3\"></script>",
            "a".repeat(10_000_000),
            "b".repeat(10_000_000)
        );
        let page = extract(&huge);
        assert_eq!(page.scripts, vec!["https://js.stripe.com/v3"]);
        assert_eq!(names(&run(&[], &[], &huge)), BTreeSet::from(["Stripe"]));
        // Unclosed tags, a comment that never ends, lone `<`s, a tag with no `>`.
        for body in [
            "<script src=\"https://js.stripe.com/v3\"".to_string(),
            "<!-- <script src=\"https://js.stripe.com/v3\">".to_string(),
            "<".repeat(1_000_000),
            "<script ".repeat(200_000),
            "<meta name=generator content=".repeat(100_000),
            format!("<a href=\"{}", "x".repeat(1_000_000)),
        ] {
            let page = extract(&body);
            assert!(page.scripts.is_empty(), "{:?}", &body[..40.min(body.len())]);
            let _ = run(&[], &[], &body);
        }
        let odd = "<script src=\"\u{1F600}\u{1F600}\">é<ü<<".repeat(10_000);
        assert_eq!(extract(&odd).scripts.len(), MAX_SCRIPTS);
        let _ = run(&[], &[], &odd);
        // `<script` inside a comment is not a script, nor is a commented-out snippet.
        let page = extract("<!-- <script src=\"https://evil.example/x.js\"></script> --><p>");
        assert!(page.scripts.is_empty());
        let found = run(
            &[],
            &[],
            "<!-- <script src=\"https://js.driftt.com/x.js\"></script> --><p>",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(outside_comments("a<!--b-->c<!--d"), vec!["a", "c"]);
        assert_eq!(outside_comments("<!---->x"), vec!["", "x"]);
        // Attribute values are cut.
        let page = extract(&format!(
            "<script src=\"https://x.example/{}\">",
            "y".repeat(5_000)
        ));
        assert_eq!(page.scripts[0].len(), MAX_VALUE);
        // Many attributes: capped, no panic.
        let page = extract(&format!(
            "<meta {} name=generator content=x>",
            "a=1 ".repeat(1_000)
        ));
        assert!(page.metas.is_empty());
    }
}
