"""The Debian package as an administrator meets it (README.md, "Installing the package").

1. cpack builds the .deb from this build directory; dpkg-deb shows its files, control fields,
   conffiles, maintainer scripts and the systemd unit, and each is checked.
2. As root: `apt-get install ./qimapd_*.deb` (with a `systemctl` on PATH that records being
   called: where PID 1 is not systemd the maintainer scripts must not call it), then the
   installed pieces are checked (user, groups, directory owners, `systemd-analyze verify`).
3. The INSTALLED binary runs with the INSTALLED config, overridden to test ports on 127.0.0.1
   and a certificate made here, dropping to the package's user as the unit does; Python's
   imaplib logs in over implicit TLS and STARTTLS and stores a message; SIGTERM must give the
   connected client `* BYE`, exit 0 within seconds, and leave the database closed (no WAL).
4. `apt-get purge -y qimapd` runs whatever happened; the mail directory and the user survive
   the purge (by design), then the test removes what it created itself.

Runs under Debian's /usr/bin/python3; exit 77 (ctest: skipped) when not root, after the
contents checks.
"""

import glob
import grp
import imaplib
import json
import os
import pwd
import re
import select
import shutil
import signal
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import traceback

BUILD_DIR = os.environ.get("QIMAPD_BUILD_DIR", "")
BUILT_QIMAPD = os.environ.get("QIMAPD_BIN", "")
LISTENING = re.compile(r"listening on \S+ port (\d+) \((STARTTLS|TLS)\)")
SKIP = 77

failures = []


def check(condition, what):
    if condition:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        failures.append(what)
    return condition


def run(command, **kwargs):
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.STDOUT)
    kwargs.setdefault("text", True)
    return subprocess.run(command, **kwargs)


# ---------------------------------------------------------------------------------------------
# 1. The package's contents
# ---------------------------------------------------------------------------------------------

def build_package(directory):
    result = run(["cpack", "-G", "DEB", "--config", os.path.join(BUILD_DIR, "CPackConfig.cmake"),
                  "-B", directory])
    if result.returncode != 0:
        print(result.stdout)
        raise SystemExit("cpack failed")
    packages = glob.glob(os.path.join(directory, "qimapd_*.deb"))
    if len(packages) != 1:
        raise SystemExit("cpack made no single qimapd_*.deb: %r" % packages)
    return packages[0]


