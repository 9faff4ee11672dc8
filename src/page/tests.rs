//! Every action of the page's reducer, natively: no browser, no Yew.

use super::*;
use crate::editor_bridge::ScriptRun;
use crate::scenario::{presets, Host};
use crate::tcp::State;

fn page(preset: &str) -> Rc<AppState> {
    let link = Link::for_preset(preset).expect("a preset");
    Rc::new(AppState::from_link(
        link,
        None,
        Lang::En,
        Default::default(),
    ))
}

fn after(state: &Rc<AppState>, actions: impl IntoIterator<Item = Action>) -> Rc<AppState> {
    actions.into_iter().fold(state.clone(), reduce)
}

/// One segment as the tests read it: id, flags, seq, ack, length, and whether it arrived.
fn wire(s: &AppState, id: &str) -> (String, u32, u32, u32, bool) {
    let seg = s
        .trace
        .segment(id)
        .unwrap_or_else(|| panic!("no segment {id}"));
    let h = &seg.header;
    (
        h.flags.to_string(),
        h.seq.0,
        h.ack.0,
        h.len,
        seg.arrives.is_some(),
    )
}

fn drop_(id: &str) -> Action {
    Action::SetFault {
        id: id.into(),
        fault: Some(Fault::Drop),
    }
}

fn script_state(faults: crate::editor_bridge::Faults) -> (Rc<AppState>, Box<ScriptRun>) {
    let s = after(
        &page("client-close"),
        [Action::ScriptShown(Rc::new((
            "t.pkt".into(),
            "0 socket(...) = 3\n".into(),
        )))],
    );
    let mut trace = crate::run(&presets::by_name("client-close").unwrap());
    trace.script_side = Some(Host::Client);
    let run = Box::new(ScriptRun {
        faults,
        profile: ProfileName::Linux,
        trace,
        failed: vec![0],
    });
    (s, run)
}

// ---- playback ----

#[test]
fn set_cursor_clamps_to_the_run_and_the_embed_range() {
    let s = page("client-close");
    let end = s.trace.end_ms;
    assert_eq!(after(&s, [Action::SetCursor(end + 500)]).cursor, end);
    let mut ranged = (*s).clone();
    ranged.showing.range = Some((10, 40));
    let r = reduce(Rc::new(ranged), Action::SetCursor(0));
    assert_eq!(r.cursor, 10);
    assert_eq!(r.revision, s.revision + 1);
}

#[test]
fn steps_go_from_moment_to_moment_and_stop_playing() {
    let s = after(&page("client-close"), [Action::Home, Action::TogglePlay]);
    assert!(s.playing);
    let first = s.moments.iter().copied().find(|&m| m > 0).unwrap();
    let s = after(&s, [Action::StepForward]);
    assert_eq!((s.cursor, s.playing), (first, false));
    let s = after(&s, [Action::StepBack]);
    assert_eq!(s.cursor, 0);
    let s = after(&s, [Action::End]);
    assert_eq!(s.cursor, s.trace.end_ms);
    let s = after(&s, [Action::Home]);
    assert_eq!(s.cursor, 0);
}

#[test]
fn play_at_the_end_starts_again_and_ticks_move_only_while_playing() {
    let s = page("client-close");
    assert_eq!(s.cursor, s.trace.end_ms);
    let s = after(&s, [Action::TogglePlay]);
    assert_eq!((s.cursor, s.playing), (0, true));
    let moved = after(&s, [Action::Tick(100.0)]);
    assert!(moved.cursor > 0);
    let paused = after(&moved, [Action::TogglePlay, Action::Tick(100.0)]);
    assert_eq!((paused.cursor, paused.playing), (moved.cursor, false));
}

#[test]
fn step_playing_walks_the_moments_then_stops_at_the_end() {
    let mut s = after(&page("client-close"), [Action::TogglePlay]);
    for &m in s.moments.clone().iter().filter(|&&m| m > 0) {
        s = after(&s, [Action::StepPlaying]);
        assert_eq!(s.cursor, m);
    }
    s = after(&s, [Action::StepPlaying]);
    assert_eq!((s.cursor, s.playing), (s.trace.end_ms, false));
}

#[test]
fn set_speed_is_kept() {
    assert_eq!(
        after(&page("handshake"), [Action::SetSpeed(4.0)]).speed,
        4.0
    );
}

// ---- scenario and history ----

