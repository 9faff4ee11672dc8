//! Scenario files: the JSON a course author writes, downloads from the
//! editor, and hands to `synack trace --scenario`. One reader for all three,
//! so the page and the command accept exactly the same files.

use super::{Scenario, ScenarioError};
use crate::i18n::Word;

/// Anything larger is not a scenario a person wrote; refused before parsing.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

pub fn to_json(s: &Scenario) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(s).unwrap_or_default() + "\n"
}

/// The scenario in `text`, validated; or one message naming what is wrong
/// (serde_json's names the field, line and column).
pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ScenarioError::new(
            Word::ScenarioFileTooLarge,
            [text.len().div_ceil(1024), MAX_FILE_BYTES / 1024],
        ));
    }
    let scenario: Scenario = serde_json::from_str(text).map_err(|e| {
        // serde's own words are English: the Chinese says where, not what.
        ScenarioError::new(
            Word::ScenarioNotAFile,
            [e.to_string(), e.line().to_string(), e.column().to_string()],
        )
    })?;
    scenario.validate()?;
    // Files written before names hold ordinals: named once, the run unchanged.
    let mut scenario = scenario;
    super::naming::name_faults(&mut scenario);
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::PRESETS;

    #[test]
    fn every_preset_round_trips_through_json() {
        for p in PRESETS {
            let s = p.scenario();
            assert_eq!(from_json(&to_json(&s)).unwrap(), s, "{}", p.name);
        }
    }

    #[test]
    fn bad_files_name_the_problem() {
        let ok = to_json(&PRESETS[0].scenario());
        assert_eq!(
            from_json("hello").unwrap_err().to_string(),
            "not a synack scenario: expected value at line 1 column 1"
        );
        let no_mss = ok.replace("\"mss\": 1460,", "");
        assert!(from_json(&no_mss)
            .unwrap_err()
            .to_string()
            .contains("missing field `mss`"));
        let big_mss = ok.replace("\"mss\": 1460,", "\"mss\": 70000,");
        assert_eq!(
            from_json(&big_mss).unwrap_err().to_string(),
            "MSS 70000 is outside 1 to 65495"
        );
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(
            from_json(&huge).unwrap_err().to_string(),
            "the file is 257 KB, over the limit of 256 KB for a scenario"
        );
    }
}