def check_contents(deb, directory):
    listing = run(["dpkg-deb", "-c", deb]).stdout
    entries = {}
    for line in listing.splitlines():
        fields = line.split(None, 5)
        path = fields[5].split(" -> ")[0].lstrip(".")
        entries[path.rstrip("/") or "/"] = (fields[0], fields[1])
    expected = {
        "/usr/bin/qimapd": "-rwxr-xr-x",
        "/etc/qimapd/qimapd.conf": "-rw-r--r--",
        "/etc/qimapd/certs": "drwxr-xr-x",
        "/var/lib/qimapd": "drwxr-xr-x",
        "/usr/lib/systemd/system/qimapd.service": "-rw-r--r--",
        "/usr/share/applications/qimapd-dashboard.desktop": "-rw-r--r--",
        "/usr/share/icons/hicolor/scalable/apps/qimapd.svg": "-rw-r--r--",
    }
    for path, mode in expected.items():
        got = entries.get(path)
        check(got is not None and got[0] == mode and got[1] == "root/root",
              "package holds %s %s root/root (got %r)" % (path, mode, got))
    check(not any(p.startswith(("/usr/etc", "/usr/local", "/usr/var", "/home", "/tmp", "/root")) for p in entries),
          "nothing under /usr/etc, /usr/local, /home or /tmp")

    info = run(["dpkg-deb", "-I", deb]).stdout
    fields = dict(re.findall(r"^ ([A-Za-z-]+): (.*)$", info, re.M))
    check(fields.get("Package") == "qimapd", "Package: qimapd")
    check(fields.get("Section") == "mail", "Section: mail")
    depends = [d.strip().split(" ")[0] for d in fields.get("Depends", "").split(",")]
    for needed in ("libqt6sql6-sqlite", "qt6-qpa-plugins", "adduser",  # what shlibdeps cannot see
                   "libc6", "libqt6core6", "libqt6network6", "libqt6sql6", "libcrypt1"):  # shlibdeps
        check(needed in depends, "Depends has %s (%s)" % (needed, fields.get("Depends")))

    control = os.path.join(directory, "control")
    run(["dpkg-deb", "-e", deb, control], check=True)
    with open(os.path.join(control, "conffiles")) as f:
        check(f.read().split() == ["/etc/qimapd/qimapd.conf"], "conffiles: /etc/qimapd/qimapd.conf")
    for script in ("postinst", "prerm", "postrm"):
        path = os.path.join(control, script)
        mode = stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path) else None
        check(mode == 0o755, "%s is there, mode 0755 (got %s)" % (script, oct(mode) if mode else None))
        check(run(["sh", "-n", path]).returncode == 0, "%s is valid sh" % script)
        with open(path) as f:
            text = f.read()
        # Every systemctl call sits inside a check that systemd runs (PID 1 may be anything).
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r"(^|&&|\|\||;|then|do)\s*systemctl\b", line.split("#")[0]):
                before = text.splitlines()[:number]
                check(any("/run/systemd/system" in b for b in before),
                      "%s line %d calls systemctl only after checking /run/systemd/system" % (script, number))
    with open(os.path.join(control, "postinst")) as f:
        postinst = f.read()
    check("adduser --quiet --system" in postinst and "qimapd-admin" in postinst,
          "postinst creates the system user and the qimapd-admin group")
    with open(os.path.join(control, "postrm")) as f:
        postrm = f.read()
    check("deluser" not in postrm and "rm -rf /var/lib/qimapd" not in postrm,
          "postrm never removes the user or the mail")

    files = os.path.join(directory, "files")
    run(["dpkg-deb", "-x", deb, files], check=True)
    with open(os.path.join(files, "usr/lib/systemd/system/qimapd.service")) as f:
        unit = f.read()
    settings = {}
    for line in unit.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key, value)
    for key, value in (("ExecStart", "/usr/bin/qimapd --no-gui --config /etc/qimapd/qimapd.conf"),
                       ("User", "qimapd"), ("AmbientCapabilities", "CAP_NET_BIND_SERVICE"),
                       ("StateDirectory", "qimapd"), ("ProtectSystem", "strict"), ("PrivateTmp", "yes"),
                       ("NoNewPrivileges", "yes"), ("ProtectHome", "yes"), ("WantedBy", "multi-user.target")):
        check(settings.get(key) == value, "unit: %s=%s (got %r)" % (key, value, settings.get(key)))
    check("ExecReload" in settings and "HUP" in settings["ExecReload"], "unit: reload sends SIGHUP")

    with open(os.path.join(files, "etc/qimapd/qimapd.conf")) as f:
        conf = f.read()
    values = dict(re.findall(r"^([a-z_]+) = (.*)$", conf, re.M))
    for key, value in (("port", "143"), ("ssl_port", "993"), ("cert", "/etc/qimapd/certs/server-cert.pem"),
                       ("key", "/etc/qimapd/certs/server-key.pem"), ("data_dir", "/var/lib/qimapd")):
        check(values.get(key) == value, "qimapd.conf: %s = %s (got %r)" % (key, value, values.get(key)))
    # Every option of the server, set or commented, is in the file.
    help_text = run([os.path.join(files, "usr/bin/qimapd"), "--help"]).stdout
    options = set(re.findall(r"^\s+--([a-z][a-z-]+)", help_text, re.M)) - {"help", "help-all", "version", "config", "check-config", "json", "reason"}
    check(len(options) >= 20, "qimapd --help lists the options (%d)" % len(options))
    for option in sorted(options):
        key = option.replace("-", "_")
        check(re.search(r"^#?%s = " % re.escape(key), conf, re.M) is not None, "qimapd.conf documents %s" % key)

    with open(os.path.join(files, "usr/share/applications/qimapd-dashboard.desktop")) as f:
        desktop = f.read()
    check("\nExec=qimapd dashboard --config /etc/qimapd/qimapd.conf\n" in desktop and "\nIcon=qimapd\n" in desktop,
          "desktop entry runs `qimapd dashboard` with the qimapd icon")
    if shutil.which("desktop-file-validate"):
        result = run(["desktop-file-validate", os.path.join(files, "usr/share/applications/qimapd-dashboard.desktop")])
        check(result.returncode == 0 and not result.stdout.strip(), "desktop-file-validate: %s" % result.stdout.strip())
    with open(os.path.join(files, "usr/share/icons/hicolor/scalable/apps/qimapd.svg")) as f:
        check("<svg" in f.read(), "the icon is an SVG")
    file_type = run(["file", "-b", os.path.join(files, "usr/bin/qimapd")]).stdout if shutil.which("file") else ""
    check(not file_type or ("ELF" in file_type and "stripped" in file_type and "not stripped" not in file_type),
          "qimapd is a stripped ELF executable (%s)" % file_type.strip())


