use super::*;
use crate::scenario::presets;

fn diagram(name: &str, relative: bool) -> Diagram {
    let numbering = match relative {
        true => crate::trace::Numbering::Relative,
        false => crate::trace::Numbering::Absolute,
    };
    layout(
        &crate::run(&presets::by_name(name).unwrap()),
        &View {
            numbering,
            ..Default::default()
        },
    )
}

#[test]
fn arrows_run_from_sender_to_receiver_and_downwards() {
    let d = diagram("client-close", false);
    assert_eq!(d.segments.len(), 7);
    for s in &d.segments {
        assert_eq!(s.x1, d.lane(s.from));
        assert_eq!(s.x2, d.lane(s.from.peer()));
        assert!(s.y2 > s.y1, "{} goes down", s.id);
    }
    let labels: Vec<&str> = d.segments.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels[..3],
        [
            "c1 SYN seq=1000",
            "s1 SYN,ACK seq=5000 ack=1001",
            "c2 ACK seq=1001 ack=5001"
        ]
    );
}

#[test]
fn relative_numbers_count_from_each_isn() {
    let d = diagram("client-close", true);
    let labels: Vec<&str> = d.segments.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels[..4],
        [
            "c1 SYN seq=0",
            "s1 SYN,ACK seq=0 ack=1",
            "c2 ACK seq=1 ack=1",
            "c3 FIN,ACK seq=1 ack=1"
        ]
    );
}

#[test]
fn a_dropped_segment_stops_before_the_receiver() {
    let d = diagram("lost-syn", false);
    let c1 = &d.segments[0];
    assert_eq!(c1.fate, Fate::Dropped);
    assert!(c1.x2 > d.lanes[0] && c1.x2 < d.lanes[1] - 100.0);
    assert_eq!(d.segments[1].retransmission_of.as_deref(), Some("c1"));
    let rto = d
        .timers
        .iter()
        .find(|b| b.timer == TimerKind::Retransmit)
        .unwrap();
    assert_eq!((rto.host, rto.duration_ms), (Host::Client, 1_000));
    assert_eq!(rto.y2, d.segments[1].y1);
}

#[test]
fn time_wait_is_compressed_behind_a_break_that_states_its_length() {
    let d = diagram("client-close", false);
    assert!(d.height < 700.0, "height {}", d.height);
    let b = d.breaks.last().unwrap();
    assert_eq!(
        b.skipped_ms,
        240_400 - 450,
        "from the last ACK to the end of TIME-WAIT"
    );
    let tw = d
        .timers
        .iter()
        .find(|b| b.timer == TimerKind::TimeWait)
        .unwrap();
    assert_eq!((tw.host, tw.duration_ms), (Host::Client, 240_000));
}

fn assert_spaced(mut ys: Vec<f64>, min: f64, what: &str) {
    ys.sort_by(f64::total_cmp);
    assert!(
        ys.windows(2).all(|w| w[1] - w[0] >= min - 1e-9),
        "{what}: {ys:?}"
    );
}

#[test]
fn labels_on_one_side_never_overlap() {
    for p in presets::PRESETS {
        let d = diagram(p.name, false);
        for host in [Host::Client, Host::Server] {
            let what = |kind: &str| format!("{} {kind} at {host:?}", p.name);
            let on = |h: Host| h == host;
            assert_spaced(
                d.state_labels
                    .iter()
                    .filter(|l| on(l.host))
                    .map(|l| l.y)
                    .collect(),
                15.0,
                &what("state labels"),
            );
            assert_spaced(
                d.calls.iter().filter(|c| on(c.host)).map(|c| c.y).collect(),
                15.0,
                &what("calls"),
            );
            assert_spaced(
                d.segments
                    .iter()
                    .filter(|s| on(s.from))
                    .map(|s| s.y1)
                    .collect(),
                22.0,
                &what("sends"),
            );
            let arrivals = d
                .segments
                .iter()
                .filter(|s| !on(s.from) && s.fate != Fate::Dropped)
                .map(|s| s.y2)
                .collect();
            assert_spaced(arrivals, 22.0, &what("arrivals"));
        }
    }
}

#[test]
fn bands_cover_each_lifeline_without_gaps() {
    let d = diagram("simultaneous-close", false);
    for host in [Host::Client, Host::Server] {
        let bands: Vec<&StateBand> = d.bands.iter().filter(|b| b.host == host).collect();
        assert_eq!(bands[0].y1, TOP);
        assert!(bands.windows(2).all(|w| w[0].y2 == w[1].y1));
        let states: Vec<State> = bands.iter().map(|b| b.state).collect();
        assert!(states.contains(&State::Closing));
    }
}

#[test]
fn y_at_and_t_at_are_monotonic_inverses_at_the_knots() {
    let d = diagram("lost-last-ack", false);
    let mut last = f64::MIN;
    for t in (0..250_000).step_by(997) {
        let y = d.timeline.y_at(t);
        assert!(y >= last);
        last = y;
    }
    for &(t, y) in &d.timeline.knots {
        assert!(d.timeline.t_at(y) >= t.saturating_sub(1));
    }
}

#[test]
fn an_underlay_puts_segments_of_one_millisecond_a_row_apart() {
    let trace = crate::run(&crate::scenario::presets::by_name("simultaneous-close").unwrap());
    let d = layout(&trace, &View::default());
    let lines = underlay(&trace, &d);
    let same_ms: Vec<usize> = (1..trace.segments.len())
        .filter(|&i| trace.segments[i].sent == trace.segments[i - 1].sent)
        .collect();
    assert!(!same_ms.is_empty(), "both FINs leave at once");
    for i in same_ms {
        assert_eq!(lines[i].y1 - lines[i - 1].y1, 22.0, "{}", lines[i].id);
    }
    for (line, seg) in lines.iter().zip(&trace.segments) {
        assert_eq!((line.x1, line.x2), (d.lane(seg.from), d.lane(seg.to())));
        assert_eq!(line.y2 - line.y1, 18.0);
    }
}
