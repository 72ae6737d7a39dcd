#!/usr/bin/env bash
# Installs the Debian packages qimapd needs, and only those that are missing.
#   installer/deps.sh          what building and running the server needs
#   installer/deps.sh test     plus what the test suite needs (clients nobody here wrote, ...)
set -euo pipefail

packages=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev libqt6sql6-sqlite qt6-l10n-tools qt6-tools-dev
    qt6-qpa-plugins          # the dashboard's platforms (xcb, wayland, offscreen)
    qt6-translations-l10n    # Qt's own German/French strings beside translations/ (optional at run time)
    libcrypt-dev zlib1g-dev libsqlite3-dev
    openssl ca-certificates
)
if [[ "${1:-}" == "test" ]]; then
    packages+=(
        python3            # Debian's /usr/bin/python3 with imaplib, for the real-client tests
        procps             # ps/kill for the process-level tests
        curl               # real-client test: curl's IMAP (tests/clients/test_curl.py)
        isync              # real-client test: mbsync 1.4 (test_mbsync.py)
        fetchmail          # real-client test: fetchmail (test_fetchmail.py)
        offlineimap3       # real-client test: offlineimap (test_offlineimap.py)
        libmail-imapclient-perl  # real-client test: Perl's Mail::IMAPClient (test_mail_imapclient.py)
        libio-socket-ssl-perl    # ... and its TLS, only a Recommends of it
        python3-imaplib2   # real-client test: imaplib2's IDLE (test_imaplib2_idle.py)
        xvfb xauth         # the dashboard under a virtual X display (xvfb-run -a; README screenshot)
        fonts-dejavu-core  # a font for the offscreen and Xvfb GUI tests
        dpkg-dev           # package test: cpack's dpkg-shlibdeps (tests/package)
        file               # ... checks the packaged binary is stripped
        systemd            # ... systemd-analyze verify on the unit
        desktop-file-utils # ... desktop-file-validate on the dashboard entry
        adduser            # ... the package's postinst (apt-get would pull it in too)
        qt6-qpa-plugins    # ... a dependency of the package (so installing it needs no download)
    )
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if (( ${#missing[@]} == 0 )); then
    exit 0
fi

echo "Installing: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
