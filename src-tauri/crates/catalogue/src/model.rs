//! The declaration types: one `Field` per setting, grouped in `Section`s, grouped in kinds.
//! Validation, the form schema sent to the UI, the TS types and the sync mapping all read
//! these values; nothing else lists settings.

use crate::rule::Rule;
use serde::Serialize;
use ts_rs::TS;

/// The 16 channel kinds of the platform's admin guide.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kind {
    Email,
    FacebookPage,
    FacebookMessenger,
    Twitter,
    TwitterSearch,
    Instagram,
    Whatsapp,
    EngageMessaging,
    ChannelSdk,
    Sms,
    AppleBusinessChat,
    Youtube,
    GoogleBusinessMessages,
    GoogleMyBusiness,
    Tapatalk,
    Viber,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::Email,
        Kind::FacebookPage,
        Kind::FacebookMessenger,
        Kind::Twitter,
        Kind::TwitterSearch,
        Kind::Instagram,
        Kind::Whatsapp,
        Kind::EngageMessaging,
        Kind::ChannelSdk,
        Kind::Sms,
        Kind::AppleBusinessChat,
        Kind::Youtube,
        Kind::GoogleBusinessMessages,
        Kind::GoogleMyBusiness,
        Kind::Tapatalk,
        Kind::Viber,
    ];

    /// The value of `"kind"` in a channel document.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::FacebookPage => "facebook_page",
            Kind::FacebookMessenger => "facebook_messenger",
            Kind::Twitter => "twitter",
            Kind::TwitterSearch => "twitter_search",
            Kind::Instagram => "instagram",
            Kind::Whatsapp => "whatsapp",
            Kind::EngageMessaging => "engage_messaging",
            Kind::ChannelSdk => "channel_sdk",
            Kind::Sms => "sms",
            Kind::AppleBusinessChat => "apple_business_chat",
            Kind::Youtube => "youtube",
            Kind::GoogleBusinessMessages => "google_business_messages",
            Kind::GoogleMyBusiness => "google_my_business",
            Kind::Tapatalk => "tapatalk",
            Kind::Viber => "viber",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// Fluent id of the kind's name (`kind-email` = "E-mail").
    pub fn label_id(self) -> String {
        format!("kind-{}", self.id().replace('_', "-"))
    }
}

/// Reference data a picker chooses from. Platform lists come from the reference-data
/// cache (sample data until sync exists); `TwitterChannels` are the local channels of
/// kind Twitter, because a Twitter search channel replies through one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RefSource {
    Communities,
    TimeSheets,
    Categories,
    Locales,
    ChannelGroups,
    TwitterChannels,
}

/// Code editors the UI may offer syntax help for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CodeSyntax {
    Css,
    Scss,
}

/// One choice of an enum setting.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EnumOption {
    pub value: String,
    /// Fluent id of the option's text.
    pub label: String,
    /// Fluent id of the guide's explanation of this option, when it gives one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// External action a field stands for (a button, no stored value): the guide's "Continue
/// with Facebook"-style steps that fetch credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    OauthFacebook,
    OauthTwitter,
    OauthRingcentral,
    OauthYoutube,
    OauthGoogle,
    /// Microsoft identity platform for IMAP (XOAUTH2).
    OauthMicrosoftImap,
    /// Microsoft identity platform for SMTP (XOAUTH2).
    OauthMicrosoftSmtp,
}

