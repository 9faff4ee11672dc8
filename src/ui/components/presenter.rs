//! Presenter mode (`present=1`, the toolbar's ⤢): for a projector at the
//! front of a lecture hall. The page keeps the mode, the clicker's keys
//! (`use_keyboard`: PageDown / PageUp and the arrows step, B blacks the
//! screen, F goes full screen, Escape leaves) and the step's caption; the
//! stage itself (the diagram large, the caption under it) is drawn by the
//! module loaded on first use (`present_view.rs`): a lecture hall is not
//! where most pages are opened, and the first load should not carry it.

use super::editor_host::ModuleView;
use crate::editor_bridge::{Crossing, PresentView};
use crate::i18n::{t, Word};
use crate::scenario::Host;
use crate::ui::state::AppState;
use yew::prelude::*;

/// Full screen for the whole page, if the browser lets it (it needs a
/// click or a key press just before, so the page asks, not the module).
pub fn enter_full_screen() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.request_fullscreen();
    }
}

/// The presenter's screen, drawn by the module from the trace on screen.
pub fn presenter_host(state: &UseReducerHandle<AppState>, caption: String) -> Html {
    let view = PresentView {
        lang: state.lang,
        numbering: state.showing.numbering,
        moment: state.moment(),
        black: state.black,
        caption,
        ports: [Host::Client, Host::Server].map(|h| super::sequence_diagram::ports(state, h)),
    }
    .encode();
    let loading = t(state.lang, Word::PresentLoading);
    let shown = Some(state.shown_text());
    html! { <ModuleView key="mount_present" state={state.clone()} export="mount_present" {view} {shown} class="present-host" loading={loading} /> }
}
