//! The faults a scenario puts on its segments, by segment name or id.
//!
//! A small map kept as a sorted Vec rather than a `BTreeMap`: a scenario has
//! a handful of faults (at most `limits::MAX_FAULTS`), and every `BTreeMap`
//! type the page uses costs it several KB of wasm (insert, remove, clone,
//! drop, iteration and their node balancing, each made again per type). It
//! iterates in key order and serializes as a map, exactly as the `BTreeMap`
//! did, so scenario files and packed links read and write the same bytes.

use super::Fault;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults(Vec<(String, Fault)>);

impl Faults {
    pub fn new() -> Faults {
        Faults(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&Fault> {
        self.find(key).ok().map(|at| &self.0[at].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets the fault on `key`, returning the one it replaced.
    pub fn insert(&mut self, key: String, fault: Fault) -> Option<Fault> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, fault)),
            Err(at) => {
                self.0.insert(at, (key, fault));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Fault> {
        self.find(key).ok().map(|at| self.0.remove(at).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear()
    }

    /// (name, fault) in the names' order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Fault)> {
        self.0.iter().map(|(k, f)| (k, f))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Fault> {
        self.0.iter().map(|(_, f)| f)
    }
}

impl FromIterator<(String, Fault)> for Faults {
    fn from_iter<I: IntoIterator<Item = (String, Fault)>>(items: I) -> Faults {
        let mut faults = Faults::new();
        faults.extend(items);
        faults
    }
}

impl Extend<(String, Fault)> for Faults {
    fn extend<I: IntoIterator<Item = (String, Fault)>>(&mut self, items: I) {
        for (key, fault) in items {
            self.insert(key, fault);
        }
    }
}

impl<const N: usize> From<[(String, Fault); N]> for Faults {
    fn from(items: [(String, Fault); N]) -> Faults {
        items.into_iter().collect()
    }
}

impl IntoIterator for Faults {
    type Item = (String, Fault);
    type IntoIter = std::vec::IntoIter<(String, Fault)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Faults {
    type Item = (&'a String, &'a Fault);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Fault)>,
        fn(&'a (String, Fault)) -> (&'a String, &'a Fault),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, f)| (k, f))
    }
}

impl Serialize for Faults {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, fault) in &self.0 {
            map.serialize_entry(key, fault)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Faults {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Faults, D::Error> {
        struct FaultMap;
        impl<'de> Visitor<'de> for FaultMap {
            type Value = Faults;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of segment names to faults")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Faults, M::Error> {
                // A name given twice keeps its last fault, as a BTreeMap did.
                let mut faults = Faults::new();
                while let Some((key, fault)) = map.next_entry::<String, Fault>()? {
                    faults.insert(key, fault);
                }
                Ok(faults)
            }
        }
        d.deserialize_map(FaultMap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn keeps_the_order_and_the_bytes_of_the_map_it_replaced() {
        let pairs = [
            ("s.synack", Fault::Delay(300)),
            ("c.ack2", Fault::Drop),
            ("c.syn.2", Fault::Duplicate(30)),
            ("c.ack2", Fault::Delay(5)),
        ];
        let faults: Faults = pairs.iter().map(|(k, f)| (k.to_string(), *f)).collect();
        let map: BTreeMap<String, Fault> = pairs.iter().map(|(k, f)| (k.to_string(), *f)).collect();
        let keys: Vec<&str> = faults.keys().map(String::as_str).collect();
        assert_eq!(keys, ["c.ack2", "c.syn.2", "s.synack"]);
        assert_eq!(faults.get("c.ack2"), Some(&Fault::Delay(5)));
        assert_eq!(
            serde_json::to_string(&faults).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        assert_eq!(
            serde_json::to_string(&faults).unwrap(),
            r#"{"c.ack2":{"delay":5},"c.syn.2":{"duplicate":30},"s.synack":{"delay":300}}"#
        );
        let packed = postcard::to_allocvec(&faults).unwrap();
        assert_eq!(packed, postcard::to_allocvec(&map).unwrap());
        assert_eq!(postcard::from_bytes::<Faults>(&packed).unwrap(), faults);
        let read: Faults =
            serde_json::from_str(r#"{"s1":"drop","c2":{"delay":7},"s1":{"delay":9}}"#).unwrap();
        assert_eq!(
            read.iter().collect::<Vec<_>>(),
            [
                (&"c2".to_string(), &Fault::Delay(7)),
                (&"s1".to_string(), &Fault::Delay(9))
            ]
        );
    }

    #[test]
    fn insert_replaces_and_remove_takes_out() {
        let mut faults = Faults::new();
        assert_eq!(faults.insert("c2".into(), Fault::Drop), None);
        assert_eq!(
            faults.insert("c2".into(), Fault::Delay(1)),
            Some(Fault::Drop)
        );
        assert_eq!(faults.len(), 1);
        assert!(faults.contains_key("c2"));
        assert_eq!(faults.remove("c2"), Some(Fault::Delay(1)));
        assert_eq!(faults.remove("c2"), None);
        assert!(faults.is_empty());
    }
}
