#!/usr/bin/env bash
# Runs the same imap-loadgen scenarios against a private qimapd and a private Dovecot, back to
# back, and prints each figure for both and their ratio (issue 7). Nothing system-wide: both
# servers live in a temporary directory (config, sockets, mail, logs), listen on loopback only,
# run in the foreground of this script and are stopped when it exits.
#
#   tests/benchmarks/compare.sh [BUILD_DIR]      (default: build)
#
# Scale and choice, from the environment (defaults in brackets):
#   SCENARIOS [mixed append large-mailbox fetch-stream idle-fanout connections]
#   SERVERS [qimapd dovecot]   USERS [20]   CLIENTS [20]   DURATION [20]
#   MESSAGES [100000]          SESSIONS [1000]   ROUNDS [10]
#   CONNECTIONS [10000]        DOVECOT_CONNECTIONS [2000] (a process per connection; see BENCHMARKS.md)
#   Dovecot's 100,000-message mailbox is written as a Maildir and indexed with doveadm (see
#   prefill_dovecot); qimapd's is filled through IMAP by imap-loadgen.
#   DOVECOT_AUTH_CACHE [0] (1: auth_cache_size = 10M, Dovecot's answer to qimapd's login cache)
#   SERVER_CPU [0]  LOADGEN_CPU [1]  (taskset cores)   KEEP [0] (1: keep the temporary directory)
#   RESULTS [bench-results]    where the JSON of every run goes
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
qimapd=$build/bin/qimapd
loadgen=$build/bin/imap-loadgen
for binary in "$qimapd" "$loadgen"; do
    [[ -x $binary ]] || { echo "compare.sh: $binary missing (cmake --build $build --target qimapd imap-loadgen)" >&2; exit 2; }
done

SCENARIOS=${SCENARIOS:-mixed append large-mailbox fetch-stream idle-fanout connections}
SERVERS=${SERVERS:-qimapd dovecot}
USERS=${USERS:-20}
CLIENTS=${CLIENTS:-20}
DURATION=${DURATION:-20}
MESSAGES=${MESSAGES:-100000}
SESSIONS=${SESSIONS:-1000}
ROUNDS=${ROUNDS:-10}
CONNECTIONS=${CONNECTIONS:-10000}
DOVECOT_CONNECTIONS=${DOVECOT_CONNECTIONS:-2000}
SERVER_CPU=${SERVER_CPU:-0}
LOADGEN_CPU=${LOADGEN_CPU:-1}
RESULTS=$(mkdir -p "${RESULTS:-bench-results}" && cd "${RESULTS:-bench-results}" && pwd)
PASSWORD=bench-$RANDOM$RANDOM

# Dovecot from Debian, if missing. The package's own service is never started: this script
# runs its own instance (policy-rc.d, when present, already denies service starts).
if ! command -v dovecot >/dev/null || [[ ! -x /usr/lib/dovecot/imap ]]; then
    echo "Installing dovecot-imapd from Debian"
    sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null
fi