#[test]
fn a_drop_reruns_the_model_and_undo_redo_travel() {
    let s = page("client-close");
    assert_eq!(wire(&s, "c1"), ("SYN".into(), 1000, 0, 0, true));
    let dropped = after(&s, [drop_("c1")]);
    assert_eq!(wire(&dropped, "c1"), ("SYN".into(), 1000, 0, 0, false));
    // The retransmission is the next client segment, the same SYN, one RTO later.
    assert_eq!(wire(&dropped, "c2"), ("SYN".into(), 1000, 0, 0, true));
    assert_eq!(dropped.trace.segment("c2").unwrap().sent, 1000);
    assert!(dropped.history.can_undo());
    let undone = after(&dropped, [Action::Undo]);
    assert_eq!(undone.scenario, s.scenario);
    assert!(undone.history.can_redo());
    let redone = after(&undone, [Action::Redo]);
    assert_eq!(redone.scenario, dropped.scenario);
    // Nothing to redo: the same state.
    assert!(Rc::ptr_eq(&after(&redone, []), &redone));
    let none = reduce(redone.clone(), Action::Redo);
    assert!(Rc::ptr_eq(&none.history, &redone.history) || !none.history.can_redo());
}

#[test]
fn reset_faults_clears_them_and_is_one_undo_step() {
    let s = after(&page("lost-syn"), [Action::ResetFaults]);
    assert!(s.scenario.faults.is_empty());
    assert!(wire(&s, "c1").4);
    let back = after(&s, [Action::Undo]);
    assert_eq!(back.scenario.faults.len(), 1);
}

#[test]
fn an_invalid_fault_is_refused_with_a_notice() {
    let s = after(
        &page("client-close"),
        [Action::SetFault {
            id: "c1".into(),
            fault: Some(Fault::Delay(10_000_000)),
        }],
    );
    assert!(s.notice.is_some());
    assert!(s.scenario.faults.is_empty());
}

#[test]
fn edits_of_one_field_are_one_undo_step() {
    let s = page("client-close");
    let mut a = s.scenario.clone();
    a.client_to_server_ms = 30;
    let mut b = a.clone();
    b.client_to_server_ms = 300;
    let field = Some("latency".to_string());
    let s2 = after(
        &s,
        [
            Action::EditorChanged {
                scenario: a,
                field: field.clone(),
            },
            Action::EditorChanged { scenario: b, field },
        ],
    );
    assert_eq!(s2.scenario.client_to_server_ms, 300);
    assert_eq!(after(&s2, [Action::Undo]).scenario, s.scenario);
}

#[test]
fn load_preset_keeps_the_chosen_timers_unless_the_preset_names_its_own() {
    let s = after(
        &page("client-close"),
        [Action::SetProfile(ProfileName::Linux)],
    );
    assert_eq!(s.scenario.profile, ProfileName::Linux);
    let s = after(&s, [Action::LoadPreset("lost-syn".into())]);
    assert_eq!(s.preset.as_deref(), Some("lost-syn"));
    assert_eq!(s.scenario.profile, ProfileName::Linux);
    assert_eq!(s.cursor, s.trace.end_ms);
    // An unknown name changes nothing.
    let same = after(&s, [Action::LoadPreset("no-such".into())]);
    assert_eq!(same.preset.as_deref(), Some("lost-syn"));
}

#[test]
fn replace_scenario_drops_the_preset_and_closes_the_load_view() {
    let s = after(&page("client-close"), [Action::ToggleLoad]);
    assert!(s.load_open);
    let s = after(
        &s,
        [Action::ReplaceScenario(
            presets::by_name("handshake").unwrap(),
        )],
    );
    assert_eq!((s.preset.clone(), s.load_open), (None, false));
    assert_eq!(s.trace.segments.len(), 3);
}

// ---- what is shown: capture, script, link ----

fn shown_capture(s: &Rc<AppState>) -> Rc<AppState> {
    let trace = Rc::new(crate::run(&presets::by_name("lost-syn").unwrap()));
    after(
        s,
        [
            Action::OpenCaptureFile(OpenedFile {
                name: "a.pcap".into(),
            }),
            Action::ShowConnection {
                file_name: "a.pcap".into(),
                trace,
            },
        ],
    )
}

#[test]
fn a_capture_of_microseconds_steps_from_event_to_event() {
    // The first of many-short-connections.pcap: over in 211 µs.
    let bytes = include_bytes!("../../tests/captures/many-short-connections.pcap");
    let capture = crate::capture::open(bytes).unwrap();
    let trace = Rc::new(crate::capture::infer(&capture.connections[0]));
    let shown = after(
        &page("handshake"),
        [
            Action::OpenCaptureFile(OpenedFile {
                name: "many.pcap".into(),
            }),
            Action::ShowConnection {
                file_name: "many.pcap".into(),
                trace,
            },
            Action::Home,
        ],
    );
    assert_eq!(shown.cursor, 0);
    let mut at = vec![shown.cursor];
    let mut s = shown;
    for _ in 0..4 {
        s = after(&s, [Action::StepForward]);
        at.push(s.cursor);
    }
    assert_eq!(at, [0, 17, 31, 67, 72]);
    assert_eq!(after(&s, [Action::End]).cursor, 211);
}

