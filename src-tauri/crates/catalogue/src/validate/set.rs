//! Rules across a set of channels: unique names, and Twitter search channels replying
//! through a Twitter channel of the set.

use crate::document::{get, kind_of, name_of};
use crate::model::Kind;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use switchboard_core::{FieldMsg, Msg};
use ts_rs::TS;

/// A problem of the channel at `index` in the set.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SetProblem {
    pub index: usize,
    pub problem: FieldMsg,
}

fn norm(name: &str) -> String {
    name.trim().to_lowercase()
}

pub fn validate_set(docs: &[Value]) -> Vec<SetProblem> {
    let mut out = Vec::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let Some(n) = name_of(d).filter(|n| !n.trim().is_empty()) {
            by_name.entry(norm(n)).or_default().push(i);
        }
    }
    for (i, d) in docs.iter().enumerate() {
        let Some(n) = name_of(d).filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        if by_name.get(&norm(n)).is_some_and(|v| v.len() > 1) {
            out.push(SetProblem {
                index: i,
                problem: FieldMsg::new(
                    "general.name",
                    Msg::new("val-name-duplicate").arg("name", n),
                ),
            });
        }
    }
    let twitter_names: HashSet<String> = docs
        .iter()
        .filter(|d| kind_of(d) == Some(Kind::Twitter))
        .filter_map(|d| name_of(d).map(norm))
        .collect();
    for (i, d) in docs.iter().enumerate() {
        if kind_of(d) != Some(Kind::TwitterSearch) {
            continue;
        }
        let Some(target) = get(d, "twitter_search.twitter_channel").and_then(Value::as_str) else {
            continue;
        };
        if !twitter_names.contains(&norm(target)) {
            out.push(SetProblem {
                index: i,
                problem: FieldMsg::new(
                    "twitter_search.twitter_channel",
                    Msg::new("val-twitter-channel-unknown").arg("name", target),
                ),
            });
        }
    }
    out
}
