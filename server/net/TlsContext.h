#pragma once

#include <QSslConfiguration>
#include <QString>

namespace qimapd {

// The server's certificate and key, loaded once (and again on reload) and shared by every
// TLS session.
class TlsContext
{
public:
    // Loads a PEM certificate chain and its private key (RSA or EC). On failure `error` names
    // the path and says how to make a certificate.
    bool load(const QString &certPath, const QString &keyPath, QString *error);

    bool isLoaded() const { return m_loaded; }
    const QSslConfiguration &configuration() const { return m_configuration; }
    QSslCertificate certificate() const { return m_configuration.localCertificate(); }

private:
    QSslConfiguration m_configuration;
    bool m_loaded = false;
};

} // namespace qimapd
