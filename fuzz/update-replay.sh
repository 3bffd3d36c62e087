#!/usr/bin/env bash
# Rebuilds fuzz/replay/TARGET: the smallest set of inputs, taken from the
# given corpus folders, that reaches every coverage edge they reach beyond
# what fuzz/seeds/TARGET already reaches. libFuzzer's set-cover merge on
# edges (-set_cover_merge=1 -use_counters=0), with the seeds loaded first,
# so no seed is copied into replay/. Among inputs that add the same edges,
# libFuzzer keeps the smaller.
#
# Usage (from anywhere; needs cargo-fuzz):
#   fuzz/update-replay.sh front_matter [CORPUS_DIR...]   # default: fuzz/corpus/TARGET
#   fuzz/update-replay.sh check_site
# The old replay/TARGET is merged in too, so nothing it covered is lost.
set -euo pipefail
fuzz="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: update-replay.sh front_matter|check_site [CORPUS_DIR...]}"
shift
corpora=("$@")
[[ ${#corpora[@]} -gt 0 ]] || corpora=("$fuzz/corpus/$target")
case "$target" in
    front_matter) extra=() ;;
    check_site) extra=(-max_len=16384) ;;
    *) echo "update-replay.sh: unknown target $target" >&2; exit 2 ;;
esac
cd "$fuzz"
RUSTC_BOOTSTRAP=1 cargo fuzz build -O "$target"
bin="$fuzz/target/$(rustc -vV | awk '/^host:/ { print $2 }')/release/$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/out"
cp "seeds/$target"/* "$work/out/"
mkdir -p "replay/$target"
"$bin" -merge=1 -set_cover_merge=1 -use_counters=0 -dict=forewarn.dict -timeout=20 "${extra[@]}" \
    "$work/out" "replay/$target" "${corpora[@]}" 2>"$work/merge.log" ||
    { tail -n 20 "$work/merge.log" >&2; exit 1; }
for f in "$work/out"/*; do
    if [[ -e seeds/$target/$(basename "$f") ]]; then rm "$f"; fi
done
rm -rf "replay/$target"
mv "$work/out" "replay/$target"
echo "replay/$target: $(find "replay/$target" -type f | wc -l) files, $(du -sb "replay/$target" | cut -f1) bytes"