tmp=$(mktemp -d /tmp/qimapd-compare.XXXXXX)
chmod 755 "$tmp"
qimapd_pid=
dovecot_conf=
cleanup() {
    [[ -n $qimapd_pid ]] && kill "$qimapd_pid" 2>/dev/null && wait "$qimapd_pid" 2>/dev/null || true
    [[ -n $dovecot_conf ]] && dovecot -c "$dovecot_conf" stop 2>/dev/null || true
    if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One ECDSA (P-256) certificate for both servers, for localhost and 127.0.0.1.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
chmod 644 "$tmp/key.pem"

# The cost of one fsync on this disk (4 KiB written, then fsync; median of 200), in the
# directory both servers keep their mail in.
fsync_ms=$(/usr/bin/python3 - "$tmp" <<'EOF'
import os, sys, time, statistics
path = os.path.join(sys.argv[1], "fsync-probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
samples = []
for i in range(200):
    os.write(fd, b"x" * 4096)
    t = time.perf_counter(); os.fsync(fd); samples.append((time.perf_counter() - t) * 1000)
os.close(fd); os.unlink(path)
print(f"{statistics.median(samples):.3f}")
EOF
)

{
    echo "date: $(date -u +%FT%TZ)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r)"
    echo "disk: $(df -h "$tmp" | awk 'NR==2 {print $1, $2}') ($(findmnt -no FSTYPE -T "$tmp" 2>/dev/null || echo '?'))"
    echo "fsync: median $fsync_ms ms per 4 KiB write+fsync"
    echo "qimapd: $("$qimapd" --version) (build $(git -C "$repo" rev-parse --short HEAD)); Qt $(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null)"
    echo "dovecot: $(dovecot --version)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS/machine.txt"

# --- qimapd -----------------------------------------------------------------------------
start_qimapd() {
    local data=$tmp/qimapd
    mkdir -p "$data"
    for ((i = 1; i <= USERS; i++)); do
        echo "$PASSWORD" | "$qimapd" --data-dir "$data" user add "user$i" >/dev/null
    done
    local plain_port
    plain_port=$(free_port); port=$(free_port)
    taskset -c "$SERVER_CPU" "$qimapd" --no-gui --listen 127.0.0.1 --port "$plain_port" --ssl-port "$port" \
        --cert "$tmp/cert.pem" --key "$tmp/key.pem" --data-dir "$data" --log-level warning 2>"$tmp/qimapd.log" &
    qimapd_pid=$!
    server_pid=$qimapd_pid
    for _ in $(seq 50); do timeout 2 openssl s_client -connect "127.0.0.1:$port" -brief </dev/null >/dev/null 2>&1 && break; sleep 0.2; done
    kill -0 "$qimapd_pid" 2>/dev/null || { echo "qimapd did not start:"; cat "$tmp/qimapd.log"; exit 1; }
    echo "qimapd: pid $qimapd_pid, implicit TLS on $port, synchronous=FULL (WAL) with group commit"
    echo "qimapd durability: SQLite WAL, synchronous=FULL, commits of one loop iteration grouped into one fsync'd transaction" \
        >"$RESULTS/qimapd-durability.txt"
}
stop_qimapd() {
    kill "$qimapd_pid"; wait "$qimapd_pid" 2>/dev/null || true; qimapd_pid=
}

# --- Dovecot ----------------------------------------------------------------------------
start_dovecot() {
    local d=$tmp/dovecot
    mkdir -p "$d/run" "$d/state" "$d/mail"
    chown nobody:nogroup "$d/mail"
    : >"$d/users"
    for ((i = 1; i <= USERS; i++)); do
        # The same scheme and cost as qimapd's (yescrypt, libxcrypt's default cost), via crypt(3).
        hash=$(/usr/bin/python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_SHA512).replace("$6$","$y$j9T$",1)[:23]))' "$PASSWORD")
        echo "user$i:{CRYPT}$hash::::::" >>"$d/users"
    done
    chmod 644 "$d/users"
    local imap_port imaps_port
    imap_port=$(free_port); imaps_port=$(free_port)
    cat >"$d/dovecot.conf" <<EOF
# Private benchmark instance: loopback only, own directories, nothing system-wide.
instance_name = bench-dovecot-$$
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <$tmp/cert.pem
ssl_key = <$tmp/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=CRYPT $d/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$d/mail/%u
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
auth_cache_size = $([[ ${DOVECOT_AUTH_CACHE:-0} == 1 ]] && echo 10M || echo 0)
# Defaults, written out so the record shows them: fsync after each change that must survive.
mail_fsync = optimized
# Enough processes and connections for the idle and connection scenarios.
default_process_limit = 12000
default_client_limit = 24000
default_vsz_limit = 1G
mail_max_userip_connections = 20000
service imap-login {
  inet_listener imap {
    port = $imap_port
  }
  inet_listener imaps {
    port = $imaps_port
    ssl = yes
  }
  # High-performance mode: a few login processes proxy every TLS connection.
  service_count = 0
  process_min_avail = 1
  client_limit = 20000
}
service imap {
  process_limit = 12000
}
service anvil {
  client_limit = 24000
}
EOF
    dovecot_conf=$d/dovecot.conf
    taskset -c "$SERVER_CPU" dovecot -c "$dovecot_conf"
    for _ in $(seq 50); do [[ -s $d/run/master.pid ]] && break; sleep 0.1; done
    server_pid=$(cat "$d/run/master.pid")
    port=$imaps_port
    for _ in $(seq 50); do timeout 2 openssl s_client -connect "127.0.0.1:$port" -brief </dev/null >/dev/null 2>&1 && break; sleep 0.2; done
    echo "dovecot: master pid $server_pid, implicit TLS on $port"
    echo "dovecot durability: $(doveconf -c "$dovecot_conf" mail_fsync mail_location | tr '\n' ' ') (maildir; fsync_mode in 2.3 is mail_fsync)" \
        >"$RESULTS/dovecot-durability.txt"
}
# Dovecot takes a pipelined APPEND about every 13 ms here (an fsync per message file), so a
# 100,000-message mailbox would take over 20 minutes to fill through IMAP. Instead, write the
# Maildir as a delivery agent would (same message shape and a third \Seen as imap-loadgen's
# fill) and let doveadm index it, so the timed SELECTs meet a mailbox with its index built.
prefill_dovecot() {
    local maildir=$tmp/dovecot/mail/user1/Maildir/.bench-large
    /usr/bin/python3 - "$maildir" "$MESSAGES" <<'PY'
import os, random, sys, time
root, count = sys.argv[1], int(sys.argv[2])
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(root, sub), exist_ok=True)
open(os.path.join(root, "maildirfolder"), "w").close()
rng = random.Random(1)
words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
now = int(time.time())
for i in range(1, count + 1):
    head = (f"From: Load Generator <loadgen@example.com>\r\nTo: user@example.com\r\n"
            f"Subject: load message {i}\r\nMessage-ID: <{i}.{rng.getrandbits(32)}@loadgen>\r\n"
            f"Content-Type: text/plain; charset=us-ascii\r\n\r\n")
    body = []
    size = len(head)
    while size < 1500:
        line = words[rng.randrange(40):][:36] + str(rng.getrandbits(32)) + "\r\n"
        body.append(line); size += len(line)
    data = (head + "".join(body)).encode()
    flags = "S" if rng.randrange(3) == 0 else ""
    name = f"{now}.M{i}P1.bench,S={len(data)}:2,{flags}"
    with open(os.path.join(root, "cur", name), "wb") as f:
        f.write(data)
PY
    chown -R nobody:nogroup "$tmp/dovecot/mail"
    doveadm -c "$dovecot_conf" mailbox subscribe -u user1 bench-large 2>/dev/null || true
    doveadm -c "$dovecot_conf" index -u user1 bench-large
    echo "dovecot: bench-large prefilled with $MESSAGES messages and indexed"
}

