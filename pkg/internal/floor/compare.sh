#!/bin/sh
# compare.sh: whole-process figures of sopctl against the floor program
# (see main.go), for lint and render, on generated libraries.
#
#   compare.sh [-n RUNS] SOPCTL FLOOR LIBDIR...
#
# For each library and each of lint and render, it runs sopctl and the
# floor in turn, RUNS times each (sopctl, floor, sopctl, floor, ...), so
# that a drift in the machine's speed touches both alike, after one
# warm-up run of each that is not counted. Each run is timed by GNU time
# (/usr/bin/time -f): wall seconds, CPU seconds (user + system) and peak
# resident memory of the process. It prints the median of each, and the
# median of the pair-by-pair ratios sopctl/floor for wall and CPU. render
# writes into a folder that is removed before every run (not timed), so
# each is a full render. make bench-floor builds both programs, generates
# the libraries and runs this.
set -eu

runs=5
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
if [ $# -lt 3 ]; then
	echo "usage: compare.sh [-n RUNS] SOPCTL FLOOR LIBDIR..." >&2
	exit 2
fi
sopctl=$1 floor=$2
shift 2
if ! /usr/bin/time -f %e true 2>/dev/null; then
	echo "compare.sh: needs GNU time as /usr/bin/time (apt-get install time)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# timed FILE CMD...: run CMD once, its output thrown away, and append
# "wall cpu peak_kib" to FILE. An exit code over 1 (sopctl lint exits 1
# on findings) stops the comparison: its figures would mean nothing.
timed() {
	file=$1
	shift
	/usr/bin/time -o "$tmp/t" -f '%e %U %S %M %x' "$@" >/dev/null 2>"$tmp/err" || true
	code=$(tail -n 1 "$tmp/t" | awk '{ print $5 }')
	if [ "${code:-2}" -gt 1 ]; then
		echo "compare.sh: $* exited ${code:-?}:" >&2
		head -n 5 "$tmp/err" >&2
		exit 1
	fi
	tail -n 1 "$tmp/t" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' >>"$file"
}

# median FILE COLUMN: the median of a column of numbers.
median() {
	sort -g -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

printf '%-28s %-6s | %8s %8s %9s | %8s %8s %9s | %6s %6s\n' library what \
	'wall s' 'cpu s' 'peak MiB' 'wall s' 'cpu s' 'peak MiB' wall× cpu×
printf '%-28s %-6s | %-28s | %-28s | %s\n' '' '' sopctl floor 'sopctl/floor'
for lib in "$@"; do
	for what in lint render; do
		rm -f "$tmp/a" "$tmp/b"
		for i in $(seq 0 "$runs"); do
			a=$tmp/a b=$tmp/b
			[ "$i" -eq 0 ] && a=$tmp/warm b=$tmp/warm # warm-up: not counted
			if [ "$what" = lint ]; then
				timed "$a" "$sopctl" -C "$lib" lint
				timed "$b" "$floor" lint "$lib"
			else
				rm -rf "$tmp/site" "$tmp/floor-out"
				timed "$a" "$sopctl" -C "$lib" render -o "$tmp/site"
				rm -rf "$tmp/site" "$tmp/floor-out"
				timed "$b" "$floor" render "$lib" "$tmp/floor-out"
			fi
		done
		paste -d ' ' "$tmp/a" "$tmp/b" | awk '{ print ($4 > 0 ? $1 / $4 : 0), ($5 > 0 ? $2 / $5 : 0) }' >"$tmp/r"
		printf '%-28s %-6s | %8s %8s %9.1f | %8s %8s %9.1f | %6.2f %6.2f\n' \
			"$(basename "$lib")" "$what" \
			"$(median "$tmp/a" 1)" "$(median "$tmp/a" 2)" "$(echo "$(median "$tmp/a" 3)" | awk '{ print $1 / 1024 }')" \
			"$(median "$tmp/b" 1)" "$(median "$tmp/b" 2)" "$(echo "$(median "$tmp/b" 3)" | awk '{ print $1 / 1024 }')" \
			"$(median "$tmp/r" 1)" "$(median "$tmp/r" 2)"
	done
done
echo "medians of $runs paired runs each (after one warm-up); ratios: median of the pair-by-pair ratios"
