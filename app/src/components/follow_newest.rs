//! The browser side of `state::scroll`: measures the newest message and the bars, knows
//! whether the rep has scrolled up or has a hand on a button, and scrolls — or counts the
//! message as new. Runs after the frame is drawn, so scrolling never delays an update.

use super::message_bubble::message_anchor;
use crate::domain::Role;
use crate::state::chat::ChatContext;
use crate::state::scroll::{Move, Newest, Rep, Screen, at_end, on_new_content};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlElement};

/// Keep the newest message in view as the chat grows, the rep's reading permitting.
pub fn follow_newest(chat: ChatContext) {
    let reading_above = RwSignal::new(false);
    let holding = RwSignal::new(false);
    // The control under the pointer, and where it was: it is kept there while the rep
    // reaches for it (content changing above it is made up for by scrolling) — until
    // the rep scrolls themselves.
    let pinned = StoredValue::new_local(None::<Pin>);
    // Reaching the end of the page (however it got there) is following again; only the rep
    // scrolling up (wheel, touch, keys) is reading above — not the browser keeping content
    // in place as messages change above it.
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if page_at_end() {
            reading_above.set(false);
            chat.unseen.set(Vec::new());
        }
    });
    let on_wheel = window_event_listener(leptos::ev::wheel, move |ev| {
        pinned.set_value(None);
        if ev.delta_y() < 0.0 {
            reading_above.set(true);
        }
    });
    let on_touch = window_event_listener(leptos::ev::touchmove, move |_| {
        pinned.set_value(None);
        // Which way is told by where the page ends up: at its end, the scroll listener
        // clears this again.
        reading_above.set(true);
    });
    let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
        if matches!(ev.key().as_str(), "PageUp" | "Home" | "ArrowUp") {
            pinned.set_value(None);
            reading_above.set(true);
        }
    });
    // A real move of the pointer, not content sliding under a still one.
    let on_pointer = window_event_listener(leptos::ev::pointermove, move |ev| {
        let control = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| {
                el.closest(".messages button, .messages a, .messages summary")
                    .ok()
            })
            .flatten();
        holding.set(control.is_some());
        let (same, generation) = pinned.with_value(|p| {
            let same = p
                .as_ref()
                .zip(control.as_ref())
                .is_some_and(|(pin, now)| pin.control == *now);
            (same, p.as_ref().map_or(0, |pin| pin.generation))
        });
        if same {
            return;
        }
        pinned.set_value(control.map(|control| Pin {
            top: control.get_bounding_client_rect().top(),
            control,
            generation: generation + 1,
        }));
        if pinned.with_value(Option::is_some) {
            keep_pinned(pinned, generation + 1);
        }
    });
    // A press is done reaching: what it brings may be shown.
    let on_press = window_event_listener(leptos::ev::click, move |_| {
        holding.set(false);
        pinned.set_value(None);
    });
    on_cleanup(move || {
        on_wheel.remove();
        on_touch.remove();
        on_key.remove();
        on_scroll.remove();
        on_pointer.remove();
        on_press.remove();
    });
    // What changed: the newest message (a new one, or a revision of it).
    let newest = Memo::new(move |_| {
        chat.view.with(|v| {
            (
                v.messages.len(),
                v.messages.last().map(|m| (m.id.clone(), m.revision)),
            )
        })
    });
    Effect::new(move |before: Option<usize>| {
        let (len, last) = newest.get();
        let Some((last_id, _)) = last else {
            return len;
        };
        let before = before.unwrap_or(0);
        let added: Vec<(String, Role)> = chat.view.with_untracked(|v| {
            v.messages[before.min(len)..]
                .iter()
                .map(|m| (m.id.clone(), m.role))
                .collect()
        });
        // Measured after the frame is drawn, with what the rep is doing by then.
        request_animation_frame(move || {
            let Some(newest) = element(&message_anchor(&last_id)) else {
                return;
            };
            let rep = Rep {
                reading_above: reading_above.get_untracked(),
                holding_control: holding.get_untracked() || focus_on_control(),
                // Typed or pressed on this page: its answer is shown.
                sent_it: chat.awaiting_answer.get_untracked(),
            };
            let rect = newest.get_bounding_client_rect();
            let screen = screen();
            let moved = on_new_content(
                screen,
                Newest {
                    top: rect.top(),
                    bottom: rect.bottom(),
                },
                rep,
            );
            if added.iter().any(|(_, r)| *r == Role::Assistant) {
                chat.awaiting_answer.set(false);
            }
            match moved {
                Move::ScrollBy(dy) => {
                    window().scroll_by_with_x_and_y(0.0, dy);
                    // Shown from its top (taller than the room): the rep is reading it now.
                    let from_top =
                        rect.bottom() - rect.top() > screen.bar_top - screen.header_bottom;
                    reading_above.set(from_top);
                }
                Move::Stay => {}
                Move::CountAsNew => chat.unseen.update(|u| {
                    for (id, role) in &added {
                        if *role == Role::Assistant && !u.contains(id) {
                            u.push(id.clone());
                        }
                    }
                }),
            }
            // A button's answer takes the focus the pressed (now folded) button had.
            let answered = added.iter().any(|(_, r)| *r == Role::Assistant);
            if answered && chat.focus_answer.get_untracked() {
                chat.focus_answer.set(false);
                if let Ok(el) = newest.dyn_into::<HtmlElement>() {
                    let options = leptos::web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = el.focus_with_options(&options);
                }
            }
        });
        len
    });
}

