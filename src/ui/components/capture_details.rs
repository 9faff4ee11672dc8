//! What the inspector adds for a captured segment: when it was captured, its
//! TCP options, and what the capture shows about it (the marks).

use crate::capture::words::mark_text;
use crate::i18n::Word;
use crate::i18n::{t, Lang};
use crate::trace::Trace;
use yew::prelude::*;

pub fn capture_details(trace: &Trace, index: usize, lang: Lang, relative: bool) -> Html {
    let Some(connection) = &trace.captured else {
        return Html::default();
    };
    let Some(seg) = connection.segments.get(index) else {
        return Html::default();
    };
    // SACK edges are the peer's sequence numbers.
    let peer_base = if seg.from_client {
        trace.isns.1
    } else {
        trace.isns.0
    };
    let options: Vec<String> = seg
        .options
        .iter()
        .map(|o| o.text(relative.then_some(peer_base)))
        .collect();
    let marks: Vec<String> = trace
        .marks(index)
        .map(|m| mark_text(m, trace, lang))
        .collect();
    html! {
        <>
            <p class="origin inferred-note" data-inferred="true">{ crate::capture::words::inferred_note(lang).trim() }</p>
            if !marks.is_empty() {
                <ul class="marks" aria-label={t(lang, Word::CaptureMarks)}>
                    { for marks.into_iter().map(|m| html! { <li data-mark="">{ m }</li> }) }
                </ul>
            }
            <dl class="fields capture-fields">
                <div><dt>{ t(lang, Word::CaptureTime) }</dt><dd>{ format!("{} s", crate::capture::words::seconds_us(seg.time_us)) }</dd></div>
                <div class="wide"><dt>{ t(lang, Word::CaptureOptions) }</dt><dd>{ if options.is_empty() { "—".to_string() } else { options.join(", ") } }</dd></div>
            </dl>
        </>
    }
}
