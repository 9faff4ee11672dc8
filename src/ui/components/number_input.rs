//! A number typed into the editor: checked as it is typed, its message next
//! to it (and tied to it for screen readers); only a valid value is sent on.

use crate::i18n::Lang;
use crate::scenario::edit::NumberField;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Unique on the page: the input's id, and its message's with `-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: u64,
    pub field: NumberField,
    pub lang: Lang,
    pub on_change: Callback<u64>,
}

#[component]
pub fn NumberInput(props: &Props) -> Html {
    let text = use_state(|| props.value.to_string());
    let error = use_state(|| None::<String>);
    // The scenario changed under the field (undo, a file): show its value.
    {
        let (text, error) = (text.clone(), error.clone());
        use_effect_with(props.value, move |v| {
            if (*text).trim().parse::<u64>().ok() != Some(*v) {
                text.set(v.to_string());
            }
            error.set(None);
        });
    }
    let oninput = {
        let (text, error) = (text.clone(), error.clone());
        let (field, lang, value, on_change) = (
            props.field,
            props.lang,
            props.value,
            props.on_change.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let typed = input.value();
            match field.parse(&typed, lang) {
                Ok(v) => {
                    error.set(None);
                    if v != value {
                        on_change.emit(v);
                    }
                }
                Err(message) => error.set(Some(message)),
            }
            text.set(typed);
        })
    };
    let error_id = format!("{}-error", props.id);
    html! {
        <label class="field" for={props.id.clone()}>
            <span class="field-label">{ props.label.clone() }</span>
            <input id={props.id.clone()} type="text" inputmode="numeric" autocomplete="off"
                   value={(*text).clone()} {oninput}
                   aria-invalid={error.is_some().to_string()}
                   aria-describedby={error.is_some().then(|| error_id.clone())} />
            if let Some(message) = (*error).clone() {
                <span id={error_id} class="field-error" role="alert" data-error-for={props.id.clone()}>{ message }</span>
            }
        </label>
    }
}
