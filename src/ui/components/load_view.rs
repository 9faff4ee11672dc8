//! The Load view: many short connections at once (`load`), sockets per state
//! on each host over time as stacked areas, the counts at the cursor as
//! `ss -tan` would print them, the counters, and the connections at the
//! cursor. It runs in the module loaded on first use, simulating in slices
//! so the page never blocks for long.

use crate::editor_bridge::EditorMsg;
use crate::i18n::label;
use crate::i18n::{t, Lang};
use crate::i18n::{EditorWord, Word};
use crate::load::presets::LOAD_PRESETS;
use crate::load::{counted_index, Counts, LoadRun, LoadScenario, LoadTrace, Outcome, COUNTED};
use crate::scenario::{presets, Host, Step, Trigger};
use crate::tcp::{Call, State};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub on_message: Callback<EditorMsg>,
}

/// `data-count-<host>-<state>` at the cursor, for tests and course authors' scripts.
const COUNT_ATTRIBUTES: [[&str; 9]; 2] = [
    [
        "data-count-client-syn-sent",
        "data-count-client-established",
        "data-count-client-fin-wait-1",
        "data-count-client-fin-wait-2",
        "data-count-client-time-wait",
        "data-count-client-close-wait",
        "data-count-client-last-ack",
        "data-count-client-closing",
        "data-count-client-syn-received",
    ],
    [
        "data-count-server-syn-sent",
        "data-count-server-established",
        "data-count-server-fin-wait-1",
        "data-count-server-fin-wait-2",
        "data-count-server-time-wait",
        "data-count-server-close-wait",
        "data-count-server-last-ack",
        "data-count-server-closing",
        "data-count-server-syn-received",
    ],
];

const CHART_W: f64 = 900.0;
const CHART_H: f64 = 150.0;
/// Events simulated between two looks at the clock (well under 1 ms).
const STEP_EVENTS: usize = 1_000;
/// How long one task may simulate before yielding to the browser: the
/// budget is a 50 ms long task on a machine twice as slow as ours.
const SLICE_MS: f64 = 8.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

