//! Stage timings for profiling: `FOREWARN_TIMINGS=1` prints how long each
//! stage of a build took, in wall and CPU time, and the peak memory so far.
//! Nothing is printed in normal use.

use std::time::Instant;

/// A stopwatch over the stages of a build; silent unless `FOREWARN_TIMINGS`
/// is set.
/// Beside the wall time it prints the CPU time the process spent in the
/// stage, user and system (on Linux): a stage whose CPU time is well under
/// twice its wall time on two cores is waiting on something.
pub(crate) struct Timer(Option<(Instant, f64, f64)>);

impl Timer {
    /// Starts timing (a no-op without `FOREWARN_TIMINGS`).
    pub(crate) fn start() -> Timer {
        Timer(std::env::var_os("FOREWARN_TIMINGS").map(|_| {
            let (user, sys, _) = cpu_seconds();
            (Instant::now(), user, sys)
        }))
    }

    /// Prints the time since the start or the last lap, named `stage`.
    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some((t, user, sys)) = self.0 {
            let (u, s, peak) = cpu_seconds();
            eprintln!(
                "timing: {stage:<10} {:>7.1} ms (cpu {:.0} + {:.0} ms, peak {peak:.0} MiB)",
                t.elapsed().as_secs_f64() * 1000.0,
                (u - user) * 1000.0,
                (s - sys) * 1000.0
            );
            self.0 = Some((Instant::now(), u, s));
        }
    }
}

/// User and system CPU seconds of the process so far, and its peak
/// resident memory in MiB (zero where unknown).
fn cpu_seconds() -> (f64, f64, f64) {
    #[cfg(target_os = "linux")]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage fills the struct it is given; zeroed is a valid rusage.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } == 0 {
            // SAFETY: initialised above (zeroed, then filled).
            let u = unsafe { usage.assume_init() };
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return (secs(u.ru_utime), secs(u.ru_stime), u.ru_maxrss as f64 / 1024.0);
        }
    }
    (0.0, 0.0, 0.0)
}
