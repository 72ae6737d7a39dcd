#include "Privileges.h"

#include <QCoreApplication>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace qimapd {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("qimapd", text); // the context lupdate gives tr() here
}
} // namespace

bool privilegesExist(const QString &user, const QString &group, QString *error)
{
    if (!user.isEmpty() && !getpwnam(user.toLocal8Bit().constData())) {
        *error = tr("no such user %1").arg(user);
        return false;
    }
    if (!group.isEmpty() && !getgrnam(group.toLocal8Bit().constData())) {
        *error = tr("no such group %1").arg(group);
        return false;
    }
    return true;
}

bool dropPrivileges(const QString &user, const QString &group, QString *error)
{
    if (user.isEmpty() && group.isEmpty())
        return true;
    gid_t gid = getgid();
    uid_t uid = getuid();
    const QByteArray userName = user.toLocal8Bit();
    if (!user.isEmpty()) {
        const passwd *pw = getpwnam(userName.constData());
        if (!pw) {
            *error = tr("no such user %1").arg(user);
            return false;
        }
        uid = pw->pw_uid;
        gid = pw->pw_gid;
    }
    if (!group.isEmpty()) {
        const struct group *gr = getgrnam(group.toLocal8Bit().constData());
        if (!gr) {
            *error = tr("no such group %1").arg(group);
            return false;
        }
        gid = gr->gr_gid;
    }
    if (geteuid() != 0) {
        if (geteuid() == uid && getegid() == gid)
            return true;
        *error = tr("only root can switch to user %1 / group %2").arg(user, group);
        return false;
    }
    if (!user.isEmpty() ? initgroups(userName.constData(), gid) != 0 : setgroups(0, nullptr) != 0) {
        *error = tr("cannot set supplementary groups");
        return false;
    }
    if (setgid(gid) != 0 || setuid(uid) != 0) {
        *error = tr("cannot switch to uid %1 gid %2").arg(uid).arg(gid);
        return false;
    }
    // Checked, not assumed: real, effective and saved IDs all switched (setuid as root sets all
    // three), and the supplementary groups are the user's, not root's.
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0 || ruid != uid || euid != uid
        || suid != uid || rgid != gid || egid != gid || sgid != gid) {
        *error = tr("the switch to uid %1 gid %2 did not take effect").arg(uid).arg(gid);
        return false;
    }
    // Paranoia: root must not be recoverable.
    if (uid != 0 && setuid(0) == 0) {
        *error = tr("privileges could be regained after dropping them");
        return false;
    }
    return true;
}

} // namespace qimapd
