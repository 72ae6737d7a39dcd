#include "SaslMechanism.h"

namespace qimapd {

SaslMechanism::~SaslMechanism() = default;

SaslStep SaslPlain::step(const QByteArray &response)
{
    // message = [authzid] UTF8NUL authcid UTF8NUL passwd (RFC 4616 §2); authcid and passwd
    // are 1 to 255 octets.
    SaslStep result;
    const QList<QByteArray> parts = response.split('\0');
    if (parts.size() != 3) {
        result.error = QStringLiteral("Malformed PLAIN response");
        return result;
    }
    const QByteArray &authzid = parts.at(0);
    const QByteArray &authcid = parts.at(1);
    const QByteArray &password = parts.at(2);
    if (authcid.isEmpty() || authcid.size() > 255 || password.isEmpty() || password.size() > 255) {
        result.error = QStringLiteral("Malformed PLAIN response");
        return result;
    }
    // No proxy authorization: acting as another user is refused.
    if (!authzid.isEmpty() && authzid != authcid) {
        result.error = QStringLiteral("Authorization identity must be empty or equal the user");
        return result;
    }
    result.kind = SaslStep::Credentials;
    result.user = QString::fromUtf8(authcid);
    result.password = password;
    return result;
}

} // namespace qimapd
