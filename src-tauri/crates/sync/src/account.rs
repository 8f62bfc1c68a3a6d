//! The one way to reach a stored account's platform: its API root, its token opened from
//! the vault, and the budget every caller of that account shares. The window's commands
//! and the CLI's `pull`, `plan`, `apply` and `account test` all come through here, so a
//! change to how a client is made (a timeout, a header) happens once.

use crate::{Budgets, SyncError};
use switchboard_channels::ChannelService;
use switchboard_platform::{BaseUrl, Client, ClientConfig};
use switchboard_store::Account;

/// The account and a client for it, paced by the account's budget in `budgets`.
pub fn account_client(
    service: &ChannelService,
    account_id: &str,
    budgets: &Budgets,
) -> Result<(Account, Client), SyncError> {
    let account = service.account(account_id)?;
    let token = service.account_token(account_id)?;
    let base = BaseUrl::parse(&account.fields.base_url)?;
    let budget = budgets.for_account(&account.id, account.fields.rate_limit);
    let client = Client::new(base, token, budget, ClientConfig::default());
    Ok((account, client))
}
