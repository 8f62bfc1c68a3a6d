//! Long tasks started from the UI carry a task id chosen by the UI; the registry maps it
//! to a cancellation token so `cancel_task` can stop it. Tokens are removed when the task
//! ends, whatever the outcome (the guard's Drop), so the map never grows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use switchboard_core::progress::CancellationToken;

#[derive(Default, Clone)]
pub struct TaskRegistry(Arc<Mutex<HashMap<String, CancellationToken>>>);

pub struct TaskGuard {
    registry: TaskRegistry,
    id: String,
    pub token: CancellationToken,
}

impl TaskRegistry {
    pub fn start(&self, id: &str) -> TaskGuard {
        let token = CancellationToken::new();
        let previous = self.0.lock().unwrap().insert(id.to_owned(), token.clone());
        // A reused id means the UI restarted the same task: the old run must stop.
        if let Some(old) = previous {
            old.cancel();
        }
        TaskGuard {
            registry: self.clone(),
            id: id.to_owned(),
            token,
        }
    }

    /// True when a running task was told to stop.
    pub fn cancel(&self, id: &str) -> bool {
        match self.0.lock().unwrap().get(id) {
            Some(t) => {
                t.cancel();
                true
            }
            None => false,
        }
    }

    #[cfg(test)]
    pub fn running(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        let mut map = self.registry.0.lock().unwrap();
        // Only remove our own token, not one a restarted task put under the same id.
        if map
            .get(&self.id)
            .is_some_and(|t| t.is_cancelled() || !self.token.is_cancelled())
        {
            map.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_reaches_the_task_and_the_entry_goes_away() {
        let reg = TaskRegistry::default();
        let guard = reg.start("t1");
        assert_eq!(reg.running(), 1);
        assert!(reg.cancel("t1"));
        assert!(guard.token.is_cancelled());
        drop(guard);
        assert_eq!(reg.running(), 0);
        assert!(!reg.cancel("t1"), "nothing left to cancel");
    }

    #[test]
    fn restarting_an_id_cancels_the_previous_run() {
        let reg = TaskRegistry::default();
        let first = reg.start("same");
        let second = reg.start("same");
        assert!(first.token.is_cancelled());
        assert!(!second.token.is_cancelled());
        drop(first);
        assert_eq!(reg.running(), 1, "the new run stays registered");
        drop(second);
        assert_eq!(reg.running(), 0);
    }
}
