//! Runs the steps of one protocol: each step is announced (Running), bounded by its own
//! timeout and the shared cancellation token, timed, and recorded with its outcome. After
//! a failure or a cancellation the remaining planned steps are reported as Skipped, so the
//! UI never shows a step spinning forever.

use crate::explain;
use crate::report::{Protocol, StepReport};
use crate::tap::ReplyLog;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use switchboard_core::progress::{
    bounded, CancellationToken, ProgressEvent, ProgressSink, StepError, StepStatus,
};
use switchboard_core::Msg;

/// Called with each finished step (fields and server reply included), beside the
/// `ProgressSink`, whose event shape is shared with other long tasks.
pub type StepListener<'a> = dyn Fn(&StepReport) + Send + Sync + 'a;

/// A step that did not succeed: what to tell the user and which fields to highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub message: Msg,
    pub fields: Vec<String>,
    /// Set when the reply did not come through the tapped stream (HTTP, lettre errors).
    pub reply: Option<String>,
}

impl Failure {
    pub fn new(message: Msg, fields: &[String]) -> Failure {
        Failure {
            message,
            fields: fields.to_vec(),
            reply: None,
        }
    }
    pub fn with_reply(mut self, reply: impl Into<String>) -> Failure {
        self.reply = Some(reply.into());
        self
    }
}

/// A successful step's extras.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Done {
    pub message: Option<Msg>,
    /// Success with a caveat (verification off): StepStatus::Warning.
    pub warning: bool,
    pub fields: Vec<String>,
    pub reply: Option<String>,
}

impl Done {
    pub fn note(message: Msg) -> Done {
        Done {
            message: Some(message),
            ..Done::default()
        }
    }
    pub fn warn(message: Msg, fields: &[String]) -> Done {
        Done {
            message: Some(message),
            warning: true,
            fields: fields.to_vec(),
            reply: None,
        }
    }
}

/// The step did not succeed; the caller stops this protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop;

pub struct Shared<'a> {
    pub sink: &'a dyn ProgressSink,
    pub listener: Option<&'a StepListener<'a>>,
    pub cancel: &'a CancellationToken,
    pub steps: &'a Mutex<Vec<StepReport>>,
    /// Secrets to scrub from any server reply before it is recorded.
    pub secrets: Vec<String>,
    /// Steps ended / steps known so far, for `ProgressEvent::Progress` (the total grows
    /// when IMAP learns which folders to open).
    pub progress: Mutex<(u32, u32)>,
}

pub struct Recorder<'a> {
    pub shared: &'a Shared<'a>,
    pub protocol: Protocol,
    /// Step keys planned for this protocol, to report the untouched ones as Skipped.
    plan: Vec<String>,
    reached: Vec<String>,
    pub replies: ReplyLog,
}

