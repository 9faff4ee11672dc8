fn main() {
    // An argument that is not UTF-8 is a clear error, not a panic.
    let mut args = Vec::new();
    for (n, arg) in std::env::args_os().skip(1).enumerate() {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                eprintln!(
                    "synack: argument {} ({}) is not valid UTF-8",
                    n + 1,
                    arg.to_string_lossy()
                );
                std::process::exit(2);
            }
        }
    }
    let code = synack::cli::run_cli(&args, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