#[test]
fn a_capture_is_shown_relative_read_only_and_closed_back_to_the_scenario() {
    let s = page("client-close");
    let c = shown_capture(&s);
    assert_eq!(c.capture_file.as_ref().unwrap().name, "a.pcap");
    assert!(c.showing_capture());
    assert_eq!(c.showing.numbering, Numbering::Relative);
    assert!(!wire(&c, "c1").4, "the capture's lost SYN is drawn");
    // The module is sent the capture's own trace, to reattach its connection.
    let shown = crate::editor_bridge::Shown::read(&c.shown_text()).unwrap();
    assert!(shown.captured && shown.failed.is_empty());
    assert_eq!(shown.trace.segments, c.trace.segments);
    let refused = after(&c, [drop_("c2")]);
    assert_eq!(
        refused.notice_text().as_deref(),
        Some(crate::i18n::t(Lang::En, Word::CaptureReadonly))
    );
    assert!(refused.scenario.faults.is_empty());
    let closed = after(&c, [Action::CloseCapture]);
    assert!(!closed.showing_capture() && closed.capture_file.is_none());
    assert!(wire(&closed, "c1").4, "the scenario again");
}

#[test]
fn replay_puts_the_capture_underneath_the_scenario() {
    let c = shown_capture(&page("client-close"));
    let r = after(&c, [Action::Replay(presets::by_name("lost-syn").unwrap())]);
    assert!(!r.showing_capture());
    assert!(Rc::ptr_eq(
        r.replayed.as_ref().unwrap(),
        &c.capture.as_ref().unwrap().trace
    ));
    assert!(!wire(&r, "c1").4);
    // The layout places the capture's segments on the model's time axis, one
    // line each, from sender to receiver.
    let captured = &c.capture.as_ref().unwrap().trace;
    let lines = &r.diagram.underlay;
    assert_eq!(lines.len(), captured.segments.len());
    for (line, seg) in lines.iter().zip(&captured.segments) {
        assert_eq!(line.id, seg.id);
        assert_eq!(line.x1, r.diagram.lane(seg.from));
        assert_eq!(line.x2, r.diagram.lane(seg.to()));
        assert!(line.y1 >= r.diagram.timeline.y_at(seg.sent));
    }
    // The note is the module's (`replay::derive_noted`), kept as it came.
    let mut noted = presets::by_name("handshake").unwrap();
    noted.note = Some("Differences from the capture: c1 …".into());
    let other = after(&c, [Action::Replay(noted.clone())]);
    assert_eq!(other.scenario.note, noted.note);
    // (It was worked out on the run the page draws: the scenario's own run.)
    assert_eq!(*other.trace.0, crate::run(&noted));
    // The differences on screen are the module's answer for the run on
    // screen; until it answers there are none to show.
    assert_eq!(r.differences(), None);
    let answered = after(
        &r,
        [Action::ReplayCompared {
            of: r.trace.0.clone(),
            lines: vec!["c1: …".into()],
        }],
    );
    assert_eq!(
        answered.differences(),
        Some((&["c1: …".to_string()][..], true))
    );
    // An answer for another run (an older one) is not taken.
    let stale = Action::ReplayCompared {
        of: other.trace.0.clone(),
        lines: vec![],
    };
    assert!(Rc::ptr_eq(&after(&answered, [stale]), &answered));
    // A fault on the replay lays it out again, the capture still under it,
    // and the file's list stays beside it: the way back to its connections.
    let dropped = after(&answered, [drop_("c1")]);
    // Its differences are the last run's until the module answers again.
    assert_eq!(
        dropped.differences(),
        Some((&["c1: …".to_string()][..], false))
    );
    assert_eq!(dropped.diagram.underlay.len(), lines.len());
    for replaying in [&r, &dropped] {
        assert_eq!(replaying.capture_file.as_ref().unwrap().name, "a.pcap");
        assert!(!replaying.awaiting_connection(), "the replay is drawn");
    }
    let back = after(
        &dropped,
        [Action::ShowConnection {
            file_name: "a.pcap".into(),
            trace: captured.clone(),
        }],
    );
    assert!(back.showing_capture() && back.replayed.is_none());
    assert_eq!(back.differences(), None);
    // Loading a preset ends the comparison.
    let ended = after(&r, [Action::LoadPreset("handshake".into())]);
    assert!(ended.replayed.is_none() && ended.diagram.underlay.is_empty());
}

