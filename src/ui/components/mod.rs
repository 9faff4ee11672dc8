pub mod app;
pub mod help_overlay;
pub mod inspector;
pub mod library_panel;
pub mod playback_bar;
pub mod sequence_diagram;
pub mod state_diagram;
pub mod toolbar;
