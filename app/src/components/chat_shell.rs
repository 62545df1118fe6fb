//! The chat page's frame: provides the chat state, follows the live feed, lays out the parts.

use super::chat_header::ChatHeader;
use super::chat_input::ChatInput;
use super::message_list::{MessageList, NewBelow};
use crate::ports::ChatSnapshot;
use crate::state::chat::ChatContext;
use leptos::prelude::*;

#[component]
pub fn ChatShell(
    snapshot: ChatSnapshot,
    /// Why a message posted as a plain form was not sent, if it was not.
    #[prop(default = None)]
    refused: Option<&'static str>,
) -> impl IntoView {
    let chat = ChatContext::new(snapshot.view);
    chat.provide();
    if let Some(why) = refused {
        chat.error.set(Some(why.to_string()));
    }
    #[cfg(feature = "hydrate")]
    crate::realtime::follow(chat, snapshot.feed.clone());
    #[cfg(not(feature = "hydrate"))]
    let _ = snapshot.feed;
    // The message bar, kept at the bottom of the window ("↓ N new" just above it). Erased
    // to `AnyView` like the list, so the page's view type stays shallow.
    let dock = view! {
        <div class="dock">
            <NewBelow/>
            <ChatInput/>
        </div>
    }
    .into_any();
    view! {
        <div class="chat">
            <ChatHeader/>
            {view! { <MessageList/> }.into_any()}
            {dock}
        </div>
    }
}
