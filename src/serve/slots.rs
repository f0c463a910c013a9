//! A cap on the connections answered at once, so that a flood of connections
//! (idle ones included) never makes more threads than the cap.

use std::sync::{Arc, Mutex};

/// Connections answered at once. A browser opens about six per server, plus one
/// reload stream per visible tab: far fewer.
pub const MAX_CONNECTIONS: usize = 64;

/// A counting semaphore that never waits: over the cap, a connection is refused.
#[derive(Debug, Clone)]
pub struct Slots {
    used: Arc<Mutex<usize>>,
    cap: usize,
}

/// One connection's slot, given back when dropped.
#[derive(Debug)]
pub struct Slot {
    used: Arc<Mutex<usize>>,
}

impl Slots {
    pub fn new(cap: usize) -> Slots {
        Slots {
            used: Arc::new(Mutex::new(0)),
            cap,
        }
    }

    /// A slot, or None when all are taken.
    pub fn take(&self) -> Option<Slot> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if *used >= self.cap {
            return None;
        }
        *used += 1;
        Some(Slot {
            used: Arc::clone(&self.used),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_no_more_than_the_cap() {
        let slots = Slots::new(2);
        let a = slots.take().unwrap();
        let _b = slots.take().unwrap();
        assert!(slots.take().is_none());
        drop(a);
        assert!(slots.take().is_some());
    }
}
