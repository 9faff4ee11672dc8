//! The packed form of a scenario in a link (`z=`). Postcard has no field
//! names, so each layout of `Scenario` gets its own format number and every
//! older number keeps a decoder: a link shared once must open forever.
//!
//! - `z=3.` + base64url(postcard): today's form, with a stack per host. Not
//!   deflated: a scenario is about a hundred bytes of postcard, deflate saved
//!   a fifth of that, and its compressor cost 8 KB of the 200 KB first load.
//! - `z=2.`: the same before the stack per host. Those two fields are the
//!   last of `Scenario` and postcard writes an unset `Option` as one 0 byte,
//!   so a `2.` body read with two 0 bytes after it is today's form.
//! - `z=` + base64url(deflate(format byte 1, postcard)): links made before
//!   2026-11-23, still read.

use super::LinkError;
use crate::i18n::Word;
use crate::scenario::{HostSetup, Injection, Scenario};
use crate::tcp::ProfileName;
use serde::Deserialize;

/// 3: `Scenario` with `client_profile` and `server_profile` last.
const FORMAT: &str = "3.";
/// 2: `Scenario` with `title` and `note` first (and `Fault::Duplicate`).
const FORMAT_ONE_STACK: &str = "2.";
/// 1 (the byte inside the deflated form): before titles and notes. Its faults
/// decode as today's: postcard numbers enum variants and `Duplicate` came last.
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
    faults: crate::scenario::Faults,
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
            client_profile: None,
            server_profile: None,
        }
    }
}

pub fn pack(s: &Scenario) -> String {
    let bytes = postcard::to_allocvec(s).unwrap_or_default();
    format!("{FORMAT}{}", super::base64url::encode(&bytes))
}

fn base64(text: &str) -> Result<Vec<u8>, LinkError> {
    super::base64url::decode(text).ok_or_else(|| LinkError::just(Word::PackedNotBase64))
}

/// What postcard says of a damaged value ("Hit the end of buffer…") is
/// English and of no use to a teacher; the page says the link is damaged.
fn invalid(_: postcard::Error) -> LinkError {
    LinkError::just(Word::PackedInvalid)
}

/// The error `unpack` gives for a link packed by an earlier release: the
/// page then asks the module loaded on first use (`unpack_any`), so the
/// deflate decoder is not part of its first load.
pub const OLDER_FORMAT: Word = Word::PackedOlder;

/// The scenario a `z=` value of today's form holds; not yet validated.
pub fn unpack(value: &str) -> Result<Scenario, LinkError> {
    let (body, one_stack) = match (
        value.strip_prefix(FORMAT),
        value.strip_prefix(FORMAT_ONE_STACK),
    ) {
        (Some(body), _) => (body, false),
        (None, Some(body)) => (body, true),
        (None, None) => return Err(LinkError::just(OLDER_FORMAT)),
    };
    let mut bytes = base64(body)?;
    if one_stack {
        // The two stacks per host, unset (`Option::None` is one 0 byte).
        bytes.extend([0, 0]);
    }
    // One call site: postcard's reader for a whole `Scenario` is large.
    postcard::from_bytes::<Scenario>(&bytes).map_err(invalid)
}

/// `unpack`, and every older packed form too.
pub fn unpack_any(value: &str) -> Result<Scenario, LinkError> {
    if value.starts_with(FORMAT) || value.starts_with(FORMAT_ONE_STACK) {
        return unpack(value);
    }
    let raw =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&base64(value)?, MAX_INFLATED_BYTES)
            .map_err(|_| LinkError::just(Word::PackedNoUnpack))?;
    match raw.split_first() {
        Some((&FORMAT_WITHOUT_TITLE, body)) => postcard::from_bytes::<ScenarioWithoutTitle>(body)
            .map(Scenario::from)
            .map_err(invalid),
        Some((other, _)) => Err(LinkError::new(Word::PackedFormatUnknown, [*other])),
        None => Err(LinkError::just(Word::PackedEmpty)),
    }
}
