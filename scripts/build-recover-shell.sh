#!/usr/bin/env bash
# Build an sqlite3 shell whose `.recover` works, for the salvage tests.
#
#   scripts/build-recover-shell.sh [TARGET]     # default: .venv/bin/sqlite3
#
# `foidesk salvage` copies a damaged database with the sqlite3 shell's `.recover`,
# which reads pages through SQLite's `sqlite_dbpage` table. Debian's and Ubuntu's
# sqlite3 packages are built without that table, so their `.recover` fails. This
# script builds the same SQLite version from Debian's own source package (fetched
# with `apt-get source` through a private apt configuration: the system's apt
# sources are not changed) with the table enabled. It needs apt, dpkg-dev, tcl
# (SQLite's build generates shell.c with tclsh), make and a C compiler, and does
# nothing when TARGET already can recover.
set -euo pipefail

target=$(realpath -m "${1:-.venv/bin/sqlite3}")  # the build runs elsewhere: an absolute path
can_recover() { [ -x "$1" ] && "$1" -batch -init /dev/null :memory: .recover >/dev/null 2>&1; }
if can_recover "$target"; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/parts" "$work/lists/partial" "$work/cache/archives/partial" "$work/src"

# Debian's own package sources, as source-package entries.
for file in /etc/apt/sources.list.d/*.sources; do
  [ -e "$file" ] || continue
  grep -q 'debian-archive-keyring' "$file" || continue
  sed 's/^Types: deb$/Types: deb-src/' "$file" >"$work/parts/$(basename "$file")"
done
if [ -f /etc/apt/sources.list ]; then
  sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$work/parts/debian-src.list"
fi

apt_options=(
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::Etc::SourceParts=$work/parts"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_options[@]}" -qq update
(cd "$work/src" && apt-get "${apt_options[@]}" -qq source sqlite3 >/dev/null)

cd "$work/src"/sqlite3-*/
./configure --quiet >/dev/null
make -s shell.c sqlite3.c >/dev/null
mkdir -p "$(dirname "$target")"
gcc -O1 -DSQLITE_ENABLE_DBPAGE_VTAB -DSQLITE_ENABLE_FTS5 -DSQLITE_THREADSAFE=0 \
  -DSQLITE_OMIT_LOAD_EXTENSION shell.c sqlite3.c -lm -o "$work/sqlite3"
cd - >/dev/null
install -m 0755 "$work/sqlite3" "$target"
can_recover "$target"
echo "built $("$target" -version | cut -d' ' -f1) with .recover: $target"
