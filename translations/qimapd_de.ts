<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AdminCommand</name>
    <message>
        <source>--json belongs to qimapd sessions</source>
        <translation>--json gehört zu qimapd sessions</translation>
    </message>
    <message>
        <source>--reason belongs to qimapd kick</source>
        <translation>--reason gehört zu qimapd kick</translation>
    </message>
    <message>
        <source>usage: qimapd kick ID [--reason TEXT] (ID as listed by qimapd sessions)</source>
        <translation>Aufruf: qimapd kick ID [--reason TEXT] (ID wie von qimapd sessions aufgelistet)</translation>
    </message>
    <message>
        <source>usage: qimapd sessions [--json]</source>
        <translation>Aufruf: qimapd sessions [--json]</translation>
    </message>
    <message>
        <source>no answer from the server on admin socket %1</source>
        <translation>keine Antwort vom Server auf Admin-Socket %1</translation>
    </message>
    <message>
        <source>disconnected session %1</source>
        <translation>Sitzung %1 getrennt</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>PEER</source>
        <translation>GEGENSTELLE</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>MAILBOX</source>
        <translation>POSTFACH</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>AUSSTEHEND</translation>
    </message>
    <message>
        <source>IDLE</source>
        <translation>UNTÄTIG</translation>
    </message>
    <message>
        <source>CMDS</source>
        <translation>BEFEHLE</translation>
    </message>
    <message>
        <source>IN</source>
        <translation>EIN</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>AUS</translation>
    </message>
    <message>
        <source>CLIENT</source>
        <translation>CLIENT</translation>
    </message>
    <message>
        <source>not authenticated</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation>angemeldet</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>Postfach gewählt</translation>
    </message>
    <message>
        <source>logout</source>
        <translation>abmelden</translation>
    </message>
    <message>
        <source> (ro)</source>
        <translation> (nur lesen)</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>unverschlüsselt</translation>
    </message>
    <message>
        <source>(no sessions)</source>
        <translation>(keine Sitzungen)</translation>
    </message>
