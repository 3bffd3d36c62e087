#!/usr/bin/env bash
# Whole-process benchmark of forewarn on generated change-notice corpora.
#
# Usage:
#   scripts/bench.sh                      # 1,000, 10,000 and 100,000 notices
#   SIZES="1000 10000" scripts/bench.sh   # only these sizes
#   HUGO=1 SIZES=10000 scripts/bench.sh   # also ../shared/bench/compare.sh
#
# For each size it generates (or reuses) a native corpus with
# ../shared/bench/gen_corpus.py (N notices + N/4 improvement entries) and
# measures with hyperfine (median, min, max of RUNS runs after WARMUP) and
# GNU time (peak resident memory, largest of MEM_RUNS runs):
#   (a) build-empty    `forewarn build` with no output: before each run
#                      (untimed) both `public` and the hidden staging folder
#                      `.public.forewarn-staging` are moved into a trash folder,
#                      then `sync` (the run before's output is on disk first)
#   (a+) build-synced  only with SYNCED=1: the same as (a) with `sync` after
#                      the build, in the timed command: until the output is
#                      on disk. (a) charges a build only for the writing the
#                      kernel does while it runs, which starts once the dirty
#                      page cache passes the background writeback threshold
#                      (shown under the table). (a+) charges every size for
#                      all of its writing.
#   (w) write-only     only with FLOOR=1: no forewarn at all. A small program
#                      (scripts/write_tree.rs, compiled with rustc into
#                      WORKDIR) makes the folders and writes files with the
#                      paths and sizes of (a)'s output (bytes of `x`), on as
#                      many threads as forewarn uses; before each run, as for
#                      (a), the previous tree is moved into the trash and
#                      `sync` runs. What writing the output costs this
#                      machine without any rendering: when (w) grows faster
#                      than the notice count, so must (a).
#   (m) build-memory   only with MEMORY=1: (a) with the output in memory, in
#                      a tmpfs (MEMDIR). Before each run the previous output
#                      there is deleted (that frees memory, not disk), the
#                      machine rests REST seconds, and the corpus is read.
#                      The same work as (a) without the disk's file system.
#                      On a virtual machine that hands freed memory back to
#                      its host, (m) reuses memory freed a moment before while
#                      (a) may touch memory the host has to back again, so
#                      the difference between them is not only the file
#                      system's (docs/benchmarks.md).
#   (b) rebuild        `forewarn build` over the previous build's output and
#                      staging folder, nothing changed (the usual repeated build)
#   (c) rebuild-touch  the same after appending a sentence to one notice
#   (d) check          `forewarn check` alone
# and, for (a), how much page cache one build dirtied and how much of it the
# kernel wrote back while the build ran (read from /proc/vmstat). Before
# every timed run, all source files are also read once (untimed), so each
# run starts with the corpus in the page cache (see warm_corpus below).
# It prints a markdown table (stdout) and the machine it ran on. Progress and
# hyperfine's own output go to stderr. docs/benchmarks.md explains the figures.
#
# The script measures the machine as it is: it reads /proc but never writes
# to it or to /sys, and changes no kernel or VM setting.
#
# Environment (all optional):
#   SIZES        notice counts ("1000 10000 100000")
#   RUNS         timed runs per measure (5; at least 5 for the README table)
#   WARMUP       untimed runs first (1)
#   MEM_RUNS     runs under /usr/bin/time per peak-memory figure (3)
#   WORKDIR      corpora and results (/tmp/forewarn-bench); a corpus is reused
#                while the generator, SEED and count are the same
#   SEED         corpus seed (20260101, as compare.sh)
#   GEN          the corpus generator (../shared/bench/gen_corpus.py)
#   FOREWARN     a forewarn binary to use instead of `cargo build --release`
#   SYNCED=1     also measure (a+); adds a delete and SETTLE per size
#   FLOOR=1      also measure (w); adds a delete and SETTLE per size
#   MEMORY=1     also measure (m); needs a tmpfs with room for one output
#                (about 32 KB per notice)
#   MEMDIR       the tmpfs for (m) (/dev/shm)
#   REST         seconds between deleting (m)'s output and its next run (10)
#   TIMINGS=1    also print FOREWARN_TIMINGS stage timings of one build from
#                nothing and one rebuild per size
#   HUGO=1       then run ../shared/bench/compare.sh for the same sizes (Hugo
#                side by side; installs hugo). Its forewarn command also moves
#                the staging folder away, so forewarn starts from nothing too.
#                Then both tools rebuild over their existing output, side by
#                side in one hyperfine run.
#   SETTLE       seconds to wait after deleting earlier outputs, before the
#                next timed run (360): a file system that has just deleted
#                many files can create new ones slowly for minutes; see
#                empty_trash below.
#
# Needs python3 and cargo (rustc too with FLOOR=1); installs hyperfine and
# GNU time with apt-get when missing (as root, or with sudo).
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES:-1000 10000 100000}"
runs="${RUNS:-5}"
warmup="${WARMUP:-1}"
mem_runs="${MEM_RUNS:-3}"
workdir="${WORKDIR:-/tmp/forewarn-bench}"
seed="${SEED:-20260101}"
gen="${GEN:-$project/../shared/bench/gen_corpus.py}"
# The corpus's settings with the rule levels a speed benchmark needs.
cfg="$project/scripts/bench.toml"
compare="$(dirname "$gen")/compare.sh"

