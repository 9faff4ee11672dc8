//! Entry point of the browser app; Trunk builds this binary for wasm32.

/// Talc instead of Rust's default dlmalloc: a few KB smaller in the first
/// load, and as fast for a page that allocates small vectors and strings.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(target_arch = "wasm32")]
fn main() {
    synack::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("synack-app runs in the browser: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