</context>
<context>
    <name>ConfigLoader</name>
    <message>
        <source>Address to listen on (repeatable; default: all addresses).</source>
        <translation>Adresse, auf der gelauscht wird (wiederholbar; Standard: alle Adressen).</translation>
    </message>
    <message>
        <source>Cleartext port with STARTTLS (default 1430; 0 picks a free port; off disables).</source>
        <translation>Klartext-Port mit STARTTLS (Standard 1430; 0 wählt einen freien Port; off schaltet ihn ab).</translation>
    </message>
    <message>
        <source>Implicit TLS port (default: off).</source>
        <translation>Port mit implizitem TLS (Standard: aus).</translation>
    </message>
    <message>
        <source>TLS certificate chain, PEM (default certs/server-cert.pem).</source>
        <translation>TLS-Zertifikatskette, PEM (Standard certs/server-cert.pem).</translation>
    </message>
    <message>
        <source>TLS private key, PEM (default certs/server-key.pem).</source>
        <translation>Privater TLS-Schlüssel, PEM (Standard certs/server-key.pem).</translation>
    </message>
    <message>
        <source>Data directory (default ./data).</source>
        <translation>Datenverzeichnis (Standard ./data).</translation>
    </message>
    <message>
        <source>Mail store: sqlite (default) or memory.</source>
        <translation>Nachrichtenspeicher: sqlite (Standard) oder memory.</translation>
    </message>
    <message>
        <source>Look for mailbox changes at most every N seconds (0: after every command).</source>
        <translation>Höchstens alle N Sekunden nach Änderungen in Postfächern sehen (0: nach jedem Befehl).</translation>
    </message>
    <message>
        <source>Commands allowed before login (default 10; 0: no limit).</source>
        <translation>Erlaubte Befehle vor der Anmeldung (Standard 10; 0: unbegrenzt).</translation>
    </message>
    <message>
        <source>Idle time allowed before login (default 300; 0: no limit).</source>
        <translation>Erlaubte Leerlaufzeit vor der Anmeldung (Standard 300; 0: unbegrenzt).</translation>
    </message>
    <message>
        <source>Idle time allowed after login (default 3600; at least 1800; 0: no limit).</source>
        <translation>Erlaubte Leerlaufzeit nach der Anmeldung (Standard 3600; mindestens 1800; 0: unbegrenzt).</translation>
    </message>
    <message>
        <source>Send &quot;* OK Still here&quot; to idling clients this often (default 120; 0: never).</source>
        <translation>So oft „* OK Still here“ an Clients im IDLE senden (Standard 120; 0: nie).</translation>
    </message>
    <message>
        <source>Largest message APPEND accepts (default 67108864).</source>
        <translation>Größte Nachricht, die APPEND annimmt (Standard 67108864).</translation>
    </message>
    <message>
        <source>Run as this user once the ports are bound.</source>
        <translation>Nach dem Binden der Ports als dieser Benutzer laufen.</translation>
    </message>
    <message>
        <source>Run as this group once the ports are bound.</source>
        <translation>Nach dem Binden der Ports als diese Gruppe laufen.</translation>
    </message>
    <message>
        <source>Allow LOGIN and AUTHENTICATE without TLS (loopback tests only).</source>
        <translation>LOGIN und AUTHENTICATE ohne TLS erlauben (nur für Tests über Loopback).</translation>
    </message>
    <message>
        <source>Run headless: no dashboard window, no display needed.</source>
        <translation>Ohne Oberfläche laufen: kein Dashboard-Fenster, keine Anzeige nötig.</translation>
    </message>
    <message>
        <source>debug, info (default), warning or error.</source>
        <translation>debug, info (Standard), warning oder error.</translation>
    </message>
    <message>
        <source>Language of messages and of the dashboard: en, de or fr (default: the system&apos;s).</source>
        <translation>Sprache der Meldungen und des Dashboards: en, de oder fr (Standard: die des Systems).</translation>
    </message>
    <message>
        <source>Read options from this INI file (the command line wins).</source>
        <translation>Optionen aus dieser INI-Datei lesen (die Befehlszeile hat Vorrang).</translation>
    </message>
    <message>
        <source>cannot read config file %1</source>
        <translation>Konfigurationsdatei %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>config file %1 is not a valid INI file</source>
        <translation>Konfigurationsdatei %1 ist keine gültige INI-Datei</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: expected a whole number from %2 to %3, got &quot;%4&quot;</source>
        <translation>%1: erwartet eine ganze Zahl von %2 bis %3, erhalten „%4“</translation>
    </message>
    <message>
        <source>%1: expected true or false, got &quot;%2&quot;</source>
        <translation>%1: erwartet true oder false, erhalten „%2“</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an IP address</source>
        <translation>%1: „%2“ ist keine IP-Adresse</translation>
    </message>
    <message>
        <source>%1: the data directory cannot be empty</source>
        <translation>%1: das Datenverzeichnis darf nicht leer sein</translation>
    </message>
    <message>
        <source>%1: expected sqlite or memory, got &quot;%2&quot;</source>
        <translation>%1: erwartet sqlite oder memory, erhalten „%2“</translation>
    </message>
    <message>
        <source>%1: expected en, de or fr, got &quot;%2&quot;</source>
        <translation>%1: erwartet en, de oder fr, erhalten „%2“</translation>
    </message>
    <message>
        <source>%1: unknown option</source>
        <translation>%1: unbekannte Option</translation>
    </message>
    <message>
        <source>expected debug, info, warning or error, got &quot;%1&quot;</source>
        <translation>erwartet debug, info, warning oder error, erhalten „%1“</translation>
    </message>
    <message>
        <source>Log to this file (appended; reopened on SIGHUP) instead of standard error.</source>
        <translation>In diese Datei protokollieren (angehängt; bei SIGHUP neu geöffnet) statt auf die Standardfehlerausgabe.</translation>
    </message>
    <message>
        <source>Log to syslog (facility mail) instead of standard error.</source>
        <translation>In syslog (Facility mail) statt auf die Standardfehlerausgabe protokollieren.</translation>
    </message>
    <message>
        <source>Write the server&apos;s PID to this file once it serves; removed at exit.</source>
        <translation>Die PID des Servers in diese Datei schreiben, sobald er bedient; beim Beenden entfernt.</translation>
    </message>
    <message>
        <source>Serve only clients in this network (repeatable; default: everyone).</source>
        <translation>Nur Clients aus diesem Netz bedienen (wiederholbar; Standard: alle).</translation>
    </message>
    <message>
        <source>Refuse clients in this network with * BYE (repeatable; wins over --allow).</source>
        <translation>Clients aus diesem Netz mit * BYE abweisen (wiederholbar; hat Vorrang vor --allow).</translation>
    </message>
    <message>
        <source>Check the options and the INI file, print every problem, and exit (0: none, 2: some).</source>
        <translation>Optionen und INI-Datei prüfen, jedes Problem ausgeben und beenden (0: keine, 2: welche).</translation>
    </message>
    <message>
        <source>%1 (and 1 more problem; qimapd --check-config lists them)</source>
        <translation>%1 (und 1 weiteres Problem; qimapd --check-config listet es auf)</translation>
    </message>
    <message>
        <source>%1 (and %2 more problems; qimapd --check-config lists them)</source>
        <translation>%1 (und %2 weitere Probleme; qimapd --check-config listet sie auf)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an address or a network (CIDR, like 192.0.2.0/24 or 2001:db8::/32)</source>
        <translation>%1: „%2“ ist keine Adresse und kein Netz (CIDR, etwa 192.0.2.0/24 oder 2001:db8::/32)</translation>
    </message>
    <message>
        <source>auth_idle: %1 s is below 1800 s: RFC 3501 section 5.4 requires at least 30 minutes (0 disables it)</source>
        <translation>auth_idle: %1 s liegt unter 1800 s: RFC 3501 Abschnitt 5.4 verlangt mindestens 30 Minuten (0 schaltet es ab)</translation>
    </message>
    <message>
        <source>port, ssl_port: both the cleartext and the TLS port are off: nothing to listen on</source>
        <translation>port, ssl_port: Klartext- und TLS-Port sind beide aus: nichts zum Lauschen</translation>
    </message>
    <message>
        <source>port, ssl_port: port and ssl port are both %1</source>
        <translation>port, ssl_port: port und ssl port sind beide %1</translation>
    </message>
    <message>
        <source>log_file, syslog: choose one place for the log</source>
        <translation>log_file, syslog: nur ein Ziel für das Protokoll wählen</translation>
    </message>
    <message>
        <source>Admin socket of the server (default: admin.sock in the data directory).</source>
        <translation>Admin-Socket des Servers (Standard: admin.sock im Datenverzeichnis).</translation>
    </message>
    <message>
        <source>qimapd, an IMAP server.
  qimapd [options]                 run the server
  qimapd user add|passwd|del NAME  manage users
  qimapd user list                 list users
  qimapd deliver USER [MAILBOX]    deliver a message from standard input
  qimapd sessions [--json]         list the live sessions of a running server
  qimapd kick ID [--reason TEXT]   disconnect one session of a running server
  qimapd dashboard                 open the dashboard of a running server</source>
        <translation>qimapd, ein IMAP-Server.
  qimapd [Optionen]                Server starten
  qimapd user add|passwd|del NAME  Benutzer verwalten
  qimapd user list                 Benutzer auflisten
  qimapd deliver USER [MAILBOX]    eine Nachricht von der Standardeingabe zustellen
  qimapd sessions [--json]         die Sitzungen eines laufenden Servers auflisten
  qimapd kick ID [--reason TEXT]   eine Sitzung eines laufenden Servers trennen
  qimapd dashboard                 das Dashboard eines laufenden Servers öffnen</translation>
    </message>
    <message>
        <source>qimapd sessions: print JSON instead of a table.</source>
        <translation>qimapd sessions: JSON statt einer Tabelle ausgeben.</translation>
    </message>
    <message>
        <source>qimapd kick: the text the client reads after * BYE.</source>
        <translation>qimapd kick: der Text, den der Client nach * BYE liest.</translation>
    </message>
    <message>
        <source>%1: the admin socket path cannot be empty</source>
        <translation>%1: der Pfad des Admin-Sockets darf nicht leer sein</translation>
    </message>
