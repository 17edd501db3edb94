//! Coalescing a burst of folder changes (a `git pull` of hundreds of files)
//! into one reload.

use std::time::{Duration, Instant};

/// Changes settle this long before a reload...
pub const SETTLE: Duration = Duration::from_millis(200);
/// ...but a steady stream of changes reloads at least this often.
pub const MAX_DELAY: Duration = Duration::from_millis(800);

/// Collects change notices and says when to reload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Debounce {
    /// The first and the last change not yet reloaded.
    pending: Option<(Instant, Instant)>,
}

impl Debounce {
    /// A change happened at `now`.
    pub fn changed(&mut self, now: Instant) {
        let first = self.pending.map_or(now, |(first, _)| first);
        self.pending = Some((first, now));
    }

    /// When the pending changes will be due, if there are any: the loop
    /// sleeps until then and no longer.
    pub fn due_at(&self) -> Option<Instant> {
        self.pending.map(|(first, last)| (last + SETTLE).min(first + MAX_DELAY))
    }

    /// True once when the changes have settled (or waited long enough);
    /// the pending changes are then taken.
    pub fn take_due(&mut self, now: Instant) -> bool {
        match self.pending {
            Some((first, last)) if now - last >= SETTLE || now - first >= MAX_DELAY => {
                self.pending = None;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_becomes_one_reload() {
        let t0 = Instant::now();
        let ms = |n| t0 + Duration::from_millis(n);
        let mut d = Debounce::default();
        assert!(!d.take_due(ms(0)), "nothing changed");
        // 300 files within 150 ms, as a git pull writes them.
        for i in 0..300 {
            d.changed(ms(i / 2));
            assert!(!d.take_due(ms(i / 2)));
        }
        assert!(!d.take_due(ms(149 + 199)));
        assert!(d.take_due(ms(149 + 200)), "one reload once they settle");
        assert!(!d.take_due(ms(1_000)), "and only one");
    }

    #[test]
    fn a_steady_stream_still_reloads() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        let mut reloads = 0;
        // A change every 100 ms for 2 s never settles, yet reloads happen.
        for i in 0..20 {
            let now = t0 + Duration::from_millis(i * 100);
            d.changed(now);
            if d.take_due(now) {
                reloads += 1;
            }
        }
        assert_eq!(reloads, 2);
    }
}
