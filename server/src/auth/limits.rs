//! Sign-in attempts (and password changes) per email and per address: a burst
//! of 10, then one more every 90 s (10 per 15 minutes once the burst is spent), so a password
//! cannot be guessed from one place or for one rep (governor's keyed limiters). Every attempt
//! counts, a successful one too.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// Attempts allowed per window.
pub const ATTEMPTS: u32 = 10;
/// The window they are counted over.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// The sign-in limiters.
pub struct SignInLimits {
    by_email: DefaultKeyedRateLimiter<String>,
    by_ip: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

impl Default for SignInLimits {
    fn default() -> Self {
        let attempts = NonZeroU32::new(ATTEMPTS).expect("a positive number of attempts");
        let quota = Quota::with_period(WINDOW / ATTEMPTS)
            .expect("a positive period")
            .allow_burst(attempts);
        Self {
            by_email: RateLimiter::keyed(quota),
            by_ip: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        }
    }
}

impl SignInLimits {
    /// Count one attempt for `email` from `ip`; `Err` with how long to wait when either
    /// has used its attempts.
    pub fn attempt(&self, email: &str, ip: Option<IpAddr>) -> Result<(), Duration> {
        let now = self.clock.now();
        let wait = |e: governor::NotUntil<_>| e.wait_time_from(now).max(Duration::from_secs(1));
        if let Some(ip) = ip {
            self.by_ip.check_key(&ip).map_err(wait)?;
        }
        self.by_email.check_key(&email.to_string()).map_err(wait)
    }

    /// Forget keys that are back to full (called now and then).
    pub fn tidy(&self) {
        self.by_email.retain_recent();
        self.by_ip.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_attempt_waits() {
        let limits = SignInLimits::default();
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        for n in 0..ATTEMPTS {
            let other: IpAddr = format!("198.51.100.{n}").parse().unwrap();
            assert!(limits.attempt("dana@acme.com", Some(other)).is_ok());
        }
        let wait = limits.attempt("dana@acme.com", Some(ip)).unwrap_err();
        assert!(wait >= Duration::from_secs(1) && wait <= WINDOW, "{wait:?}");
        // Another rep is not held back by Dana's attempts...
        assert!(limits.attempt("sam@acme.com", Some(ip)).is_ok());
    }

    #[test]
    fn one_address_trying_many_emails_is_held_back() {
        let limits = SignInLimits::default();
        let ip: IpAddr = "203.0.113.8".parse().unwrap();
        for n in 0..ATTEMPTS {
            assert!(
                limits
                    .attempt(&format!("rep{n}@acme.com"), Some(ip))
                    .is_ok()
            );
        }
        assert!(limits.attempt("new@acme.com", Some(ip)).is_err());
    }
}
