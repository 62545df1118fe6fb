//! Where the conversation scrolls when something new arrives. The rule: the newest content
//! is shown whole, between the sticky header and the message bar — its top when it is taller
//! than that room — but never while the rep has scrolled up to read or has a hand on a button;
//! then the new messages are counted ("↓ 3 new") and the page stays put.
//!
//! Pure: the browser glue in `components/message_list.rs` measures and scrolls.

/// What is on screen, in CSS pixels from the top of the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    pub viewport_height: f64,
    /// The bottom edge of the sticky header.
    pub header_bottom: f64,
    /// The top edge of the sticky message bar.
    pub bar_top: f64,
}

/// The newest message's box, from the top of the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Newest {
    pub top: f64,
    pub bottom: f64,
}

/// What the rep is doing when the content arrives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rep {
    /// Scrolled up, away from the newest message.
    pub reading_above: bool,
    /// A pointer is over (or keyboard focus is on) a button or link in the conversation.
    pub holding_control: bool,
    /// The newest message is the rep's own (they just sent it): always shown.
    pub sent_it: bool,
}

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Move {
    /// Scroll the page down by this many pixels.
    ScrollBy(f64),
    /// Already in view: nothing to do.
    Stay,
    /// The rep is busy elsewhere: count it as new, don't move.
    CountAsNew,
}

/// Room kept between the newest message and the bars, so its edge never touches them.
pub const MARGIN: f64 = 8.0;

/// How close to the end of the page still counts as "at the newest message".
pub const AT_END_SLACK: f64 = 48.0;

/// Where to scroll for new content.
pub fn on_new_content(screen: Screen, newest: Newest, rep: Rep) -> Move {
    if !rep.sent_it && (rep.reading_above || rep.holding_control) {
        return Move::CountAsNew;
    }
    let room = screen.bar_top - screen.header_bottom - 2.0 * MARGIN;
    let height = newest.bottom - newest.top;
    let dy = if height > room {
        // Taller than the room: its top, just under the header.
        newest.top - (screen.header_bottom + MARGIN)
    } else {
        // Its bottom just above the message bar.
        newest.bottom - (screen.bar_top - MARGIN)
    };
    // Only ever down: content that is already fully in view is not chased.
    if dy > 0.5 {
        Move::ScrollBy(dy)
    } else {
        Move::Stay
    }
}

/// Whether a page scrolled to `scroll_y` shows its end.
pub fn at_end(scroll_y: f64, viewport_height: f64, page_height: f64) -> bool {
    scroll_y + viewport_height >= page_height - AT_END_SLACK
}

/// The "↓ N new" label.
pub fn new_label(count: usize) -> String {
    format!("↓ {count} new")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1280×900 laptop: 60 px header, the message bar from 833 px.
    fn laptop() -> Screen {
        Screen {
            viewport_height: 900.0,
            header_bottom: 60.0,
            bar_top: 833.0,
        }
    }

    #[test]
    fn a_short_message_under_the_bar_is_lifted_above_it() {
        // The failure bubble that sat entirely under the 67 px bar.
        let newest = Newest {
            top: 850.0,
            bottom: 890.0,
        };
        assert_eq!(
            on_new_content(laptop(), newest, Rep::default()),
            Move::ScrollBy(890.0 - 825.0)
        );
    }

    #[test]
    fn a_long_answer_is_shown_from_its_top() {
        // The meeting-prep answer: 2.9 phone screens.
        let newest = Newest {
            top: 700.0,
            bottom: 700.0 + 2.9 * 900.0,
        };
        assert_eq!(
            on_new_content(laptop(), newest, Rep::default()),
            Move::ScrollBy(700.0 - 68.0)
        );
    }

    #[test]
    fn content_already_in_view_does_not_move_the_page() {
        let newest = Newest {
            top: 300.0,
            bottom: 400.0,
        };
        assert_eq!(on_new_content(laptop(), newest, Rep::default()), Move::Stay);
        // A long answer whose top is already under the header is not scrolled back up.
        let read = Newest {
            top: 20.0,
            bottom: 3000.0,
        };
        assert_eq!(on_new_content(laptop(), read, Rep::default()), Move::Stay);
    }

    #[test]
    fn a_rep_reading_above_or_reaching_for_a_button_is_left_alone() {
        let newest = Newest {
            top: 850.0,
            bottom: 890.0,
        };
        for rep in [
            Rep {
                reading_above: true,
                ..Rep::default()
            },
            Rep {
                holding_control: true,
                ..Rep::default()
            },
        ] {
            assert_eq!(on_new_content(laptop(), newest, rep), Move::CountAsNew);
        }
        // Their own message is always shown.
        let sent = Rep {
            reading_above: true,
            holding_control: true,
            sent_it: true,
        };
        assert!(matches!(
            on_new_content(laptop(), newest, sent),
            Move::ScrollBy(_)
        ));
    }

    #[test]
    fn the_end_of_the_page_has_some_slack() {
        assert!(at_end(1100.0, 900.0, 2000.0));
        assert!(at_end(1060.0, 900.0, 2000.0));
        assert!(!at_end(900.0, 900.0, 2000.0));
        assert_eq!(new_label(3), "↓ 3 new");
    }
}