case "${1:-}" in
    -h | --help)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
        exit 0
        ;;
esac

log() { echo "bench: $*" >&2; }

# --- tools ------------------------------------------------------------------
apt_install() {
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    log "installing $* with apt-get"
    $sudo apt-get install -y "$@" >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y "$@" >&2; }
}
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
[[ -f $gen ]] || { echo "no corpus generator at $gen (set GEN)" >&2; exit 2; }
# Refused before anything is installed or built.
memdir="${MEMDIR:-/dev/shm}"
if [[ ${MEMORY:-} == 1 && $(stat -f -c %T "$memdir" 2>/dev/null) != tmpfs ]]; then
    echo "bench.sh: MEMORY=1 writes (m)'s output into a tmpfs, and $memdir is not one: set MEMDIR to a tmpfs mount, or leave MEMORY unset" >&2
    exit 2
fi
if [[ ${FLOOR:-} == 1 ]]; then
    command -v rustc >/dev/null || { echo "bench.sh: FLOOR=1 compiles scripts/write_tree.rs with rustc, which is not on PATH" >&2; exit 2; }
fi
command -v hyperfine >/dev/null || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time

if [[ -n ${FOREWARN:-} ]]; then
    bin="$(realpath "$FOREWARN")"
else
    log "cargo build --release"
    (cd "$project" && cargo build --release --quiet)
    bin="$(realpath "${CARGO_TARGET_DIR:-$project/target}/release/forewarn")"
fi
[[ -x $bin ]] || { echo "not an executable: $bin" >&2; exit 2; }
mkdir -p "$workdir/results"
results="$workdir/results"
if [[ ${FLOOR:-} == 1 ]]; then
    writer="$workdir/write_tree"
    log "rustc -O scripts/write_tree.rs -o $writer"
    rustc -O --edition 2021 "$project/scripts/write_tree.rs" -o "$writer"
fi

# --- corpora ----------------------------------------------------------------
# The same layout and stamp as compare.sh, so a WORKDIR shared with it
# shares the corpora.
corpus() { # N -> prints the root of the native corpus
    local n=$1 root="$workdir/native-$1" stamp
    stamp="$(sha256sum "$gen" | cut -c1-16) $seed $n"
    if [[ ! -f $root/.stamp || $(cat "$root/.stamp") != "$stamp" ]]; then
        log "generating $n notices into $root"
        python3 "$gen" --flavor native --count "$n" --seed "$seed" --out "$root" --force >&2
        echo "$stamp" >"$root/.stamp"
    fi
    echo "$root"
}

