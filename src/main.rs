//! The `forewarn` command.

fn main() {
    std::process::exit(forewarn::cli::main());
}