</context>
<context>
    <name>DataDirLock</name>
    <message>
        <source>another server (PID %1 on %2) is using this data directory (lock %3)</source>
        <translation>ein anderer Server (PID %1 auf %2) benutzt dieses Datenverzeichnis (Sperre %3)</translation>
    </message>
    <message>
        <source>cannot create lock file %1</source>
        <translation>Sperrdatei %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>ImapServer</name>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>kann nicht auf %1 Port %2 lauschen: %3</translation>
    </message>
</context>
<context>
    <name>TlsContext</name>
    <message>
        <source>make one with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2</source>
        <translation>eines erzeugen mit: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2</translation>
    </message>
    <message>
        <source>cannot read TLS %1 %2: %3; %4</source>
        <translation>TLS-%1 %2 kann nicht gelesen werden: %3; %4</translation>
    </message>
    <message>
        <source>no PEM certificate in %1; %2</source>
        <translation>kein PEM-Zertifikat in %1; %2</translation>
    </message>
    <message>
        <source>no unencrypted PEM private key (RSA or EC) in %1; %2</source>
        <translation>kein unverschlüsselter privater PEM-Schlüssel (RSA oder EC) in %1; %2</translation>
    </message>
</context>
<context>
    <name>qimapd</name>
    <message>
        <source>no display available; run with --no-gui for a headless server</source>
        <translation>keine Anzeige verfügbar; für einen Server ohne Oberfläche mit --no-gui starten</translation>
    </message>
    <message>
        <source>the password on standard input is longer than %1 bytes</source>
        <translation>das Passwort auf der Standardeingabe ist länger als %1 Bytes</translation>
    </message>
    <message>
        <source>no password on standard input</source>
        <translation>kein Passwort auf der Standardeingabe</translation>
    </message>
    <message>
        <source>no password given</source>
        <translation>kein Passwort angegeben</translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation>die Passwörter stimmen nicht überein</translation>
    </message>
    <message>
        <source>no such user %1</source>
        <translation>Benutzer %1 gibt es nicht</translation>
    </message>
    <message>
        <source>no such group %1</source>
        <translation>Gruppe %1 gibt es nicht</translation>
    </message>
    <message>
        <source>only root can switch to user %1 / group %2</source>
        <translation>nur root kann zu Benutzer %1 / Gruppe %2 wechseln</translation>
    </message>
    <message>
        <source>cannot set supplementary groups</source>
        <translation>Zusatzgruppen können nicht gesetzt werden</translation>
    </message>
    <message>
        <source>cannot switch to uid %1 gid %2</source>
        <translation>kann nicht zu UID %1 GID %2 wechseln</translation>
    </message>
    <message>
        <source>privileges could be regained after dropping them</source>
        <translation>abgegebene Rechte könnten zurückgewonnen werden</translation>
    </message>
    <message>
        <source>cannot create data directory %1</source>
        <translation>Datenverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (try --help)</source>
        <translation>unbekannter Befehl „%1“ (siehe --help)</translation>
    </message>
    <message>
        <source>cannot open the database in %1: %2</source>
        <translation>die Datenbank in %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>usage: qimapd user add|passwd|del NAME, or qimapd user list</source>
        <translation>Aufruf: qimapd user add|passwd|del NAME oder qimapd user list</translation>
    </message>
    <message>
        <source>usage: qimapd user %1%2</source>
        <translation>Aufruf: qimapd user %1%2</translation>
    </message>
    <message>
        <source>deleted user %1 and their mail</source>
        <translation>Benutzer %1 und seine Nachrichten gelöscht</translation>
    </message>
    <message>
        <source>added user %1</source>
        <translation>Benutzer %1 angelegt</translation>
    </message>
    <message>
        <source>changed the password of %1</source>
        <translation>Passwort von %1 geändert</translation>
    </message>
    <message>
        <source>usage: qimapd deliver USER [MAILBOX] &lt; message</source>
        <translation>Aufruf: qimapd deliver BENUTZER [POSTFACH] &lt; Nachricht</translation>
    </message>
    <message>
        <source>deliver needs the sqlite store (a memory store lives only inside its server)</source>
        <translation>deliver braucht den sqlite-Speicher (ein memory-Speicher lebt nur in seinem Server)</translation>
    </message>
    <message>
        <source>cannot read the message from standard input</source>
        <translation>die Nachricht kann nicht von der Standardeingabe gelesen werden</translation>
    </message>
    <message>
        <source>no message on standard input</source>
        <translation>keine Nachricht auf der Standardeingabe</translation>
    </message>
    <message>
        <source>the message is larger than the append limit of %1 bytes</source>
        <translation>die Nachricht ist größer als die APPEND-Grenze von %1 Bytes</translation>
    </message>
    <message>
        <source>no user %1</source>
        <translation>kein Benutzer %1</translation>
    </message>
    <message>
        <source>no mailbox %1 for %2, delivering to INBOX</source>
        <translation>kein Postfach %1 für %2, Zustellung in INBOX</translation>
    </message>
    <message>
        <source>delivered UID %1 to %2 of %3</source>
        <translation>UID %1 in %2 von %3 zugestellt</translation>
    </message>
    <message>
        <source>the switch to uid %1 gid %2 did not take effect</source>
        <translation>der Wechsel zu UID %1 GID %2 hat nicht gewirkt</translation>
    </message>
    <message>
        <source>--check-config takes no command (got &quot;%1&quot;)</source>
        <translation>--check-config nimmt keinen Befehl (erhalten „%1“)</translation>
    </message>
    <message>
        <source>cert: no readable PEM certificate at %1</source>
        <translation>cert: kein lesbares PEM-Zertifikat unter %1</translation>
    </message>
    <message>
        <source>data_dir: %1 is not a directory</source>
        <translation>data_dir: %1 ist kein Verzeichnis</translation>
    </message>
    <message>
        <source>configuration OK</source>
        <translation>Konfiguration in Ordnung</translation>
    </message>
    <message>
        <source>usage: qimapd dashboard [--data-dir DIR | --admin-socket PATH | --config FILE]</source>
        <translation>Aufruf: qimapd dashboard [--data-dir VERZ | --admin-socket PFAD | --config DATEI]</translation>
    </message>
    <message>
        <source>this qimapd was built without the dashboard</source>
        <translation>dieses qimapd wurde ohne Dashboard gebaut</translation>
    </message>