# ---------------------------------------------------------------------------------------------
# 2.-4. Installed
# ---------------------------------------------------------------------------------------------

def exists_user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def exists_group(name):
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def apt(arguments, env, cwd=None):
    return run(["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=120"] + arguments, env=env, cwd=cwd)


def make_certificate(directory):
    cert = os.path.join(directory, "server-cert.pem")
    key = os.path.join(directory, "server-key.pem")
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", key, "-out", cert], check=True)
    return cert, key


class Server:
    """The installed /usr/bin/qimapd, its stderr collected as it comes."""

    def __init__(self, arguments):
        env = dict(os.environ)
        for name in ("QT_LOGGING_RULES", "QT_MESSAGE_PATTERN", "QT_LOGGING_CONF", "JOURNAL_STREAM"):
            env.pop(name, None)
        self.process = subprocess.Popen(["/usr/bin/qimapd"] + arguments, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        self.log = b""

    def read_log(self, timeout):
        ready, _, _ = select.select([self.process.stderr], [], [], timeout)
        if ready:
            chunk = os.read(self.process.stderr.fileno(), 65536)
            self.log += chunk
            return bool(chunk)
        return False

    def wait_for(self, text, timeout=15):
        deadline = time.monotonic() + timeout
        while text not in self.log and time.monotonic() < deadline:
            if not self.read_log(0.2) and self.process.poll() is not None:
                break
        return text in self.log

    def ports(self):
        found = {}
        for port, kind in LISTENING.findall(self.log.decode(errors="replace")):
            found[kind] = int(port)
        return found.get("STARTTLS"), found.get("TLS")

    def wait_exit(self, timeout):
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read_log(0.1)
        while self.read_log(0):
            pass
        return self.process.poll()

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def proc_uids(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("Uid:"):
                return [int(x) for x in line.split()[1:4]]
    return []


def exercise_installed(directory):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if os.path.isdir("/run/systemd/system"):
        fake_systemctl = None
    else:
        # Where PID 1 is not systemd nothing may call systemctl: a recording one goes first on PATH.
        bin_dir = os.path.join(directory, "fakebin")
        os.makedirs(bin_dir)
        fake_systemctl = os.path.join(directory, "systemctl-calls")
        with open(os.path.join(bin_dir, "systemctl"), "w") as f:
            f.write("#!/bin/sh\necho \"$@\" >> %s\nexit 1\n" % fake_systemctl)
        os.chmod(os.path.join(bin_dir, "systemctl"), 0o755)
        env["PATH"] = bin_dir + ":" + env.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")

    deb_dir = os.path.join(directory, "deb")
    deb = os.path.basename(glob.glob(os.path.join(deb_dir, "qimapd_*.deb"))[0])
    result = apt(["install", "./" + deb], env=env, cwd=deb_dir)
    if not check(result.returncode == 0, "apt-get install ./qimapd_*.deb"):
        print(result.stdout)
        return
    status = run(["dpkg-query", "-W", "-f=${Status}", "qimapd"]).stdout
    check(status == "install ok installed", "dpkg says qimapd is installed (%s)" % status)
    if fake_systemctl:
        calls = open(fake_systemctl).read() if os.path.exists(fake_systemctl) else ""
        check(calls == "", "without systemd as PID 1 the maintainer scripts never call systemctl (%r)" % calls)

    check(exists_user("qimapd") and exists_group("qimapd") and exists_group("qimapd-admin"),
          "postinst made the user qimapd and the groups qimapd and qimapd-admin")
    if exists_user("qimapd"):
        user = pwd.getpwnam("qimapd")
        check(user.pw_uid < 1000 and user.pw_shell in ("/usr/sbin/nologin", "/bin/false"),
              "qimapd is a system user without a login shell (uid %d, %s)" % (user.pw_uid, user.pw_shell))
    for path, owner, mode in (("/var/lib/qimapd", "qimapd:qimapd", 0o750), ("/etc/qimapd/certs", "root:qimapd", 0o750),
                              ("/etc/qimapd/qimapd.conf", "root:root", 0o644), ("/usr/bin/qimapd", "root:root", 0o755)):
        info = os.stat(path)
        got = "%s:%s" % (pwd.getpwuid(info.st_uid).pw_name, grp.getgrgid(info.st_gid).gr_name)
        check(got == owner and stat.S_IMODE(info.st_mode) == mode,
              "%s is %s %s (got %s %s)" % (path, owner, oct(mode), got, oct(stat.S_IMODE(info.st_mode))))
    if shutil.which("systemd-analyze"):
        result = run(["systemd-analyze", "verify", "/usr/lib/systemd/system/qimapd.service"])
        check(result.returncode == 0 and not result.stdout.strip(), "systemd-analyze verify: %s" % result.stdout.strip())
    else:
        print("note: systemd-analyze is not installed; the unit is not verified")

    certs = os.path.join(directory, "certs")
    os.makedirs(certs)
    cert, key = make_certificate(certs)
    config = ["--config", "/etc/qimapd/qimapd.conf"]
    overrides = ["--listen", "127.0.0.1", "--port", "0", "--ssl-port", "0", "--cert", cert, "--key", key]
    result = run(["/usr/bin/qimapd", "--check-config"] + config + overrides)
    check(result.returncode == 0 and "configuration OK" in result.stdout,
          "qimapd --check-config accepts the installed config (%s)" % result.stdout.strip())

    # A user, made as the service's user (the database belongs to it), password on stdin.
    result = run(["runuser", "-u", "qimapd", "--", "/usr/bin/qimapd", "user", "add", "tester"] + config,
                 input="package-test-pw\n")
    check(result.returncode == 0, "qimapd user add as user qimapd (%s)" % result.stdout.strip())

    server = Server(["--no-gui"] + config + overrides + ["--user", "qimapd", "--group", "qimapd"])
    try:
        if not check(server.wait_for(b" serving "), "the installed server starts"):
            print(server.log.decode(errors="replace"))
            return
        plain_port, tls_port = server.ports()
        check(plain_port and tls_port, "it listens on test ports (%s, %s)" % (plain_port, tls_port))
        uids = proc_uids(server.process.pid)
        qimapd_uid = pwd.getpwnam("qimapd").pw_uid
        check(uids == [qimapd_uid] * 3, "it runs as qimapd (uids %r)" % uids)

        context = ssl.create_default_context(cafile=cert)
        imap = imaplib.IMAP4_SSL("127.0.0.1", tls_port, ssl_context=context, timeout=15)
        check(imap.login("tester", "package-test-pw")[0] == "OK", "imaplib logs in over implicit TLS")
        message = b"From: tester@example.org\r\nSubject: packaged\r\n\r\nHello from the package test.\r\n"
        check(imap.append("INBOX", None, None, message)[0] == "OK", "imaplib APPENDs a message")
        check(imap.select("INBOX")[1] == [b"1"], "INBOX holds it")
        typ, data = imap.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        check(typ == "OK" and b"Subject: packaged" in data[0][1], "imaplib FETCHes it back")

        starttls = imaplib.IMAP4("127.0.0.1", plain_port, timeout=15)
        starttls.starttls(ssl_context=context)
        check(starttls.login("tester", "package-test-pw")[0] == "OK", "imaplib logs in with STARTTLS")
        starttls.logout()

        # The admin socket of the packaged config: /run/qimapd/admin.sock (made for the qimapd
        # user when started outside systemd), group qimapd-admin, and `qimapd sessions` there
        # sees the logged-in client.
        sock = "/run/qimapd/admin.sock"
        if check(os.path.exists(sock), "the admin socket %s exists" % sock):
            info = os.stat(sock)
            check(grp.getgrgid(info.st_gid).gr_name == "qimapd-admin" and stat.S_IMODE(info.st_mode) == 0o660,
                  "the admin socket is group qimapd-admin, mode 0660 (got %s %s)"
                  % (grp.getgrgid(info.st_gid).gr_name, oct(stat.S_IMODE(info.st_mode))))
        result = run(["/usr/bin/qimapd", "sessions", "--json"] + config, stderr=subprocess.PIPE)
        try:
            listed = json.loads(result.stdout)
        except ValueError:
            listed = []
        check(any(s.get("user") == "tester" and s.get("mailbox") == "INBOX" for s in listed),
              "qimapd sessions lists the client in INBOX (%s)" % result.stdout.strip()[:200])

        # SIGTERM with a client connected and a mailbox selected: BYE, exit 0, database closed.
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        bye = imap.readline()
        check(bye.startswith(b"* BYE "), "the connected client gets %r" % bye)
        code = server.wait_exit(10)
        elapsed = time.monotonic() - started
        check(code == 0, "exit code 0 after SIGTERM (%r)" % code)
        check(elapsed < 5, "stopped within 5 s (%.2f s)" % elapsed)
        log = server.log.decode(errors="replace")
        check("stopped; the database is closed" in log, "the log says the database is closed")
        check("warning:" not in log and "error:" not in log and "package-test-pw" not in log,
              "no warning, no error and no password in the log")
        check(not os.path.exists("/var/lib/qimapd/qimapd.sqlite-wal"), "the SQLite WAL is checkpointed and gone")
        for name in os.listdir("/var/lib/qimapd"):
            owner = pwd.getpwuid(os.stat(os.path.join("/var/lib/qimapd", name)).st_uid).pw_name
            check(owner == "qimapd", "/var/lib/qimapd/%s belongs to qimapd (%s)" % (name, owner))
        if failures:
            print(log)
    finally:
        server.stop()


def main():
    if not BUILD_DIR or not os.path.exists(os.path.join(BUILD_DIR, "CPackConfig.cmake")):
        print("QIMAPD_BUILD_DIR does not name a configured build directory")
        return 1
    for tool in ("cpack", "dpkg-deb"):
        if not shutil.which(tool):
            print("%s is not installed (installer/deps.sh test installs it)" % tool)
            return 1
    directory = tempfile.mkdtemp(prefix="qimapd-package-")
    os.chmod(directory, 0o755)
    try:
        deb = build_package(os.path.join(directory, "deb"))
        print("built " + deb)
        check_contents(deb, directory)

        if os.geteuid() != 0:
            print("SKIP: installing the package needs root (the test machine runs the suite as root); "
                  "only the contents were checked")
            return 1 if failures else SKIP
        already = run(["dpkg-query", "-W", "-f=${Status}", "qimapd"]).stdout
        if "installed" in already and "not-installed" not in already:
            print("SKIP: a qimapd package is installed on this machine; the test will not replace it")
            return 1 if failures else SKIP
        had_user, had_group, had_admin = exists_user("qimapd"), exists_group("qimapd"), exists_group("qimapd-admin")
        had_data = os.path.exists("/var/lib/qimapd")
        if had_data and os.listdir("/var/lib/qimapd"):
            print("SKIP: /var/lib/qimapd holds data from an earlier installation; the test will not touch it")
            return 1 if failures else SKIP
        try:
            exercise_installed(directory)
        except Exception:
            traceback.print_exc()
            failures.append("exception")
        finally:
            result = apt(["purge", "qimapd"], env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
            check(result.returncode == 0, "apt-get purge -y qimapd")
            check(not os.path.exists("/etc/qimapd") and not os.path.exists("/usr/bin/qimapd"),
                  "purge removed the configuration and the binary")
            check(os.path.exists("/var/lib/qimapd/qimapd.sqlite") and exists_user("qimapd"),
                  "purge kept the mail in /var/lib/qimapd and the user qimapd")
            # Leave the machine as it was: what this test created goes.
            if not had_data:
                shutil.rmtree("/var/lib/qimapd", ignore_errors=True)
            if not had_user and exists_user("qimapd"):
                run(["deluser", "--quiet", "--system", "qimapd"])
            for name, had in (("qimapd-admin", had_admin), ("qimapd", had_group)):
                if not had and exists_group(name):
                    run(["delgroup", "--quiet", "--system", name])
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    if failures:
        print("%d check(s) failed:\n  %s" % (len(failures), "\n  ".join(failures)))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
