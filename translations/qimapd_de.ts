<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConfigLoader</name>
    <message>
        <source>Address to listen on (repeatable; default: all addresses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleartext port with STARTTLS (default 1430; 0 picks a free port; off disables).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS port (default: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate chain, PEM (default certs/server-cert.pem).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private key, PEM (default certs/server-key.pem).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory (default ./data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail store: sqlite (default) or memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for mailbox changes at most every N seconds (0: after every command).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands allowed before login (default 10; 0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle time allowed before login (default 300; 0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle time allowed after login (default 3600; at least 1800; 0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &quot;* OK Still here&quot; to idling clients this often (default 120; 0: never).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest message APPEND accepts (default 67108864).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as this user once the ports are bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as this group once the ports are bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow LOGIN and AUTHENTICATE without TLS (loopback tests only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run headless: no dashboard window, no display needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>debug, info (default), warning or error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of messages and of the dashboard: en, de or fr (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qimapd, an IMAP server.
  qimapd [options]                 run the server
  qimapd user add|passwd|del NAME  manage users
  qimapd user list                 list users
  qimapd deliver USER [MAILBOX]    deliver a message from standard input
  qimapd dashboard                 open the dashboard of a running server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read options from this INI file (the command line wins).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read config file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config file %1 is not a valid INI file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a whole number from %2 to %3, got &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected true or false, got &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the data directory cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected sqlite or memory, got &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected en, de or fr, got &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth idle time %1 s is below 1800 s: RFC 3501 section 5.4 requires at least 30 minutes (0 disables it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both the cleartext and the TLS port are off: nothing to listen on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port and ssl port are both %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected debug, info, warning or error, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataDirLock</name>
    <message>
        <source>another server (PID %1 on %2) is using this data directory (lock %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create lock file %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImapServer</name>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsContext</name>
    <message>
        <source>make one with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read TLS %1 %2: %3; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no PEM certificate in %1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no unencrypted PEM private key (RSA or EC) in %1; %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd</name>
    <message>
        <source>no display available; run with --no-gui for a headless server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password on standard input is longer than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password on standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only root can switch to user %1 / group %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set supplementary groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot switch to uid %1 gid %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>privileges could be regained after dropping them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (try --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the database in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: qimapd user add|passwd|del NAME, or qimapd user list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: qimapd user %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted user %1 and their mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed the password of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: qimapd deliver USER [MAILBOX] &lt; message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deliver needs the sqlite store (a memory store lives only inside its server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the message from standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no message on standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is larger than the append limit of %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no mailbox %1 for %2, delivering to INBOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered UID %1 to %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::DashboardWindow</name>
    <message>
        <source>qimapd dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qimapd dashboard (attached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the dashboard stops the IMAP server and disconnects every client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::LogView</name>
    <message>
        <source>Debug and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::MailboxTableModel</name>
    <message>
        <source>Mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending expunges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions and their pending expunges</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>#%1: %n pending</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::RateChart</name>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::ServerPanel</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Totals:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS certificate has expired: clients will refuse to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The TLS certificate expires in %n day(s): renew it and send the server SIGHUP.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>qimapd %1, process %2, data in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 (implicit TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connections, %2 commands, %3 failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 commands/s now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::SessionInspector</name>
    <message>
        <source>Disconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send BYE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending expunges:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session #%1 from %2:%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, running %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (no ID sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected by the administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnecting #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session #%1 disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not disconnect #%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::SessionTableModel</name>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending expunges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not authenticated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qimapd::gui::UsersPanel</name>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the users: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed the password of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click again to remove %1 and their mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed user %1 and their mail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
