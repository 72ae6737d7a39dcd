<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AdminCommand</name>
    <message>
        <source>--json belongs to qimapd sessions</source>
        <translation>--json va avec qimapd sessions</translation>
    </message>
    <message>
        <source>--reason belongs to qimapd kick</source>
        <translation>--reason va avec qimapd kick</translation>
    </message>
    <message>
        <source>usage: qimapd kick ID [--reason TEXT] (ID as listed by qimapd sessions)</source>
        <translation>usage : qimapd kick ID [--reason TEXTE] (ID tel que listé par qimapd sessions)</translation>
    </message>
    <message>
        <source>usage: qimapd sessions [--json]</source>
        <translation>usage : qimapd sessions [--json]</translation>
    </message>
    <message>
        <source>no answer from the server on admin socket %1</source>
        <translation>pas de réponse du serveur sur le socket d&apos;administration %1</translation>
    </message>
    <message>
        <source>disconnected session %1</source>
        <translation>session %1 déconnectée</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>PEER</source>
        <translation>PAIR</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>MAILBOX</source>
        <translation>BOÎTE</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>EN ATTENTE</translation>
    </message>
    <message>
        <source>IDLE</source>
        <translation>INACTIF</translation>
    </message>
    <message>
        <source>CMDS</source>
        <translation>CMDES</translation>
    </message>
    <message>
        <source>IN</source>
        <translation>REÇU</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>ENVOYÉ</translation>
    </message>
    <message>
        <source>CLIENT</source>
        <translation>CLIENT</translation>
    </message>
    <message>
        <source>not authenticated</source>
        <translation>non authentifié</translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation>authentifié</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>boîte sélectionnée</translation>
    </message>
    <message>
        <source>logout</source>
        <translation>déconnexion</translation>
    </message>
    <message>
        <source> (ro)</source>
        <translation> (lecture seule)</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>en clair</translation>
    </message>
    <message>
        <source>(no sessions)</source>
        <translation>(aucune session)</translation>
    </message>
</context>
<context>
    <name>ConfigLoader</name>
    <message>
        <source>Address to listen on (repeatable; default: all addresses).</source>
        <translation>Adresse d&apos;écoute (répétable ; par défaut : toutes les adresses).</translation>
    </message>
    <message>
        <source>Cleartext port with STARTTLS (default 1430; 0 picks a free port; off disables).</source>
        <translation>Port en clair avec STARTTLS (par défaut 1430 ; 0 choisit un port libre ; off le désactive).</translation>
    </message>
    <message>
        <source>Implicit TLS port (default: off).</source>
        <translation>Port TLS implicite (par défaut : désactivé).</translation>
    </message>
    <message>
        <source>TLS certificate chain, PEM (default certs/server-cert.pem).</source>
        <translation>Chaîne de certificats TLS, PEM (par défaut certs/server-cert.pem).</translation>
    </message>
    <message>
        <source>TLS private key, PEM (default certs/server-key.pem).</source>
        <translation>Clé privée TLS, PEM (par défaut certs/server-key.pem).</translation>
    </message>
    <message>
        <source>Data directory (default ./data).</source>
        <translation>Répertoire de données (par défaut ./data).</translation>
    </message>
    <message>
        <source>Mail store: sqlite (default) or memory.</source>
        <translation>Stockage du courrier : sqlite (par défaut) ou memory.</translation>
    </message>
    <message>
        <source>Look for mailbox changes at most every N seconds (0: after every command).</source>
        <translation>Chercher les changements des boîtes au plus toutes les N secondes (0 : après chaque commande).</translation>
    </message>
    <message>
        <source>Commands allowed before login (default 10; 0: no limit).</source>
        <translation>Commandes permises avant la connexion (par défaut 10 ; 0 : sans limite).</translation>
    </message>
    <message>
        <source>Idle time allowed before login (default 300; 0: no limit).</source>
        <translation>Inactivité permise avant la connexion (par défaut 300 ; 0 : sans limite).</translation>
    </message>
    <message>
        <source>Idle time allowed after login (default 3600; at least 1800; 0: no limit).</source>
        <translation>Inactivité permise après la connexion (par défaut 3600 ; au moins 1800 ; 0 : sans limite).</translation>
    </message>
    <message>
        <source>Send &quot;* OK Still here&quot; to idling clients this often (default 120; 0: never).</source>
        <translation>Envoyer « * OK Still here » aux clients en IDLE à cet intervalle (par défaut 120 ; 0 : jamais).</translation>
    </message>
    <message>
        <source>Largest message APPEND accepts (default 67108864).</source>
        <translation>Plus grand message accepté par APPEND (par défaut 67108864).</translation>
    </message>
    <message>
        <source>Run as this user once the ports are bound.</source>
        <translation>S&apos;exécuter sous cet utilisateur une fois les ports ouverts.</translation>
    </message>
    <message>
        <source>Run as this group once the ports are bound.</source>
        <translation>S&apos;exécuter sous ce groupe une fois les ports ouverts.</translation>
    </message>
    <message>
        <source>Allow LOGIN and AUTHENTICATE without TLS (loopback tests only).</source>
        <translation>Autoriser LOGIN et AUTHENTICATE sans TLS (tests en boucle locale seulement).</translation>
    </message>
    <message>
        <source>Run headless: no dashboard window, no display needed.</source>
        <translation>Fonctionner sans interface : pas de fenêtre de tableau de bord, pas d&apos;affichage requis.</translation>
    </message>
    <message>
        <source>debug, info (default), warning or error.</source>
        <translation>debug, info (par défaut), warning ou error.</translation>
    </message>
    <message>
        <source>Language of messages and of the dashboard: en, de or fr (default: the system&apos;s).</source>
        <translation>Langue des messages et du tableau de bord : en, de ou fr (par défaut : celle du système).</translation>
    </message>
    <message>
        <source>Read options from this INI file (the command line wins).</source>
        <translation>Lire les options dans ce fichier INI (la ligne de commande l&apos;emporte).</translation>
    </message>
    <message>
        <source>cannot read config file %1</source>
        <translation>impossible de lire le fichier de configuration %1</translation>
    </message>
    <message>
        <source>config file %1 is not a valid INI file</source>
        <translation>le fichier de configuration %1 n&apos;est pas un fichier INI valide</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: expected a whole number from %2 to %3, got &quot;%4&quot;</source>
        <translation>%1 : nombre entier de %2 à %3 attendu, reçu « %4 »</translation>
    </message>
    <message>
        <source>%1: expected true or false, got &quot;%2&quot;</source>
        <translation>%1 : true ou false attendu, reçu « %2 »</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an IP address</source>
        <translation>%1 : « %2 » n&apos;est pas une adresse IP</translation>
    </message>
    <message>
        <source>%1: the data directory cannot be empty</source>
        <translation>%1 : le répertoire de données ne peut pas être vide</translation>
    </message>
    <message>
        <source>%1: expected sqlite or memory, got &quot;%2&quot;</source>
        <translation>%1 : sqlite ou memory attendu, reçu « %2 »</translation>
    </message>
    <message>
        <source>%1: expected en, de or fr, got &quot;%2&quot;</source>
        <translation>%1 : en, de ou fr attendu, reçu « %2 »</translation>
    </message>
    <message>
        <source>%1: unknown option</source>
        <translation>%1 : option inconnue</translation>
    </message>
    <message>
        <source>expected debug, info, warning or error, got &quot;%1&quot;</source>
        <translation>debug, info, warning ou error attendu, reçu « %1 »</translation>
    </message>
    <message>
        <source>Log to this file (appended; reopened on SIGHUP) instead of standard error.</source>
        <translation>Journaliser dans ce fichier (en ajout ; rouvert sur SIGHUP) au lieu de la sortie d&apos;erreur.</translation>
    </message>
    <message>
        <source>Log to syslog (facility mail) instead of standard error.</source>
        <translation>Journaliser dans syslog (facility mail) au lieu de la sortie d&apos;erreur.</translation>
    </message>
    <message>
        <source>Write the server&apos;s PID to this file once it serves; removed at exit.</source>
        <translation>Écrire le PID du serveur dans ce fichier dès qu&apos;il sert ; supprimé à la sortie.</translation>
    </message>
    <message>
        <source>Serve only clients in this network (repeatable; default: everyone).</source>
        <translation>Ne servir que les clients de ce réseau (répétable ; par défaut : tous).</translation>
    </message>
    <message>
        <source>Refuse clients in this network with * BYE (repeatable; wins over --allow).</source>
        <translation>Refuser les clients de ce réseau avec * BYE (répétable ; l&apos;emporte sur --allow).</translation>
    </message>
    <message>
        <source>Check the options and the INI file, print every problem, and exit (0: none, 2: some).</source>
        <translation>Vérifier les options et le fichier INI, afficher chaque problème et quitter (0 : aucun, 2 : il y en a).</translation>
    </message>
    <message>
        <source>%1 (and 1 more problem; qimapd --check-config lists them)</source>
        <translation>%1 (et 1 autre problème ; qimapd --check-config le liste)</translation>
    </message>
    <message>
        <source>%1 (and %2 more problems; qimapd --check-config lists them)</source>
        <translation>%1 (et %2 autres problèmes ; qimapd --check-config les liste)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an address or a network (CIDR, like 192.0.2.0/24 or 2001:db8::/32)</source>
        <translation>%1 : « %2 » n&apos;est ni une adresse ni un réseau (CIDR, comme 192.0.2.0/24 ou 2001:db8::/32)</translation>
    </message>
    <message>
        <source>auth_idle: %1 s is below 1800 s: RFC 3501 section 5.4 requires at least 30 minutes (0 disables it)</source>
        <translation>auth_idle : %1 s est inférieur à 1800 s : la RFC 3501, section 5.4, exige au moins 30 minutes (0 le désactive)</translation>
    </message>
    <message>
        <source>port, ssl_port: both the cleartext and the TLS port are off: nothing to listen on</source>
        <translation>port, ssl_port : les ports en clair et TLS sont tous deux désactivés : rien à écouter</translation>
    </message>
    <message>
        <source>port, ssl_port: port and ssl port are both %1</source>
        <translation>port, ssl_port : port et ssl port valent tous deux %1</translation>
    </message>
    <message>
        <source>log_file, syslog: choose one place for the log</source>
        <translation>log_file, syslog : choisissez un seul endroit pour le journal</translation>
    </message>
    <message>
        <source>Admin socket of the server (default: admin.sock in the data directory).</source>
        <translation>Socket d&apos;administration du serveur (par défaut : admin.sock dans le répertoire de données).</translation>
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
        <translation>qimapd, un serveur IMAP.
  qimapd [options]                 lancer le serveur
  qimapd user add|passwd|del NOM   gérer les utilisateurs
  qimapd user list                 lister les utilisateurs
  qimapd deliver USER [BOÎTE]      distribuer un message lu sur l&apos;entrée standard
  qimapd sessions [--json]         lister les sessions d&apos;un serveur en marche
  qimapd kick ID [--reason TEXTE]  déconnecter une session d&apos;un serveur en marche
  qimapd dashboard                 ouvrir le tableau de bord d&apos;un serveur en marche</translation>
    </message>
    <message>
        <source>qimapd sessions: print JSON instead of a table.</source>
        <translation>qimapd sessions : afficher du JSON au lieu d&apos;un tableau.</translation>
    </message>
    <message>
        <source>qimapd kick: the text the client reads after * BYE.</source>
        <translation>qimapd kick : le texte que le client lit après * BYE.</translation>
    </message>
    <message>
        <source>%1: the admin socket path cannot be empty</source>
        <translation>%1 : le chemin du socket d&apos;administration ne peut pas être vide</translation>
    </message>
</context>
<context>
    <name>DataDirLock</name>
    <message>
        <source>another server (PID %1 on %2) is using this data directory (lock %3)</source>
        <translation>un autre serveur (PID %1 sur %2) utilise ce répertoire de données (verrou %3)</translation>
    </message>
    <message>
        <source>cannot create lock file %1</source>
        <translation>impossible de créer le fichier de verrou %1</translation>
    </message>
</context>
<context>
    <name>ImapServer</name>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>impossible d&apos;écouter sur %1 port %2 : %3</translation>
    </message>
</context>
<context>
    <name>TlsContext</name>
    <message>
        <source>make one with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2</source>
        <translation>en créer un avec : openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2</translation>
    </message>
    <message>
        <source>cannot read TLS %1 %2: %3; %4</source>
        <translation>impossible de lire le %1 TLS %2 : %3 ; %4</translation>
    </message>
    <message>
        <source>no PEM certificate in %1; %2</source>
        <translation>aucun certificat PEM dans %1 ; %2</translation>
    </message>
    <message>
        <source>no unencrypted PEM private key (RSA or EC) in %1; %2</source>
        <translation>aucune clé privée PEM non chiffrée (RSA ou EC) dans %1 ; %2</translation>
    </message>
</context>
<context>
    <name>qimapd</name>
    <message>
        <source>no display available; run with --no-gui for a headless server</source>
        <translation>aucun affichage disponible ; lancez avec --no-gui pour un serveur sans interface</translation>
    </message>
    <message>
        <source>the password on standard input is longer than %1 bytes</source>
        <translation>le mot de passe sur l&apos;entrée standard dépasse %1 octets</translation>
    </message>
    <message>
        <source>no password on standard input</source>
        <translation>aucun mot de passe sur l&apos;entrée standard</translation>
    </message>
    <message>
        <source>no password given</source>
        <translation>aucun mot de passe donné</translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation>les mots de passe ne correspondent pas</translation>
    </message>
    <message>
        <source>no such user %1</source>
        <translation>l&apos;utilisateur %1 n&apos;existe pas</translation>
    </message>
    <message>
        <source>no such group %1</source>
        <translation>le groupe %1 n&apos;existe pas</translation>
    </message>
    <message>
        <source>only root can switch to user %1 / group %2</source>
        <translation>seul root peut passer à l&apos;utilisateur %1 / au groupe %2</translation>
    </message>
    <message>
        <source>cannot set supplementary groups</source>
        <translation>impossible de définir les groupes supplémentaires</translation>
    </message>
    <message>
        <source>cannot switch to uid %1 gid %2</source>
        <translation>impossible de passer à l&apos;uid %1 gid %2</translation>
    </message>
    <message>
        <source>privileges could be regained after dropping them</source>
        <translation>les privilèges abandonnés pourraient être repris</translation>
    </message>
    <message>
        <source>cannot create data directory %1</source>
        <translation>impossible de créer le répertoire de données %1</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (try --help)</source>
        <translation>commande inconnue « %1 » (voir --help)</translation>
    </message>
    <message>
        <source>cannot open the database in %1: %2</source>
        <translation>impossible d&apos;ouvrir la base de données dans %1 : %2</translation>
    </message>
    <message>
        <source>usage: qimapd user add|passwd|del NAME, or qimapd user list</source>
        <translation>usage : qimapd user add|passwd|del NOM, ou qimapd user list</translation>
    </message>
    <message>
        <source>usage: qimapd user %1%2</source>
        <translation>usage : qimapd user %1%2</translation>
    </message>
    <message>
        <source>deleted user %1 and their mail</source>
        <translation>utilisateur %1 et son courrier supprimés</translation>
    </message>
    <message>
        <source>added user %1</source>
        <translation>utilisateur %1 ajouté</translation>
    </message>
    <message>
        <source>changed the password of %1</source>
        <translation>mot de passe de %1 modifié</translation>
    </message>
    <message>
        <source>usage: qimapd deliver USER [MAILBOX] &lt; message</source>
        <translation>usage : qimapd deliver UTILISATEUR [BOÎTE] &lt; message</translation>
    </message>
    <message>
        <source>deliver needs the sqlite store (a memory store lives only inside its server)</source>
        <translation>deliver a besoin du stockage sqlite (un stockage memory n&apos;existe que dans son serveur)</translation>
    </message>
    <message>
        <source>cannot read the message from standard input</source>
        <translation>impossible de lire le message sur l&apos;entrée standard</translation>
    </message>
    <message>
        <source>no message on standard input</source>
        <translation>aucun message sur l&apos;entrée standard</translation>
    </message>
    <message>
        <source>the message is larger than the append limit of %1 bytes</source>
        <translation>le message dépasse la limite APPEND de %1 octets</translation>
    </message>
    <message>
        <source>no user %1</source>
        <translation>pas d&apos;utilisateur %1</translation>
    </message>
    <message>
        <source>no mailbox %1 for %2, delivering to INBOX</source>
        <translation>pas de boîte %1 pour %2, distribution dans INBOX</translation>
    </message>
    <message>
        <source>delivered UID %1 to %2 of %3</source>
        <translation>UID %1 distribué dans %2 de %3</translation>
    </message>
    <message>
        <source>the switch to uid %1 gid %2 did not take effect</source>
        <translation>le passage à l&apos;uid %1 gid %2 n&apos;a pas pris effet</translation>
    </message>
    <message>
        <source>--check-config takes no command (got &quot;%1&quot;)</source>
        <translation>--check-config ne prend pas de commande (reçu « %1 »)</translation>
    </message>
    <message>
        <source>cert: no readable PEM certificate at %1</source>
        <translation>cert : aucun certificat PEM lisible à %1</translation>
    </message>
    <message>
        <source>data_dir: %1 is not a directory</source>
        <translation>data_dir : %1 n&apos;est pas un répertoire</translation>
    </message>
    <message>
        <source>configuration OK</source>
        <translation>configuration correcte</translation>
    </message>
    <message>
        <source>usage: qimapd dashboard [--data-dir DIR | --admin-socket PATH | --config FILE]</source>
        <translation>usage : qimapd dashboard [--data-dir RÉP | --admin-socket CHEMIN | --config FICHIER]</translation>
    </message>
    <message>
        <source>this qimapd was built without the dashboard</source>
        <translation>ce qimapd a été construit sans tableau de bord</translation>
    </message>
</context>
<context>
    <name>qimapd::AdminConnection</name>
    <message>
        <source>a request line is limited to %1 bytes</source>
        <translation>une ligne de requête est limitée à %1 octets</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>pas du JSON : %1</translation>
    </message>
    <message>
        <source>a request is a JSON object</source>
        <translation>une requête est un objet JSON</translation>
    </message>
    <message>
        <source>a request needs a method (a string) and optional params (an object)</source>
        <translation>une requête demande une method (chaîne) et des params facultatifs (objet)</translation>
    </message>
    <message>
        <source>disconnect needs a session id (a number)</source>
        <translation>disconnect demande un identifiant de session (un nombre)</translation>
    </message>
    <message>
        <source>%1 needs a name and a base64 password</source>
        <translation>%1 demande un nom et un mot de passe en base64</translation>
    </message>
    <message>
        <source>%1 needs a name</source>
        <translation>%1 demande un nom</translation>
    </message>
    <message>
        <source>unknown method &quot;%1&quot;</source>
        <translation>méthode inconnue « %1 »</translation>
    </message>
    <message>
        <source>topics is a list of server, sessions and log</source>
        <translation>topics est une liste de server, sessions et log</translation>
    </message>
</context>
<context>
    <name>qimapd::AdminServer</name>
    <message>
        <source>cannot create the directory %1 for the admin socket</source>
        <translation>impossible de créer le répertoire %1 du socket d&apos;administration</translation>
    </message>
    <message>
        <source>cannot give the directory %1 to user %2</source>
        <translation>impossible de donner le répertoire %1 à l&apos;utilisateur %2</translation>
    </message>
    <message>
        <source>admin socket %1 is in use by another running server</source>
        <translation>le socket d&apos;administration %1 est utilisé par un autre serveur en marche</translation>
    </message>
    <message>
        <source>cannot create the admin socket %1: %2</source>
        <translation>impossible de créer le socket d&apos;administration %1 : %2</translation>
    </message>
    <message>
        <source>cannot set the permissions of the admin socket %1</source>
        <translation>impossible de régler les droits du socket d&apos;administration %1</translation>
    </message>
    <message>
        <source>too many admin connections</source>
        <translation>trop de connexions d&apos;administration</translation>
    </message>
</context>
<context>
    <name>qimapd::LocalMonitor</name>
    <message>
        <source>no session %1</source>
        <translation>pas de session %1</translation>
    </message>
</context>
<context>
    <name>qimapd::LogOutput</name>
    <message>
        <source>cannot open log file %1: %2</source>
        <translation>impossible d&apos;ouvrir le fichier journal %1 : %2</translation>
    </message>
    <message>
        <source>cannot reopen log file %1: %2</source>
        <translation>impossible de rouvrir le fichier journal %1 : %2</translation>
    </message>
</context>
<context>
    <name>qimapd::PidFile</name>
    <message>
        <source>pid file %1 names PID %2, a running qimapd</source>
        <translation>le fichier PID %1 désigne le PID %2, un qimapd en marche</translation>
    </message>
    <message>
        <source>cannot write pid file %1: %2</source>
        <translation>impossible d&apos;écrire le fichier PID %1 : %2</translation>
    </message>
</context>
<context>
    <name>qimapd::RemoteMonitor</name>
    <message>
        <source>admin socket %1: %2</source>
        <translation>socket d&apos;administration %1 : %2</translation>
    </message>
    <message>
        <source>the server closed the admin socket %1</source>
        <translation>le serveur a fermé le socket d&apos;administration %1</translation>
    </message>
    <message>
        <source>no server is running on admin socket %1</source>
        <translation>aucun serveur ne tourne sur le socket d&apos;administration %1</translation>
    </message>
    <message>
        <source>no permission to use admin socket %1</source>
        <translation>pas le droit d&apos;utiliser le socket d&apos;administration %1</translation>
    </message>
    <message>
        <source>admin socket %1: the server sent an over-long line</source>
        <translation>socket d&apos;administration %1 : le serveur a envoyé une ligne trop longue</translation>
    </message>
    <message>
        <source>not connected to the server (admin socket %1)</source>
        <translation>non connecté au serveur (socket d&apos;administration %1)</translation>
    </message>
</context>
<context>
    <name>qimapd::UserDatabase</name>
    <message>
        <source>a user name has 1 to 64 characters</source>
        <translation>un nom d&apos;utilisateur a de 1 à 64 caractères</translation>
    </message>
    <message>
        <source>a user name may only contain letters a-z, digits and . _ - @ +</source>
        <translation>un nom d&apos;utilisateur ne peut contenir que les lettres a-z, des chiffres et . _ - @ +</translation>
    </message>
    <message>
        <source>crypt(3) could not hash the password</source>
        <translation>crypt(3) n&apos;a pas pu hacher le mot de passe</translation>
    </message>
    <message>
        <source>user %1 already exists</source>
        <translation>l&apos;utilisateur %1 existe déjà</translation>
    </message>
    <message>
        <source>no user %1</source>
        <translation>pas d&apos;utilisateur %1</translation>
    </message>
    <message>
        <source>the password is empty</source>
        <translation>le mot de passe est vide</translation>
    </message>
    <message>
        <source>the password is too long or contains NUL</source>
        <translation>le mot de passe est trop long ou contient NUL</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::DashboardWindow</name>
    <message>
        <source>qimapd dashboard</source>
        <translation>Tableau de bord qimapd</translation>
    </message>
    <message>
        <source>qimapd dashboard (attached)</source>
        <translation>Tableau de bord qimapd (attaché)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Boîtes aux lettres</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Filter by user</source>
        <translation>Filtrer par utilisateur</translation>
    </message>
    <message>
        <source>Filter by mailbox</source>
        <translation>Filtrer par boîte</translation>
    </message>
    <message>
        <source>Filter by address</source>
        <translation>Filtrer par adresse</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation>Boîte :</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to the server</source>
        <translation>Non connecté au serveur</translation>
    </message>
    <message>
        <source>Stop the server?</source>
        <translation>Arrêter le serveur ?</translation>
    </message>
    <message>
        <source>Closing the dashboard stops the IMAP server and disconnects every client.</source>
        <translation>Fermer le tableau de bord arrête le serveur IMAP et déconnecte tous les clients.</translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation>Arrêter le serveur</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Laisser tourner</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::LogView</name>
    <message>
        <source>Debug and above</source>
        <translation>Débogage et plus</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info et plus</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::MailboxTableModel</name>
    <message>
        <source>Mailbox</source>
        <translation>Boîte</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Pending expunges</source>
        <translation>Expunges en attente</translation>
    </message>
    <message>
        <source>Sessions and their pending expunges</source>
        <translation>Sessions et leurs expunges en attente</translation>
    </message>
    <message numerus="yes">
        <source>#%1: %n pending</source>
        <translation>
            <numerusform>#%1 : %n en attente</numerusform>
            <numerusform>#%1 : %n en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(lecture seule)</translation>
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
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>Écoute sur :</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>En service depuis :</translation>
    </message>
    <message>
        <source>Totals:</source>
        <translation>Totaux :</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Certificat TLS</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Sujet :</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Expire :</translation>
    </message>
    <message>
        <source>Commands per second</source>
        <translation>Commandes par seconde</translation>
    </message>
    <message>
        <source>The TLS certificate has expired: clients will refuse to connect.</source>
        <translation>Le certificat TLS a expiré : les clients refuseront de se connecter.</translation>
    </message>
    <message numerus="yes">
        <source>The TLS certificate expires in %n day(s): renew it and send the server SIGHUP.</source>
        <translation>
            <numerusform>Le certificat TLS expire dans %n jour : renouvelez-le et envoyez SIGHUP au serveur.</numerusform>
            <numerusform>Le certificat TLS expire dans %n jours : renouvelez-le et envoyez SIGHUP au serveur.</numerusform>
        </translation>
    </message>
    <message>
        <source>qimapd %1, process %2, data in %3</source>
        <translation>qimapd %1, processus %2, données dans %3</translation>
    </message>
    <message>
        <source>%1:%2 (implicit TLS)</source>
        <translation>%1:%2 (TLS implicite)</translation>
    </message>
    <message>
        <source>%1:%2 (STARTTLS)</source>
        <translation>%1:%2 (STARTTLS)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 connections, %2 commands, %3 failed logins</source>
        <translation>%1 connexions, %2 commandes, %3 échecs de connexion</translation>
    </message>
    <message>
        <source>%1 commands/s now</source>
        <translation>actuellement %1 commandes/s</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::SessionInspector</name>
    <message>
        <source>Disconnect…</source>
        <translation>Déconnecter…</translation>
    </message>
    <message>
        <source>Send BYE</source>
        <translation>Envoyer BYE</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation>Boîte :</translation>
    </message>
    <message>
        <source>Pending expunges:</source>
        <translation>Expunges en attente :</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <source>Recent commands:</source>
        <translation>Commandes récentes :</translation>
    </message>
    <message>
        <source>No session selected</source>
        <translation>Aucune session sélectionnée</translation>
    </message>
    <message>
        <source>Session #%1 from %2:%3</source>
        <translation>Session #%1 depuis %2:%3</translation>
    </message>
    <message>
        <source>%1, running %2</source>
        <translation>%1, exécute %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (lecture seule)</translation>
    </message>
    <message>
        <source>unknown (no ID sent)</source>
        <translation>inconnu (aucun ID envoyé)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>Disconnected by the administrator</source>
        <translation>Déconnecté par l&apos;administrateur</translation>
    </message>
    <message>
        <source>Disconnecting #%1…</source>
        <translation>Déconnexion de #%1…</translation>
    </message>
    <message>
        <source>Session #%1 disconnected.</source>
        <translation>Session #%1 déconnectée.</translation>
    </message>
    <message>
        <source>Could not disconnect #%1: %2</source>
        <translation>Impossible de déconnecter #%1 : %2</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS :</translation>
    </message>
    <message>
        <source>none (plain connection)</source>
        <translation>aucun (connexion en clair)</translation>
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
        <translation>Pair</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Boîte</translation>
    </message>
    <message>
        <source>Pending expunges</source>
        <translation>Expunges en attente</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Octets reçus</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Octets envoyés</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 o</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 Kio</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 Mio</translation>
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
        <translation>non authentifié</translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation>authentifié</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>boîte sélectionnée</translation>
    </message>
    <message>
        <source>logout</source>
        <translation>déconnexion</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (lecture seule)</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>en clair</translation>
    </message>
    <message>
        <source>running %1</source>
        <translation>exécute %1</translation>
    </message>
</context>
<context>
    <name>qimapd::gui::UsersPanel</name>
    <message>
        <source>Add user</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Définir le mot de passe</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>new password</source>
        <translation>nouveau mot de passe</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>Could not list the users: %1</source>
        <translation>Impossible de lister les utilisateurs : %1</translation>
    </message>
    <message>
        <source>Added user %1.</source>
        <translation>Utilisateur %1 ajouté.</translation>
    </message>
    <message>
        <source>Changed the password of %1.</source>
        <translation>Mot de passe de %1 modifié.</translation>
    </message>
    <message>
        <source>Click again to remove %1 and their mail</source>
        <translation>Cliquer à nouveau pour supprimer %1 et son courrier</translation>
    </message>
    <message>
        <source>Removed user %1 and their mail.</source>
        <translation>Utilisateur %1 et son courrier supprimés.</translation>
    </message>
</context>
</TS>
