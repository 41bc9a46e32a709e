#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Prints the version the build gives bzboot --version, the boot banner and
# the Debian package (docs/install.md, "Versions"). $1 is the Makefile's
# VERSION, the version of the last release.
#
#   a checkout at a tag vX.Y.Z           X.Y.Z
#   N commits after that tag             X.Y.Z-N-gHASH
#   a checkout with no such tag          VERSION-N-gHASH (N: every commit)
#   uncommitted changes                  ...-dirty
#   no git (a tarball, git archive)      VERSION
#
# Only the repository whose top is this directory counts: a tarball
# unpacked inside some other checkout must not take that checkout's hash.
set -u
base=$1
top=$(git rev-parse --show-toplevel 2>/dev/null) &&
	[ "$(cd "$top" && pwd -P)" = "$(pwd -P)" ] || {
	echo "$base"
	exit 0
}
if v=$(git describe --tags --dirty --abbrev=7 --match 'v[0-9]*' 2>/dev/null); then
	echo "${v#v}"
elif h=$(git describe --always --dirty --abbrev=7 2>/dev/null); then
	echo "$base-$(git rev-list --count HEAD)-g$h"
else
	echo "$base"
fi
