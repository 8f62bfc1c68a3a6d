//! Every Fluent id the declarations refer to, so that a test can check that the Fluent
//! files define each of them in both languages.

use crate::model::{Field, FieldType};
use crate::schema::schema;
use std::collections::BTreeSet;

fn field_ids(f: &Field, out: &mut BTreeSet<String>) {
    out.insert(f.label.clone());
    out.extend(f.help.clone());
    match &f.ty {
        FieldType::Enum { options } => {
            for o in options {
                out.insert(o.label.clone());
                out.extend(o.help.clone());
            }
        }
        FieldType::Records { fields, .. } => fields.iter().for_each(|g| field_ids(g, out)),
        _ => {}
    }
}

pub fn fluent_ids() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let s = schema();
    for k in &s.kinds {
        out.insert(k.label.clone());
        out.insert(k.help.clone());
        for sec in &k.sections {
            out.insert(sec.label.clone());
            out.extend(sec.help.clone());
            sec.fields.iter().for_each(|f| field_ids(f, &mut out));
        }
    }
    out.extend(s.variables.iter().map(|v| v.label.clone()));
    out
}
