//! synack: TCP connection set-up and tear-down, segment by segment.
//!
//! The core (`tcp`, `sim`, `scenario`, `trace`, `diagram`) is pure Rust with
//! no browser crates, so it is tested natively; `ui` wraps it for the browser.

pub mod scenario;
pub mod sim;
pub mod tcp;
pub mod trace;

pub use scenario::{presets, Host, Scenario};
pub use sim::run;
pub use trace::Trace;
pub mod capture;
pub mod cli;
pub mod compare;
pub mod diagram;
pub mod drill;
pub mod editor_bridge;
pub mod explain;
pub mod i18n;
pub mod library;
pub mod link;
pub mod load;
pub mod page;
pub mod quiz;
pub mod scorm;

#[cfg(target_arch = "wasm32")]
pub mod ui;
