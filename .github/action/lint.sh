#!/usr/bin/env bash
# Runs sopctl lint with the action's inputs, passed as environment
# variables so no input is ever read as shell text (script injection).
#
#   SOPCTL_PATH    what to lint: one path per line (a handbook folder or files)
#   SOPCTL_FORMAT  report format (github: pull-request annotations)
#   SOPCTL_ARGS    more lint flags, split on white space (e.g. --strict --max-warnings 0)
#   SOPCTL_SARIF   if set, also write a SARIF report to this file
# The step fails when lint does; with SOPCTL_SARIF it writes "sarif=true"
# to $GITHUB_OUTPUT once the report is complete, for the upload step, and
# stops there when lint could not start (exit 2).
set -euo pipefail

paths=()
while IFS= read -r line; do
	[[ -n "${line//[[:space:]]/}" ]] && paths+=("$line")
done <<<"${SOPCTL_PATH:-.}"
[[ ${#paths[@]} -gt 0 ]] || paths=(.)

# read splits on white space and, unlike an unquoted $SOPCTL_ARGS, expands
# no globs: an argument such as '*.md' reaches sopctl as written.
read -r -a flags <<<"${SOPCTL_ARGS:-}"

if [[ -n "${SOPCTL_SARIF:-}" ]]; then
	tmp="${SOPCTL_SARIF}.tmp"
	code=0
	sopctl lint --format sarif ${flags[@]+"${flags[@]}"} -- "${paths[@]}" >"$tmp" || code=$?
	if [[ $code -gt 1 ]]; then
		# Lint could not start (bad flag, no sopctl.yaml): its message is out; a second run would repeat it.
		rm -f "$tmp"
		exit "$code"
	fi
	mv "$tmp" "$SOPCTL_SARIF"
	echo "sarif=true" >>"${GITHUB_OUTPUT:-/dev/null}"
fi

exec sopctl lint --format "${SOPCTL_FORMAT:-github}" ${flags[@]+"${flags[@]}"} -- "${paths[@]}"