# --- helpers ----------------------------------------------------------------
trash="$workdir/trash"
# Deleting tens of thousands of files leaves an ext4 file system without a
# journal (as on the project's VM) slow to create files for minutes: it will
# not reuse an inode deleted in the last 60 s, or 360 s while its inode
# table block is dirty, and looks each candidate up on the way past it. A
# sync writes the blocks, but the next build's new inodes can dirty them
# again. After deleting anything: sync, then wait SETTLE seconds.
empty_trash() {
    local had
    mkdir -p "$trash" # a new WORKDIR has none (find would fail, and set -e stop the script)
    had="$(find "$trash" -mindepth 1 -maxdepth 1 | head -n 1)"
    rm -rf "$trash"
    mkdir -p "$trash"
    sync
    if [[ -n $had ]]; then
        log "deleted earlier outputs; letting the disk settle for ${SETTLE:-360} s"
        sleep "${SETTLE:-360}"
    fi
}

# A shell command that moves each PATH that exists into the trash (a rename:
# instant, unlike deleting thousands of files), then syncs: the run before
# left its output in memory for the kernel to write out (1.7 GB at 100,000
# notices), and without the sync that writing would happen during, and be
# charged to, the next timed run.
move_away() {
    local paths
    paths="$(printf ' %q' "$@")"
    printf 'for d in%s; do if [ -e "$d" ]; then mv "$d" "$(mktemp -u -p %q)"; fi; done; sync' "$paths" "$trash"
}

# A shell command that reads every source file of ROOT, so that each timed
# run starts with the corpus in the page cache, as the warm-up left it.
# Needed on machines that page out cache unused for a while (a DAMON
# pageout scheme, as on the project's VM, takes a 100,000 corpus read once
# every 20 s out of memory between runs, and not a 10,000 one).
warm_corpus() {
    printf 'find %q -type f -exec cat {} + >/dev/null' "$1/content"
}

# MiB free in the file system of DIR
free_mib() { df -Pm "$1" | awk 'NR == 2 { print $4 }'; }

# Stops, before any measure of size N, when the disk cannot hold what (a)
# leaves in the trash until its delete: every run's output, about 32 KB of
# disk per notice (3.2 GB at 100,000 notices, so some 30 GB with the
# defaults). (a+) and (w) keep fewer (no peak-memory runs) and are
# each deleted before the next measure. With MEMORY=1, also when the tmpfs
# cannot hold one output.
# A full disk midway fails the build under test and leaves the machine
# unusable until freed.
enough_disk() {
    local n=$1 need free
    need=$(((warmup + runs + mem_runs + 1) * n * 32 / 1024 + 1024))
    free=$(free_mib "$workdir")
    if ((free < need)); then
        echo "bench.sh: $n notices need about $need MiB free in $workdir (the outputs of $((warmup + runs + mem_runs + 1)) builds from nothing are kept until they are deleted after the measure); $free MiB are free." >&2
        echo "bench.sh: free some space, lower RUNS or MEM_RUNS, or set WORKDIR to a larger disk" >&2
        exit 2
    fi
    # (m) keeps one output at a time, in memory
    if [[ ${MEMORY:-} == 1 ]]; then
        need=$((n * 32 / 1024 + 1024))
        free=$(free_mib "$memdir")
        if ((free < need)); then
            echo "bench.sh: (m) at $n notices needs about $need MiB free in $memdir; $free MiB are free." >&2
            echo "bench.sh: set MEMDIR to a larger tmpfs, or leave MEMORY unset" >&2
            exit 2
        fi
    fi
}

# hyperfine NAME PREPARE CMD -> results/N-NAME.json
measure() {
    local n=$1 name=$2 prepare=$3 cmd=$4
    local args=(--warmup "$warmup" --runs "$runs" --export-json "$results/$n-$name.json" --command-name "$name")
    [[ -n $prepare ]] && args+=(--prepare "$prepare")
    log "$n notices: $name"
    hyperfine "${args[@]}" "$cmd" >&2
}

