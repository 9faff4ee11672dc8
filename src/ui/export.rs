//! "Export SVG" and "Export PNG" for slides.
//!
//! The SVG is the core's standalone document (the same `synack render`
//! writes). The PNG is painted on a canvas from the same layout at 2×: under
//! the page's CSP an SVG cannot be loaded into an <img> from a blob: URL, so
//! the shapes are drawn directly.

use crate::diagram::{svg, Diagram, Style, TOP};
use crate::i18n::{t, Lang};
use crate::scenario::Host;
use crate::tcp::State;
use crate::trace::Trace;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement,
};

const SCALE: f64 = 2.0;

fn save(blob: &Blob, filename: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let a: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Offers `text` as a download named `filename`.
pub fn save_text(text: &str, mime: &str, filename: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) {
        save(&blob, filename);
    }
}

/// Offers `bytes` as a download named `filename`.
pub fn save_bytes(bytes: &[u8], mime: &str, filename: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        save(&blob, filename);
    }
}

/// The MIME type Wireshark's own downloads are served with.
pub const PCAPNG_MIME: &str = "application/x-pcapng";

pub fn export_svg(diagram: &Diagram, trace: &Trace, lang: Lang, ports: (u16, u16), filename: &str) {
    save_text(
        &svg::standalone(diagram, trace, lang, ports),
        "image/svg+xml",
        filename,
    );
}

/// Exports are light (they are printed and projected).
fn state_colour(state: State) -> &'static str {
    crate::diagram::colours::state_colour(state).0
}

fn text(
    ctx: &CanvasRenderingContext2d,
    s: &str,
    x: f64,
    y: f64,
    align: &str,
    font: &str,
    colour: &str,
) {
    ctx.set_font(font);
    ctx.set_text_align(align);
    ctx.set_fill_style_str(colour);
    let _ = ctx.fill_text(s, x, y);
}

fn line(
    ctx: &CanvasRenderingContext2d,
    (x1, y1): (f64, f64),
    (x2, y2): (f64, f64),
    colour: &str,
    width: f64,
    dash: &[f64],
) {
    ctx.begin_path();
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(width);
    let pattern = js_sys::Array::new();
    for d in dash {
        pattern.push(&JsValue::from_f64(*d));
    }
    let _ = ctx.set_line_dash(&pattern);
    ctx.move_to(x1, y1);
    ctx.line_to(x2, y2);
    ctx.stroke();
}