async fn yield_to_browser() {
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

/// One connection of the load as a scenario of its own, for the sequence
/// diagram: its port, the load's link and profile, the same exchange.
fn single(s: &LoadScenario, port: u16) -> crate::Scenario {
    let mut one = presets::blank();
    one.profile = s.profile;
    one.client_to_server_ms = s.latency_ms;
    one.server_to_client_ms = s.latency_ms;
    one.mss = 1460;
    one.client.port = port;
    one.server.port = 80;
    let after = |call, after| Step {
        call,
        after,
        delay_ms: 0,
    };
    let close = if s.linger0 { Call::Abort } else { Call::Close };
    let exchange = 2 * s.latency_ms + 1;
    one.client.script = vec![
        after(Call::Connect, Trigger::Start),
        after(Call::Send(s.request_bytes), Trigger::Established),
    ];
    one.server.script = vec![
        after(Call::Listen, Trigger::Start),
        Step {
            call: Call::Send(s.response_bytes),
            after: Trigger::Established,
            delay_ms: 1,
        },
    ];
    match s.closer {
        Host::Client => {
            one.client.script.push(Step {
                call: close,
                after: Trigger::Established,
                delay_ms: exchange + 1,
            });
            one.server.script.push(after(Call::Close, Trigger::Eof));
        }
        Host::Server => {
            one.server.script.push(Step {
                call: close,
                after: Trigger::Established,
                delay_ms: 1,
            });
            one.client.script.push(after(Call::Close, Trigger::Eof));
        }
    }
    one
}

/// Where the plot starts: room on the left for the scale's figures.
const AXIS_W: f64 = 110.0;

/// The most sockets either host had at once: one scale for both charts, so
/// two sockets look like two and twelve thousand like twelve thousand.
fn shared_max(trace: &LoadTrace) -> u32 {
    trace
        .samples
        .iter()
        .map(|(_, c, s)| c.iter().sum::<u32>().max(s.iter().sum::<u32>()))
        .max()
        .unwrap_or(0)
        .max(1)
}

/// One host's sockets over the run, and its peak.
fn pick(trace: &LoadTrace, host: Host, i: usize) -> &Counts {
    let (_, client, server) = &trace.samples[i];
    if host == Host::Client {
        client
    } else {
        server
    }
}

/// Seconds between two time ticks: a round step giving at most eight.
fn tick_step_s(end_s: u64) -> u64 {
    [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
        .into_iter()
        .find(|step| end_s / step <= 8)
        .unwrap_or(3600)
}

/// The stacked areas of one host (a path per state, bottom to top) on the
/// shared scale `max`, with the scale's figures on the left and the host's
/// own peak on the right.
fn areas(trace: &LoadTrace, host: Host, top: f64, max: u32, lang: Lang) -> Html {
    let samples = &trace.samples;
    let peak = (0..samples.len())
        .map(|i| pick(trace, host, i).iter().sum::<u32>())
        .max()
        .unwrap_or(0);
    let n = samples.len().max(2) - 1;
    let x = |i: usize| AXIS_W + i as f64 / n as f64 * (CHART_W - AXIS_W);
    let y = |v: u32| top + CHART_H - v as f64 / max as f64 * CHART_H;
    let mut below = vec![0u32; samples.len()];
    let mut paths = Vec::new();
    for (k, state) in COUNTED.iter().enumerate() {
        if (0..samples.len()).all(|i| pick(trace, host, i)[k] == 0) {
            continue;
        }
        let above: Vec<u32> = (0..samples.len())
            .map(|i| below[i] + pick(trace, host, i)[k])
            .collect();
        let mut d = String::new();
        for (i, v) in above.iter().enumerate() {
            d.push_str(&format!(
                "{}{:.1} {:.1} ",
                if i == 0 { 'M' } else { 'L' },
                x(i),
                y(*v)
            ));
        }
        for i in (0..samples.len()).rev() {
            d.push_str(&format!("L{:.1} {:.1} ", x(i), y(below[i])));
        }
        d.push('Z');
        paths.push(html! { <path class={format!("st-{}", state.name())} d={d}><title>{ state.name() }</title></path> });
        below = above;
    }
    let bottom = top + CHART_H;
    html! {
        <g data-host={host.name()} data-peak={peak.to_string()}>
            <text class="load-axis" x={format!("{CHART_W:.0}")} y={format!("{:.0}", top - 6.0)} text-anchor="end">{ t(lang, EditorWord::LoadMax).replace("{n}", &peak.to_string()) }</text>
            <text class="load-axis" x={format!("{:.0}", AXIS_W - 6.0)} y={format!("{:.0}", top + 10.0)} text-anchor="end">{ max }</text>
            <text class="load-axis" x={format!("{:.0}", AXIS_W - 6.0)} y={format!("{bottom:.0}")} text-anchor="end">{ "0" }</text>
            <line class="load-scale" x1={format!("{AXIS_W:.0}")} x2={format!("{AXIS_W:.0}")} y1={format!("{top:.0}")} y2={format!("{bottom:.0}")} />
            <line class="load-scale" x1={format!("{AXIS_W:.0}")} x2={format!("{CHART_W:.0}")} y1={format!("{bottom:.0}")} y2={format!("{bottom:.0}")} />
            { for paths }
        </g>
    }
}

/// Time in seconds under the charts, at round steps.
fn time_axis(trace: &LoadTrace, y: f64, lang: Lang) -> Html {
    let n = trace.samples.len().max(2) - 1;
    let end_s = trace.samples.last().map_or(0, |s| s.0 / 1000);
    let step = tick_step_s(end_s);
    let ticks = (0..=end_s).step_by(step as usize).map(|s| {
        // Samples are one a second from 0: sample s is at second s.
        let x = AXIS_W + s as f64 / n as f64 * (CHART_W - AXIS_W);
        html! {
            <g class="load-tick">
                <line class="load-scale" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={format!("{y:.0}")} y2={format!("{:.0}", y + 5.0)} />
                <text class="load-axis" x={format!("{x:.1}")} y={format!("{:.0}", y + 20.0)} text-anchor={if s == 0 { "start" } else { "middle" }}>{ t(lang, EditorWord::LoadSeconds).replace("{n}", &s.to_string()) }</text>
            </g>
        }
    });
    html! { <g class="load-time" data-step={step.to_string()}>{ for ticks }</g> }
}

/// A swatch and a name for each state either chart draws.
fn legend(trace: &LoadTrace, lang: Lang) -> Html {
    let drawn = COUNTED
        .iter()
        .enumerate()
        .filter(|(k, _)| trace.samples.iter().any(|(_, c, s)| c[*k] > 0 || s[*k] > 0));
    let items = drawn.map(|(_, state)| {
        html! {
            <li><svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><rect class={format!("st-{}", state.name())} width="12" height="12" rx="2" /></svg>{ state.name() }</li>
        }
    });
    html! {
        <ul class="load-legend" aria-label={t(lang, EditorWord::LoadLegend)}>{ for items }</ul>
    }
}

#[component]
pub fn LoadView(props: &Props) -> Html {
    let lang = props.lang;
    let preset = use_state(|| 0usize);
    let trace = use_state(|| None::<Rc<LoadTrace>>);
    let cursor = use_state(|| 0usize);
    let filter = use_state(|| None::<State>);
    // (Re)run the chosen load, a slice at a time.
    {
        let (trace, cursor) = (trace.clone(), cursor.clone());
        use_effect_with(*preset, move |&p| {
            trace.set(None);
            let alive = Rc::new(std::cell::Cell::new(true));
            let still = alive.clone();
            yew::platform::spawn_local(async move {
                let mut run = LoadRun::new(&(LOAD_PRESETS[p].build)());
                loop {
                    yield_to_browser().await;
                    if !still.get() {
                        return;
                    }
                    let start = now_ms();
                    let mut over = false;
                    while !over && now_ms() - start < SLICE_MS {
                        over = run.advance(STEP_EVENTS);
                    }
                    if over {
                        break;
                    }
                }
                let done = Rc::new(run.finish());
                // Freeing the run's endpoints and drawing the chart: two tasks.
                yield_to_browser().await;
                drop(run);
                yield_to_browser().await;
                if !still.get() {
                    return;
                }
                cursor.set(
                    done.samples.len().saturating_sub(1).min(
                        done.samples
                            .iter()
                            .position(|(t, _, _)| *t >= 30_000)
                            .unwrap_or(usize::MAX),
                    ),
                );
                trace.set(Some(done));
            });
            move || alive.set(false)
        });
    }
    let scenario = (LOAD_PRESETS[*preset].build)();
    let [title, notice, question] = LOAD_PRESETS[*preset].words;
    let picker = {
        let chosen = *preset;
        let preset = preset.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                preset.set(i.min(LOAD_PRESETS.len() - 1));
            }
        });
        html! {
            <select {onchange} data-field="load-preset" aria-label={t(lang, Word::PickerLabel)}>
                { for LOAD_PRESETS.iter().enumerate().map(|(i, p)| html! {
                    <option value={i.to_string()} selected={i == chosen}>{ t(lang, p.words[0]) }</option>
                }) }
            </select>
        }
    };
    let back = {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(EditorMsg::CloseLoad))
    };
    let head = html! {
        <div class="load-head">
            { picker }
            <button class="btn" data-action="close-load" onclick={back}>{ t(lang, EditorWord::Back) }</button>
        </div>
    };
    let lesson = html! {
        <div class="lesson">
            <h1>{ t(lang, title) }</h1>
            <p class="question"><strong>{ label(lang, Word::Question) }</strong>{ t(lang, question) }</p>
            <p class="notice-text"><strong>{ label(lang, Word::Notice) }</strong>{ t(lang, notice) }</p>
        </div>
    };
    let Some(tr) = (*trace).clone() else {
        return html! {
            <section class="panel load-view" data-view="load" data-running="true">{ head }{ lesson }<p class="hint">{ t(lang, EditorWord::LoadRunning) }</p></section>
        };
    };
    let at = (*cursor).min(tr.samples.len().saturating_sub(1));
    let (time, client, server) = tr.samples.get(at).copied().unwrap_or((0, [0; 9], [0; 9]));
    let mut attrs: Vec<(&'static str, String)> = Vec::new();
    for (side, counts) in [&client, &server].into_iter().enumerate() {
        for (k, n) in counts.iter().enumerate() {
            attrs.push((COUNT_ATTRIBUTES[side][k], n.to_string()));
        }
    }
    let ss = |counts: &Counts, host: Host| {
        let name = host.word();
        html! {
            <figure class="ss-host">
                <figcaption>{ t(lang, name) }</figcaption>
                <pre class="ss mono">{ ss_table(counts, lang) }</pre>
            </figure>
        }
    };
    let slider = {
        let cursor = cursor.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<usize>() {
                cursor.set(v);
            }
        });
        html! {
            <label class="load-cursor">{ format!("{} {} s", t(lang, EditorWord::LoadCursor), time / 1000) }
                <input type="range" min="0" max={tr.samples.len().saturating_sub(1).to_string()} value={at.to_string()} {oninput} data-field="load-cursor" />
            </label>
        }
    };
    let cursor_x = AXIS_W + at as f64 / (tr.samples.len().max(2) - 1) as f64 * (CHART_W - AXIS_W);
    let max = shared_max(&tr);
    let tw = counted_index(State::TimeWait).unwrap_or(0);
    let failed: Vec<String> = Outcome::FAILURES
        .iter()
        .filter(|o| tr.count(**o) > 0)
        .map(|o| format!("{} {}", t(lang, outcome_word(*o)), tr.count(*o)))
        .collect();
    let counters = html! {
        <dl class="load-counters">
            <div><dt>{ t(lang, EditorWord::LoadCompleted) }</dt><dd data-completed={tr.count(Outcome::Completed).to_string()}>{ tr.count(Outcome::Completed) }</dd></div>
            <div><dt>{ t(lang, EditorWord::LoadFailed) }</dt><dd>{ if failed.is_empty() { t(lang, EditorWord::LoadNone).to_string() } else { failed.join(", ") } }</dd></div>
            <div><dt>{ t(lang, EditorWord::LoadFirstFailure) }</dt><dd>{ tr.first_failure_ms.map(|ms| format!("{}.{:03} s", ms / 1000, ms % 1000)).unwrap_or_else(|| t(lang, EditorWord::LoadNone).to_string()) }</dd></div>
            <div><dt>{ t(lang, EditorWord::LoadPeak) }</dt><dd>{ t(lang, EditorWord::LoadPeakEach).replace("{c}", &tr.peak[0][tw].to_string()).replace("{s}", &tr.peak[1][tw].to_string()) }</dd></div>
        </dl>
    };
    let filter_select = {
        let current = *filter;
        let filter = filter.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            filter.set(COUNTED.iter().copied().find(|s| s.name() == select.value()));
        });
        html! {
            <label>{ t(lang, EditorWord::LoadFilter) }{ " " }
                <select {onchange} data-field="load-filter">
                    <option value="" selected={current.is_none()}>{ t(lang, EditorWord::LoadAll) }</option>
                    { for COUNTED.iter().map(|s| html! { <option value={s.name()} selected={current == Some(*s)}>{ s.name() }</option> }) }
                </select>
            </label>
        }
    };
    let rows = tr
        .connections
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let (cs, ss) = (c.state_at(Host::Client, time), c.state_at(Host::Server, time));
            let open = cs != State::Closed || ss != State::Closed;
            let matches = filter.map_or(open, |f| cs == f || ss == f);
            matches.then_some((i, c, cs, ss))
        })
        .take(100)
        .map(|(i, c, cs, ss)| {
            let onclick = c.port.map(|port| {
                let (send, scenario) = (props.on_message.clone(), scenario);
                Callback::from(move |_: MouseEvent| send.emit(EditorMsg::Replace(single(&scenario, port))))
            });
            html! {
                <tr data-connection={(i + 1).to_string()}>
                    <td>{ i + 1 }</td>
                    <td class="mono">{ c.port.map(|p| format!("10.0.0.1:{p}")).unwrap_or_else(|| "—".into()) }</td>
                    <td class="mono">{ cs.name() }</td>
                    <td class="mono">{ ss.name() }</td>
                    <td>{ c.outcome.map(|o| t(lang, outcome_word(o))).unwrap_or("") }</td>
                    <td>if let Some(onclick) = onclick { <button class="btn mini" {onclick}>{ t(lang, EditorWord::LoadOpenConnection) }</button> }</td>
                </tr>
            }
        });
    let mut root = html! {
        <section class="panel load-view" data-view="load">
            { head }{ lesson }{ counters }
            <svg class="load-chart" viewBox={format!("0 -40 {CHART_W} {}", 2.0 * CHART_H + 110.0)} role="img" aria-label={format!("{} / {}", t(lang, EditorWord::LoadClient), t(lang, EditorWord::LoadServer))}>
                <text class="load-axis" x={format!("{AXIS_W:.0}")} y="-6">{ t(lang, EditorWord::LoadClient) }</text>
                { areas(&tr, Host::Client, 0.0, max, lang) }
                <text class="load-axis" x={format!("{AXIS_W:.0}")} y={format!("{:.0}", CHART_H + 34.0)}>{ t(lang, EditorWord::LoadServer) }</text>
                { areas(&tr, Host::Server, CHART_H + 40.0, max, lang) }
                { time_axis(&tr, 2.0 * CHART_H + 40.0, lang) }
                <line class="cursor" x1={format!("{cursor_x:.1}")} x2={format!("{cursor_x:.1}")} y1="-10" y2={format!("{:.0}", 2.0 * CHART_H + 40.0)} />
            </svg>
            <p class="load-scale-note" data-scale={max.to_string()}>{ t(lang, EditorWord::LoadScale).replace("{n}", &max.to_string()) }</p>
            { legend(&tr, lang) }
            { slider }
            <div class="ss-pair">{ ss(&client, Host::Client) }{ ss(&server, Host::Server) }</div>
            { filter_select }
            <div class="connections-scroll">
                <table class="connections" aria-label={t(lang, EditorWord::LoadTable)}>
                    <thead><tr><th>{ "#" }</th><th>{ t(lang, EditorWord::Port) }</th><th>{ t(lang, Word::HostClient) }</th><th>{ t(lang, Word::HostServer) }</th><th>{ t(lang, EditorWord::CaptureEnding) }</th><th></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    };
    if let Html::VTag(tag) = &mut root {
        let tag = std::rc::Rc::make_mut(tag);
        for (k, v) in attrs {
            tag.add_attribute(k, v);
        }
    }
    root
}

/// A failure's words (the command line's JSON keeps `Outcome::as_str`).
fn outcome_word(o: Outcome) -> EditorWord {
    match o {
        Outcome::NoFreePort => EditorWord::OutcomeNoFreePort,
        Outcome::Refused => EditorWord::OutcomeRefused,
        Outcome::TimedOut => EditorWord::OutcomeTimedOut,
        Outcome::Reset => EditorWord::OutcomeReset,
        Outcome::Completed => EditorWord::OutcomeCompleted,
        Outcome::StillOpen => EditorWord::OutcomeStillOpen,
    }
}

/// One host's sockets by state, as `ss` would count them; "no sockets" when
/// it has none (a header alone said nothing).
fn ss_table(counts: &Counts, lang: Lang) -> String {
    let rows: Vec<String> = COUNTED
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| format!("{:<12} {n}", s.name()))
        .collect();
    if rows.is_empty() {
        return t(lang, EditorWord::LoadNoSockets).to_string();
    }
    format!("{}\n{}", t(lang, EditorWord::LoadSsHeader), rows.join("\n"))
}
