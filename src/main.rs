//! The `forewarn` command.

// mimalloc: a build allocates and frees millions of small strings from
// every core; measured at 10,000 notices it makes `check` 18% and the
// build's CPU time 9% shorter than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = match forewarn::cli::parse() {
        Ok(cli) => {
            if !cli.is_long_running() {
                keep_freed_memory();
            }
            forewarn::cli::run(cli)
        }
        Err(code) => code,
    };
    std::process::exit(code);
}

/// Tells mimalloc never to hand freed memory back to the kernel. A command
/// that runs for seconds gains nothing from handing it back: it only takes
/// fresh pages again later, and on a VM whose freed memory goes back to
/// the host (virtio-balloon free page reporting) each fresh page costs
/// several times more. A 100,000-notice build touched 8% fewer pages and
/// ran about 3% faster; peak memory rose 8% (docs/benchmarks.md, tenth session).
/// `MIMALLOC_PURGE_DELAY` in the environment still wins. `serve` keeps
/// mimalloc's default, so that an idle preview gives its memory back.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (v2 and v3);
    // libmimalloc-sys declares `mi_option_set` but not this constant.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one integer option; mimalloc reads it on each purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    }
}