/// A control the pointer rests on, where it was, and which pin this is.
struct Pin {
    control: Element,
    top: f64,
    generation: u32,
}

/// Every frame while `generation`'s control is pinned: scroll by however far it drifted, so
/// it stays under the pointer. Stops when the pointer leaves it, it is pressed or gone.
fn keep_pinned(pinned: StoredValue<Option<Pin>, leptos::prelude::LocalStorage>, generation: u32) {
    request_animation_frame(move || {
        let drift = pinned.with_value(|p| {
            p.as_ref()
                .filter(|pin| pin.generation == generation && pin.control.is_connected())
                .map(|pin| pin.control.get_bounding_client_rect().top() - pin.top)
        });
        let Some(drift) = drift else {
            return;
        };
        if drift.abs() > 0.5 {
            window().scroll_by_with_x_and_y(0.0, drift);
        }
        keep_pinned(pinned, generation);
    });
}

/// "↓ N new" pressed: the first message that arrived meanwhile, from its top.
pub fn show_first_unseen(chat: ChatContext) {
    let first = chat.unseen.with_untracked(|u| u.first().cloned());
    chat.unseen.set(Vec::new());
    let Some(el) = first.and_then(|id| element(&message_anchor(&id))) else {
        return;
    };
    let top = el.get_bounding_client_rect().top();
    window().scroll_by_with_x_and_y(0.0, top - (screen().header_bottom + 8.0));
    if let Ok(el) = el.dyn_into::<HtmlElement>() {
        let options = leptos::web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

fn element(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// The viewport and the sticky bars.
fn screen() -> Screen {
    let viewport_height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let edge = |selector: &str, top: bool| {
        document()
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                if top { r.top() } else { r.bottom() }
            })
    };
    Screen {
        viewport_height,
        header_bottom: edge(".chat-header", false).unwrap_or(0.0).max(0.0),
        bar_top: edge(".dock", true)
            .unwrap_or(viewport_height)
            .min(viewport_height),
    }
}

/// Whether the page is scrolled to (near) its end.
fn page_at_end() -> bool {
    let w = window();
    let y = w.scroll_y().unwrap_or(0.0);
    let h = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let page = document()
        .document_element()
        .map(|e| f64::from(e.scroll_height()))
        .unwrap_or(0.0);
    at_end(y, h, page)
}

/// Keyboard focus is on a button or link in the conversation.
fn focus_on_control() -> bool {
    document()
        .active_element()
        .and_then(|el| {
            el.closest(".messages button, .messages a, .messages summary")
                .ok()
                .flatten()
        })
        .is_some()
}