stop_dovecot() {
    dovecot -c "$dovecot_conf" stop || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    dovecot_conf=
}

# Waits until the server's process tree stops shrinking (Dovecot's per-connection processes of
# the previous scenario take a while to exit), so a memory baseline is not taken mid-way.
settle() {
    local before=-1 now
    for _ in $(seq 60); do
        now=$( (ps --ppid "$server_pid" --no-headers || true) | wc -l)
        [[ $now == "$before" ]] && return
        before=$now
        sleep 2
    done
}

run() { # server scenario [options...]
    local server=$1 scenario=$2; shift 2
    local json=$RESULTS/$server-$scenario.json
    echo "== $server: $scenario $*"
    local command=(taskset -c "$LOADGEN_CPU" "$loadgen" --scenario "$scenario" --host 127.0.0.1 --port "$port"
                   --tls tls --ca "$tmp/cert.pem" --user-pattern 'user%d' --password "$PASSWORD" --users "$USERS"
                   --server-pid "$server_pid" --json "$json" "$@")
    echo "${command[*]}" | sed "s/$PASSWORD/PASSWORD/; s|$tmp|TMP|g" >"$RESULTS/$server-$scenario.cmd"
    "${command[@]}" | tee "$RESULTS/$server-$scenario.txt"
}

scenario_options() { # server scenario
    case $2 in
        mixed) echo "--clients $CLIENTS --duration $DURATION" ;;
        append) echo "--clients 8 --duration $((DURATION / 2))" ;;
        large-mailbox) echo "--messages $MESSAGES --rounds $ROUNDS" ;;
        fetch-stream) echo "--clients 2 --duration $((DURATION / 2))" ;;
        idle-fanout) echo "--sessions $SESSIONS --rounds $ROUNDS" ;;
        connections)
            if [[ $1 == dovecot ]]; then echo "--connections $DOVECOT_CONNECTIONS"; else echo "--connections $CONNECTIONS"; fi ;;
    esac
}

for server in $SERVERS; do
    "start_$server"
    for scenario in $SCENARIOS; do
        [[ $server == dovecot && $scenario == large-mailbox ]] && prefill_dovecot
        settle
        # shellcheck disable=SC2046 # the options are words
        run "$server" "$scenario" $(scenario_options "$server" "$scenario")
        sleep 1
    done
    "stop_$server"
done

# Each figure for both servers and qimapd's advantage (>1: qimapd better, whichever way
# the figure points).
/usr/bin/python3 - "$RESULTS" $SCENARIOS <<'EOF' | tee "$RESULTS/comparison.md"
import json, os, sys
results, scenarios = sys.argv[1], sys.argv[2:]
print("| scenario | figure | qimapd | Dovecot | qimapd advantage |")
print("|---|---|---:|---:|---:|")
for scenario in scenarios:
    runs = {}
    for server in ("qimapd", "dovecot"):
        path = os.path.join(results, f"{server}-{scenario}.json")
        if os.path.exists(path):
            runs[server] = json.load(open(path))
    names = []
    for run in runs.values():
        names += [n for n in run["figures"] if n not in names]
    for name in names:
        q = runs.get("qimapd", {}).get("figures", {}).get(name)
        d = runs.get("dovecot", {}).get("figures", {}).get(name)
        fmt = lambda f: "–" if f is None else f"{f['value']:.2f} {f['unit']}"
        ratio = "–"
        if q and d and q["value"] > 0 and d["value"] > 0:
            r = q["value"] / d["value"] if q["higher_is_better"] else d["value"] / q["value"]
            ratio = f"{r:.2f}×"
        print(f"| {scenario} | {name} | {fmt(q)} | {fmt(d)} | {ratio} |")
    errors = {s: int(r["errors"]) for s, r in runs.items()}
    print(f"| {scenario} | errors | {errors.get('qimapd', '–')} | {errors.get('dovecot', '–')} | |")
EOF
