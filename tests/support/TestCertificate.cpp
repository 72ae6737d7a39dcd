#include "TestCertificate.h"

#include <QDir>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace qimapd::test {

const TestCertificate &TestCertificate::instance()
{
    static const TestCertificate certificate;
    return certificate;
}

TestCertificate::TestCertificate()
{
    if (!generate(m_dir.path(), &m_error))
        return;
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath());
    if (chain.isEmpty())
        m_error = u"openssl wrote no readable certificate"_s;
    else
        m_certificate = chain.first();
}

QString TestCertificate::certPath() const
{
    return QDir(m_dir.path()).filePath(u"server-cert.pem"_s);
}

QString TestCertificate::keyPath() const
{
    return QDir(m_dir.path()).filePath(u"server-key.pem"_s);
}

bool TestCertificate::generate(const QString &directory, QString *error, int days)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, QString::number(days),
                                 u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                                 u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s, u"-keyout"_s,
                                 QDir(directory).filePath(u"server-key.pem"_s), u"-out"_s,
                                 QDir(directory).filePath(u"server-cert.pem"_s)});
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        *error = u"openssl failed: "_s + QString::fromLocal8Bit(openssl.readAll()) + openssl.errorString();
        return false;
    }
    return true;
}

} // namespace qimapd::test
