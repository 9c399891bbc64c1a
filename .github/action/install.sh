#!/usr/bin/env bash
# Installs a sopctl release binary for the runner's OS and architecture,
# verified against the release's checksums.txt, into $RUNNER_TEMP/sopctl-bin
# and adds that folder to $GITHUB_PATH. Used by action.yml.
#
# Environment (action.yml passes the inputs this way, never as shell text):
#   SOPCTL_VERSION      release to install (v1.2.3 or 1.2.3); empty: SOPCTL_ACTION_REF
#   SOPCTL_ACTION_REF   the ref the action was used at (github.action_ref)
#   SOPCTL_RELEASE_URL  where releases are (default: GitHub releases of sopctl/sopctl);
#                       tests point it at a local fake release
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH: set by the runner
set -euo pipefail

fail() {
	echo "::error title=sopctl install::$*" >&2
	exit 1
}

semver='^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'
version="${SOPCTL_VERSION:-}"
if [[ -z "$version" ]]; then
	ref="${SOPCTL_ACTION_REF:-}"
	[[ "$ref" =~ $semver ]] || fail "cannot tell which sopctl release to install: the action is used at '${ref:-an unknown ref}', not a release tag; pin it as 'uses: sopctl/sopctl@vX.Y.Z' or set the 'version' input to a release such as v1.2.3"
	version="$ref"
fi
[[ "$version" =~ $semver ]] || fail "version '$version' is not a release version; set the 'version' input to a release tag such as v1.2.3"
tag="v${version#v}"

case "${RUNNER_OS:-}" in
Linux) os=linux ;;
macOS) os=darwin ;;
Windows) os=windows ;;
*) fail "unsupported runner OS '${RUNNER_OS:-}': sopctl releases exist for Linux, macOS and Windows" ;;
esac
case "${RUNNER_ARCH:-}" in
X64) arch=amd64 ;;
ARM64) arch=arm64 ;;
*) fail "unsupported runner architecture '${RUNNER_ARCH:-}': sopctl releases exist for X64 and ARM64" ;;
esac
[[ -n "${RUNNER_TEMP:-}" && -n "${GITHUB_PATH:-}" ]] || fail "RUNNER_TEMP and GITHUB_PATH must be set: run this script from a GitHub Actions step"

ext=tar.gz exe=sopctl
if [[ "$os" == windows ]]; then ext=zip exe=sopctl.exe; fi
archive="sopctl_${tag#v}_${os}_${arch}.${ext}"
base="${SOPCTL_RELEASE_URL:-https://github.com/sopctl/sopctl/releases/download}/$tag"

work="$(mktemp -d "$RUNNER_TEMP/sopctl-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

download() {
	curl --fail --silent --show-error --location --retry 3 --proto '=https,http,file' -o "$work/$1" "$base/$1" ||
		fail "could not download $base/$1: check that release $tag exists and has this file"
}
download checksums.txt
download "$archive"

want="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$work/checksums.txt")"
[[ "$want" =~ ^[0-9a-f]{64}$ ]] || fail "checksums.txt of $tag has no SHA-256 line for $archive; refusing to install an unverified binary"
if command -v sha256sum >/dev/null; then
	got="$(sha256sum "$work/$archive" | awk '{ print $1 }')"
elif command -v shasum >/dev/null; then
	got="$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')"
else
	fail "neither sha256sum nor shasum is installed: cannot verify $archive"
fi
[[ "$got" == "$want" ]] || fail "checksum mismatch for $archive: checksums.txt says $want, the download is $got; refusing to install it"

# Only the binary leaves the archive, and only as a regular file.
mkdir "$work/unpacked"
if [[ "$ext" == zip ]]; then
	unzip -q -o "$work/$archive" "$exe" -d "$work/unpacked" || fail "$archive holds no $exe"
else
	tar -xzf "$work/$archive" -C "$work/unpacked" "$exe" || fail "$archive holds no $exe"
fi
bin="$work/unpacked/$exe"
[[ -f "$bin" && ! -L "$bin" ]] || fail "$exe in $archive is not a regular file"
chmod 755 "$bin"

dest="$RUNNER_TEMP/sopctl-bin"
rm -rf "$dest"
mkdir "$work/bin"
mv "$bin" "$work/bin/$exe"
mv "$work/bin" "$dest"
echo "$dest" >>"$GITHUB_PATH"
echo "installed $("$dest/$exe" version) in $dest"
