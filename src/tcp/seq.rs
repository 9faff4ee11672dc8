//! Sequence numbers: 32-bit values that wrap, compared by serial-number
//! arithmetic (RFC 9293 3.4) so that 0x0000_0001 comes "after" 0xffff_ffff.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub u32);

impl Seq {
    #[allow(clippy::should_implement_trait)] // wrapping, so not std::ops::Add
    pub fn add(self, n: u32) -> Seq {
        Seq(self.0.wrapping_add(n))
    }

    /// Distance from `earlier` to `self`, assuming `self` is not before it.
    pub fn since(self, earlier: Seq) -> u32 {
        self.0.wrapping_sub(earlier.0)
    }

    pub fn lt(self, other: Seq) -> bool {
        (self.0.wrapping_sub(other.0) as i32) < 0
    }

    pub fn le(self, other: Seq) -> bool {
        self == other || self.lt(other)
    }

    pub fn gt(self, other: Seq) -> bool {
        other.lt(self)
    }

    pub fn ge(self, other: Seq) -> bool {
        other.le(self)
    }

    /// `low <= self < high` in serial arithmetic.
    pub fn in_range(self, low: Seq, high: Seq) -> bool {
        low.le(self) && self.lt(high)
    }
}

impl fmt::Debug for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_survives_wrap_around() {
        let near_top = Seq(u32::MAX - 1);
        let wrapped = near_top.add(5);
        assert_eq!(wrapped, Seq(3));
        assert!(near_top.lt(wrapped));
        assert!(wrapped.gt(near_top));
        assert_eq!(wrapped.since(near_top), 5);
        assert!(Seq(u32::MAX).in_range(near_top, wrapped));
        assert!(!wrapped.in_range(near_top, wrapped));
    }

    #[test]
    fn equal_values_are_le_and_ge_but_not_lt() {
        assert!(Seq(7).le(Seq(7)) && Seq(7).ge(Seq(7)));
        assert!(!Seq(7).lt(Seq(7)) && !Seq(7).gt(Seq(7)));
    }
}