# peak_mib N NAME PREPARE CMD -> results/N-NAME.peak (MiB, largest of MEM_RUNS)
peak_mib() {
    local n=$1 name=$2 prepare=$3 cmd=$4 best=0 kb i
    for ((i = 0; i < mem_runs; i++)); do
        [[ -n $prepare ]] && sh -c "$prepare"
        /usr/bin/time -v -o "$results/time.txt" sh -c "exec >/dev/null 2>&1; $cmd"
        kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$results/time.txt")
        ((kb > best)) && best=$kb
    done
    awk -v k="$best" 'BEGIN { printf "%.0f\n", k / 1024 }' >"$results/$n-$name.peak"
}

# writeback N NAME PREPARE CMD -> results/N-NAME.writeback: MiB of page cache one run
# of CMD dirtied, MiB the kernel wrote back while it ran, and the dirty amount
# above which the kernel starts writing back in the background (from
# vm.dirty_background_ratio or _bytes), as it was when the run started.
# Beyond that amount the kernel's flusher threads write on the same cores
# while forewarn still runs, a cost that grows faster than the input.
writeback() {
    local n=$1 name=$2 prepare=$3 cmd=$4 page d0 w0 t0 d1 w1
    [[ -r /proc/vmstat ]] && grep -q '^nr_dirty_background_threshold ' /proc/vmstat || return 0
    page=$(($(getconf PAGESIZE) / 1024))
    vm() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
    sh -c "$prepare"
    d0=$(vm nr_dirtied) w0=$(vm nr_written) t0=$(vm nr_dirty_background_threshold)
    sh -c "exec >/dev/null 2>&1; $cmd"
    d1=$(vm nr_dirtied) w1=$(vm nr_written)
    echo "$(((d1 - d0) * page / 1024)) $(((w1 - w0) * page / 1024)) $((t0 * page / 1024))" >"$results/$n-$name.writeback"
}

# The notice that (c) edits, restored when the script ends however it ends.
touched="" touched_copy=""
restore_touched() {
    if [[ -n $touched && -f $touched_copy ]]; then
        cp "$touched_copy" "$touched"
        rm -f "$touched_copy"
    fi
}
# The status is kept: without `exit`, a fatal error would end with the
# status of the trap's last command (0).
# (m)'s output, deleted however the script ends: it holds memory, not disk.
mem_root=""
remove_memory() { if [[ -n $mem_root ]]; then rm -rf "$mem_root"; mem_root=""; fi; }
trap 'status=$?; restore_touched; remove_memory; exit "$status"' EXIT

