#include "AuthenticateCommand.h"
#include "Authenticator.h"
#include "ImapServer.h"
#include "SaslMechanism.h"

namespace qimapd {

namespace {
constexpr qsizetype MaxStepsBytes = 16 * 1024;

std::optional<QByteArray> decodeBase64(const QByteArray &text)
{
    // "=" is an empty initial response (RFC 4959 §3).
    if (text == "=")
        return QByteArray();
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}
} // namespace

AuthenticateCommand::AuthenticateCommand() = default;
AuthenticateCommand::~AuthenticateCommand() = default;

void AuthenticateCommand::execute()
{
    if (!expectArgCount(1, 2))
        return;
    const ImapArg &mechanismArg = args().first();
    if (!mechanismArg.isAtom()) {
        bad("Expected an authentication mechanism");
        return;
    }
    const QByteArray mechanism = mechanismArg.value.toUpper();
    m_mechanism = server().authenticator().createMechanism(mechanism);
    if (!m_mechanism) {
        no("Unsupported authentication mechanism");
        return;
    }
    // PLAIN sends the password itself: not before TLS (RFC 3501 §6.2.3, §11.1).
    if (!requirePrivacy())
        return;
    if (args().size() == 2) {
        const ImapArg &initial = args().at(1);
        std::optional<QByteArray> response = initial.isAtom() ? decodeBase64(initial.value) : std::nullopt;
        if (!response) {
            bad("Invalid base64 in initial response");
            return;
        }
        step(*response);
        return;
    }
    // No initial response: an empty challenge asks for it.
    continuation("");
    requestLine();
}

void AuthenticateCommand::lineReceived(const QByteArray &line)
{
    // "*" cancels the exchange (RFC 3501 §6.2.2).
    if (line == "*") {
        bad("Authentication cancelled");
        return;
    }
    if (line.size() > MaxStepsBytes) {
        bad("Authentication response too long");
        return;
    }
    const std::optional<QByteArray> response = decodeBase64(line);
    if (!response) {
        bad("Invalid base64 in authentication response");
        return;
    }
    step(*response);
}

void AuthenticateCommand::step(const QByteArray &response)
{
    const SaslStep result = m_mechanism->step(response);
    switch (result.kind) {
    case SaslStep::Challenge:
        continuation(result.challenge.toBase64());
        requestLine();
        return;
    case SaslStep::Credentials:
        verifyAndLogin(result.user, result.password);
        return;
    case SaslStep::Failed:
        no(result.error.isEmpty() ? QByteArray("Authentication failed") : result.error.toUtf8(),
           "AUTHENTICATIONFAILED");
        return;
    }
}

} // namespace qimapd
