#!/usr/bin/env bash
# Re-fetches the trigram language model dictionaries/lm/en-us.lm.bin from Debian's
# pocketsphinx-en-us package and checks its sha256. Needs apt-get and dpkg (Debian/Ubuntu).
# Usage: scripts/fetch-model.sh   (run `apt-get update` first on a fresh machine)
set -euo pipefail

PACKAGE="pocketsphinx-en-us"
VERSION="0.8+5prealpha+1-15"
MODEL_SHA256="db21d0642286677699e6dbc859d2e5395570222361999387ce60f6e1d01995d6"
DEB_SHA256="6bf9ef84f7dd96f497ff29a725e2a15500e9b8f73869f6854293aab7310ee28c"
MODEL_IN_DEB="usr/share/pocketsphinx/model/en-us/en-us.lm.bin"

die() { echo "fetch-model: error: $*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/dictionaries/lm/en-us.lm.bin"

for tool in apt-get dpkg sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: this script needs a Debian-based system"
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
echo "fetch-model: downloading $PACKAGE ($VERSION) ..."
if ! apt-get download "$PACKAGE=$VERSION" >/dev/null 2>"$TMP/apt.err"; then
  echo "fetch-model: version $VERSION not available, trying the candidate version of $PACKAGE" >&2
  apt-get download "$PACKAGE" >/dev/null 2>"$TMP/apt.err" \
    || die "apt-get download $PACKAGE failed (run 'apt-get update' first?): $(cat "$TMP/apt.err")"
fi

DEB="$(ls "$TMP"/"${PACKAGE}"_*.deb 2>/dev/null | head -n 1)"
[ -n "$DEB" ] || die "no .deb was downloaded"
deb_sum="$(sha256sum "$DEB" | cut -d' ' -f1)"
if [ "$deb_sum" != "$DEB_SHA256" ]; then
  echo "fetch-model: note: $(basename "$DEB") has sha256 $deb_sum (expected $DEB_SHA256); checking the model itself" >&2
fi

dpkg -x "$DEB" "$TMP/x" || die "dpkg -x failed on $DEB"
SRC="$TMP/x/$MODEL_IN_DEB"
[ -f "$SRC" ] || die "$MODEL_IN_DEB not found in $(basename "$DEB")"

sum="$(sha256sum "$SRC" | cut -d' ' -f1)"
[ "$sum" = "$MODEL_SHA256" ] || die "sha256 of en-us.lm.bin is $sum, expected $MODEL_SHA256 (different package version?)"

mkdir -p "$(dirname "$DEST")"
cp "$SRC" "$DEST.tmp"
mv "$DEST.tmp" "$DEST"
echo "fetch-model: wrote $DEST (sha256 $sum)"
