//! Entry point of the browser app; Trunk builds this binary for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    synack::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("synack-app runs in the browser: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