</context>
<context>
    <name>qimapd::AdminConnection</name>
    <message>
        <source>a request line is limited to %1 bytes</source>
        <translation>eine Anfragezeile ist auf %1 Bytes begrenzt</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>kein JSON: %1</translation>
    </message>
    <message>
        <source>a request is a JSON object</source>
        <translation>eine Anfrage ist ein JSON-Objekt</translation>
    </message>
    <message>
        <source>a request needs a method (a string) and optional params (an object)</source>
        <translation>eine Anfrage braucht eine method (Zeichenkette) und optional params (ein Objekt)</translation>
    </message>
    <message>
        <source>disconnect needs a session id (a number)</source>
        <translation>disconnect braucht eine Sitzungsnummer (eine Zahl)</translation>
    </message>
    <message>
        <source>%1 needs a name and a base64 password</source>
        <translation>%1 braucht einen Namen und ein Base64-Passwort</translation>
    </message>
    <message>
        <source>%1 needs a name</source>
        <translation>%1 braucht einen Namen</translation>
    </message>
    <message>
        <source>unknown method &quot;%1&quot;</source>
        <translation>unbekannte Methode „%1“</translation>
    </message>
    <message>
        <source>topics is a list of server, sessions and log</source>
        <translation>topics ist eine Liste aus server, sessions und log</translation>
    </message>
