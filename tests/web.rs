//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! mount the app, click a segment, choose drop, and read the DOM.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn query(selector: &str) -> Option<Element> {
    document().query_selector(selector).unwrap()
}

fn click(el: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

async fn mount() -> Element {
    // Start from the default scenario whatever an earlier test left in the address bar.
    let _ = web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"));
    let root = document().create_element("div").unwrap();
    root.set_id("app");
    if let Some(old) = query("#app") {
        old.remove();
    }
    document().body().unwrap().append_child(&root).unwrap();
    // The words the build would serve beside the page, from this test's own tables.
    for lang in [synack::i18n::Lang::En, synack::i18n::Lang::Zh] {
        synack::i18n::pack::install(lang, &synack::i18n::pack::pack_text(lang)).unwrap();
    }
    yew::Renderer::<synack::ui::components::app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    painted().await;
    root
}

/// A timer's worth of waiting, for what the page does after a frame.
async fn sleep(ms: i32) {
    let done = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
}

/// Until the first frame is painted: the side panels are drawn after it
/// (`Action::Painted`), so the diagram comes one task sooner.
async fn painted() {
    for _ in 0..100 {
        if query(".side > *").is_some() {
            return;
        }
        sleep(10).await;
        yew::scheduler::flush().await;
    }
    panic!("the side panels were never drawn");
}

fn segment_ids() -> Vec<String> {
    let list = document().query_selector_all("[data-seg]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("data-seg"))
        .collect()
}

#[wasm_bindgen_test]
async fn default_scenario_draws_the_handshake_and_the_close() {
    mount().await;
    // Past the moment a sliced diagram would measure the window: this page has no
    // stylesheet, so its diagram is taller than the window, and a lesson must
    // still draw every arrow (only big traces are sliced).
    sleep(150).await;
    yew::scheduler::flush().await;
    assert_eq!(segment_ids(), ["c1", "s1", "c2", "c3", "s2", "s3", "c4"]);
    let svg = query("svg.sequence").unwrap();
    assert!(
        svg.get_attribute("data-trace-len")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 20
    );
    let client_states: Vec<String> = {
        let list = document()
            .query_selector_all("[data-host=\"client\"][data-state]")
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("data-state"))
            .collect()
    };
    assert_eq!(
        client_states,
        [
            "CLOSED",
            "SYN-SENT",
            "ESTABLISHED",
            "FIN-WAIT-1",
            "FIN-WAIT-2",
            "TIME-WAIT",
            "CLOSED"
        ]
    );
    assert_eq!(
        query("[data-seg=\"s1\"] .seg-label")
            .unwrap()
            .text_content()
            .unwrap(),
        "s1 SYN,ACK seq=5000 ack=1001"
    );
}

fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_key(key);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_chosen_segment_is_handed_to_the_inspector_whose_drop_the_page_applies() {
    mount().await;
    click(&query("[data-seg=\"c1\"]").unwrap());
    yew::scheduler::flush().await;
    // The page asks the module loaded on first use to draw the inspector.
    assert!(query("[data-panel=\"inspector-host\"]").is_some());

    // The module's inspector, given what the page sends it: Drop says so.
    use synack::editor_bridge::{EditorMsg, InspectorView};
    use synack::scenario::Fault;
    let trace = synack::run(&synack::link::Link::default_link().scenario);
    let view = InspectorView {
        lang: synack::i18n::Lang::En,
        numbering: synack::trace::Numbering::Absolute,
        locked: false,
        selected: "c1".into(),
        fault: None,
    };
    let said = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let on_message = {
        let said = said.clone();
        yew::Callback::from(move |m: EditorMsg| said.borrow_mut().push(m))
    };
    let inspector_root = document().create_element("div").unwrap();
    document()
        .body()
        .unwrap()
        .append_child(&inspector_root)
        .unwrap();
    let props = synack::ui::components::inspector::Props {
        view: std::rc::Rc::new(view),
        trace: std::rc::Rc::new(trace),
        on_message,
    };
    let inspector =
        yew::Renderer::<synack::ui::components::inspector::Inspector>::with_root_and_props(
            inspector_root.clone(),
            props,
        )
        .render();
    yew::scheduler::flush().await;
    let heading = inspector_root
        .query_selector("h2")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(heading.starts_with("c1 · SYN"), "{heading}");
    click(
        &inspector_root
            .query_selector("[data-action=\"drop\"]")
            .unwrap()
            .unwrap(),
    );
    yew::scheduler::flush().await;
    assert_eq!(
        *said.borrow(),
        [EditorMsg::SetFault {
            id: "c1".into(),
            fault: Some(Fault::Drop)
        }]
    );
    inspector.destroy();
    inspector_root.remove();

    // The page applies a drop (here from the keyboard) and TCP retransmits.
    key(&query("[data-seg=\"c1\"]").unwrap(), "d");
    yew::scheduler::flush().await;
    let c1 = query("[data-seg=\"c1\"]").unwrap();
    assert_eq!(c1.get_attribute("data-fate").as_deref(), Some("dropped"));
    let c2 = query("[data-seg=\"c2\"]").unwrap();
    assert!(c2
        .get_attribute("class")
        .unwrap()
        .split_whitespace()
        .any(|c| c == "seg-retx"));
    assert_eq!(
        query("[data-seg=\"c2\"] .seg-label")
            .unwrap()
            .text_content()
            .unwrap(),
        "c2 SYN seq=1000 ↻c1"
    );
    // And resetting the faults restores the original exchange.
    key(&query("[data-seg=\"c1\"]").unwrap(), "r");
    yew::scheduler::flush().await;
    assert_eq!(
        query("[data-seg=\"c1\"]")
            .unwrap()
            .get_attribute("data-fate")
            .as_deref(),
        Some("delivered")
    );
    assert_eq!(segment_ids().len(), 7);
}

#[wasm_bindgen_test]
async fn a_panic_shows_a_visible_message() {
    let box_ = document().create_element("div").unwrap();
    box_.set_id("fatal");
    box_.set_attribute("hidden", "").unwrap();
    document().body().unwrap().append_child(&box_).unwrap();
    synack::ui::show_fatal("test panic");
    let shown = query("#fatal").unwrap();
    assert!(!shown.has_attribute("hidden"));
    assert!(shown.text_content().unwrap().contains("test panic"));
    shown.remove();
}
