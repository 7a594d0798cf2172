#!/bin/sh
# Bundles dist/index.js from the committed sources (HEAD) plus the working-tree src/action,
# so a commit's dist/ matches its sources even while others have uncommitted edits elsewhere.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$root" archive HEAD | tar -x -C "$tmp"
rm -rf "$tmp/src/action"
cp -r "$root/src/action" "$tmp/src/action"
cp "$root/scripts/bundle.ts" "$tmp/scripts/bundle.ts"
ln -s "$root/node_modules" "$tmp/node_modules"
(cd "$tmp" && "$root/node_modules/.bin/tsx" scripts/bundle.ts)
cp "$tmp/dist/index.js" "$root/dist/index.js"
