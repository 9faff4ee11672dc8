//! A SCORM package of one lesson: a zip with `imsmanifest.xml` at its root
//! and the built page beside it, which Moodle, Canvas, Blackboard and
//! Brightspace import as an activity. The manifest launches `index.html`
//! with the lesson's link as the item's `parameters` (its `#v2/…`
//! fragment), so the package carries one build and any lesson; the page's
//! boot.js finds the LMS's SCORM API at run time and reports the quiz.
//!
//! The zip is written by hand (a few dozen lines, the same in the command
//! line and in the page's module), with each entry's CRC-32; each file is
//! deflated (miniz_oxide, already the link reader's inflater) unless that
//! would not make it smaller, as with the PNG icons, and then stored.

/// The two editions LMSs import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    Scorm12,
    Scorm2004,
}

impl Edition {
    pub fn parse(text: &str) -> Option<Edition> {
        [Edition::Scorm12, Edition::Scorm2004]
            .into_iter()
            .find(|e| e.as_str() == text)
    }

    /// As `--scorm` and the editor's choice name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Scorm12 => "1.2",
            Edition::Scorm2004 => "2004",
        }
    }
}

/// A package's title: the lesson's in `lang`, else the scenario's own.
pub fn title(preset: Option<&str>, own: Option<&str>, lang: crate::i18n::Lang) -> String {
    preset
        .and_then(crate::library::entry)
        .map(|e| e.title(lang).to_string())
        .or_else(|| own.map(str::to_string))
        .unwrap_or_else(|| "synack".into())
}

/// What a package cannot be made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageError {
    /// The build has no such file (the page needs it).
    Missing(&'static str),
    /// More than a zip without its 64-bit extension holds.
    TooLarge,
}

impl PackageError {
    pub fn message(&self) -> String {
        match self {
            PackageError::Missing(file) => {
                format!("the build has no {file}: build the page first (trunk build --release --offline)")
            }
            PackageError::TooLarge => "the build is too large for a zip without ZIP64".into(),
        }
    }
}

fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The manifest: one organisation, one item launching `index.html` with
/// `fragment` (the lesson's link), one resource listing every file.
pub fn manifest(edition: Edition, id: &str, title: &str, fragment: &str, files: &[&str]) -> String {
    let title = escape_xml(title);
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let list: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", escape_xml(f)))
        .collect();
    let (head, schema, sco) = match edition {
        Edition::Scorm12 => (
            "<manifest identifier=\"synack-ID\" version=\"1.0\"\n  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">",
            "1.2",
            "adlcp:scormtype=\"sco\"",
        ),
        Edition::Scorm2004 => (
            "<manifest identifier=\"synack-ID\" version=\"1.0\"\n  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\">",
            "2004 4th Edition",
            "adlcp:scormType=\"sco\"",
        ),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{head}\n  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schema}</schemaversion>\n  </metadata>\n  <organizations default=\"org\">\n    <organization identifier=\"org\">\n      <title>{title}</title>\n      <item identifier=\"lesson\" identifierref=\"page\" parameters=\"{fragment}\">\n        <title>{title}</title>\n      </item>\n    </organization>\n  </organizations>\n  <resources>\n    <resource identifier=\"page\" type=\"webcontent\" {sco} href=\"index.html\">\n{list}    </resource>\n  </resources>\n</manifest>\n",
        head = head.replace("ID", &id),
        fragment = escape_xml(fragment),
    )
}

