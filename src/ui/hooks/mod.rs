pub mod use_fit;
pub mod use_kept_focus;
pub mod use_keyboard;
pub mod use_painted;
pub mod use_playback;
pub mod use_visible_rows;
