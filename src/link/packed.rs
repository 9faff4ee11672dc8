//! The packed form of a scenario in a link (`z=`): a format byte, the
//! scenario in postcard, deflated, base64url. Postcard has no field names,
//! so each layout of `Scenario` gets its own format number and every older
//! number keeps a decoder: a link shared once must open forever.

use super::LinkError;
use crate::scenario::{Fault, HostSetup, Injection, Scenario};
use crate::tcp::ProfileName;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use std::collections::BTreeMap;

/// 2: `Scenario` with `title` and `note` first (and `Fault::Duplicate`).
const FORMAT: u8 = 2;
/// 1: before titles and notes (2026-11-22). Its faults decode as today's:
/// postcard numbers enum variants and `Duplicate` was added last.
const FORMAT_WITHOUT_TITLE: u8 = 1;
const MAX_INFLATED_BYTES: usize = 64 * 1024;

#[derive(Deserialize)]
struct ScenarioWithoutTitle {
    profile: ProfileName,
    client_to_server_ms: u64,
    server_to_client_ms: u64,
    mss: u32,
    client: HostSetup,
    server: HostSetup,
    isn_seed: Option<u64>,
    faults: BTreeMap<String, Fault>,
    injections: Vec<Injection>,
}

impl From<ScenarioWithoutTitle> for Scenario {
    fn from(old: ScenarioWithoutTitle) -> Scenario {
        Scenario {
            title: None,
            note: None,
            profile: old.profile,
            client_to_server_ms: old.client_to_server_ms,
            server_to_client_ms: old.server_to_client_ms,
            mss: old.mss,
            client: old.client,
            server: old.server,
            isn_seed: old.isn_seed,
            faults: old.faults,
            injections: old.injections,
        }
    }
}

pub fn pack(s: &Scenario) -> String {
    let mut bytes = vec![FORMAT];
    bytes.extend(postcard::to_allocvec(s).unwrap_or_default());
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bytes, 9))
}

/// The scenario a `z=` value holds; not yet validated.
pub fn unpack(value: &str) -> Result<Scenario, LinkError> {
    let fail = |m: &str| LinkError(m.to_string());
    let bytes = URL_SAFE_NO_PAD.decode(value).map_err(|_| {
        fail("the packed scenario is not valid base64url (the link may be cut off)")
    })?;
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED_BYTES)
        .map_err(|_| {
            fail("the packed scenario does not unpack (the link may be cut off or too large)")
        })?;
    let invalid = |e: postcard::Error| LinkError(format!("the packed scenario is not valid ({e})"));
    match raw.split_first() {
        Some((&FORMAT, body)) => postcard::from_bytes::<Scenario>(body).map_err(invalid),
        Some((&FORMAT_WITHOUT_TITLE, body)) => postcard::from_bytes::<ScenarioWithoutTitle>(body)
            .map(Scenario::from)
            .map_err(invalid),
        Some((other, _)) => Err(LinkError(format!(
            "packed scenario format {other} is not known to this synack"
        ))),
        None => Err(fail("the packed scenario is empty")),
    }
}