#[test]
fn a_script_run_is_drawn_with_its_failed_lines_marked_and_stale_runs_ignored() {
    let (s, run) = script_state(Default::default());
    assert!(s.script.is_some() && s.script.as_ref().unwrap().run.is_none());
    let shown = after(&s, [Action::ScriptRun(run)]);
    assert_eq!(shown.showing.numbering, Numbering::Relative);
    assert!(shown.diagram.segments[0].label.ends_with(" ✗"));
    assert!(!shown.diagram.segments[1].label.ends_with(" ✗"));
    let mut faults = crate::editor_bridge::Faults::new();
    faults.insert("c9".into(), Fault::Drop);
    let (_, stale) = script_state(faults);
    assert!(Rc::ptr_eq(
        &reduce(shown.clone(), Action::ScriptRun(stale)),
        &shown
    ));
}

#[test]
fn on_a_script_only_its_own_segments_take_faults_and_the_profile_is_the_scripts() {
    let (s, run) = script_state(Default::default());
    let s = after(&s, [Action::ScriptRun(run)]);
    let theirs = after(&s, [drop_("c1")]);
    assert_eq!(
        theirs.script.as_ref().unwrap().faults.get("c1"),
        Some(&Fault::Drop)
    );
    assert!(
        theirs.scenario.faults.is_empty(),
        "the scenario behind is untouched"
    );
    // s1 is the endpoint's: what the script checks.
    assert!(Rc::ptr_eq(&reduce(s.clone(), drop_("s1")), &s));
    let reset = after(&theirs, [Action::ResetFaults]);
    assert!(reset.script.as_ref().unwrap().faults.is_empty());
    let timers = after(&s, [Action::SetProfile(ProfileName::Rfc)]);
    assert_eq!(timers.profile(), ProfileName::Rfc);
    assert_eq!(timers.scenario.profile, s.scenario.profile);
}

#[test]
fn open_link_starts_afresh_but_keeps_the_history() {
    let s = after(&page("client-close"), [drop_("c1")]);
    let fresh = after(
        &s,
        [Action::OpenLink {
            link: Link::for_preset("handshake").unwrap(),
            notice: Some(Notice::Text("n".into())),
        }],
    );
    assert_eq!(fresh.preset.as_deref(), Some("handshake"));
    assert_eq!(fresh.notice_text().as_deref(), Some("n"));
    assert_eq!(fresh.revision, s.revision + 1);
    assert!(Rc::ptr_eq(&fresh.history, &s.history));
}

#[test]
fn the_load_view_is_not_opened_in_an_embed() {
    let mut e = (*page("client-close")).clone();
    e.showing.embed = true;
    assert!(!reduce(Rc::new(e), Action::ToggleLoad).load_open);
    let s = after(
        &page("client-close"),
        [Action::ToggleEditor, Action::ToggleLoad],
    );
    assert!(s.load_open && !s.editor_open);
}

// ---- quiz and lock ----

#[test]
fn a_quiz_hides_everything_until_its_first_question_and_shows_all_when_it_ends() {
    let s = after(&page("client-close"), [Action::ToggleQuiz]);
    assert_eq!(
        (s.showing.quiz, s.hide_from),
        (Some(crate::quiz::Kinds::ALL), Some(0))
    );
    assert_eq!(s.segments_shown(), 0);
    let at = after(&s, [Action::QuizAt(Some(3))]);
    assert_eq!(at.hide_from, Some(3));
    assert_eq!(at.cursor, at.trace.events[3].t);
    assert!(at.shown(2) && !at.shown(3));
    let off = after(&at, [Action::ToggleQuiz]);
    assert_eq!((off.showing.quiz, off.hide_from), (None, None));
    // Without a quiz, QuizAt shows everything.
    assert_eq!(after(&off, [Action::QuizAt(Some(3))]).hide_from, None);
}

#[test]
fn a_locked_quiz_cannot_be_closed_by_its_button_the_toolbar_or_a_key() {
    let s = after(
        &page("lost-syn"),
        [
            Action::SetQuiz {
                kinds: Some(crate::quiz::Kinds::ALL),
                locked: true,
            },
            Action::QuizAt(Some(4)),
        ],
    );
    for close in [Action::CloseQuiz, Action::ToggleQuiz] {
        let tried = after(&s, [close]);
        assert_eq!(tried.showing.quiz, Some(crate::quiz::Kinds::ALL));
        assert_eq!(tried.hide_from, Some(4), "the steps ahead stay hidden");
        assert_eq!(
            tried.notice_text().as_deref(),
            Some(crate::i18n::t(Lang::En, Word::QuizLockedOpen))
        );
    }
    // Unlocked, the same quiz closes and shows everything.
    let open = after(
        &s,
        [Action::SetQuiz {
            kinds: Some(crate::quiz::Kinds::ALL),
            locked: false,
        }],
    );
    let closed = after(&open, [Action::CloseQuiz]);
    assert_eq!((closed.showing.quiz, closed.hide_from), (None, None));
}

