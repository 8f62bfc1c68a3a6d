//! The form schema the UI renders: kinds → sections → fields, plus the variables of
//! message fields. Built once from the declarations and kept for the process.

use crate::kinds;
use crate::model::{Field, FieldType, Kind, Section};
use crate::variables::{variables, Variable};
use serde::Serialize;
use std::sync::OnceLock;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindSchema {
    pub kind: Kind,
    /// Fluent id of the kind's name (`kind-email`).
    pub label: String,
    /// Fluent id of the guide's introduction to the kind.
    pub help: String,
    /// The "save first, then extra settings" flow: sections with `after_first_save` are
    /// shown only once the channel has been saved once.
    pub two_step: bool,
    /// Whether the kind has the smart closing section (possibly under a visibility rule).
    pub smart_closing: bool,
    pub sections: Vec<Section>,
}

impl KindSchema {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The declaration at a dotted path (`imap.port`; record fields as `signatures.body`
    /// or `auto_messages.messages.body`, without indices).
    pub fn field(&self, path: &str) -> Option<&Field> {
        let mut parts = path.split('.');
        let section = self.section(parts.next()?)?;
        let mut fields = &section.fields;
        let mut found = None;
        for key in parts {
            let f = fields.iter().find(|f| f.key == key)?;
            if let FieldType::Records { fields: inner, .. } = &f.ty {
                fields = inner;
            }
            found = Some(f);
        }
        found
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CatalogueSchema {
    pub kinds: Vec<KindSchema>,
    /// Offered by the variables picker on fields with `variables: true`.
    pub variables: Vec<Variable>,
}

static SCHEMA: OnceLock<CatalogueSchema> = OnceLock::new();

/// The whole catalogue (cached; cheap to call).
pub fn schema() -> &'static CatalogueSchema {
    SCHEMA.get_or_init(|| CatalogueSchema {
        kinds: Kind::ALL.into_iter().map(kinds::declare).collect(),
        variables: variables(),
    })
}

/// The declarations of one kind.
pub fn kind_schema(kind: Kind) -> &'static KindSchema {
    let s = schema();
    &s.kinds[Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is declared")]
}
