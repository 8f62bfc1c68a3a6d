//! The operations Switchboard uses, one method each, named after the spec's operationIds.

use crate::client::{Call, Client};
use crate::error::ApiError;
use crate::model::{Category, ChannelGroup, Community, Event, Locale, Page, Role, TimeSheet, User};
use crate::query::rack_pairs;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;

/// The platform's largest page.
pub const PAGE_SIZE: u32 = 150;

/// A platform source, as the API sends it (mapped by the catalogue).
pub type SourceRecord = Map<String, Value>;

fn decode<T: DeserializeOwned>(v: Value, what: &str) -> Result<T, ApiError> {
    serde_json::from_value(v).map_err(|e| ApiError::Decode {
        detail: format!("{what}: {e}"),
    })
}

/// More records than any account's reference list holds (communities, categories...).
const MAX_LIST_RECORDS: usize = 100_000;

/// Path segments are ids from the server or the user: keep them one segment.
fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

impl Client {
    async fn get(
        &self,
        template: &'static str,
        path: String,
        query: Vec<(String, String)>,
        cancel: &CancellationToken,
    ) -> Result<Value, ApiError> {
        self.call(Call {
            method: Method::GET,
            template,
            path,
            query,
            cancel,
        })
        .await
    }

    /// `getAllSources`: one page, oldest first.
    pub async fn sources_page(
        &self,
        offset: u32,
        limit: u32,
        cancel: &CancellationToken,
    ) -> Result<Page<SourceRecord>, ApiError> {
        let q = vec![
            ("offset".into(), offset.to_string()),
            ("limit".into(), limit.min(PAGE_SIZE).to_string()),
        ];
        let v = self
            .get("/content_sources", "/content_sources".into(), q, cancel)
            .await?;
        decode(v, "sources page")
    }

    /// `getSource`.
    pub async fn source(
        &self,
        id: &str,
        cancel: &CancellationToken,
    ) -> Result<SourceRecord, ApiError> {
        let path = format!("/content_sources/{}", segment(id));
        let v = self
            .get("/content_sources/{sourceId}", path, vec![], cancel)
            .await?;
        decode(v, "source")
    }

    /// `updateSource`: a partial update with exactly `params` (API names and values).
    /// Returns the record as the server now has it.
    pub async fn update_source(
        &self,
        id: &str,
        params: &Map<String, Value>,
        cancel: &CancellationToken,
    ) -> Result<SourceRecord, ApiError> {
        let v = self
            .call(Call {
                method: Method::PUT,
                template: "/content_sources/{sourceId}",
                path: format!("/content_sources/{}", segment(id)),
                query: rack_pairs(params),
                cancel,
            })
            .await?;
        decode(v, "source")
    }

