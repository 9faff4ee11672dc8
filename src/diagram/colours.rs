//! Each RFC 9293 state's colour, light and dark, defined once: the SVG
//! export, the PNG (canvas) export and the page's stylesheet variables
//! (`--st-…`, written by the page at start) all read this table.

use crate::tcp::State;

/// The one table: state, its stylesheet name, light and dark fill. A macro so
/// the page's variables are made at compile time (no code in the first load
/// to build them).
macro_rules! state_colours {
    ($($state:ident $css:literal $light:literal $dark:literal;)*) => {
        /// (light, dark) fill of a state's band.
        pub fn state_colour(state: State) -> (&'static str, &'static str) {
            match state {
                $(State::$state => ($light, $dark),)*
            }
        }

        /// The page's state colour variables, (name, value), made at compile
        /// time, for the page to set on its root element (through the CSSOM:
        /// the page's CSP forbids an inline `<style>`).
        pub const VARIABLES: &[(&str, &str)] =
            &[$((concat!("--st-", $css), concat!("light-dark(", $light, ",", $dark, ")")),)*];
    };
}

state_colours! {
    Closed "closed" "#cbd2dd" "#4b5568";
    Listen "listen" "#93c5fd" "#2563eb";
    SynSent "syn-sent" "#fcd34d" "#b7791f";
    SynReceived "syn-received" "#fdba74" "#c2410c";
    Established "established" "#6ee7b7" "#059669";
    FinWait1 "fin-wait-1" "#fca5a5" "#dc2626";
    FinWait2 "fin-wait-2" "#f9a8d4" "#db2777";
    CloseWait "close-wait" "#fdba74" "#ea580c";
    Closing "closing" "#f87171" "#b91c1c";
    LastAck "last-ack" "#fb923c" "#c2410c";
    TimeWait "time-wait" "#c4b5fd" "#7c3aed";
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
        for state in State::ALL {
            let name = format!("--st-{}", state.name().to_ascii_lowercase());
            let (light, dark) = state_colour(state);
            let value = format!("light-dark({light},{dark})");
            assert!(
                VARIABLES.contains(&(name.as_str(), value.as_str())),
                "{name}"
            );
        }
        assert_eq!(VARIABLES.len(), State::ALL.len());
        assert_eq!(
            VARIABLES[2],
            ("--st-syn-sent", "light-dark(#fcd34d,#b7791f)")
        );
        let rules = svg_rules();
        assert!(rules.contains(".FIN-WAIT-1{fill:#fca5a5}"), "{rules}");
        assert_eq!(rules.matches("{fill:").count(), State::ALL.len());
    }
}
