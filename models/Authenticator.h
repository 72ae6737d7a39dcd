#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

#include <functional>
#include <memory>

namespace qimapd {

class SaslMechanism;

// The outcome of a password check. `user` is the canonical account name on success.
struct AuthResult
{
    bool ok = false;
    QString user;
    // Set when the check could not be made at all (database unavailable): the client is told
    // to try again later ([UNAVAILABLE]) instead of being told its password is wrong.
    bool unavailable = false;
};

// The authentication boundary: the seed's DefaultAuth. Password checks are asynchronous so an
// implementation can move the expensive hash off the event loop; `done` must be called exactly
// once, on the thread that called verifyPassword (the event loop), and never synchronously from
// inside verifyPassword.
class Authenticator
{
public:
    using Callback = std::function<void(const AuthResult &)>;

    virtual ~Authenticator();

    virtual void verifyPassword(const QString &user, const QByteArray &password, Callback done) = 0;

    // SASL mechanisms offered as AUTH=... (upper case). The default offers PLAIN.
    virtual QByteArrayList saslMechanisms() const;
    // A new exchange for `name` (upper case), or null when unsupported.
    virtual std::unique_ptr<SaslMechanism> createMechanism(const QByteArray &name) const;
};

} // namespace qimapd
