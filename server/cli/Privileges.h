#pragma once

#include <QString>

namespace qimapd {

// Drops root privileges after the ports are bound (the seed's user/group options): the
// supplementary groups of the user (initgroups), then the group, then the user. Refuses to go
// on when a user is configured and the drop does not happen.
bool dropPrivileges(const QString &user, const QString &group, QString *error);

// Whether the configured user and group exist, checked before anything is bound or opened.
bool privilegesExist(const QString &user, const QString &group, QString *error);

} // namespace qimapd
