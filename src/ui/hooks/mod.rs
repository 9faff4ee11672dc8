pub mod use_keyboard;
pub mod use_playback;
