//! Edits to a scenario (placeholder, filled in next).
