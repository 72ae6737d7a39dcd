#pragma once

#include "LoginCommandBase.h"

#include <memory>

namespace qimapd {

class SaslMechanism;

// AUTHENTICATE (RFC 3501 §6.2.2) with an optional initial response (SASL-IR, RFC 4959).
class AuthenticateCommand : public LoginCommandBase
{
public:
    AuthenticateCommand();
    ~AuthenticateCommand() override;

protected:
    void execute() override;
    void lineReceived(const QByteArray &line) override;

private:
    void step(const QByteArray &response);

    std::unique_ptr<SaslMechanism> m_mechanism;
};

} // namespace qimapd
