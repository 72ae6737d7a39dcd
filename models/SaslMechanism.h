#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace qimapd {

// One step of a SASL exchange (RFC 4422), already base64-decoded by the protocol layer.
struct SaslStep
{
    enum Kind {
        Challenge,   // send `challenge` to the client and wait for its next response
        Credentials, // the exchange produced a user and password to verify
        Failed,      // the client's data is malformed
    };
    Kind kind = Failed;
    QByteArray challenge;
    QString user;
    QByteArray password;
    QString error;
};

// A stateful server-side SASL exchange. The protocol layer owns the base64 and the
// continuation requests; the mechanism only sees decoded bytes.
class SaslMechanism
{
public:
    virtual ~SaslMechanism();
    virtual QByteArray name() const = 0;
    // The client's next response; the first call carries the initial response (SASL-IR,
    // RFC 4959), or an empty array when there is none and the client was sent an empty
    // challenge.
    virtual SaslStep step(const QByteArray &response) = 0;
};

// PLAIN (RFC 4616): authzid NUL authcid NUL passwd. Proxy authorization is not offered, so a
// non-empty authzid must equal the authcid.
class SaslPlain : public SaslMechanism
{
public:
    QByteArray name() const override { return QByteArrayLiteral("PLAIN"); }
    SaslStep step(const QByteArray &response) override;
};

} // namespace qimapd
