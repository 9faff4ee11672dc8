//! What the current scenario teaches: its title, what to notice, its
//! question; written by the core (`page::lesson`).

use crate::ui::state::AppState;
use yew::prelude::*;

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
pub fn library_panel(state: &UseReducerHandle<AppState>) -> Html {
    Html::from_html_unchecked(AttrValue::from(crate::page::lesson::markup(state)))
}
