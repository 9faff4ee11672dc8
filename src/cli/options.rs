//! Reading a command's options, with lexopt: `--name value`, `--name=value`
//! and `-o FILE`, one option at a time; each command matches the names it
//! honours and refuses any other with a message naming it.

/// One thing on the command line: an option (`--drop`, `-o`) or a plain
/// value (a file name).
pub enum Item {
    Option(String),
    Value(String),
}

pub struct Options {
    parser: lexopt::Parser,
}

impl Options {
    pub fn new(args: &[String]) -> Options {
        Options {
            parser: lexopt::Parser::from_args(args.iter().cloned()),
        }
    }

    /// The next option or value, or None when the line is read.
    pub fn next(&mut self) -> Result<Option<Item>, String> {
        let item = self.parser.next().map_err(|e| e.to_string())?;
        Ok(match item {
            None => None,
            Some(lexopt::Arg::Long(name)) => Some(Item::Option(format!("--{name}"))),
            Some(lexopt::Arg::Short(c)) => Some(Item::Option(format!("-{c}"))),
            Some(lexopt::Arg::Value(v)) => Some(Item::Value(text(v)?)),
        })
    }

    /// The next option, for a command that takes no plain values: one is
    /// refused as an unknown option (`unknown option 'x'` + `context`).
    pub fn next_option(&mut self, context: &str) -> Result<Option<String>, String> {
        match self.next()? {
            Some(Item::Option(name)) => Ok(Some(name)),
            Some(Item::Value(v)) => Err(format!("unknown option '{v}'{context}")),
            None => Ok(None),
        }
    }

    /// The value of `option`, just read.
    pub fn value(&mut self, option: &str) -> Result<String, String> {
        match self.parser.value() {
            Ok(v) => text(v),
            Err(_) => Err(format!("{option} needs a value")),
        }
    }
}

fn text(v: std::ffi::OsString) -> Result<String, String> {
    v.into_string()
        .map_err(|v| format!("'{}' is not UTF-8 text", v.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(args: &[&str]) -> Result<Vec<String>, String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let mut o = Options::new(&args);
        let mut out = Vec::new();
        while let Some(item) = o.next()? {
            out.push(match item {
                Item::Option(name) if name == "--json" => name,
                Item::Option(name) => format!("{name}={}", o.value(&name)?),
                Item::Value(v) => format!("value {v}"),
            });
        }
        Ok(out)
    }

    #[test]
    fn options_take_their_values_either_way_and_say_what_is_missing() {
        assert_eq!(
            read(&[
                "--drop",
                "c1",
                "--delay=s1=300",
                "-o",
                "a.svg",
                "--json",
                "f.pkt"
            ]),
            Ok(vec![
                "--drop=c1".to_string(),
                "--delay=s1=300".into(),
                "-o=a.svg".into(),
                "--json".into(),
                "value f.pkt".into()
            ])
        );
        assert_eq!(read(&["--drop"]), Err("--drop needs a value".into()));
        // A value given to an option that takes none is refused, not ignored.
        assert!(read(&["--json=yes"]).unwrap_err().contains("--json"));
    }
}
