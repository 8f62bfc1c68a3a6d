//! Facebook Messenger: the Facebook credentials; smart closing is added by `kinds::declare`.

use crate::decl::{section, SectionExt};
use crate::model::Section;

pub fn sections() -> Vec<Section> {
    vec![section("facebook", super::facebook_page::credentials()).help()]
}