#[test]
fn a_locked_quiz_refuses_faults_edits_and_the_editor() {
    let s = after(
        &page("lost-syn"),
        [Action::SetQuiz {
            kinds: Some(crate::quiz::Kinds::ALL),
            locked: true,
        }],
    );
    assert!(s.showing.locked);
    let locked_words = Some(crate::i18n::t(Lang::En, Word::QuizLocked));
    for action in [
        drop_("s1"),
        Action::ResetFaults,
        Action::EditorChanged {
            scenario: presets::by_name("handshake").unwrap(),
            field: None,
        },
    ] {
        let r = reduce(s.clone(), action);
        assert_eq!(r.notice_text().as_deref(), locked_words);
        assert_eq!(r.scenario, s.scenario);
    }
    assert!(Rc::ptr_eq(&reduce(s.clone(), Action::ToggleEditor), &s));
}

#[test]
fn a_segment_still_hidden_by_the_quiz_cannot_be_selected() {
    let quiz = after(&page("client-close"), [Action::ToggleQuiz]);
    // Wait just after the first segment is sent: c1 is shown, s1 is not.
    let first_sent = quiz
        .trace
        .events
        .iter()
        .position(|e| matches!(e.kind, EventKind::Sent { .. }))
        .unwrap();
    let s = after(&quiz, [Action::QuizAt(Some(first_sent + 1))]);
    let shown = s.segments_shown();
    assert_eq!(shown, 1);
    let hidden_id = s.trace.segments.get(shown).unwrap().id.clone();
    assert!(Rc::ptr_eq(
        &reduce(s.clone(), Action::Select(Some(hidden_id))),
        &s
    ));
    let first = after(&s, [Action::Select(Some("c1".into()))]);
    assert_eq!(first.selected.as_deref(), Some("c1"));
    assert_eq!(after(&first, [Action::Select(None)]).selected, None);
}

// ---- how it is shown ----

#[test]
fn numbering_language_theme_help_and_notices() {
    let s = page("client-close");
    let n = after(&s, [Action::SetNumbering(Numbering::Relative)]);
    assert_eq!(n.showing.numbering, Numbering::Relative);
    // A change of view lays out the same run: nothing is simulated again.
    assert!(Rc::ptr_eq(&n.trace, &s.trace));
    assert!(
        n.diagram.segments[0].label.contains("seq=0"),
        "{}",
        n.diagram.segments[0].label
    );
    assert_eq!(after(&s, [Action::SetLang(Lang::Zh)]).lang, Lang::Zh);
    assert_eq!(
        after(&s, [Action::SetTheme(Theme::Dark)]).showing.theme,
        Theme::Dark
    );
    assert!(after(&s, [Action::ToggleHelp]).help_open);
    // Escape closes the shortcuts first, then lets go of the selection.
    let both = after(&s, [Action::Select(Some("c1".into())), Action::ToggleHelp]);
    let once = after(&both, [Action::Escape]);
    assert!(!once.help_open && once.selected.as_deref() == Some("c1"));
    assert_eq!(after(&once, [Action::Escape]).selected, None);
    let idle = after(&s, [Action::Escape]);
    assert!(Rc::ptr_eq(&idle, &s), "nothing to close: nothing changes");
    let told = after(&s, [Action::Notice("x".into())]);
    assert_eq!(told.notice_text().as_deref(), Some("x"));
    assert_eq!(after(&told, [Action::DismissNotice]).notice, None);
    let e = after(&s, [Action::ToggleEditor]);
    assert!(e.editor_open);
    assert!(!after(&e, [Action::ToggleEditor]).editor_open);
}

#[test]
fn states_follow_the_trace_after_a_change() {
    let s = after(&page("lost-last-ack"), [Action::ResetFaults]);
    let end = s.trace.end_ms;
    assert_eq!(s.trace.state_at(Host::Server, end), State::Closed);
}

// ---- the module's messages ----

#[test]
fn a_stale_close_never_reopens_a_panel() {
    let s = page("client-close");
    for close in [
        Action::CloseEditor,
        Action::CloseLoad,
        Action::CloseQuiz,
        Action::CloseHelp,
    ] {
        assert!(Rc::ptr_eq(&reduce(s.clone(), close), &s));
    }
    let open = after(&s, [Action::ToggleEditor, Action::ToggleQuiz]);
    let closed = after(&open, [Action::CloseEditor, Action::CloseQuiz]);
    assert_eq!(
        (closed.editor_open, closed.showing.quiz, closed.hide_from),
        (false, None, None)
    );
    let help = after(
        &s,
        [Action::ToggleHelp, Action::CloseHelp, Action::CloseHelp],
    );
    assert!(!help.help_open);
    let load = after(
        &s,
        [Action::ToggleLoad, Action::CloseLoad, Action::CloseLoad],
    );
    assert!(!load.load_open);
    // The module's own close messages are these, not toggles.
    use crate::editor_bridge::EditorMsg;
    assert!(matches!(
        Action::from(EditorMsg::Close),
        Action::CloseEditor
    ));
    assert!(matches!(
        Action::from(EditorMsg::CloseLoad),
        Action::CloseLoad
    ));
    assert!(matches!(
        Action::from(EditorMsg::CloseQuiz),
        Action::CloseQuiz
    ));
    assert!(matches!(
        Action::from(EditorMsg::CloseHelp),
        Action::CloseHelp
    ));
}

