//! The hand-written base64url of links, against the `base64` crate.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use synack::link::base64url::{decode, encode};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn encodes_as_the_crate_does_and_reads_back(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = encode(&bytes);
        prop_assert_eq!(&text, &URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert_eq!(decode(&text), Some(bytes));
    }

    #[test]
    fn refuses_what_the_crate_refuses(text in "[A-Za-z0-9_=+/ -]{0,12}") {
        prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok(), "{}", text);
    }
}

#[test]
fn edge_cases() {
    assert_eq!(encode(b""), "");
    assert_eq!(encode(b"\xff"), "_w");
    assert_eq!(encode(b"\xfb\xff"), "-_8");
    assert_eq!(decode("_w"), Some(vec![0xff]));
    assert_eq!(decode("_x"), None, "unused bits set");
    assert_eq!(decode("A"), None, "one symbol left over");
    assert_eq!(decode("AA=="), None, "no padding in links");
}
