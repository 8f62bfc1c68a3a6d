//! E-mail connection diagnosis for Switchboard: IMAP, SMTP and Postmark checked step by
//! step against the settings on screen, with the server's replies, a localized
//! explanation and the form fields to highlight for each step; folder discovery for the
//! pickers; settings auto-detection from an address. No Tauri here: the shell streams the
//! `ProgressEvent`s to the UI, the CLI prints them.
//!
//! ```ignore
//! let report = switchboard_mailcheck::diagnose(&settings, &sink, &cancel).await;
//! ```

pub mod autodetect;
pub mod diagnosis;
pub mod document;
pub mod explain;
pub mod harness;
pub mod imap;
pub mod net;
pub mod postmark;
pub mod report;
pub mod settings;
pub mod smtp;
pub mod step;
pub mod tap;
pub mod tls;

pub use autodetect::{autodetect, Candidate, ProbeOptions, Proposal, ProposalSource, ServerGuess};
pub use diagnosis::{diagnose, diagnose_with};
pub use document::from_document;
pub use report::{DiagnosisReport, Folder, Protocol, StepReport};
pub use settings::{
    ImapSettings, MailSettings, PostmarkSettings, Security, ServerSettings, SmtpSettings,
    SslVerifyMode, Timeouts,
};
pub use step::StepListener;
