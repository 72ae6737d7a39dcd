#include "LoginCommandBase.h"
#include "Authenticator.h"
#include "ImapServer.h"
#include "Logging.h"
#include "MailStore.h"
#include "Session.h"

#include <QPointer>
#include <QTimer>

namespace qimapd {

bool LoginCommandBase::requirePrivacy()
{
    if (session().plaintextAuthAllowed())
        return true;
    // RFC 5530 PRIVACYREQUIRED: the client must use STARTTLS first.
    no("Plaintext authentication is disabled without TLS; use STARTTLS first", "PRIVACYREQUIRED");
    return false;
}

void LoginCommandBase::verifyAndLogin(const QString &user, const QByteArray &password)
{
    QPointer<LoginCommandBase> self(this);
    server().authenticator().verifyPassword(user, password, [self, user](const AuthResult &result) {
        if (!self) // the connection went away while the hash was computed
            return;
        LoginCommandBase &command = *self;
        command.server().setCurrentSession(&command.session());
        if (result.unavailable) {
            command.no("Authentication is temporarily unavailable", "UNAVAILABLE");
            return;
        }
        if (result.ok) {
            const StoreResult<qint64> account = command.store().openAccount(result.user);
            if (!account) {
                command.noFromStore(account.status());
                return;
            }
            command.session().setAuthenticated(result.user, *account);
            command.ok("Logged in", "CAPABILITY " + command.server().capability(command.session()));
            return;
        }
        const ServerConfig &config = command.server().config();
        const int failures = command.session().noteFailedLogin();
        qCInfo(lcAuth).noquote() << command.session().id() << "failed login for" << user << "from"
                                 << command.session().peerAddress().toString();
        // Doubling delay per failure on this connection, capped.
        qint64 delay = config.loginFailureDelayMs;
        for (int i = 1; i < failures && delay < config.maxLoginFailureDelayMs; ++i)
            delay *= 2;
        delay = qMin<qint64>(delay, config.maxLoginFailureDelayMs);
        QTimer::singleShot(int(delay), self, [self] {
            if (self)
                self->no("Authentication failed", "AUTHENTICATIONFAILED");
        });
    });
}

} // namespace qimapd
