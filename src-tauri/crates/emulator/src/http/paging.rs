//! Query parameters shared by the list endpoints, read as the platform reads them:
//! `offset` from 0, `limit` 30 by default and at most 150 (larger values are clamped, as
//! the spec words it, "max value is 150"). Non-integers and values outside int32 are
//! refused with 422; a negative offset or limit counts as 0.

use super::Fail;
use crate::params::rack::{self, Param};
use axum::http::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const DEFAULT_LIMIT: i64 = 30;
pub const MAX_LIMIT: i64 = 150;

pub struct Query(pub BTreeMap<String, Param>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Result<Query, Fail> {
        rack::parse(raw.unwrap_or_default())
            .map(Query)
            .map_err(|e| invalid(&e.to_string()))
    }

    /// A scalar parameter (a repeated one is a type error).
    pub fn str(&self, name: &str) -> Result<Option<&str>, Fail> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Param::Str(s)) => Ok(Some(s)),
            Some(_) => Err(invalid(&format!("{name} must be a single value"))),
        }
    }

    pub fn int32(&self, name: &str) -> Result<Option<i64>, Fail> {
        let Some(s) = self.str(name)? else {
            return Ok(None);
        };
        let v: i64 = s
            .trim()
            .parse()
            .map_err(|_| invalid(&format!("{name} must be an integer")))?;
        if v < i64::from(i32::MIN) || v > i64::from(i32::MAX) {
            return Err(invalid(&format!("{name} is out of range")));
        }
        Ok(Some(v))
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, Fail> {
        match self.str(name)? {
            None => Ok(None),
            Some("true" | "1" | "t") => Ok(Some(true)),
            Some("false" | "0" | "f") => Ok(Some(false)),
            Some(_) => Err(invalid(&format!("{name} must be a boolean"))),
        }
    }

    /// `(offset, limit)`.
    pub fn page(&self) -> Result<(usize, usize), Fail> {
        let offset = self.int32("offset")?.unwrap_or(0).max(0);
        let limit = self
            .int32("limit")?
            .unwrap_or(DEFAULT_LIMIT)
            .clamp(0, MAX_LIMIT);
        Ok((offset as usize, limit as usize))
    }
}

pub fn invalid(message: &str) -> Fail {
    Fail::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_parameters",
        message,
    )
}

/// `{count, offset, limit, records}` of one page of `all`.
pub fn page_of(all: Vec<Value>, offset: usize, limit: usize) -> Value {
    let count = all.len();
    let records: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
    json!({"count": count, "offset": offset, "limit": limit, "records": records})
}
