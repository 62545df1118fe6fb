//! The one error type the browser sees. Internal causes are logged on the server and never
//! sent to the client.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// An error as shown to the rep, with the HTTP status it maps to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 400: the input was refused; the message says why and how to fix it.
    #[error("{0}")]
    BadInput(String),
    /// 404: no such thing, or it belongs to someone else.
    #[error("{0}")]
    NotFound(String),
    /// 429: too many of these in a short time; the message says when to try again.
    #[error("{0}")]
    TooMany(String),
    /// 503: a dependency is down; try again.
    #[error("Dossier is busy or restarting. Please try again in a moment.")]
    Unavailable,
    /// 500: a bug; details are in the server log.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The call never reached the server or came back garbled (the browser's own words are
    /// kept for the log, not shown).
    #[error("Couldn't reach Dossier — check your connection, then press Retry.")]
    Transport(String),
}

impl AppError {
    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadInput(_) => 400,
            AppError::NotFound(_) => 404,
            AppError::TooMany(_) => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                AppError::BadInput(format!("Malformed request: {msg}"))
            }
            ServerFnErrorErr::Request(msg) | ServerFnErrorErr::Response(msg) => {
                AppError::Transport(msg)
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl From<crate::domain::query::TextError> for AppError {
    fn from(e: crate::domain::query::TextError) -> Self {
        AppError::BadInput(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_connection_is_said_in_plain_words() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Request(
            "TypeError: Failed to fetch".into(),
        ));
        assert_eq!(
            e.to_string(),
            "Couldn't reach Dossier — check your connection, then press Retry."
        );
        assert!(!e.to_string().contains("TypeError"));
    }
}
