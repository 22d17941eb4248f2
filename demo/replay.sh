#!/bin/sh
# Replays real-shaped NVIDIA Triton Inference Server sessions on stdout, as a Triton container
# would write them, so the stack can be tried without a GPU (docker compose --profile demo).
#
# The sessions in sessions/*.txt are the team's Triton fixtures in Triton's three shapes
# (legacy, JSON-escaped messages, --log-format ISO8601): startup, model loads and failed loads,
# warnings, inference errors, CUDA/GPU errors, tables and other programs' lines. Each record's
# time is rewritten to now (UTC; default shape: MMDD and HH:MM:SS, the microseconds are kept;
# ISO8601: the whole timestamp); every other byte of every line is replayed unchanged.
#
# Environment:
#   DEMO_LINES_PER_SECOND  lines per second, default 5; 0 = as fast as possible
#   DEMO_LOOPS             passes over all sessions, default 0 = forever
#   DEMO_SESSIONS_DIR      where the sessions are, default: sessions/ next to this script
#   DEMO_PAUSE_SECONDS     pause between sessions (a "restart"), default 2
#
# Runs in busybox sh, dash and bash; needs only date and sleep.
set -eu

rate=${DEMO_LINES_PER_SECOND:-5}
loops=${DEMO_LOOPS:-0}
pause=${DEMO_PAUSE_SECONDS:-2}
dir=${DEMO_SESSIONS_DIR:-$(dirname "$0")/sessions}

case "$rate$loops$pause" in
  *[!0-9]*) echo "replay.sh: DEMO_LINES_PER_SECOND, DEMO_LOOPS and DEMO_PAUSE_SECONDS must be whole numbers" >&2; exit 2 ;;
esac
set -- "$dir"/*.txt
for last; do :; done
if [ ! -f "$1" ]; then
  echo "replay.sh: no sessions (*.txt) in $dir" >&2
  exit 2
fi

# Current time in both shapes: "MMDD HH:MM:SS" and "YYYY-MM-DDTHH:MM:SSZ".
now() {
  stamp=$(date -u +'%m%d %H:%M:%S|%Y-%m-%dT%H:%M:%SZ')
  short=${stamp%|*}
  iso=${stamp#*|}
}

sent=0
pass=0
while [ "$loops" = 0 ] || [ "$pass" -lt "$loops" ]; do
  pass=$((pass + 1))
  for session in "$@"; do
    now
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        [IWEF][0-9][0-9][0-9][0-9]\ [0-9][0-9]:[0-9][0-9]:[0-9][0-9].*)
          # I1201 10:30:45.123456 ... : keep the letter and ".123456 ..."
          letter=${line%"${line#?}"}
          rest=${line#??????????????}
          line="$letter$short$rest" ;;
        [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\ *)
          line="$iso${line#????????????????????}" ;;
      esac
      printf '%s\n' "$line"
      sent=$((sent + 1))
      if [ "$rate" != 0 ] && [ $((sent % rate)) = 0 ]; then
        sleep 1
        now
      fi
    done < "$session"
    if [ "$pause" != 0 ] && { [ "$loops" = 0 ] || [ "$pass" -lt "$loops" ] || [ "$session" != "$last" ]; }; then
      sleep "$pause"
    fi
  done
done
