//! Each RFC 9293 state's colour, light and dark, defined once: the SVG
//! export, the PNG (canvas) export and the page's stylesheet variables
//! (`--st-…`, written by the page at start) all read this table.

use crate::tcp::State;

/// (light, dark) fill of a state's band.
pub fn state_colour(state: State) -> (&'static str, &'static str) {
    match state {
        State::Closed => ("#cbd2dd", "#4b5568"),
        State::Listen => ("#93c5fd", "#2563eb"),
        State::SynSent => ("#fcd34d", "#b7791f"),
        State::SynReceived => ("#fdba74", "#c2410c"),
        State::Established => ("#6ee7b7", "#059669"),
        State::FinWait1 => ("#fca5a5", "#dc2626"),
        State::FinWait2 => ("#f9a8d4", "#db2777"),
        State::CloseWait => ("#fdba74", "#ea580c"),
        State::Closing => ("#f87171", "#b91c1c"),
        State::LastAck => ("#fb923c", "#c2410c"),
        State::TimeWait => ("#c4b5fd", "#7c3aed"),
    }
}

/// The page's state colour variables, `:root{--st-syn-sent:light-dark(…);…}`.
pub fn css_variables() -> String {
    let mut css = String::from(":root{");
    for state in State::ALL {
        let (light, dark) = state_colour(state);
        let name = state.name().to_ascii_lowercase();
        css.push_str(&format!("--st-{name}:light-dark({light},{dark});"));
    }
    css.push('}');
    css
}

/// The SVG export's rules, one class per state name (light: exports are printed).
pub fn svg_rules() -> String {
    State::ALL
        .iter()
        .map(|&s| format!(".{}{{fill:{}}}", s.name(), state_colour(s).0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_variable_and_a_rule() {
        let css = css_variables();
        assert!(
            css.contains("--st-syn-sent:light-dark(#fcd34d,#b7791f);"),
            "{css}"
        );
        assert!(
            css.contains("--st-time-wait:light-dark(#c4b5fd,#7c3aed);"),
            "{css}"
        );
        assert_eq!(css.matches("--st-").count(), State::ALL.len());
        let rules = svg_rules();
        assert!(rules.contains(".FIN-WAIT-1{fill:#fca5a5}"), "{rules}");
        assert_eq!(rules.matches("{fill:").count(), State::ALL.len());
    }
}
