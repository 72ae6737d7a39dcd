#include "LoginCommand.h"

namespace qimapd {

void LoginCommand::execute()
{
    QByteArray user;
    QByteArray password;
    if (!expectArgCount(2) || !takeAstring(0, &user, "user name") || !takeAstring(1, &password, "password"))
        return;
    if (!requirePrivacy())
        return;
    verifyAndLogin(QString::fromUtf8(user), password);
}

} // namespace qimapd
