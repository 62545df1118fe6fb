//! `/signin` and `/signup`: plain forms posted to the server (`/auth/signin`,
//! `/auth/signup`), so they work before the WASM arrives or without JavaScript at all. A
//! form that fails comes back here with the problem's code (`?error=wrong`), shown as text.

use crate::domain::access::AccessProblem;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The problem the page was sent back with, if it names one.
fn problem() -> impl Fn() -> Option<&'static str> {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("error")
            .and_then(|c| AccessProblem::from_code(&c))
            .map(AccessProblem::text)
    }
}

#[component]
fn Problem() -> impl IntoView {
    let text = problem();
    move || text().map(|t| view! { <p class="access-error" role="alert">{t}</p> })
}

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <div class="access-page">
            <h1>"Sign in to Dossier"</h1>
            <Problem/>
            <form class="access-form" method="post" action="/auth/signin">
                <label>"Email" <input type="email" name="email" required autocomplete="username"/></label>
                <label>
                    "Password"
                    <input type="password" name="password" required autocomplete="current-password"/>
                </label>
                <button type="submit">"Sign in"</button>
            </form>
            <p class="access-other">"Have an invite? " <a href="/signup">"Create your account"</a></p>
        </div>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let query = use_query_map();
    let invite = move || query.read().get("invite").unwrap_or_default();
    view! {
        <div class="access-page">
            <h1>"Create your account"</h1>
            <p class="access-note">
                "The first account owns this workspace and invites the team."
            </p>
            <Problem/>
            <form class="access-form" method="post" action="/auth/signup">
                <label>"Name" <input type="text" name="name" required autocomplete="name" maxlength="100"/></label>
                <label>"Email" <input type="email" name="email" required autocomplete="email"/></label>
                <label>
                    "Password"
                    <input
                        type="password"
                        name="password"
                        required
                        minlength="8"
                        autocomplete="new-password"
                    />
                </label>
                <input type="hidden" name="invite" prop:value=invite value=invite/>
                <button type="submit">"Create account"</button>
            </form>
            <p class="access-other">"Already have an account? " <a href="/signin">"Sign in"</a></p>
        </div>
    }
}