</context>
<context>
    <name>qimapd::AdminServer</name>
    <message>
        <source>cannot create the directory %1 for the admin socket</source>
        <translation>das Verzeichnis %1 für den Admin-Socket kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot give the directory %1 to user %2</source>
        <translation>das Verzeichnis %1 kann nicht Benutzer %2 übergeben werden</translation>
    </message>
    <message>
        <source>admin socket %1 is in use by another running server</source>
        <translation>Admin-Socket %1 wird von einem anderen laufenden Server benutzt</translation>
    </message>
    <message>
        <source>cannot create the admin socket %1: %2</source>
        <translation>Admin-Socket %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot set the permissions of the admin socket %1</source>
        <translation>die Rechte des Admin-Sockets %1 können nicht gesetzt werden</translation>
    </message>
    <message>
        <source>too many admin connections</source>
        <translation>zu viele Admin-Verbindungen</translation>
    </message>
</context>
<context>
    <name>qimapd::LocalMonitor</name>
    <message>
        <source>no session %1</source>
        <translation>keine Sitzung %1</translation>
    </message>
</context>
<context>
    <name>qimapd::LogOutput</name>
    <message>
        <source>cannot open log file %1: %2</source>
        <translation>Protokolldatei %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot reopen log file %1: %2</source>
        <translation>Protokolldatei %1 kann nicht erneut geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>qimapd::PidFile</name>
    <message>
        <source>pid file %1 names PID %2, a running qimapd</source>
        <translation>PID-Datei %1 nennt PID %2, ein laufendes qimapd</translation>
    </message>
    <message>
        <source>cannot write pid file %1: %2</source>
        <translation>PID-Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>qimapd::RemoteMonitor</name>
    <message>
        <source>admin socket %1: %2</source>
        <translation>Admin-Socket %1: %2</translation>
    </message>
    <message>
        <source>the server closed the admin socket %1</source>
        <translation>der Server hat den Admin-Socket %1 geschlossen</translation>
    </message>
    <message>
        <source>no server is running on admin socket %1</source>
        <translation>auf Admin-Socket %1 läuft kein Server</translation>
    </message>
    <message>
        <source>no permission to use admin socket %1</source>
        <translation>keine Berechtigung für Admin-Socket %1</translation>
    </message>
    <message>
        <source>admin socket %1: the server sent an over-long line</source>
        <translation>Admin-Socket %1: der Server hat eine überlange Zeile gesendet</translation>
    </message>
    <message>
        <source>not connected to the server (admin socket %1)</source>
        <translation>nicht mit dem Server verbunden (Admin-Socket %1)</translation>
    </message>
