//! Numbers as the diagram writes them, without float formatting.

/// Text for markup written by hand (SVG, HTML): its own `&`, `<`, `>` and `"`
/// are not read as markup.
pub fn escape(text: &str) -> String {
    Escaped(text).to_string()
}

/// `escape` written straight into a buffer, without a string of its own.
pub struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A coordinate with one decimal, formatted with integer arithmetic: the view
/// writes thousands of these, and keeping float formatting out of the wasm
/// saves download size.
pub fn px(v: f64) -> String {
    Px(v).to_string()
}

/// `px` written straight into a buffer: the page's diagram markup writes
/// thousands of coordinates, each without a string of its own.
#[derive(Clone, Copy)]
pub struct Px(pub f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths < 0 {
            f.write_str("-")?;
        }
        let t = tenths.unsigned_abs();
        if t % 10 == 0 {
            write!(f, "{}", t / 10)
        } else {
            write!(f, "{}.{}", t / 10, t % 10)
        }
    }
}

/// Milliseconds as people read them: `50 ms`, `1 s`, `1.05 s`, `240 s`.
pub fn seconds(ms: u64) -> String {
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let (whole, frac) = (ms / 1000, ms % 1000);
    if frac == 0 {
        format!("{whole} s")
    } else if frac % 10 == 0 {
        let hundredths = frac / 10;
        if hundredths % 10 == 0 {
            format!("{whole}.{} s", hundredths / 10)
        } else {
            format!("{whole}.{hundredths:02} s")
        }
    } else {
        format!("{whole}.{frac:03} s")
    }
}

/// Microseconds as they read best: `250 µs`, `1.25 ms`, and seconds from 1 s.
pub fn micros(us: u64) -> String {
    if us < 1000 {
        return format!("{us} µs");
    }
    if us >= 1_000_000 {
        return seconds(us / 1000);
    }
    let (whole, frac) = (us / 1000, us % 1000);
    let mut digits = format!("{frac:03}");
    while digits.ends_with('0') {
        digits.pop();
    }
    if digits.is_empty() {
        format!("{whole} ms")
    } else {
        format!("{whole}.{digits} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn px_and_seconds_format_without_floats() {
        assert_eq!(
            [px(12.0), px(12.34), px(-3.25), px(0.04)],
            ["12", "12.3", "-3.3", "0"]
        );
        assert_eq!(escape(r#"a<b & "c">"#), "a&lt;b &amp; &quot;c&quot;&gt;");
        assert_eq!(
            [
                seconds(50),
                seconds(1000),
                seconds(1050),
                seconds(1500),
                seconds(240_000),
                seconds(63_050),
                seconds(1234)
            ],
            ["50 ms", "1 s", "1.05 s", "1.5 s", "240 s", "63.05 s", "1.234 s"]
        );
    }
}