fn paint(ctx: &CanvasRenderingContext2d, d: &Diagram, trace: &Trace, lang: Lang) {
    const SANS: &str = "'DejaVu Sans','Noto Sans CJK SC',sans-serif";
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, d.width, d.height);
    for host in [Host::Client, Host::Server] {
        let x = d.lane(host);
        let title = t(lang, host.word());
        text(
            ctx,
            title,
            x,
            26.0,
            "center",
            &format!("bold 17px {SANS}"),
            "#1b2333",
        );
        line(ctx, (x, TOP), (x, d.timeline.end_y), "#d5dae4", 2.0, &[]);
    }
    for b in &d.bands {
        let (x, h) = (d.lane(b.host) - 6.0, (b.y2 - b.y1).max(0.0));
        ctx.set_fill_style_str(state_colour(b.state));
        ctx.fill_rect(x, b.y1, 12.0, h);
        // Inferred from a capture: hatched, as on the page and in the SVG.
        if d.inferred {
            ctx.save();
            ctx.begin_path();
            ctx.rect(x, b.y1, 12.0, h);
            ctx.clip();
            let mut y = b.y1 - 12.0;
            while y < b.y2 {
                line(
                    ctx,
                    (x, y + 12.0),
                    (x + 12.0, y),
                    "rgba(255,255,255,0.55)",
                    2.0,
                    &[],
                );
                y += 6.0;
            }
            ctx.restore();
        }
    }
    for tk in &d.ticks {
        text(
            ctx,
            &d.clock.text(tk.t),
            crate::diagram::boxes::TICK_X,
            tk.y + 4.0,
            "right",
            &format!(
                "{}px monospace",
                crate::diagram::px(crate::diagram::boxes::DESKTOP_SIZES.tick)
            ),
            "#5b6578",
        );
    }
    for b in &d.breaks {
        let mid = (b.y1 + b.y2) / 2.0;
        for host in [Host::Client, Host::Server] {
            let points = crate::diagram::boxes::zigzag_points(d.lane(host), mid);
            for pair in points.windows(2) {
                line(ctx, pair[0], pair[1], "#5b6578", 1.5, &[]);
            }
        }
        let label = b.label(lang);
        text(
            ctx,
            &label,
            (d.lane(Host::Client) + d.lane(Host::Server)) / 2.0,
            mid + 4.0,
            "center",
            &format!(
                "{}px {SANS}",
                crate::diagram::px(crate::diagram::boxes::DESKTOP_SIZES.time_break)
            ),
            "#5b6578",
        );
    }
    for b in &d.timers {
        let inward = if b.host == Host::Client { 1.0 } else { -1.0 };
        let tick = b.tick_x();
        for (a, z) in [
            ((tick, b.y1), (b.x, b.y1)),
            ((b.x, b.y1), (b.x, b.y2)),
            ((b.x, b.y2), (tick, b.y2)),
        ] {
            line(ctx, a, z, "#6d28d9", 1.5, &[]);
        }
        let (label, ly) = (b.label(lang), b.label_y);
        let align = if b.host == Host::Client {
            "left"
        } else {
            "right"
        };
        text(
            ctx,
            &label,
            b.x + inward * 6.0,
            ly,
            align,
            &format!(
                "600 {}px {SANS}",
                crate::diagram::px(crate::diagram::boxes::DESKTOP_SIZES.timer)
            ),
            "#6d28d9",
        );
    }
    for l in &d.state_labels {
        let align = if l.host == Host::Client {
            "right"
        } else {
            "left"
        };
        text(
            ctx,
            l.state.name(),
            l.x,
            l.y,
            align,
            &format!(
                "bold {}px {SANS}",
                crate::diagram::px(crate::diagram::boxes::DESKTOP_SIZES.state)
            ),
            "#1b2333",
        );
    }
    for c in &d.calls {
        let align = if c.host == Host::Client {
            "right"
        } else {
            "left"
        };
        text(
            ctx,
            &c.what.text(lang),
            c.x,
            c.y,
            align,
            &format!(
                "{}px monospace",
                crate::diagram::px(crate::diagram::boxes::DESKTOP_SIZES.call)
            ),
            "#2456d6",
        );
    }
    for s in &d.segments {
        let style = s.style();
        let (colour, width, dash): (&str, f64, &[f64]) = match style {
            Style::Dropped => ("#c62828", 1.8, &[6.0, 4.0]),
            Style::ProbablyLost => ("#c62828", 1.8, &[7.0, 3.0]),
            Style::Retransmitted => ("#6d28d9", 2.6, &[]),
            Style::Delayed => ("#b45309", 2.6, &[1.0, 4.0]),
            Style::Copy => ("#b45309", 1.8, &[8.0, 3.0]),
            Style::OldDuplicate => ("#7c6f00", 1.8, &[10.0, 3.0, 2.0, 3.0]),
            Style::Plain => ("#1b2333", 1.8, &[]),
        };
        line(ctx, (s.x1, s.y1), (s.x2, s.y2), colour, width, dash);
        if let Some((x, y)) = s.vanish_point() {
            text(
                ctx,
                "✕",
                x,
                y,
                "center",
                &format!("bold 16px {SANS}"),
                colour,
            );
        } else {
            // The arrowhead: the unit vector back along the arrow, turned by
            // ±0.4 rad (no trigonometry at run time: it costs 5 KB of wasm).
            const COS: f64 = 0.921_060_994;
            const SIN: f64 = 0.389_418_342;
            let len = ((s.x2 - s.x1).powi(2) + (s.y2 - s.y1).powi(2))
                .sqrt()
                .max(1e-9);
            let (ux, uy) = ((s.x2 - s.x1) / len, (s.y2 - s.y1) / len);
            ctx.begin_path();
            ctx.set_fill_style_str(colour);
            ctx.move_to(s.x2, s.y2);
            ctx.line_to(
                s.x2 - 10.0 * (ux * COS + uy * SIN),
                s.y2 - 10.0 * (uy * COS - ux * SIN),
            );
            ctx.line_to(
                s.x2 - 10.0 * (ux * COS - uy * SIN),
                s.y2 - 10.0 * (uy * COS + ux * SIN),
            );
            ctx.close_path();
            ctx.fill();
        }
        let label = crate::diagram::drawn_label(s, &trace.segments[s.index], lang);
        ctx.save();
        let _ = ctx.translate(s.label_x, s.label_y);
        let _ = ctx.rotate(s.angle.to_radians());
        ctx.set_font(&format!(
            "{}px monospace",
            crate::diagram::px(crate::diagram::boxes::DESKTOP_SIZES.segment)
        ));
        ctx.set_text_align("center");
        ctx.set_line_width(4.0);
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        // As many rows as the layout gave it, each under the last.
        for (k, row) in crate::diagram::label_rows(&label, s.lines)
            .into_iter()
            .enumerate()
        {
            let dy = crate::diagram::row_dy(k);
            ctx.set_stroke_style_str("#ffffff");
            let _ = ctx.stroke_text(row, 0.0, dy);
            ctx.set_fill_style_str(if style == Style::Plain {
                "#1b2333"
            } else {
                colour
            });
            let _ = ctx.fill_text(row, 0.0, dy);
        }
        ctx.restore();
    }
}

pub fn export_png(diagram: &Diagram, trace: &Trace, lang: Lang, filename: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(canvas) = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    canvas.set_width((diagram.width * SCALE) as u32);
    canvas.set_height((diagram.height * SCALE) as u32);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.scale(SCALE, SCALE);
    paint(&ctx, diagram, trace, lang);
    let name = filename.to_string();
    let done = Closure::once_into_js(move |blob: JsValue| {
        if let Ok(blob) = blob.dyn_into::<Blob>() {
            save(&blob, &name);
        }
    });
    let _ = canvas.to_blob(done.unchecked_ref());
}
