//! The `forewarn` command.

// A build allocates and frees millions of small strings from every core:
// mimalloc makes `check` and `build` more than a tenth faster than the
// system allocator (docs/benchmarks.md, "Choices that earn their place").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = match forewarn::cli::parse() {
        Ok(cli) => forewarn::cli::run(cli),
        Err(code) => code,
    };
    std::process::exit(code);
}