</context>
<context>
    <name>qimapd::UserDatabase</name>
    <message>
        <source>a user name has 1 to 64 characters</source>
        <translation>ein Benutzername hat 1 bis 64 Zeichen</translation>
    </message>
    <message>
        <source>a user name may only contain letters a-z, digits and . _ - @ +</source>
        <translation>ein Benutzername darf nur Buchstaben a-z, Ziffern und . _ - @ + enthalten</translation>
    </message>
    <message>
        <source>crypt(3) could not hash the password</source>
        <translation>crypt(3) konnte das Passwort nicht hashen</translation>
    </message>
    <message>
        <source>user %1 already exists</source>
        <translation>Benutzer %1 gibt es schon</translation>
    </message>
    <message>
        <source>no user %1</source>
        <translation>kein Benutzer %1</translation>
    </message>
    <message>
        <source>the password is empty</source>
        <translation>das Passwort ist leer</translation>
    </message>
    <message>
        <source>the password is too long or contains NUL</source>
        <translation>das Passwort ist zu lang oder enthält NUL</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::DashboardWindow</name>
    <message>
        <source>qimapd dashboard</source>
        <translation>qimapd-Dashboard</translation>
    </message>
    <message>
        <source>qimapd dashboard (attached)</source>
        <translation>qimapd-Dashboard (verbunden)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Postfächer</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Filter by user</source>
        <translation>Nach Benutzer filtern</translation>
    </message>
    <message>
        <source>Filter by mailbox</source>
        <translation>Nach Postfach filtern</translation>
    </message>
    <message>
        <source>Filter by address</source>
        <translation>Nach Adresse filtern</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation>Postfach:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n Sitzung</numerusform>
            <numerusform>%n Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to the server</source>
        <translation>Nicht mit dem Server verbunden</translation>
    </message>
    <message>
        <source>Stop the server?</source>
        <translation>Server beenden?</translation>
    </message>
    <message>
        <source>Closing the dashboard stops the IMAP server and disconnects every client.</source>
        <translation>Das Schließen des Dashboards beendet den IMAP-Server und trennt alle Clients.</translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation>Server beenden</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::LogView</name>
    <message>
        <source>Debug and above</source>
        <translation>Debug und darüber</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und darüber</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::MailboxTableModel</name>
    <message>
        <source>Mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Pending expunges</source>
        <translation>Ausstehende Expunges</translation>
    </message>
    <message>
        <source>Sessions and their pending expunges</source>
        <translation>Sitzungen und ihre ausstehenden Expunges</translation>
    </message>
    <message numerus="yes">
        <source>#%1: %n pending</source>
        <translation>
            <numerusform>#%1: %n ausstehend</numerusform>
            <numerusform>#%1: %n ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(nur lesen)</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::RateChart</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::ServerPanel</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>Lauscht auf:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>Totals:</source>
        <translation>Summen:</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <source>Commands per second</source>
        <translation>Befehle pro Sekunde</translation>
    </message>
    <message>
        <source>The TLS certificate has expired: clients will refuse to connect.</source>
        <translation>Das TLS-Zertifikat ist abgelaufen: Clients werden die Verbindung verweigern.</translation>
    </message>
    <message numerus="yes">
        <source>The TLS certificate expires in %n day(s): renew it and send the server SIGHUP.</source>
        <translation>
            <numerusform>Das TLS-Zertifikat läuft in %n Tag ab: erneuern und dem Server SIGHUP senden.</numerusform>
            <numerusform>Das TLS-Zertifikat läuft in %n Tagen ab: erneuern und dem Server SIGHUP senden.</numerusform>
        </translation>
    </message>
    <message>
        <source>qimapd %1, process %2, data in %3</source>
        <translation>qimapd %1, Prozess %2, Daten in %3</translation>
    </message>
    <message>
        <source>%1:%2 (implicit TLS)</source>
        <translation>%1:%2 (implizites TLS)</translation>
    </message>
    <message>
        <source>%1:%2 (STARTTLS)</source>
        <translation>%1:%2 (STARTTLS)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 connections, %2 commands, %3 failed logins</source>
        <translation>%1 Verbindungen, %2 Befehle, %3 fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
        <source>%1 commands/s now</source>
        <translation>derzeit %1 Befehle/s</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::SessionInspector</name>
    <message>
        <source>Disconnect…</source>
        <translation>Trennen…</translation>
    </message>
    <message>
        <source>Send BYE</source>
        <translation>BYE senden</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation>Postfach:</translation>
    </message>
    <message>
        <source>Pending expunges:</source>
        <translation>Ausstehende Expunges:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Recent commands:</source>
        <translation>Letzte Befehle:</translation>
    </message>
    <message>
        <source>No session selected</source>
        <translation>Keine Sitzung ausgewählt</translation>
    </message>
    <message>
        <source>Session #%1 from %2:%3</source>
        <translation>Sitzung #%1 von %2:%3</translation>
    </message>
    <message>
        <source>%1, running %2</source>
        <translation>%1, führt %2 aus</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (nur lesen)</translation>
    </message>
    <message>
        <source>unknown (no ID sent)</source>
        <translation>unbekannt (kein ID gesendet)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>Disconnected by the administrator</source>
        <translation>Vom Administrator getrennt</translation>
    </message>
    <message>
        <source>Disconnecting #%1…</source>
        <translation>Trenne #%1…</translation>
    </message>
    <message>
        <source>Session #%1 disconnected.</source>
        <translation>Sitzung #%1 getrennt.</translation>
    </message>
    <message>
        <source>Could not disconnect #%1: %2</source>
        <translation>#%1 konnte nicht getrennt werden: %2</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <source>none (plain connection)</source>
        <translation>keins (unverschlüsselte Verbindung)</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::SessionTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>Pending expunges</source>
        <translation>Ausstehende Expunges</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Untätig</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Befehle</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes empfangen</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes gesendet</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>not authenticated</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation>angemeldet</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>Postfach gewählt</translation>
    </message>
    <message>
        <source>logout</source>
        <translation>abmelden</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (nur lesen)</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>unverschlüsselt</translation>
    </message>
    <message>
        <source>running %1</source>
        <translation>führt %1 aus</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::UsersPanel</name>
    <message>
        <source>Add user</source>
        <translation>Benutzer anlegen</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Benutzer entfernen</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>new password</source>
        <translation>neues Passwort</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Could not list the users: %1</source>
        <translation>Die Benutzer konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Added user %1.</source>
        <translation>Benutzer %1 angelegt.</translation>
    </message>
    <message>
        <source>Changed the password of %1.</source>
        <translation>Passwort von %1 geändert.</translation>
    </message>
    <message>
        <source>Click again to remove %1 and their mail</source>
        <translation>Erneut klicken, um %1 samt Nachrichten zu entfernen</translation>
    </message>
    <message>
        <source>Removed user %1 and their mail.</source>
        <translation>Benutzer %1 samt Nachrichten entfernt.</translation>
    </message>
</context>
</TS>
