#include "Authenticator.h"
#include "SaslMechanism.h"

namespace qimapd {

Authenticator::~Authenticator() = default;

QByteArrayList Authenticator::saslMechanisms() const
{
    return {QByteArrayLiteral("PLAIN")};
}

std::unique_ptr<SaslMechanism> Authenticator::createMechanism(const QByteArray &name) const
{
    if (name == "PLAIN")
        return std::make_unique<SaslPlain>();
    return nullptr;
}

} // namespace qimapd