impl<'a> Recorder<'a> {
    pub fn new(shared: &'a Shared<'a>, protocol: Protocol, plan: Vec<String>) -> Recorder<'a> {
        shared.progress.lock().unwrap().1 += plan.len() as u32;
        Recorder {
            shared,
            protocol,
            plan,
            reached: Vec::new(),
            replies: ReplyLog::default(),
        }
    }

    pub fn label(step: &str) -> Msg {
        // `imap.select:Sent` → `mailcheck-step-imap-select` with the folder as argument.
        let (base, arg) = match step.split_once(':') {
            Some((b, a)) => (b, Some(a)),
            None => (step, None),
        };
        let m = Msg::new(format!("mailcheck-step-{}", base.replace(['.', '_'], "-")));
        match arg {
            Some(a) => m.arg("folder", a),
            None => m,
        }
    }

    fn emit(&self, step: &str, status: StepStatus, duration_ms: Option<u64>, detail: Option<Msg>) {
        self.shared.sink.emit(ProgressEvent::Step {
            step: step.to_owned(),
            label: Self::label(step),
            status,
            duration_ms,
            detail,
        });
    }

    /// Steps added to the plan once known (one per folder to open).
    pub fn plan_more(&mut self, keys: impl IntoIterator<Item = String>) {
        let before = self.plan.len();
        self.plan.extend(keys);
        self.shared.progress.lock().unwrap().1 += (self.plan.len() - before) as u32;
    }

    fn record(&mut self, report: StepReport) {
        let counted = self.plan.contains(&report.step) && !self.reached.contains(&report.step);
        self.reached.push(report.step.clone());
        self.emit(
            &report.step,
            report.status,
            Some(report.duration_ms),
            report.message.clone(),
        );
        if counted {
            let (done, total) = {
                let mut p = self.shared.progress.lock().unwrap();
                p.0 += 1;
                *p
            };
            self.shared
                .sink
                .emit(ProgressEvent::Progress { done, total });
        }
        if let Some(l) = self.shared.listener {
            l(&report);
        }
        self.shared.steps.lock().unwrap().push(report);
    }

    fn scrub(&self, text: String) -> String {
        crate::tap::scrub(&text, &self.shared.secrets)
    }

    /// Runs one step. `on_timeout` explains a step that ran out of time (its meaning
    /// depends on the step: a silent port, a TLS port spoken to in plain text, ...).
    /// After a failure, the rest of the plan is reported as Skipped.
    pub async fn run<T>(
        &mut self,
        step: &str,
        limit: Duration,
        on_timeout: impl FnOnce(Duration) -> Failure,
        fut: impl Future<Output = Result<(T, Done), Failure>>,
    ) -> Result<T, Stop> {
        self.run_step(step, limit, on_timeout, fut, true).await
    }

    /// Like `run`, for a step whose failure does not prevent the next ones (opening one
    /// folder among several). A cancellation still ends everything.
    pub async fn run_independent<T>(
        &mut self,
        step: &str,
        limit: Duration,
        on_timeout: impl FnOnce(Duration) -> Failure,
        fut: impl Future<Output = Result<(T, Done), Failure>>,
    ) -> Result<T, Stop> {
        self.run_step(step, limit, on_timeout, fut, false).await
    }

    async fn run_step<T>(
        &mut self,
        step: &str,
        limit: Duration,
        on_timeout: impl FnOnce(Duration) -> Failure,
        fut: impl Future<Output = Result<(T, Done), Failure>>,
        chained: bool,
    ) -> Result<T, Stop> {
        self.emit(step, StepStatus::Running, None, None);
        self.replies.clear();
        let start = Instant::now();
        let result = bounded(self.shared.cancel, limit, fut).await;
        let duration_ms = start.elapsed().as_millis() as u64;
        let tapped = self.replies.take();
        let base = StepReport {
            protocol: self.protocol,
            step: step.to_owned(),
            label: Self::label(step),
            status: StepStatus::Ok,
            duration_ms,
            fields: vec![],
            message: None,
            server_reply: None,
        };
        let reply = |own: Option<String>| -> Option<String> {
            let text = own.or(tapped.clone()).filter(|t| !t.trim().is_empty())?;
            Some(text.trim_end().to_owned())
        };
        match result {
            Ok((value, done)) => {
                let server_reply = reply(done.reply).map(|r| self.scrub(r));
                self.record(StepReport {
                    status: if done.warning {
                        StepStatus::Warning
                    } else {
                        StepStatus::Ok
                    },
                    fields: done.fields,
                    message: done.message,
                    server_reply,
                    ..base
                });
                Ok(value)
            }
            Err(e) => {
                let (status, failure) = match e {
                    StepError::Cancelled => (
                        StepStatus::Cancelled,
                        Failure::new(Msg::new("mailcheck-cancelled"), &[]),
                    ),
                    // A server is untrusted input: past its byte limit, the step says
                    // so whatever error the client crate made of it; out of time while
                    // the server was still sending is not "said nothing".
                    _ if self.replies.overflowed() => (
                        StepStatus::Failed,
                        explain::reply_too_long(self.protocol, self.replies.limit()),
                    ),
                    StepError::TimedOut(d) if self.replies.total() > 0 => (
                        StepStatus::Failed,
                        explain::reply_incomplete(self.protocol, d, self.replies.total()),
                    ),
                    StepError::TimedOut(d) => (StepStatus::Failed, on_timeout(d)),
                    StepError::Failed(f) => (StepStatus::Failed, f),
                };
                let server_reply = reply(failure.reply).map(|r| self.scrub(r));
                self.record(StepReport {
                    status,
                    fields: failure.fields,
                    message: Some(failure.message),
                    server_reply,
                    ..base
                });
                let cancelled = status == StepStatus::Cancelled;
                if chained || cancelled {
                    self.skip_rest(cancelled);
                }
                Err(Stop)
            }
        }
    }

    /// Records a step that was not run, with the reason.
    pub fn skip(&mut self, step: &str, why: Msg) {
        self.record(StepReport {
            protocol: self.protocol,
            step: step.to_owned(),
            label: Self::label(step),
            status: StepStatus::Skipped,
            duration_ms: 0,
            fields: vec![],
            message: Some(why),
            server_reply: None,
        });
    }

    /// Reports every planned step not reached yet as Skipped, saying why.
    pub fn skip_rest(&mut self, cancelled: bool) {
        let why = if cancelled {
            "mailcheck-skipped-after-cancel"
        } else {
            "mailcheck-skipped-after-failure"
        };
        let rest: Vec<String> = self
            .plan
            .iter()
            .filter(|k| !self.reached.contains(k))
            .cloned()
            .collect();
        for k in rest {
            self.skip(&k, Msg::new(why));
        }
    }
}
