//! Query strings read the way the platform (a Rails application) reads them, after Rack's
//! `normalize_params`: `a=1` a string, `a[]=1&a[]=2` a list, `a[b]=1` a hash, and
//! `a[][k]=1&a[][j]=2&a[][k]=3` a list of hashes (a new hash starts when the key repeats).
//!
//! One leniency beyond Rack: a plain key given several times (`a=1&a=2`, OpenAPI's
//! "form, explode" spelling of an array, which the published spec implies for
//! `imap_mailboxes_to_import`, `content_languages` and `cc_blacklist`) becomes a list
//! rather than keeping the last value. Which spelling was used is kept, so the stats can
//! report what a client actually sent.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    Str(String),
    List(Vec<Param>),
    Map(BTreeMap<String, Param>),
}

impl Param {
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Param::Str(s) => serde_json::Value::String(s.clone()),
            Param::List(l) => l.iter().map(Param::to_json).collect(),
            Param::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect(),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("parameter `{0}` is malformed")]
pub struct Malformed(pub String);

/// Every parameter of a query string.
pub fn parse(query: &str) -> Result<BTreeMap<String, Param>, Malformed> {
    let mut params = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k.is_empty() {
            continue;
        }
        normalize(&mut params, &k, Param::Str(v.into_owned()), &k)?;
    }
    Ok(params)
}

/// `name` split into its head and the bracketed rest: `a[b][]` → (`a`, `[b][]`).
fn split(name: &str) -> (&str, &str) {
    match name.find('[') {
        Some(0) | None => (name, ""),
        Some(i) => (&name[..i], &name[i..]),
    }
}

fn normalize(
    params: &mut BTreeMap<String, Param>,
    name: &str,
    v: Param,
    full: &str,
) -> Result<(), Malformed> {
    let bad = || Malformed(full.to_owned());
    let (head, rest) = split(name);
    if rest.is_empty() {
        match params.get_mut(head) {
            None => {
                params.insert(head.to_owned(), v);
            }
            Some(Param::Str(old)) => {
                let old = Param::Str(std::mem::take(old));
                params.insert(head.to_owned(), Param::List(vec![old, v]));
            }
            Some(Param::List(l)) if l.iter().all(|p| matches!(p, Param::Str(_))) => l.push(v),
            Some(_) => return Err(bad()),
        }
        return Ok(());
    }
    if rest == "[]" {
        match params
            .entry(head.to_owned())
            .or_insert_with(|| Param::List(vec![]))
        {
            Param::List(l) => l.push(v),
            _ => return Err(bad()),
        }
        return Ok(());
    }
    if let Some(child) = rest.strip_prefix("[]") {
        // `a[][k]`: a list of hashes.
        let child_name = bracket_to_name(child).ok_or_else(bad)?;
        let Param::List(list) = params
            .entry(head.to_owned())
            .or_insert_with(|| Param::List(vec![]))
        else {
            return Err(bad());
        };
        let reuse = matches!(list.last(), Some(Param::Map(m)) if !has_key(m, &child_name));
        if !reuse {
            list.push(Param::Map(BTreeMap::new()));
        }
        let Some(Param::Map(m)) = list.last_mut() else {
            return Err(bad());
        };
        return normalize(m, &child_name, v, full);
    }
    let child_name = bracket_to_name(rest).ok_or_else(bad)?;
    let Param::Map(m) = params
        .entry(head.to_owned())
        .or_insert_with(|| Param::Map(BTreeMap::new()))
    else {
        return Err(bad());
    };
    normalize(m, &child_name, v, full)
}

/// `[k][j]` → `k[j]`.
fn bracket_to_name(rest: &str) -> Option<String> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let key = &inner[..close];
    if key.is_empty() {
        return None;
    }
    Some(format!("{key}{}", &inner[close + 1..]))
}

fn has_key(m: &BTreeMap<String, Param>, name: &str) -> bool {
    let (head, rest) = split(name);
    match (m.get(head), bracket_to_name(rest)) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(Param::Map(inner)), Some(child)) => has_key(inner, &child),
        (Some(_), Some(_)) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn j(q: &str) -> serde_json::Value {
        Param::Map(parse(q).unwrap()).to_json()
    }

    #[test]
    fn rack_shapes() {
        assert_eq!(
            j("name=A%20b&active=true"),
            json!({"name": "A b", "active": "true"})
        );
        assert_eq!(
            j("time_sheet_ids%5B%5D=1&time_sheet_ids[]=2"),
            json!({"time_sheet_ids": ["1", "2"]})
        );
        assert_eq!(
            j("auto_response_trigger_enabled[first_message_from_user]=true&auto_response_trigger_enabled[out_of_office_hours_message]=false"),
            json!({"auto_response_trigger_enabled": {"first_message_from_user": "true", "out_of_office_hours_message": "false"}})
        );
        assert_eq!(
            j("signatures[][language]=fr&signatures[][body]=Bonjour&signatures[][language]=en&signatures[][body]=Hi"),
            json!({"signatures": [{"language": "fr", "body": "Bonjour"}, {"language": "en", "body": "Hi"}]})
        );
        assert_eq!(j("x[]="), json!({"x": [""]}));
        assert_eq!(j("a=1&a=2&a=3"), json!({"a": ["1", "2", "3"]}));
        assert_eq!(
            j("imap[password]=s3cr%C3%A9t"),
            json!({"imap": {"password": "s3crét"}})
        );
        assert_eq!(j("[x]=1&=2"), json!({"[x]": "1"}));
    }

    #[test]
    fn conflicting_shapes_are_malformed() {
        assert!(parse("a[b]=1&a[]=2").is_err());
        assert!(parse("a[]=1&a[b]=2").is_err());
        assert!(parse("a[b]=1&a=2").is_err());
        assert!(parse("a[]x=1").is_err());
    }
}
