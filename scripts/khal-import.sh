#!/usr/bin/env bash
# Imports a built calendar into khal, a real calendar client, and reads it
# back: every event must import, `khal list` over the calendar's date range
# must show every UID, and each TITLE given must appear.
#
# Usage:
#   scripts/khal-import.sh ICS [TITLE...]
#   scripts/khal-import.sh public/calendar.ics "REST API v1 will be retired"
#
# Installs khal with apt when it is missing (as root, or with `sudo -n`), and
# uses a throwaway khal configuration, database and vdir calendar in a
# temporary folder (XDG_CONFIG_HOME, XDG_DATA_HOME and HOME point there): the
# user's own calendars are never read or written. Exit status: 0 when the
# calendar imports and reads back, 1 otherwise.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 ICS [TITLE...]" >&2
  exit 2
fi
ics=$1
shift
fail() {
  echo "khal-import: $*" >&2
  exit 1
}
[ -s "$ics" ] || fail "$ics is missing or empty"

if ! command -v khal >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi
  log=$(mktemp)
  echo "khal-import: installing khal with apt"
  if ! "${sudo[@]}" apt-get install -y -qq khal >"$log" 2>&1; then
    # Stale or missing package lists: update once and try again.
    if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq khal; } >"$log" 2>&1; then
      cat "$log" >&2
      fail "could not install khal with apt"
    fi
  fi
  rm -f "$log"
fi
echo "khal-import: $(khal --version)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config/khal" "$tmp/data" "$tmp/calendar"
cat >"$tmp/config/khal/config" <<EOF
[calendars]
[[notices]]
path = $tmp/calendar
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC

[default]
default_calendar = notices
EOF
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" HOME="$tmp"
export LC_ALL=C.UTF-8 PYTHONIOENCODING=utf-8 TZ=UTC
khal() { command khal "$@" 2>>"$tmp/stderr"; }

# The events and dates the file holds (UIDs and dates are never folded: they
# are shorter than a line).
events=$(grep -c '^BEGIN:VEVENT' "$ics" || true)
[ "$events" -gt 0 ] || fail "$ics holds no VEVENT"
uids=$(grep '^UID:' "$ics" | sed 's/^UID://; s/\r$//' | sort -u)
dates=$(grep -E '^DT(START|END)[;:]' "$ics" | grep -oE '[0-9]{8}' | sort -u || true)
[ -n "$dates" ] || fail "$ics holds no DTSTART"
first=$(date -u -d "$(head -n 1 <<<"$dates")" +%Y-%m-%d)
last=$(date -u -d "$(tail -n 1 <<<"$dates") + 1 day" +%Y-%m-%d)

if ! khal import --batch -a notices "$ics"; then
  cat "$tmp/stderr" >&2
  fail "khal import failed on $ics"
fi
if grep -qiE 'error|traceback|warning' "$tmp/stderr"; then
  cat "$tmp/stderr" >&2
  fail "khal complained while importing $ics"
fi
imported=$(find "$tmp/calendar" -name '*.ics' | wc -l)
[ "$imported" -eq "$events" ] || fail "$events events in $ics, khal imported $imported"

# Read back through khal's own database, over the whole range.
listed=$(khal list --format '{uid}' --day-format '' "$first" "$last" | sed '/^$/d' | sort -u)
if [ "$listed" != "$uids" ]; then
  diff <(echo "$uids") <(echo "$listed") >&2 || true
  fail "khal list $first $last does not show every event of $ics (< in the file, > listed)"
fi
titles=$(khal list --format '{title}' --day-format '' "$first" "$last")
for title in "$@"; do
  grep -qF -- "$title" <<<"$titles" || fail "no event titled \"$title\" in khal list $first $last"
done
if grep -q '^BEGIN:VALARM' "$ics"; then
  alarms=$(khal list --format '{uid}{alarm-symbol}' --day-format '' "$first" "$last" | grep -c '⏰' || true)
  [ "$alarms" -gt 0 ] || fail "$ics has VALARMs, khal shows no reminder"
fi
if [ -s "$tmp/stderr" ]; then
  cat "$tmp/stderr" >&2
fi
echo "khal-import: $events events imported from $ics and listed between $first and $last"
