#pragma once

#include <QByteArray>

namespace qimapd::passwordhash {

// crypt(3) through libxcrypt. New hashes are yescrypt ("$y$"); verification also accepts the
// SHA-crypt and bcrypt forms other servers (Dovecot passwd files) use, and nothing else:
// libxcrypt given a malformed hash silently falls back to DES (DESIGN.md).

// A new hash of `password`, or an empty array when hashing failed.
QByteArray hash(const QByteArray &password);

// True when `stored` has a prefix we accept ($y$, $gy$, $7$, $6$, $5$, $2b$, $2y$, $2a$).
bool isSupported(const QByteArray &stored);

// Constant-time check of `password` against `stored`. False for unsupported hashes.
bool verify(const QByteArray &password, const QByteArray &stored);

// A valid hash of a random password, to spend the same time on unknown users as on known ones.
const QByteArray &dummyHash();

} // namespace qimapd::passwordhash
