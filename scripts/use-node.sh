#!/usr/bin/env bash
# Runs a command on the Node.js this project is built for (.node-version, Node 24 LTS), also on a
# machine whose system Node is older: Node itself comes from the npm registry (the node-linux-*
# packages hold the official binary, no install script) into .tools/, once, and goes first on PATH
# so that everything started below — npm, npx, tsx, Next.js, vitest, Playwright's web server —
# runs on it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WANT="$(tr -d ' \n\r' < "$ROOT/.node-version")"
have="$(node -p 'process.versions.node' 2>/dev/null || echo none)"
if [ "${have%%.*}" != "${WANT%%.*}" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "use-node: no Node $WANT package for $(uname -m); install Node $WANT yourself" >&2; exit 1 ;;
  esac
  dir="$ROOT/.tools/node-$WANT"
  bin="$dir/node_modules/node-linux-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    echo "use-node: system Node is $have; fetching Node $WANT from the npm registry into .tools/ (once)" >&2
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
    npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-$arch@$WANT" >&2
  fi
  export PATH="$bin:$PATH"
fi
exec "$@"