/// The type of a setting and its type-specific constraints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum FieldType {
    Bool,
    Int {
        // JSON numbers, not bigint: serde_json writes i64 as a plain number.
        #[ts(optional, as = "Option<f64>")]
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        #[ts(optional, as = "Option<f64>")]
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
    },
    Decimal {
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        step: f64,
    },
    /// Free text. `variables`: the UI offers the variables picker (see
    /// `CatalogueSchema::variables`).
    Text {
        multiline: bool,
        variables: bool,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        max_len: Option<u32>,
    },
    Code {
        syntax: CodeSyntax,
    },
    Enum {
        options: Vec<EnumOption>,
    },
    Email,
    /// A DNS domain name (`example.com`; `localhost` allowed).
    Domain,
    /// A server host: domain name or IP address.
    Host,
    /// An absolute http(s) URL.
    Url,
    /// `#RGB` or `#RRGGBB`.
    HexColour,
    Uuid,
    /// A national phone number, without its country code (that is its own field).
    Phone,
    /// A calling code: 1 to 3 digits, optional leading `+`.
    CountryCode,
    /// An integer immediately followed by `h`, `m` or `s` (`1h`, `2m`, `30s`).
    Duration,
    /// A Twitter user name (`@` optional, 1 to 15 letters, digits or `_`).
    TwitterUser,
    /// A numeric identifier (a Facebook page id): digits only, kept as text because such
    /// ids outgrow what a JSON number holds exactly.
    NumericId,
    /// Picker of reference data. Single: an id string; multiple: a list of ids.
    Reference {
        source: RefSource,
        multiple: bool,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        max_items: Option<u32>,
    },
    /// An image, stored in the document as a `data:image/…;base64,…` URL.
    Image {
        accept: Vec<String>,
        max_bytes: u32,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        recommended_px: Option<u32>,
        /// Shown with a round border to customers and agents.
        round: bool,
    },
    /// A secret: never in the document; the UI shows set / not set and offers replace /
    /// clear. `generated`: Switchboard creates it (random, shown once, copyable).
    Secret {
        generated: bool,
    },
    /// A list of strings, each of type `item`. `free_entry: false`: values are chosen from
    /// suggestions only (e.g. IMAP folders discovered by a connection test).
    List {
        item: Box<FieldType>,
        free_entry: bool,
    },
    /// A repeatable list of sub-records (add / remove / reorder in the UI).
    Records {
        fields: Vec<Field>,
        /// Keys whose combined values must be unique across items.
        unique_by: Vec<String>,
    },
    /// A button for an external step; holds no value.
    Action {
        action: ActionKind,
    },
}

/// How a setting maps to the platform API's `Source` field of that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApiConv {
    /// Same value.
    Same,
    /// Our `1h`/`2m`/`30s` duration ↔ the API's seconds.
    DurationSeconds,
    /// Our days ↔ the API's seconds (and its on/off switch is "value set").
    DaysSeconds,
    /// Our single id ↔ the API's list of at most one id.
    SingleToList,
    /// Our list ↔ the API's single text (one value per line).
    ListAsText,
    /// Our `#RRGGBB` ↔ `color_hex`.
    HexColour,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ApiField {
    pub name: String,
    pub conv: ApiConv,
}

/// One setting.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Field {
    /// Key inside its section (or record).
    pub key: String,
    /// Dotted path in the channel document (`imap.port`); for a record's field, the key
    /// relative to the record (`body`, item paths are `signatures.1.body`).
    pub path: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// The default value (JSON). `null` = empty.
    #[ts(type = "unknown")]
    pub default: serde_json::Value,
    /// Always required (when visible).
    pub required: bool,
    /// Required when this rule holds (and the field is visible).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_when: Option<Rule>,
    /// Shown only when this rule holds; hidden fields are not validated.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visible_when: Option<Rule>,
    pub secret: bool,
    /// Fluent id of the label (the guide's wording).
    pub label: String,
    /// Fluent id of the help text (the guide's explanation), when the guide gives one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<ApiField>,
}

/// A group of settings: an object in the document, or (`repeat`) a list of records whose
/// fields are `fields`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Section {
    pub id: String,
    pub label: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The section's value is a list of records (e.g. signatures).
    pub repeat: bool,
    /// For `repeat` sections: keys whose combined values must be unique across items.
    pub unique_by: Vec<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visible_when: Option<Rule>,
    /// Engage Messaging's extra settings: the platform shows them only once the channel
    /// has been saved once (the two-step flow).
    pub after_first_save: bool,
    /// The platform API field of a repeat section (e.g. `signatures`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    pub fields: Vec<Field>,
}
