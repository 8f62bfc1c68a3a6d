//! The channel catalogue: the 16 channel kinds of the platform's admin guide, each
//! setting declared once (`kinds/`, `sections/`), the channel document format
//! (`document`), validation (`validate`), and the form schema the UI renders (`schema`).
//!
//! ```
//! use switchboard_catalogue::{defaults, validate, Kind};
//! let mut doc = defaults(Kind::Viber);
//! doc["general"]["name"] = "Viber".into();
//! doc["general"]["community"] = "c1".into();
//! let secrets = ["viber.auth_token".to_string()].into_iter().collect();
//! assert!(validate(&doc, &secrets).is_empty());
//! ```

pub mod api;
mod decl;
pub mod document;
pub mod examples;
pub mod ids;
pub mod kinds;
pub mod model;
pub mod normalize;
pub mod queue;
pub mod reference;
pub mod rule;
pub mod schema;
pub mod sections;
pub mod token;
pub mod validate;
pub mod variables;

pub use document::{defaults, get, kind_of, name_of, secret_paths};
pub use examples::example_document;
pub use model::{
    ActionKind, ApiConv, ApiField, EnumOption, Field, FieldType, Kind, RefSource, Section,
};
pub use queue::queue_slots;
pub use reference::{is_sample_id, sample_reference_data, sample_references, ReferenceData};
pub use rule::Rule;
pub use schema::{kind_schema, schema, CatalogueSchema, KindSchema};
pub use token::generate_access_token;
pub use validate::references::validate_references;
pub use validate::set::{validate_set, SetProblem};
pub use validate::{validate, validate_with};