#[test]
fn a_message_from_another_release_of_the_module_asks_for_a_reload() {
    let s = after(
        &page("client-close"),
        [Action::SetLang(Lang::Zh), Action::ModuleMismatch],
    );
    assert_eq!(
        s.notice_text().as_deref(),
        Some(crate::i18n::t(Lang::Zh, Word::ModuleMismatch))
    );
    assert!(s.notice_text().as_deref().unwrap().contains("重新加载"));
}

#[test]
fn the_events_on_screen_are_a_prefix_the_views_read_the_last_state_from() {
    use crate::scenario::Host;
    use crate::tcp::State;
    let s = page("lost-fin");
    let mut cursors: Vec<u64> = s.trace.events.iter().map(|e| e.t).collect();
    cursors.extend([0, 1, s.trace.end_ms + 1]);
    for cursor in cursors {
        for hide_from in [None, Some(3), Some(0)] {
            let at = AppState {
                cursor,
                hide_from,
                ..(*s).clone()
            };
            let n = at.events_shown();
            assert!((0..s.trace.events.len()).all(|i| at.shown(i) == (i < n)));
            for host in [Host::Client, Host::Server] {
                let last = at.trace.last_change(host, n);
                // The same state `state_at` reads by time, unless a question hides later ones.
                if hide_from.is_none() {
                    let now = last.map_or(State::Closed, |(_, _, to)| to);
                    assert_eq!(now, at.trace.state_at(host, cursor), "{host:?} at {cursor}");
                }
                if let Some((i, _, _)) = last {
                    assert!(i < n);
                }
            }
        }
    }
}

#[test]
fn a_shared_link_never_opens_the_editor() {
    let s = after(&page("lost-syn"), [Action::ToggleEditor, drop_("s1")]);
    assert!(
        s.editor_open && s.link().editor,
        "the address bar keeps the author's view"
    );
    let own = crate::link::encode(&s.link());
    let shared = crate::link::encode(&s.shared_link());
    assert!(own.contains("edit=1"), "{own}");
    assert!(
        !shared.contains("edit=1") && shared.contains("drop=c.syn,s.synack"),
        "{shared}"
    );
}

#[test]
fn the_header_names_what_is_on_screen() {
    use super::OnScreen;
    let s = page("lost-syn");
    assert_eq!(s.on_screen(), OnScreen::Preset("lost-syn".into()));
    assert_eq!(
        shown_capture(&s).on_screen(),
        OnScreen::Capture("a.pcap".into())
    );
    assert_eq!(after(&s, [Action::ToggleLoad]).on_screen(), OnScreen::Load);
    let (script, _) = script_state(Default::default());
    assert!(matches!(script.on_screen(), OnScreen::Script(_)));
    let own = after(
        &s,
        [Action::ReplaceScenario(
            presets::by_name("handshake").unwrap(),
        )],
    );
    assert_eq!(own.on_screen(), OnScreen::Own(None));
}

#[test]
fn a_new_capture_file_shows_nothing_of_the_last_drawing_until_a_connection_is_chosen() {
    let shown = shown_capture(&page("client-close"));
    assert!(!shown.awaiting_connection());
    let next = after(
        &shown,
        [Action::OpenCaptureFile(super::OpenedFile {
            name: "b.pcapng".into(),
        })],
    );
    assert!(next.awaiting_connection());
    // The header names the file being chosen from, not what was drawn before.
    assert_eq!(
        next.on_screen(),
        super::OnScreen::Capture("b.pcapng".into())
    );
    assert_eq!(next.capture_file.as_ref().unwrap().name, "b.pcapng");
    // A script file is read and shown as a script, not chosen from a list.
    let script = after(
        &page("client-close"),
        [Action::OpenCaptureFile(super::OpenedFile {
            name: "a.PKT".into(),
        })],
    );
    assert!(!script.awaiting_connection());
}

