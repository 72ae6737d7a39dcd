#!/usr/bin/env bash
# One command from a fresh checkout to a running server: installs what is missing, builds,
# makes a development certificate and a demo user if there are none, and runs qimapd on its
# defaults (port 1430 with STARTTLS, SQLite store in ./data). Extra arguments go to qimapd,
# e.g. installer/quickstart.sh --ssl-port 9930
set -euo pipefail
cd "$(dirname "$0")/.."

installer/deps.sh
cmake -S . -B build -G Ninja -DBUILD_TESTING=OFF >/dev/null
cmake --build build --target qimapd

if [[ ! -f certs/server-cert.pem || ! -f certs/server-key.pem ]]; then
    echo "Making a self-signed development certificate in certs/ (localhost, 127.0.0.1)"
    mkdir -p certs
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
        -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
        -keyout certs/server-key.pem -out certs/server-cert.pem 2>/dev/null
    chmod 600 certs/server-key.pem
fi
if ! build/bin/qimapd user list 2>/dev/null | grep -qx demo; then
    echo demo | build/bin/qimapd user add demo
    echo "Made user 'demo' with password 'demo' (change it: build/bin/qimapd user passwd demo)"
fi
echo "Connect to localhost port 1430 with STARTTLS; the certificate is certs/server-cert.pem."
# The dashboard needs a display; without one (ssh, a container) the server runs headless.
gui=()
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    echo "No display: running headless (--no-gui)."
    gui=(--no-gui)
fi
exec build/bin/qimapd "${gui[@]}" "$@"
