//! Reading and writing one setting of a channel document by its dotted path
//! (`routing.sla`, `signatures.0.body`; list indices are numbers). One reader for the
//! catalogue (rules, validation), the store (bulk edit, export) and the editor's engine,
//! so a path means the same thing everywhere: an empty path or an empty segment
//! (`a..b`) names nothing.

use serde_json::{Map, Value};

fn segments(path: &str) -> Option<Vec<&str>> {
    let segs: Vec<&str> = path.split('.').collect();
    (!path.is_empty() && segs.iter().all(|s| !s.is_empty())).then_some(segs)
}

/// The value at `path`, or `None` when the path names nothing in `doc`.
pub fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    segments(path)?.into_iter().try_fold(doc, |v, seg| match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => a.get(seg.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Sets the value at `path`, creating missing objects on the way. Fails (returns false,
/// leaving `doc` unchanged) when the path crosses a plain value or an array index that
/// does not exist: bulk edit must never reshape a document.
pub fn set(doc: &mut Value, path: &str, value: Value) -> bool {
    let Some(segs) = segments(path) else {
        return false;
    };
    if !can_set(doc, &segs) {
        return false;
    }
    let mut cur = doc;
    for seg in &segs[..segs.len() - 1] {
        cur = match cur {
            Value::Object(m) => m
                .entry(seg.to_string())
                .or_insert_with(|| Value::Object(Map::new())),
            Value::Array(a) => &mut a[seg.parse::<usize>().expect("checked")],
            _ => unreachable!("checked by can_set"),
        };
    }
    let last = segs[segs.len() - 1];
    match cur {
        Value::Object(m) => {
            m.insert(last.to_owned(), value);
        }
        Value::Array(a) => a[last.parse::<usize>().expect("checked")] = value,
        _ => unreachable!("checked by can_set"),
    }
    true
}

fn can_set(doc: &Value, segs: &[&str]) -> bool {
    let mut cur = Some(doc);
    for seg in segs {
        match cur {
            None => return true, // created as objects from here on
            Some(Value::Object(m)) => cur = m.get(*seg),
            Some(Value::Array(a)) => match seg.parse::<usize>() {
                Ok(i) if i < a.len() => cur = a.get(i),
                _ => return false,
            },
            Some(_) => return false,
        }
    }
    true
}

/// Removes the value at `path`; returns what was there.
pub fn remove(doc: &mut Value, path: &str) -> Option<Value> {
    let segs = segments(path)?;
    let (last, parents) = segs.split_last()?;
    let mut cur = doc;
    for seg in parents {
        cur = match cur {
            Value::Object(m) => m.get_mut(*seg)?,
            Value::Array(a) => a.get_mut(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match cur {
        Value::Object(m) => m.remove(*last),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn gets_and_sets_nested_values() {
        let mut d = json!({"routing": {"sla": 10}, "signatures": [{"body": "a"}]});
        assert_eq!(get(&d, "routing.sla"), Some(&json!(10)));
        assert_eq!(get(&d, "signatures.0.body"), Some(&json!("a")));
        assert!(set(&mut d, "routing.sla", json!(20)));
        assert!(set(&mut d, "general.active", json!(false)));
        assert!(set(&mut d, "signatures.0.body", json!("b")));
        assert_eq!(
            d,
            json!({"routing": {"sla": 20}, "general": {"active": false}, "signatures": [{"body": "b"}]})
        );
    }

    #[test]
    fn refuses_to_reshape() {
        let mut d = json!({"routing": {"sla": 10}, "list": []});
        let before = d.clone();
        assert!(!set(&mut d, "routing.sla.x", json!(1)));
        assert!(!set(&mut d, "list.3", json!(1)));
        assert!(!set(&mut d, "", json!(1)));
        assert!(!set(&mut d, "a..b", json!(1)));
        assert_eq!(d, before);
    }

    #[test]
    fn removes() {
        let mut d = json!({"a": {"b": 1, "c": 2}});
        assert_eq!(remove(&mut d, "a.b"), Some(json!(1)));
        assert_eq!(d, json!({"a": {"c": 2}}));
        assert_eq!(remove(&mut d, "x.y"), None);
    }
}