/// The case, through the page: in "Lost last ACK", dropping the
/// SYN,ACK from the inspector keeps the lesson's drop on the last ACK.
#[test]
fn a_fault_from_the_inspector_leaves_the_lessons_drop_where_it_was() {
    let s = after(&page("lost-last-ack"), [drop_("s1")]);
    let keys: Vec<&str> = s.scenario.faults.keys().map(String::as_str).collect();
    assert_eq!(keys, ["c.ack2", "s.synack"]);
    assert_eq!(s.fault_on("s1"), Some(Fault::Drop));
    let last_ack = s.trace.segment_for_key("c.ack2").unwrap();
    let seg = &s.trace.segments[last_ack];
    assert_eq!(
        (seg.id.as_str(), seg.fate),
        ("c6", crate::trace::Fate::Dropped)
    );
    assert_eq!(s.fault_on("c4"), None, "c4 is now the extra handshake ACK");
    assert_eq!(s.trace.fault_key("c4").as_deref(), Some("c.ack1.2"));
    // Delivered again by the id on screen: only the SYN,ACK's fault goes.
    let s = after(
        &s,
        [Action::SetFault {
            id: "s1".into(),
            fault: None,
        }],
    );
    let keys: Vec<&str> = s.scenario.faults.keys().map(String::as_str).collect();
    assert_eq!(keys, ["c.ack2"]);
    assert_eq!(s.fault_on("c4"), Some(Fault::Drop));
    let s = after(
        &s,
        [Action::SetFault {
            id: "c99".into(),
            fault: Some(Fault::Drop),
        }],
    );
    assert_eq!(
        s.notice_text().as_deref(),
        Some("There is no segment c99 to change.")
    );
    // In the page's language, the id as typed.
    let zh = after(&s, [Action::SetLang(crate::i18n::Lang::Zh)]);
    let zh = after(
        &zh,
        [Action::SetFault {
            id: "c99".into(),
            fault: Some(Fault::Drop),
        }],
    );
    assert_eq!(
        zh.notice_text().as_deref(),
        Some("没有可修改的报文段 c99。")
    );
}

#[test]
fn a_notice_is_said_again_in_the_language_switched_to() {
    use crate::i18n::Lang;
    let s = page("handshake");
    let refused = after(
        &s,
        [Action::SetFault {
            id: "c99".into(),
            fault: Some(Fault::Drop),
        }],
    );
    let zh = after(&refused, [Action::SetLang(Lang::Zh)]);
    assert_eq!(
        zh.notice_text().as_deref(),
        Some("没有可修改的报文段 c99。")
    );
    // A broken link's notice, read in English, is said again in Chinese.
    let why = crate::link::decode("#v2/p=nope").unwrap_err();
    let opened = after(
        &s,
        [Action::OpenLink {
            link: Link::default_link(),
            notice: Some(Notice::Link(why.0)),
        }],
    );
    assert_eq!(
        opened.notice_text().as_deref(),
        Some("This link could not be opened: unknown scenario 'nope' — the default scenario is shown instead.")
    );
    let zh = after(&opened, [Action::SetLang(Lang::Zh)]);
    assert_eq!(
        zh.notice_text().as_deref(),
        Some("无法打开此链接：未知的场景“nope”。已改为显示默认场景。")
    );
}

#[test]
fn the_diagram_is_laid_out_for_the_width_it_is_shown_at() {
    let s = page("client-close");
    assert_eq!(s.diagram.width, 1040.0);
    let phone = after(&s, [Action::Fit(354.0)]);
    assert_eq!(
        (phone.diagram.width, phone.diagram.lanes),
        (350.0, [104.0, 246.0])
    );
    assert!(phone.diagram.frame.phone && phone.revision > s.revision);
    // The same width again changes nothing (a resize within 10 px).
    let same = after(&phone, [Action::Fit(357.0)]);
    assert_eq!(same.revision, phone.revision);
    // A new link keeps the frame.
    let link = crate::link::Link::for_preset("handshake").unwrap();
    let opened = after(&phone, [Action::OpenLink { link, notice: None }]);
    assert_eq!(opened.diagram.width, 350.0);
}

#[test]
fn the_phone_menu_unfolds_and_escape_folds_it() {
    let s = after(&page("handshake"), [Action::ToggleMenu]);
    assert!(s.menu_open);
    let s = after(&s, [Action::Escape]);
    assert!(!s.menu_open);
    let s = after(&s, [Action::ToggleMenu, Action::ToggleEditor]);
    assert!(
        s.editor_open && !s.menu_open,
        "the editor opened from the menu folds it"
    );
}

#[test]
fn the_side_panels_wait_for_the_first_paint_and_then_stay() {
    let s = page("client-close");
    assert!(!s.painted, "a new page draws the diagram first");
    let painted = after(&s, [Action::Painted]);
    assert!(painted.painted);
    // Said twice, nothing changes (and nothing is redrawn).
    assert!(Rc::ptr_eq(
        &reduce(painted.clone(), Action::Painted),
        &painted
    ));
    // A link opened afterwards (a hash typed by hand) keeps them on screen.
    let link = Link::for_preset("lost-syn").expect("a preset");
    let opened = after(&painted, [Action::OpenLink { link, notice: None }]);
    assert_eq!(
        (opened.preset.as_deref(), opened.painted),
        (Some("lost-syn"), true)
    );
}

