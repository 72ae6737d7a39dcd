#pragma once

#include <QSslCertificate>
#include <QString>
#include <QTemporaryDir>

namespace qimapd::test {

// A self-signed certificate for localhost and 127.0.0.1, made once per test process with the
// openssl command-line tool (as a person would make one), in a temporary directory.
class TestCertificate
{
public:
    static const TestCertificate &instance();

    bool isValid() const { return !m_certificate.isNull(); }
    const QString &error() const { return m_error; }
    QString certPath() const;
    QString keyPath() const;
    const QSslCertificate &certificate() const { return m_certificate; }

    // Makes a certificate in `directory` (server-cert.pem, server-key.pem); false with `error`.
    static bool generate(const QString &directory, QString *error, int days = 30);

private:
    TestCertificate();

    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
    QString m_error;
};

} // namespace qimapd::test
