//! One request budget per account, shared by every caller in the process (the window's
//! pull, a test of the same account, an apply), so that together they stay under the
//! platform's limit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard_platform::{Budget, BudgetConfig};

#[derive(Default)]
pub struct Budgets {
    by_account: Mutex<HashMap<String, (u32, Arc<Budget>)>>,
}

impl Budgets {
    /// The account's budget, made at `limit` requests per minute on first use (and made
    /// again when the account's limit changed).
    pub fn for_account(&self, account_id: &str, limit: u32) -> Arc<Budget> {
        let mut map = self.by_account.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(account_id) {
            Some((l, b)) if *l == limit => b.clone(),
            _ => {
                let b = Arc::new(Budget::new(BudgetConfig {
                    limit,
                    window: Duration::from_secs(60),
                    share: 0.8,
                }));
                map.insert(account_id.to_owned(), (limit, b.clone()));
                b
            }
        }
    }
}
