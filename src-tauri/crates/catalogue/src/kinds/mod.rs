//! One module per channel kind with its own sections; `declare` adds the common ones.

pub mod apple_business_chat;
pub mod channel_sdk;
pub mod email;
pub mod engage_messaging;
pub mod facebook_messenger;
pub mod facebook_page;
pub mod google_business_messages;
pub mod google_my_business;
pub mod instagram;
pub mod sms;
pub mod tapatalk;
pub mod twitter;
pub mod twitter_search;
pub mod viber;
pub mod whatsapp;
pub mod youtube;

use crate::decl::SectionExt;
use crate::model::{Kind, Section};
use crate::rule::Rule;
use crate::schema::KindSchema;
use crate::sections;

/// Where smart closing applies: nowhere, always, or under a rule (Engage Messaging: its
/// asynchronous scopes only).
enum SmartClosing {
    No,
    Yes,
    When(Rule),
}

pub fn declare(kind: Kind) -> KindSchema {
    use Kind::*;
    let (specific, smart) = match kind {
        Email => (email::sections(), SmartClosing::No),
        FacebookPage => (facebook_page::sections(), SmartClosing::No),
        FacebookMessenger => (facebook_messenger::sections(), SmartClosing::Yes),
        Twitter => (twitter::sections(), SmartClosing::No),
        TwitterSearch => (twitter_search::sections(), SmartClosing::No),
        Instagram => (instagram::sections(), SmartClosing::No),
        Whatsapp => (whatsapp::sections(), SmartClosing::No),
        EngageMessaging => (
            engage_messaging::sections(),
            SmartClosing::When(engage_messaging::async_scope()),
        ),
        ChannelSdk => (channel_sdk::sections(), SmartClosing::No),
        Sms => (sms::sections(), SmartClosing::No),
        AppleBusinessChat => (apple_business_chat::sections(), SmartClosing::Yes),
        Youtube => (youtube::sections(), SmartClosing::No),
        GoogleBusinessMessages => (google_business_messages::sections(), SmartClosing::No),
        GoogleMyBusiness => (google_my_business::sections(), SmartClosing::No),
        Tapatalk => (tapatalk::sections(), SmartClosing::No),
        Viber => (viber::sections(), SmartClosing::No),
    };
    let mut all: Vec<Section> = vec![sections::general::section_decl()];
    all.extend(specific);
    all.extend([
        sections::messages::section_decl(),
        sections::signatures::section_decl(),
        sections::auto_messages::section_decl(),
        sections::language::section_decl(),
        sections::routing::section_decl(),
    ]);
    let has_smart_closing = !matches!(smart, SmartClosing::No);
    match smart {
        SmartClosing::No => {}
        SmartClosing::Yes => all.push(sections::smart_closing::section_decl()),
        SmartClosing::When(rule) => {
            all.push(sections::smart_closing::section_decl().visible_when(rule))
        }
    }
    KindSchema {
        kind,
        label: kind.label_id(),
        help: format!("{}-help", kind.label_id()),
        two_step: all.iter().any(|s| s.after_first_save),
        smart_closing: has_smart_closing,
        sections: all,
    }
}
