//! What a diagnosis returns: one entry per step, in the order they ended, plus the folder
//! list for the pickers. Everything here crosses IPC and the CLI's `--json` as is.

use serde::Serialize;
use switchboard_core::{progress::StepStatus, Msg};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Protocol {
    Imap,
    Smtp,
    Postmark,
}

impl Protocol {
    /// The lower-case name used in step keys (`imap.login`) and field paths (`smtp.port`).
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Imap => "imap",
            Protocol::Smtp => "smtp",
            Protocol::Postmark => "postmark",
        }
    }
}

impl std::fmt::Display for Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StepReport {
    pub protocol: Protocol,
    /// Stable key: `imap.connect`, `smtp.auth`, `imap.select:Sent`, ...
    pub step: String,
    /// What the user reads as the step's name.
    pub label: Msg,
    pub status: StepStatus,
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// Form fields to highlight (`imap.username`, `smtp.port`, ...).
    pub fields: Vec<String>,
    /// What happened and what to do, for a failure or a warning; a short note otherwise.
    #[ts(optional)]
    pub message: Option<Msg>,
    /// The server's own words (credentials scrubbed).
    #[ts(optional)]
    pub server_reply: Option<String>,
}

/// One mailbox from LIST, for "Folders to synchronize" / "Folder for sent messages".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Folder {
    /// Decoded from modified UTF-7 (`Réclamations`).
    pub name: String,
    /// As the server spells it (`R&AOk-clamations`): what IMAP commands use.
    pub raw: String,
    #[ts(optional)]
    pub delimiter: Option<String>,
    /// SPECIAL-USE attribute without the backslash (`Sent`, `Drafts`, `Trash`, ...).
    #[ts(optional)]
    pub special_use: Option<String>,
    /// False for `\Noselect` / `\NonExistent` entries (hierarchy only).
    pub selectable: bool,
    /// The server's name is not valid modified UTF-7: `name` is the raw name, to be shown
    /// as is and marked (`mailcheck-folder-undecodable`).
    pub undecodable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DiagnosisReport {
    /// True when no step failed and the test was not cancelled (warnings allowed).
    pub ok: bool,
    pub cancelled: bool,
    pub steps: Vec<StepReport>,
    pub folders: Vec<Folder>,
}

impl DiagnosisReport {
    pub fn step(&self, key: &str) -> Option<&StepReport> {
        self.steps.iter().find(|s| s.step == key)
    }

    pub fn failed_steps(&self) -> impl Iterator<Item = &StepReport> {
        self.steps.iter().filter(|s| s.status == StepStatus::Failed)
    }
}