    /// `updateSourceEmailCredentials`: the write-only IMAP/SMTP user names and passwords.
    pub async fn update_email_credentials(
        &self,
        id: &str,
        credentials: &[(&str, Sensitive<String>)],
        cancel: &CancellationToken,
    ) -> Result<SourceRecord, ApiError> {
        let query = credentials
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.expose().clone()))
            .collect();
        let v = self
            .call(Call {
                method: Method::PUT,
                template: "/content_sources/{sourceId}/email_credentials",
                path: format!("/content_sources/{}/email_credentials", segment(id)),
                query,
                cancel,
            })
            .await?;
        decode(v, "source")
    }

    /// Every record of a paged list, page by page.
    async fn all<T: DeserializeOwned>(
        &self,
        template: &'static str,
        cancel: &CancellationToken,
    ) -> Result<Vec<T>, ApiError> {
        let mut out: Vec<T> = Vec::new();
        let mut offset = 0u32;
        loop {
            let q = vec![
                ("offset".into(), offset.to_string()),
                ("limit".into(), PAGE_SIZE.to_string()),
            ];
            let page: Page<T> = decode(
                self.get(template, template.into(), q, cancel).await?,
                template,
            )?;
            // A count no account has (hostile or broken server): refused at the first
            // page rather than followed page by page into memory.
            if page.count as usize > MAX_LIST_RECORDS {
                return Err(ApiError::Decode {
                    detail: format!("{template}: a count of {} records", page.count),
                });
            }
            let n = page.records.len() as u32;
            out.extend(page.records);
            offset += n;
            // A server that keeps answering full pages past its own count is broken:
            // stop at the count, and never loop on empty pages.
            if n == 0 || offset >= page.count {
                return Ok(out);
            }
        }
    }

    /// `getAllCommunities`.
    pub async fn communities(
        &self,
        cancel: &CancellationToken,
    ) -> Result<Vec<Community>, ApiError> {
        self.all("/communities", cancel).await
    }

    /// `getAllChannels` (channel groups).
    pub async fn channel_groups(
        &self,
        cancel: &CancellationToken,
    ) -> Result<Vec<ChannelGroup>, ApiError> {
        self.all("/channels", cancel).await
    }

    /// `getAllCategories`.
    pub async fn categories(&self, cancel: &CancellationToken) -> Result<Vec<Category>, ApiError> {
        self.all("/categories", cancel).await
    }

    /// `getAllTimeSheets` (business hours).
    pub async fn time_sheets(
        &self,
        cancel: &CancellationToken,
    ) -> Result<Vec<TimeSheet>, ApiError> {
        self.all("/time_sheets", cancel).await
    }

    /// `getAllLocales` (not paged).
    pub async fn locales(&self, cancel: &CancellationToken) -> Result<Vec<Locale>, ApiError> {
        let v = self
            .get("/locales", "/locales".into(), vec![], cancel)
            .await?;
        decode(v, "locales")
    }

    /// `getAllUsers` filtered by e-mail (how the token's user is found: the API has no
    /// "me").
    pub async fn users_by_email(
        &self,
        email: &str,
        cancel: &CancellationToken,
    ) -> Result<Vec<User>, ApiError> {
        let q = vec![("email".into(), email.to_owned())];
        let page: Page<User> = decode(
            self.get("/users", "/users".into(), q, cancel).await?,
            "users",
        )?;
        Ok(page.records)
    }

    /// `getRole`.
    pub async fn role(&self, id: &str, cancel: &CancellationToken) -> Result<Role, ApiError> {
        let path = format!("/roles/{}", segment(id));
        decode(
            self.get("/roles/{roleId}", path, vec![], cancel).await?,
            "role",
        )
    }

    /// `getUser`.
    pub async fn user(&self, id: &str, cancel: &CancellationToken) -> Result<User, ApiError> {
        let path = format!("/users/{}", segment(id));
        decode(
            self.get("/users/{userId}", path, vec![], cancel).await?,
            "user",
        )
    }

    /// `getAllEvents` with a search query (`q`), newest first, from `offset`.
    pub async fn events_page(
        &self,
        q: &str,
        offset: u32,
        limit: u32,
        cancel: &CancellationToken,
    ) -> Result<Page<Event>, ApiError> {
        let query = vec![
            ("q".into(), q.to_owned()),
            ("offset".into(), offset.to_string()),
            ("limit".into(), limit.min(PAGE_SIZE).to_string()),
        ];
        decode(
            self.get("/events", "/events".into(), query, cancel).await?,
            "events",
        )
    }

    /// `getAllEvents` with a search query (`q`), newest first.
    pub async fn events(
        &self,
        q: &str,
        limit: u32,
        cancel: &CancellationToken,
    ) -> Result<Page<Event>, ApiError> {
        let query = vec![
            ("q".into(), q.to_owned()),
            ("limit".into(), limit.min(PAGE_SIZE).to_string()),
        ];
        decode(
            self.get("/events", "/events".into(), query, cancel).await?,
            "events",
        )
    }
}
