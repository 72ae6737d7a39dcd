#include "TlsContext.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace qimapd {

namespace {
// The hint names the configured paths, so that following it gives this server what it looks for.
QString howToMake(const QString &certPath, const QString &keyPath)
{
    return QCoreApplication::translate("TlsContext",
        "make one with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
        "-days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 "
        "-keyout %1 -out %2").arg(keyPath, certPath);
}

bool readFile(const QString &path, const char *what, QByteArray *data, QString *error, const QString &hint)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("TlsContext", "cannot read TLS %1 %2: %3; %4")
                     .arg(QString::fromLatin1(what), path, file.errorString(), hint);
        return false;
    }
    *data = file.readAll();
    return true;
}
} // namespace

bool TlsContext::load(const QString &certPath, const QString &keyPath, QString *error)
{
    const QString hint = howToMake(certPath, keyPath);
    QByteArray certPem;
    QByteArray keyPem;
    if (!readFile(certPath, "certificate", &certPem, error, hint) || !readFile(keyPath, "key", &keyPem, error, hint))
        return false;

    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QCoreApplication::translate("TlsContext", "no PEM certificate in %1; %2")
                     .arg(certPath, hint);
        return false;
    }
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QCoreApplication::translate("TlsContext",
                     "no unencrypted PEM private key (RSA or EC) in %1; %2").arg(keyPath, hint);
        return false;
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    m_configuration = configuration;
    m_loaded = true;
    return true;
}

} // namespace qimapd