# --- run --------------------------------------------------------------------
log "forewarn: $bin"
log "sizes: $sizes; runs: $runs (+$warmup warm-up); peak memory: max of $mem_runs; workdir: $workdir"
empty_trash
for n in $sizes; do
    root="$(corpus "$n")"
    build="$(printf '%q --config %q build --root %q --quiet' "$bin" "$cfg" "$root")"
    warm="$(warm_corpus "$root")"
    away="$(move_away "$root/public" "$root/.public.forewarn-staging")"
    empty="$away; $warm" # before a build from nothing
    check="$(printf '%q --config %q check --root %q --quiet' "$bin" "$cfg" "$root")"
    enough_disk "$n" # before clearing the results: a refusal keeps the last ones
    rm -f "$results/$n-"*

    # (a) full build, starting from nothing
    measure "$n" build-empty "$empty" "$build"
    peak_mib "$n" build-empty "$empty" "$build"
    writeback "$n" build-empty "$empty" "$build"
    find "$root/public" -type f | wc -l >"$results/$n-files"
    du -sm "$root/public" | cut -f1 >"$results/$n-mib"
    if [[ ${FLOOR:-} == 1 ]]; then # the list (w) writes: this output's folders and files
        (cd "$root/public" && find . -mindepth 1 -type d -printf 'd %P\n' && find . -type f -printf 'f %s %P\n') \
            >"$results/$n-tree"
    fi
    empty_trash

    # (w) the same folders and files written without forewarn
    if [[ ${FLOOR:-} == 1 ]]; then
        tree="$workdir/write-only-$n"
        tree_away="$(move_away "$tree")"
        measure "$n" write-only "$tree_away" "$(printf '%q %q %q' "$writer" "$results/$n-tree" "$tree")"
        sh -c "$tree_away"
        empty_trash
    fi

    # (a+) full build from nothing and sync (kept apart from (a) by a delete,
    # so that the trash and the disk hold no more than (a) leaves)
    if [[ ${SYNCED:-} == 1 ]]; then
        measure "$n" build-synced "$empty" "$build && sync"
        empty_trash
    fi

    # (m) full build from nothing into memory
    if [[ ${MEMORY:-} == 1 ]]; then
        mem_root="$memdir/forewarn-bench-$n" # room checked by enough_disk
        mem_build="$(printf '%q --config %q build --root %q --out %q --quiet' "$bin" "$cfg" "$root" "$mem_root/public")"
        measure "$n" build-memory "$(printf 'rm -rf %q; sleep %q; ' "$mem_root" "${REST:-10}")$warm" "$mem_build"
        remove_memory
    fi

    # (b) rebuild over the previous output. Two builds first, so that both
    # `public` and the staging folder (the generation before) exist.
    sh -c "$build" && sh -c "$build"
    measure "$n" rebuild "$warm" "$build"
    peak_mib "$n" rebuild "$warm" "$build"

    # (c) rebuild after editing one notice: each run appends a new sentence
    # (new text every time, so the notice's page really changes).
    set -- "$root"/content/notices/*.md # sorted: the first notice
    touched="$1"
    touched_copy="$results/touched.orig"
    cp "$touched" "$touched_copy"
    printf 'printf "\\nEdited again at %%s.\\n" "$(date +%%s%%N)" >> %q\n' "$touched" >"$results/touch.sh"
    measure "$n" rebuild-touch "sh $results/touch.sh; $warm" "$build"
    restore_touched
    touched=""
    sh -c "$build" # back to the pristine corpus's output

    # (d) check alone
    measure "$n" check "$warm" "$check"
    peak_mib "$n" check "$warm" "$check"

    if [[ -n ${TIMINGS:-} ]]; then
        log "$n notices: stage timings (FOREWARN_TIMINGS=1) of a build from nothing and of a rebuild"
        sh -c "$empty"
        FOREWARN_TIMINGS=1 sh -c "$build" 2>&1 | sed 's/^/  from nothing: /' >&2
        sh -c "$build" # now the staging folder holds the generation before
        FOREWARN_TIMINGS=1 sh -c "$build" 2>&1 | sed 's/^/  rebuild:      /' >&2
        empty_trash
    fi
done

# --- table ------------------------------------------------------------------
cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576; exit }' /proc/meminfo)"
commit="$(git -C "$project" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n $(git -C "$project" status --porcelain --untracked-files=no 2>/dev/null) ]]; then commit="$commit+changes"; fi
python3 - "$results" "$runs" "$warmup" "$mem_runs" $sizes <<'EOF'
import json, os, sys
results, runs, warmup, mem_runs, sizes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
measures = [("build-empty", "full build, empty output"),
            ("build-synced", "full build + sync, empty output"),
            ("build-memory", "full build, empty output in memory (tmpfs)"),
            ("write-only", "write the output only, no forewarn"),
            ("rebuild", "rebuild, existing output"),
            ("rebuild-touch", "rebuild, one notice edited"),
            ("check", "check")]
def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None
print("| notices | measure | median s | min s | max s | peak MiB |")
print("|---:|---|---:|---:|---:|---:|")
notes, writeback, cpu, median = [], [], {}, {}
for n in sizes:
    for key, label in measures:
        data = read("%s/%s-%s.json" % (results, n, key))
        if data is None:
            continue
        r = json.loads(data)["results"][0]
        peak = read("%s/%s-%s.peak" % (results, n, key)) or "-"
        print("| %s | %s | %.3f | %.3f | %.3f | %s |"
              % (format(int(n), ","), label, r["median"], r["min"], r["max"], peak))
        cpu.setdefault(n, []).append("%s %.2f" % (key, r["user"] + r["system"]))
        median[(n, key)] = r["median"]
    files, mib = read("%s/%s-files" % (results, n)), read("%s/%s-mib" % (results, n))
    if files:
        notes.append("%s notices (%s pages): %s files, %s MiB written"
                     % (format(int(n), ","), format(int(n) + int(n) // 4, ","),
                        format(int(files), ","), mib))
    wb = read("%s/%s-build-empty.writeback" % (results, n))
    if wb:
        dirtied, during, threshold = wb.split()
        writeback.append("%s notices: a build from nothing dirtied %s MiB of page cache; the kernel "
                         "wrote back %s MiB while it ran (background writeback starts above %s MiB)"
                         % (format(int(n), ","), dirtied, during, threshold))
print()
print("Seconds: median, min and max of %s runs after %s warm-up (hyperfine). "
      "Peak MiB: largest resident set of %s runs under /usr/bin/time -v." % (runs, warmup, mem_runs))
for line in notes:
    print("Output: " + line + ".")
for line in writeback:
    print("Writeback: " + line + ".")
for n, items in cpu.items():
    print("CPU s (user + sys, mean) at %s notices: %s." % (format(int(n), ","), ", ".join(items)))
for small, large in zip(sizes, sizes[1:]):
    ratios = ["%s %.2f" % (key, median[(large, key)] / median[(small, key)])
              for key, _ in measures if (small, key) in median and (large, key) in median]
    if ratios:
        print("Ratio of medians, %s / %s notices: %s." % (format(int(large), ","), format(int(small), ","), ", ".join(ratios)))
EOF
echo "Machine: $(nproc) cores, $cpu, $mem RAM; $(uname -sr); forewarn $commit; $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "Load average when done: $(cut -d' ' -f1-3 /proc/loadavg)."

# --- Hugo side by side ------------------------------------------------------
if [[ ${HUGO:-} == 1 ]]; then
    [[ -f $compare ]] || { echo "no compare.sh at $compare" >&2; exit 2; }
    command -v hugo >/dev/null || apt_install hugo
    # compare.sh moves only `public` aside before each run; this command also
    # moves the staging folder (into compare.sh's own trash, emptied after
    # each size), so forewarn builds from nothing like Hugo. The rename is
    # inside the timed command and costs a millisecond or two.
    new_cmd='d={root}/.public.forewarn-staging; if [ -e "$d" ]; then mv "$d" "$(mktemp -u -p '"$workdir"'/trash)"; fi; {bin} --config '"$cfg"' build --root {root} --quiet'
    # compare.sh times forewarn first and deletes only after its runs:
    # delete the trash of the runs above now, and wait (empty_trash).
    empty_trash
    echo
    log "compare.sh against Hugo"
    HUGO="$(command -v hugo)" WORKDIR="$workdir" SIZES="$sizes" RUNS="$runs" WARMUP="$warmup" \
        NEW_NAME=forewarn NEW_CMD="$new_cmd" bash "$compare" "$bin"

    # Rebuild over an existing output, side by side: each tool builds again
    # over the output of its previous build (Hugo overwrites its public/;
    # forewarn updates the staging folder, the generation before, and swaps).
    echo
    echo "| notices | rebuild over existing output | median s | min s | max s | x hugo |"
    echo "|---:|---|---:|---:|---:|---:|"
    for n in $sizes; do
        froot="$workdir/native-$n" hroot="$workdir/hugo-$n"
        fbuild="$(printf '%q --config %q build --root %q --quiet' "$bin" "$cfg" "$froot")"
        hbuild="$(printf 'cd %q && hugo --quiet' "$hroot")"
        sh -c "$fbuild" && sh -c "$fbuild" && sh -c "$hbuild"
        log "$n notices: rebuild, forewarn and Hugo"
        hyperfine --warmup "$warmup" --runs "$runs" --export-json "$results/$n-rebuild-hugo.json" \
            --command-name forewarn "$fbuild" --command-name hugo "$hbuild" >&2
        python3 - "$results/$n-rebuild-hugo.json" "$n" <<'EOF2'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
hugo = r["hugo"]["median"]
for name in ("forewarn", "hugo"):
    x = r[name]
    print("| %s | %s | %.3f | %.3f | %.3f | %.2f |"
          % (format(int(sys.argv[2]), ","), name, x["median"], x["min"], x["max"], x["median"] / hugo))
EOF2
    done
fi