/// CRC-32 (IEEE, as zip uses it), bit by bit: a package is written once.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Zip's compression methods.
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// A zip of `files` (name, bytes), in the order given, each deflated where
/// that makes it smaller.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, PackageError> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for (name, body) in files {
        let offset = u32::try_from(out.len()).map_err(|_| PackageError::TooLarge)?;
        let size = u32::try_from(body.len()).map_err(|_| PackageError::TooLarge)?;
        let crc = crc32(body);
        let deflated = miniz_oxide::deflate::compress_to_vec(body, 6);
        let (method, data) = if deflated.len() < body.len() {
            (DEFLATED, deflated.as_slice())
        } else {
            (STORED, body.as_slice())
        };
        let packed = data.len() as u32;
        // Local header: version 2.0, UTF-8 names (bit 11), the method, no date.
        u32le(&mut out, 0x0403_4b50);
        for x in [20u16, 0x0800, method, 0, 0x21] {
            u16le(&mut out, x);
        }
        for x in [crc, packed, size] {
            u32le(&mut out, x);
        }
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        u32le(&mut central, 0x0201_4b50);
        for x in [20u16, 20, 0x0800, method, 0, 0x21] {
            u16le(&mut central, x);
        }
        for x in [crc, packed, size] {
            u32le(&mut central, x);
        }
        for x in [name.len() as u16, 0, 0, 0, 0] {
            u16le(&mut central, x);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let start = u32::try_from(out.len()).map_err(|_| PackageError::TooLarge)?;
    let count = u16::try_from(files.len()).map_err(|_| PackageError::TooLarge)?;
    let length = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for x in [0u16, 0, count, count] {
        u16le(&mut out, x);
    }
    u32le(&mut out, length);
    u32le(&mut out, start);
    u16le(&mut out, 0);
    Ok(out)
}

/// The package: the manifest first, then every file of the build (`dist`:
/// relative path and bytes). The page's service worker stays out: inside
/// an LMS's frame it would only cache a copy the LMS serves anyway.
pub fn package(
    edition: Edition,
    id: &str,
    title: &str,
    fragment: &str,
    dist: Vec<(String, Vec<u8>)>,
) -> Result<Vec<u8>, PackageError> {
    let dist: Vec<_> = dist
        .into_iter()
        .filter(|(name, _)| name != "sw.js")
        .collect();
    if !dist.iter().any(|(name, _)| name == "index.html") {
        return Err(PackageError::Missing("index.html"));
    }
    let names: Vec<&str> = dist.iter().map(|(n, _)| n.as_str()).collect();
    let manifest = manifest(edition, id, title, fragment, &names);
    let mut files = vec![("imsmanifest.xml".to_string(), manifest.into_bytes())];
    files.extend(dist);
    zip(&files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_the_zip_one() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn a_file_deflate_cannot_shrink_is_stored() {
        // A few bytes: deflate's own framing makes them longer.
        let zip = zip(&[("a".to_string(), b"xy".to_vec())]).unwrap();
        assert_eq!(&zip[8..10], [0, 0], "stored");
        assert_eq!(&zip[18..26], [2, 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(&zip[31..33], b"xy");
    }

    #[test]
    fn a_package_starts_with_its_manifest_and_refuses_a_build_without_a_page() {
        let dist = vec![("index.html".to_string(), b"<!doctype html>".to_vec())];
        let zip = package(
            Edition::Scorm12,
            "lost fin",
            "Lost FIN & more",
            "#v2/p=lost-fin&quiz=1",
            dist,
        )
        .unwrap();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        assert_eq!(&zip[30..45], b"imsmanifest.xml");
        assert_eq!(&zip[8..10], [8, 0], "the manifest is deflated");
        let size = u32::from_le_bytes(zip[22..26].try_into().unwrap()) as usize;
        let packed = u32::from_le_bytes(zip[18..22].try_into().unwrap()) as usize;
        assert!(packed < size, "{packed} of {size}");
        let manifest = miniz_oxide::inflate::decompress_to_vec(&zip[45..45 + packed]).unwrap();
        assert_eq!(manifest.len(), size);
        assert_eq!(crc32(&manifest).to_le_bytes(), zip[14..18]);
        let text = String::from_utf8_lossy(&manifest);
        assert!(text.contains("parameters=\"#v2/p=lost-fin&amp;quiz=1\""));
        assert!(text.contains("<title>Lost FIN &amp; more</title>"));
        assert!(text.contains("identifier=\"synack-lost-fin\""));
        assert!(text.contains("adlcp:scormtype=\"sco\""));
        assert_eq!(
            package(Edition::Scorm2004, "x", "x", "#", vec![]),
            Err(PackageError::Missing("index.html"))
        );
    }
}