#[test]
fn the_toolbars_stack_is_both_hosts_stack() {
    let mut link = Link::for_preset("syn-timeout").expect("a preset");
    link.scenario.client_profile = Some(ProfileName::Windows);
    let s = Rc::new(AppState::from_link(
        link,
        None,
        Lang::En,
        Default::default(),
    ));
    assert!(s.scenario.mixed_stacks());
    assert_eq!(
        s.trace.stacks,
        Some([ProfileName::Windows, ProfileName::Rfc])
    );
    let both = after(&s, [Action::SetProfile(ProfileName::FreeBsd)]);
    assert_eq!(
        (both.scenario.client_profile, both.scenario.profile),
        (None, ProfileName::FreeBsd)
    );
    assert_eq!(both.trace.stacks, None);
    // The client's SYNs now follow FreeBSD's schedule: 0, 1, 3.2 s ...
    let syns: Vec<u64> = both.trace.segments.iter().take(3).map(|r| r.sent).collect();
    assert_eq!(syns, [0, 1_000, 3_200]);
}

#[test]
fn the_compare_view_opens_on_the_usual_stacks_and_its_choice_is_kept_in_the_link() {
    use crate::compare::Stacks;
    let s = page("lost-syn");
    let open = after(&s, [Action::ToggleCompare]);
    assert_eq!(open.compare, Some(Stacks::USUAL));
    let two = Stacks::parse("linux,windows").unwrap();
    let chosen = after(&open, [Action::SetCompare(two)]);
    assert_eq!(chosen.compare, Some(two));
    let text = crate::link::encode(&chosen.link());
    assert!(text.ends_with("&cmp=linux,windows"), "{text}");
    assert_eq!(crate::link::decode(&text).unwrap().compare, Some(two));
    // Opening the load view closes it; a stale close or choice does nothing.
    let load = after(&chosen, [Action::ToggleLoad]);
    assert_eq!((load.compare, load.load_open), (None, true));
    let closed = after(&chosen, [Action::CloseCompare]);
    assert_eq!(closed.compare, None);
    assert!(Rc::ptr_eq(
        &reduce(closed.clone(), Action::CloseCompare),
        &closed
    ));
    assert!(Rc::ptr_eq(
        &reduce(closed.clone(), Action::SetCompare(two)),
        &closed
    ));
    // Not in a course page's frame.
    let mut embedded = Link::for_preset("lost-syn").unwrap();
    embedded.showing.embed = true;
    embedded.compare = Some(two);
    let e = AppState::from_link(embedded, None, Lang::En, Default::default());
    assert_eq!(e.compare, None);
}

#[test]
fn presenter_mode_starts_from_the_first_step_blacks_out_and_is_in_the_link() {
    let s = page("client-close");
    assert_eq!(s.cursor, s.trace.end_ms, "a page opens on the whole story");
    let on = after(&s, [Action::Present(true)]);
    assert!(on.showing.present);
    assert_eq!(on.cursor, 0, "a lecture starts from the first step");
    assert!(on.link().showing.present);
    assert!(crate::link::encode(&on.link()).contains("present=1"));
    let stepped = after(&on, [Action::StepForward, Action::StepForward]);
    assert!(stepped.cursor > 0);
    let black = after(&stepped, [Action::ToggleBlack]);
    assert!(black.black);
    assert_eq!(black.cursor, stepped.cursor, "black keeps the place");
    let back = after(&black, [Action::ToggleBlack, Action::StepBack]);
    assert!(!back.black && back.cursor < stepped.cursor);
    let off = after(&black, [Action::Present(false)]);
    assert!(
        !off.showing.present && !off.black,
        "leaving clears the black screen"
    );
    // B means nothing outside presenter mode; an embed never presents.
    assert!(!after(&s, [Action::ToggleBlack]).black);
    let mut embed = crate::link::Link::for_preset("handshake").unwrap();
    embed.showing.embed = true;
    let framed = Rc::new(AppState::from_link(
        embed,
        None,
        Lang::En,
        Default::default(),
    ));
    assert!(!after(&framed, [Action::Present(true)]).showing.present);
    // A presenter link opens at the first step unless it says where.
    let mut link = crate::link::Link::for_preset("client-close").unwrap();
    link.showing.present = true;
    let opened = AppState::from_link(link.clone(), None, Lang::En, Default::default());
    assert_eq!(opened.cursor, 0);
    link.cursor = Some(150);
    assert_eq!(
        AppState::from_link(link, None, Lang::En, Default::default()).cursor,
        150
    );
}
