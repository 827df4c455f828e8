#!/usr/bin/env bash
# Installs what a fresh clone lacks: npm packages, and with --browser Debian's chromium for the browser
# tests, with --postgres Debian's postgresql for the team server's tests (server/test/startPostgres.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "flowbar: installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

want_chromium=false
want_postgres=false
for arg in "$@"; do
  case "$arg" in
    --browser|--chromium) want_chromium=true ;;
    --postgres) want_postgres=true ;;
    *) echo "ensure-deps: unknown flag $arg" >&2; exit 2 ;;
  esac
done

packages=()
if $want_chromium && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  packages+=(chromium)
fi
if $want_postgres; then
  # initdb is on PATH, or in the folder pg_config --bindir names, or in Debian's versioned folder.
  have_initdb=false
  if command -v initdb >/dev/null 2>&1; then have_initdb=true
  elif command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then have_initdb=true
  elif compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then have_initdb=true
  fi
  $have_initdb || packages+=(postgresql)
fi

if [ ${#packages[@]} -gt 0 ]; then
  echo "flowbar: installing Debian's ${packages[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi
