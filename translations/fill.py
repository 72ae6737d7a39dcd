#!/usr/bin/env python3
"""Fills translations/qimapd_{de,fr}.ts from the table below (a maintainer's tool: run it after
`cmake --build build --target qimapd_translations_lupdate` when strings change, then add the new
ones here). Every entry must be translated: tests/gui/tst_translations fails on unfinished ones."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# source text -> (German, French); numerus entries give lists of plural forms.
T = {
 # ConfigLoader: command-line help and option errors
 'Address to listen on (repeatable; default: all addresses).': ('Adresse, auf der gelauscht wird (wiederholbar; Standard: alle Adressen).', "Adresse d'écoute (répétable ; par défaut : toutes les adresses)."),
 'Cleartext port with STARTTLS (default 1430; 0 picks a free port; off disables).': ('Klartext-Port mit STARTTLS (Standard 1430; 0 wählt einen freien Port; off schaltet ihn ab).', 'Port en clair avec STARTTLS (par défaut 1430 ; 0 choisit un port libre ; off le désactive).'),
 'Implicit TLS port (default: off).': ('Port mit implizitem TLS (Standard: aus).', 'Port TLS implicite (par défaut : désactivé).'),
 'TLS certificate chain, PEM (default certs/server-cert.pem).': ('TLS-Zertifikatskette, PEM (Standard certs/server-cert.pem).', 'Chaîne de certificats TLS, PEM (par défaut certs/server-cert.pem).'),
 'TLS private key, PEM (default certs/server-key.pem).': ('Privater TLS-Schlüssel, PEM (Standard certs/server-key.pem).', 'Clé privée TLS, PEM (par défaut certs/server-key.pem).'),
 'Data directory (default ./data).': ('Datenverzeichnis (Standard ./data).', 'Répertoire de données (par défaut ./data).'),
 'Mail store: sqlite (default) or memory.': ('Nachrichtenspeicher: sqlite (Standard) oder memory.', 'Stockage du courrier : sqlite (par défaut) ou memory.'),
 'Look for mailbox changes at most every N seconds (0: after every command).': ('Höchstens alle N Sekunden nach Änderungen in Postfächern sehen (0: nach jedem Befehl).', 'Chercher les changements des boîtes au plus toutes les N secondes (0 : après chaque commande).'),
 'Commands allowed before login (default 10; 0: no limit).': ('Erlaubte Befehle vor der Anmeldung (Standard 10; 0: unbegrenzt).', 'Commandes permises avant la connexion (par défaut 10 ; 0 : sans limite).'),
 'Idle time allowed before login (default 300; 0: no limit).': ('Erlaubte Leerlaufzeit vor der Anmeldung (Standard 300; 0: unbegrenzt).', "Inactivité permise avant la connexion (par défaut 300 ; 0 : sans limite)."),
 'Idle time allowed after login (default 3600; at least 1800; 0: no limit).': ('Erlaubte Leerlaufzeit nach der Anmeldung (Standard 3600; mindestens 1800; 0: unbegrenzt).', 'Inactivité permise après la connexion (par défaut 3600 ; au moins 1800 ; 0 : sans limite).'),
 'Send "* OK Still here" to idling clients this often (default 120; 0: never).': ('So oft „* OK Still here“ an Clients im IDLE senden (Standard 120; 0: nie).', 'Envoyer « * OK Still here » aux clients en IDLE à cet intervalle (par défaut 120 ; 0 : jamais).'),
 'Largest message APPEND accepts (default 67108864).': ('Größte Nachricht, die APPEND annimmt (Standard 67108864).', 'Plus grand message accepté par APPEND (par défaut 67108864).'),
 'Run as this user once the ports are bound.': ('Nach dem Binden der Ports als dieser Benutzer laufen.', "S'exécuter sous cet utilisateur une fois les ports ouverts."),
 'Run as this group once the ports are bound.': ('Nach dem Binden der Ports als diese Gruppe laufen.', "S'exécuter sous ce groupe une fois les ports ouverts."),
 'Allow LOGIN and AUTHENTICATE without TLS (loopback tests only).': ('LOGIN und AUTHENTICATE ohne TLS erlauben (nur für Tests über Loopback).', 'Autoriser LOGIN et AUTHENTICATE sans TLS (tests en boucle locale seulement).'),
 'Run headless: no dashboard window, no display needed.': ('Ohne Oberfläche laufen: kein Dashboard-Fenster, keine Anzeige nötig.', "Fonctionner sans interface : pas de fenêtre de tableau de bord, pas d'affichage requis."),
 'debug, info (default), warning or error.': ('debug, info (Standard), warning oder error.', 'debug, info (par défaut), warning ou error.'),
 "Language of messages and of the dashboard: en, de or fr (default: the system's).": ('Sprache der Meldungen und des Dashboards: en, de oder fr (Standard: die des Systems).', 'Langue des messages et du tableau de bord : en, de ou fr (par défaut : celle du système).'),
 'qimapd, an IMAP server.\n  qimapd [options]                 run the server\n  qimapd user add|passwd|del NAME  manage users\n  qimapd user list                 list users\n  qimapd deliver USER [MAILBOX]    deliver a message from standard input\n  qimapd dashboard                 open the dashboard of a running server':
   ('qimapd, ein IMAP-Server.\n  qimapd [Optionen]                Server starten\n  qimapd user add|passwd|del NAME  Benutzer verwalten\n  qimapd user list                 Benutzer auflisten\n  qimapd deliver USER [MAILBOX]    eine Nachricht von der Standardeingabe zustellen\n  qimapd dashboard                 das Dashboard eines laufenden Servers öffnen',
    "qimapd, un serveur IMAP.\n  qimapd [options]                 lancer le serveur\n  qimapd user add|passwd|del NOM   gérer les utilisateurs\n  qimapd user list                 lister les utilisateurs\n  qimapd deliver USER [BOÎTE]      distribuer un message lu sur l'entrée standard\n  qimapd dashboard                 ouvrir le tableau de bord d'un serveur en marche"),
 'Read options from this INI file (the command line wins).': ('Optionen aus dieser INI-Datei lesen (die Befehlszeile hat Vorrang).', "Lire les options dans ce fichier INI (la ligne de commande l'emporte)."),
 'cannot read config file %1': ('Konfigurationsdatei %1 kann nicht gelesen werden', 'impossible de lire le fichier de configuration %1'),
 'config file %1 is not a valid INI file': ('Konfigurationsdatei %1 ist keine gültige INI-Datei', "le fichier de configuration %1 n'est pas un fichier INI valide"),
 '%1: %2': ('%1: %2', '%1 : %2'),
 '%1: expected a whole number from %2 to %3, got "%4"': ('%1: erwartet eine ganze Zahl von %2 bis %3, erhalten „%4“', '%1 : nombre entier de %2 à %3 attendu, reçu « %4 »'),
 '%1: expected true or false, got "%2"': ('%1: erwartet true oder false, erhalten „%2“', '%1 : true ou false attendu, reçu « %2 »'),
 '%1: "%2" is not an IP address': ('%1: „%2“ ist keine IP-Adresse', "%1 : « %2 » n'est pas une adresse IP"),
 '%1: the data directory cannot be empty': ('%1: das Datenverzeichnis darf nicht leer sein', '%1 : le répertoire de données ne peut pas être vide'),
 '%1: expected sqlite or memory, got "%2"': ('%1: erwartet sqlite oder memory, erhalten „%2“', '%1 : sqlite ou memory attendu, reçu « %2 »'),
 '%1: expected en, de or fr, got "%2"': ('%1: erwartet en, de oder fr, erhalten „%2“', '%1 : en, de ou fr attendu, reçu « %2 »'),
 '%1: unknown option': ('%1: unbekannte Option', '%1 : option inconnue'),
 'auth idle time %1 s is below 1800 s: RFC 3501 section 5.4 requires at least 30 minutes (0 disables it)': ('Leerlaufzeit nach Anmeldung %1 s liegt unter 1800 s: RFC 3501 Abschnitt 5.4 verlangt mindestens 30 Minuten (0 schaltet sie ab)', "le délai d'inactivité après connexion de %1 s est inférieur à 1800 s : la RFC 3501, section 5.4, exige au moins 30 minutes (0 le désactive)"),
 'both the cleartext and the TLS port are off: nothing to listen on': ('Klartext- und TLS-Port sind beide aus: nichts zum Lauschen', "les ports en clair et TLS sont tous deux désactivés : rien à écouter"),
 'port and ssl port are both %1': ('port und ssl port sind beide %1', 'port et ssl port valent tous deux %1'),
 'expected debug, info, warning or error, got "%1"': ('erwartet debug, info, warning oder error, erhalten „%1“', 'debug, info, warning ou error attendu, reçu « %1 »'),
 # DataDirLock, ImapServer, TlsContext
 'another server (PID %1 on %2) is using this data directory (lock %3)': ('ein anderer Server (PID %1 auf %2) benutzt dieses Datenverzeichnis (Sperre %3)', 'un autre serveur (PID %1 sur %2) utilise ce répertoire de données (verrou %3)'),
 'cannot create lock file %1': ('Sperrdatei %1 kann nicht angelegt werden', 'impossible de créer le fichier de verrou %1'),
 'cannot listen on %1 port %2: %3': ('kann nicht auf %1 Port %2 lauschen: %3', "impossible d'écouter sur %1 port %2 : %3"),
 'make one with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2':
   ('eines erzeugen mit: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2',
    'en créer un avec : openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout %1 -out %2'),
 'cannot read TLS %1 %2: %3; %4': ('TLS-%1 %2 kann nicht gelesen werden: %3; %4', 'impossible de lire le %1 TLS %2 : %3 ; %4'),
 'no PEM certificate in %1; %2': ('kein PEM-Zertifikat in %1; %2', 'aucun certificat PEM dans %1 ; %2'),
 'no unencrypted PEM private key (RSA or EC) in %1; %2': ('kein unverschlüsselter privater PEM-Schlüssel (RSA oder EC) in %1; %2', 'aucune clé privée PEM non chiffrée (RSA ou EC) dans %1 ; %2'),
 # qimapd: the command line
 'no display available; run with --no-gui for a headless server': ('keine Anzeige verfügbar; für einen Server ohne Oberfläche mit --no-gui starten', "aucun affichage disponible ; lancez avec --no-gui pour un serveur sans interface"),
 'the password on standard input is longer than %1 bytes': ('das Passwort auf der Standardeingabe ist länger als %1 Bytes', "le mot de passe sur l'entrée standard dépasse %1 octets"),
 'no password on standard input': ('kein Passwort auf der Standardeingabe', "aucun mot de passe sur l'entrée standard"),
 'no password given': ('kein Passwort angegeben', 'aucun mot de passe donné'),
 'the passwords do not match': ('die Passwörter stimmen nicht überein', 'les mots de passe ne correspondent pas'),
 'no such user %1': ('Benutzer %1 gibt es nicht', "l'utilisateur %1 n'existe pas"),
 'no such group %1': ('Gruppe %1 gibt es nicht', "le groupe %1 n'existe pas"),
 'only root can switch to user %1 / group %2': ('nur root kann zu Benutzer %1 / Gruppe %2 wechseln', "seul root peut passer à l'utilisateur %1 / au groupe %2"),
 'cannot set supplementary groups': ('Zusatzgruppen können nicht gesetzt werden', 'impossible de définir les groupes supplémentaires'),
 'cannot switch to uid %1 gid %2': ('kann nicht zu UID %1 GID %2 wechseln', "impossible de passer à l'uid %1 gid %2"),
 'privileges could be regained after dropping them': ('abgegebene Rechte könnten zurückgewonnen werden', 'les privilèges abandonnés pourraient être repris'),
 'cannot create data directory %1': ('Datenverzeichnis %1 kann nicht angelegt werden', 'impossible de créer le répertoire de données %1'),
 'unknown command "%1" (try --help)': ('unbekannter Befehl „%1“ (siehe --help)', 'commande inconnue « %1 » (voir --help)'),
 'cannot open the database in %1: %2': ('die Datenbank in %1 kann nicht geöffnet werden: %2', "impossible d'ouvrir la base de données dans %1 : %2"),
 'usage: qimapd user add|passwd|del NAME, or qimapd user list': ('Aufruf: qimapd user add|passwd|del NAME oder qimapd user list', 'usage : qimapd user add|passwd|del NOM, ou qimapd user list'),
 'usage: qimapd user %1%2': ('Aufruf: qimapd user %1%2', 'usage : qimapd user %1%2'),
 'deleted user %1 and their mail': ('Benutzer %1 und seine Nachrichten gelöscht', "utilisateur %1 et son courrier supprimés"),
 'added user %1': ('Benutzer %1 angelegt', 'utilisateur %1 ajouté'),
 'changed the password of %1': ('Passwort von %1 geändert', 'mot de passe de %1 modifié'),
 'usage: qimapd deliver USER [MAILBOX] < message': ('Aufruf: qimapd deliver BENUTZER [POSTFACH] < Nachricht', 'usage : qimapd deliver UTILISATEUR [BOÎTE] < message'),
 'deliver needs the sqlite store (a memory store lives only inside its server)': ('deliver braucht den sqlite-Speicher (ein memory-Speicher lebt nur in seinem Server)', "deliver a besoin du stockage sqlite (un stockage memory n'existe que dans son serveur)"),
 'cannot read the message from standard input': ('die Nachricht kann nicht von der Standardeingabe gelesen werden', "impossible de lire le message sur l'entrée standard"),
 'no message on standard input': ('keine Nachricht auf der Standardeingabe', "aucun message sur l'entrée standard"),
 'the message is larger than the append limit of %1 bytes': ('die Nachricht ist größer als die APPEND-Grenze von %1 Bytes', 'le message dépasse la limite APPEND de %1 octets'),
 'no user %1': ('kein Benutzer %1', "pas d'utilisateur %1"),
 'no mailbox %1 for %2, delivering to INBOX': ('kein Postfach %1 für %2, Zustellung in INBOX', 'pas de boîte %1 pour %2, distribution dans INBOX'),
 'delivered UID %1 to %2 of %3': ('UID %1 in %2 von %3 zugestellt', 'UID %1 distribué dans %2 de %3'),
 # UserDatabase
 'a user name has 1 to 64 characters': ('ein Benutzername hat 1 bis 64 Zeichen', "un nom d'utilisateur a de 1 à 64 caractères"),
 'a user name may only contain letters a-z, digits and . _ - @ +': ('ein Benutzername darf nur Buchstaben a-z, Ziffern und . _ - @ + enthalten', "un nom d'utilisateur ne peut contenir que les lettres a-z, des chiffres et . _ - @ +"),
 'crypt(3) could not hash the password': ('crypt(3) konnte das Passwort nicht hashen', "crypt(3) n'a pas pu hacher le mot de passe"),
 'user %1 already exists': ('Benutzer %1 gibt es schon', "l'utilisateur %1 existe déjà"),
 'the password is empty': ('das Passwort ist leer', 'le mot de passe est vide'),
 'the password is too long or contains NUL': ('das Passwort ist zu lang oder enthält NUL', 'le mot de passe est trop long ou contient NUL'),
 # The dashboard
 'qimapd dashboard': ('qimapd-Dashboard', 'Tableau de bord qimapd'),
 'qimapd dashboard (attached)': ('qimapd-Dashboard (verbunden)', 'Tableau de bord qimapd (attaché)'),
 'Sessions': ('Sitzungen', 'Sessions'),
 'Mailboxes': ('Postfächer', 'Boîtes aux lettres'),
 'Server': ('Server', 'Serveur'),
 'Users': ('Benutzer', 'Utilisateurs'),
 'Log': ('Protokoll', 'Journal'),
 'Filter by user': ('Nach Benutzer filtern', 'Filtrer par utilisateur'),
 'Filter by mailbox': ('Nach Postfach filtern', 'Filtrer par boîte'),
 'Filter by address': ('Nach Adresse filtern', 'Filtrer par adresse'),
 'User:': ('Benutzer:', 'Utilisateur :'),
 'Mailbox:': ('Postfach:', 'Boîte :'),
 'Address:': ('Adresse:', 'Adresse :'),
 '%n session(s)': (['%n Sitzung', '%n Sitzungen'], ['%n session', '%n sessions']),
 'Not connected to the server': ('Nicht mit dem Server verbunden', 'Non connecté au serveur'),
 'Stop the server?': ('Server beenden?', 'Arrêter le serveur ?'),
 'Closing the dashboard stops the IMAP server and disconnects every client.': ('Das Schließen des Dashboards beendet den IMAP-Server und trennt alle Clients.', 'Fermer le tableau de bord arrête le serveur IMAP et déconnecte tous les clients.'),
 'Stop the server': ('Server beenden', 'Arrêter le serveur'),
 'Keep running': ('Weiterlaufen lassen', 'Laisser tourner'),
 'Debug and above': ('Debug und darüber', 'Débogage et plus'),
 'Info and above': ('Info und darüber', 'Info et plus'),
 'Warnings and errors': ('Warnungen und Fehler', 'Avertissements et erreurs'),
 'Errors only': ('Nur Fehler', 'Erreurs seulement'),
 'Show:': ('Anzeigen:', 'Afficher :'),
 'Mailbox': ('Postfach', 'Boîte'),
 'User': ('Benutzer', 'Utilisateur'),
 'Pending expunges': ('Ausstehende Expunges', 'Expunges en attente'),
 'Sessions and their pending expunges': ('Sitzungen und ihre ausstehenden Expunges', 'Sessions et leurs expunges en attente'),
 '#%1: %n pending': (['#%1: %n ausstehend', '#%1: %n ausstehend'], ['#%1 : %n en attente', '#%1 : %n en attente']),
 '(read-only)': ('(nur lesen)', '(lecture seule)'),
 '%1/s': ('%1/s', '%1/s'),
 'Version:': ('Version:', 'Version :'),
 'Listening on:': ('Lauscht auf:', 'Écoute sur :'),
 'Uptime:': ('Laufzeit:', 'En service depuis :'),
 'Totals:': ('Summen:', 'Totaux :'),
 'TLS certificate': ('TLS-Zertifikat', 'Certificat TLS'),
 'Subject:': ('Inhaber:', 'Sujet :'),
 'Expires:': ('Läuft ab:', 'Expire :'),
 'Commands per second': ('Befehle pro Sekunde', 'Commandes par seconde'),
 'The TLS certificate has expired: clients will refuse to connect.': ('Das TLS-Zertifikat ist abgelaufen: Clients werden die Verbindung verweigern.', 'Le certificat TLS a expiré : les clients refuseront de se connecter.'),
 'The TLS certificate expires in %n day(s): renew it and send the server SIGHUP.': (['Das TLS-Zertifikat läuft in %n Tag ab: erneuern und dem Server SIGHUP senden.', 'Das TLS-Zertifikat läuft in %n Tagen ab: erneuern und dem Server SIGHUP senden.'], ['Le certificat TLS expire dans %n jour : renouvelez-le et envoyez SIGHUP au serveur.', 'Le certificat TLS expire dans %n jours : renouvelez-le et envoyez SIGHUP au serveur.']),
 'qimapd %1, process %2, data in %3': ('qimapd %1, Prozess %2, Daten in %3', 'qimapd %1, processus %2, données dans %3'),
 '%1:%2 (implicit TLS)': ('%1:%2 (implizites TLS)', '%1:%2 (TLS implicite)'),
 '%1:%2 (STARTTLS)': ('%1:%2 (STARTTLS)', '%1:%2 (STARTTLS)'),
 'none': ('keine', 'aucun'),
 'unknown': ('unbekannt', 'inconnu'),
 '%1 connections, %2 commands, %3 failed logins': ('%1 Verbindungen, %2 Befehle, %3 fehlgeschlagene Anmeldungen', '%1 connexions, %2 commandes, %3 échecs de connexion'),
 '%1 commands/s now': ('derzeit %1 Befehle/s', 'actuellement %1 commandes/s'),
 'Disconnect…': ('Trennen…', 'Déconnecter…'),
 'Send BYE': ('BYE senden', 'Envoyer BYE'),
 'Time': ('Zeit', 'Heure'),
 'Command': ('Befehl', 'Commande'),
 'Result': ('Ergebnis', 'Résultat'),
 'State:': ('Zustand:', 'État :'),
 'Pending expunges:': ('Ausstehende Expunges:', 'Expunges en attente :'),
 'Client:': ('Client:', 'Client :'),
 'Cancel': ('Abbrechen', 'Annuler'),
 'Reason:': ('Grund:', 'Motif :'),
 'Recent commands:': ('Letzte Befehle:', 'Commandes récentes :'),
 'No session selected': ('Keine Sitzung ausgewählt', 'Aucune session sélectionnée'),
 'Session #%1 from %2:%3': ('Sitzung #%1 von %2:%3', 'Session #%1 depuis %2:%3'),
 '%1, running %2': ('%1, führt %2 aus', '%1, exécute %2'),
 '%1 (read-only)': ('%1 (nur lesen)', '%1 (lecture seule)'),
 'unknown (no ID sent)': ('unbekannt (kein ID gesendet)', 'inconnu (aucun ID envoyé)'),
 'running': ('läuft', 'en cours'),
 'Disconnected by the administrator': ('Vom Administrator getrennt', "Déconnecté par l'administrateur"),
 'Disconnecting #%1…': ('Trenne #%1…', 'Déconnexion de #%1…'),
 'Session #%1 disconnected.': ('Sitzung #%1 getrennt.', 'Session #%1 déconnectée.'),
 'Could not disconnect #%1: %2': ('#%1 konnte nicht getrennt werden: %2', 'Impossible de déconnecter #%1 : %2'),
 'ID': ('ID', 'ID'),
 'Peer': ('Gegenstelle', 'Pair'),
 'TLS': ('TLS', 'TLS'),
 'State': ('Zustand', 'État'),
 'Idle': ('Untätig', 'Inactif'),
 'Commands': ('Befehle', 'Commandes'),
 'Bytes in': ('Bytes empfangen', 'Octets reçus'),
 'Bytes out': ('Bytes gesendet', 'Octets envoyés'),
 'Client': ('Client', 'Client'),
 '%1 B': ('%1 B', '%1 o'),
 '%1 KiB': ('%1 KiB', '%1 Kio'),
 '%1 MiB': ('%1 MiB', '%1 Mio'),
 '%1 s': ('%1 s', '%1 s'),
 '%1 min %2 s': ('%1 min %2 s', '%1 min %2 s'),
 '%1 h %2 min': ('%1 h %2 min', '%1 h %2 min'),
 'not authenticated': ('nicht angemeldet', 'non authentifié'),
 'authenticated': ('angemeldet', 'authentifié'),
 'selected': ('Postfach gewählt', 'boîte sélectionnée'),
 'logout': ('abmelden', 'déconnexion'),
 'plain': ('unverschlüsselt', 'en clair'),
 'running %1': ('führt %1 aus', 'exécute %1'),
 'Add user': ('Benutzer anlegen', 'Ajouter'),
 'Set password': ('Passwort setzen', 'Définir le mot de passe'),
 'Remove user': ('Benutzer entfernen', 'Supprimer'),
 'user name': ('Benutzername', "nom d'utilisateur"),
 'new password': ('neues Passwort', 'nouveau mot de passe'),
 'Reload': ('Neu laden', 'Recharger'),
 'Name:': ('Name:', 'Nom :'),
 'Password:': ('Passwort:', 'Mot de passe :'),
 'Could not list the users: %1': ('Die Benutzer konnten nicht aufgelistet werden: %1', 'Impossible de lister les utilisateurs : %1'),
 'Added user %1.': ('Benutzer %1 angelegt.', 'Utilisateur %1 ajouté.'),
 'Changed the password of %1.': ('Passwort von %1 geändert.', 'Mot de passe de %1 modifié.'),
 'Click again to remove %1 and their mail': ('Erneut klicken, um %1 samt Nachrichten zu entfernen', 'Cliquer à nouveau pour supprimer %1 et son courrier'),
 'Removed user %1 and their mail.': ('Benutzer %1 samt Nachrichten entfernt.', 'Utilisateur %1 et son courrier supprimés.'),
 # Operations (--check-config, log output, pid file, address rules)
 "Write the server's PID to this file once it serves; removed at exit.": ('Die PID des Servers in diese Datei schreiben, sobald er bedient; beim Beenden entfernt.', 'Écrire le PID du serveur dans ce fichier dès qu\'il sert ; supprimé à la sortie.'),
 '%1 (and %2 more problems; qimapd --check-config lists them)': ('%1 (und %2 weitere Probleme; qimapd --check-config listet sie auf)', '%1 (et %2 autres problèmes ; qimapd --check-config les liste)'),
 '%1 (and 1 more problem; qimapd --check-config lists them)': ('%1 (und 1 weiteres Problem; qimapd --check-config listet es auf)', '%1 (et 1 autre problème ; qimapd --check-config le liste)'),
 '%1: "%2" is not an address or a network (CIDR, like 192.0.2.0/24 or 2001:db8::/32)': ('%1: „%2“ ist keine Adresse und kein Netz (CIDR, etwa 192.0.2.0/24 oder 2001:db8::/32)', "%1 : « %2 » n'est ni une adresse ni un réseau (CIDR, comme 192.0.2.0/24 ou 2001:db8::/32)"),
 '--check-config takes no command (got "%1")': ('--check-config nimmt keinen Befehl (erhalten „%1“)', '--check-config ne prend pas de commande (reçu « %1 »)'),
 'Check the options and the INI file, print every problem, and exit (0: none, 2: some).': ('Optionen und INI-Datei prüfen, jedes Problem ausgeben und beenden (0: keine, 2: welche).', "Vérifier les options et le fichier INI, afficher chaque problème et quitter (0 : aucun, 2 : il y en a)."),
 'Log to syslog (facility mail) instead of standard error.': ('In syslog (Facility mail) statt auf die Standardfehlerausgabe protokollieren.', "Journaliser dans syslog (facility mail) au lieu de la sortie d'erreur."),
 'Log to this file (appended; reopened on SIGHUP) instead of standard error.': ('In diese Datei protokollieren (angehängt; bei SIGHUP neu geöffnet) statt auf die Standardfehlerausgabe.', "Journaliser dans ce fichier (en ajout ; rouvert sur SIGHUP) au lieu de la sortie d'erreur."),
 'Refuse clients in this network with * BYE (repeatable; wins over --allow).': ('Clients aus diesem Netz mit * BYE abweisen (wiederholbar; hat Vorrang vor --allow).', "Refuser les clients de ce réseau avec * BYE (répétable ; l'emporte sur --allow)."),
 'Serve only clients in this network (repeatable; default: everyone).': ('Nur Clients aus diesem Netz bedienen (wiederholbar; Standard: alle).', 'Ne servir que les clients de ce réseau (répétable ; par défaut : tous).'),
 'auth_idle: %1 s is below 1800 s: RFC 3501 section 5.4 requires at least 30 minutes (0 disables it)': ('auth_idle: %1 s liegt unter 1800 s: RFC 3501 Abschnitt 5.4 verlangt mindestens 30 Minuten (0 schaltet es ab)', "auth_idle : %1 s est inférieur à 1800 s : la RFC 3501, section 5.4, exige au moins 30 minutes (0 le désactive)"),
 'cannot open log file %1: %2': ('Protokolldatei %1 kann nicht geöffnet werden: %2', "impossible d'ouvrir le fichier journal %1 : %2"),
 'cannot reopen log file %1: %2': ('Protokolldatei %1 kann nicht erneut geöffnet werden: %2', 'impossible de rouvrir le fichier journal %1 : %2'),
 'cannot write pid file %1: %2': ('PID-Datei %1 kann nicht geschrieben werden: %2', "impossible d'écrire le fichier PID %1 : %2"),
 'cert: no readable PEM certificate at %1': ('cert: kein lesbares PEM-Zertifikat unter %1', 'cert : aucun certificat PEM lisible à %1'),
 'configuration OK': ('Konfiguration in Ordnung', 'configuration correcte'),
 'data_dir: %1 is not a directory': ('data_dir: %1 ist kein Verzeichnis', "data_dir : %1 n'est pas un répertoire"),
 'log_file, syslog: choose one place for the log': ('log_file, syslog: nur ein Ziel für das Protokoll wählen', 'log_file, syslog : choisissez un seul endroit pour le journal'),
 'pid file %1 names PID %2, a running qimapd': ('PID-Datei %1 nennt PID %2, ein laufendes qimapd', 'le fichier PID %1 désigne le PID %2, un qimapd en marche'),
 'port, ssl_port: both the cleartext and the TLS port are off: nothing to listen on': ('port, ssl_port: Klartext- und TLS-Port sind beide aus: nichts zum Lauschen', 'port, ssl_port : les ports en clair et TLS sont tous deux désactivés : rien à écouter'),
 'port, ssl_port: port and ssl port are both %1': ('port, ssl_port: port und ssl port sind beide %1', 'port, ssl_port : port et ssl port valent tous deux %1'),
 'the switch to uid %1 gid %2 did not take effect': ('der Wechsel zu UID %1 GID %2 hat nicht gewirkt', "le passage à l'uid %1 gid %2 n'a pas pris effet"),
}

def fill(path, index):
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().findall('context'):
        for message in context.findall('message'):
            source = message.find('source').text
            translation = message.find('translation')
            if source not in T:
                missing.append(source)
                continue
            value = T[source][index]
            translation.attrib.pop('type', None)
            for child in list(translation):
                translation.remove(child)
            if message.get('numerus') == 'yes':
                translation.text = None
                for form in value:
                    ET.SubElement(translation, 'numerusform').text = form
            else:
                translation.text = value
    ET.indent(tree, space='    ')
    with open(path, 'wb') as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding='utf-8', xml_declaration=False)
        out.write(b'\n')
    return missing

here = Path(__file__).parent
missing = fill(here / 'qimapd_de.ts', 0) + fill(here / 'qimapd_fr.ts', 1)
for source in sorted(set(missing)):
    print('no translation for:', repr(source), file=sys.stderr)
sys.exit(1 if missing else 0)
