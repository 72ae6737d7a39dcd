#include "ServerPanel.h"
#include "RateChart.h"
#include "SessionTableModel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qimapd::gui {

ServerPanel::ServerPanel(Monitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_version(new QLabel(this))
    , m_listeners(new QLabel(this))
    , m_certificate(new QLabel(this))
    , m_expiry(new QLabel(this))
    , m_certificateWarning(new QLabel(this))
    , m_uptime(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_chart(new RateChart(this))
    , m_sampler(new QTimer(this))
{
    m_listeners->setObjectName(u"listeners"_s);
    m_certificate->setObjectName(u"certificateSubject"_s);
    m_expiry->setObjectName(u"certificateExpiry"_s);
    m_certificateWarning->setObjectName(u"certificateWarning"_s);
    m_uptime->setObjectName(u"uptime"_s);
    m_totals->setObjectName(u"totals"_s);
    m_chart->setObjectName(u"commandRateChart"_s);
    m_certificateWarning->setStyleSheet(u"QLabel { color: white; background: #b22222; padding: 4px; font-weight: bold; }"_s);
    m_certificateWarning->setWordWrap(true);
    m_certificateWarning->hide();
    for (QLabel *label : {m_version, m_listeners, m_certificate, m_expiry, m_uptime, m_totals, m_rate})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *serverBox = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(serverBox);
    serverForm->addRow(tr("Version:"), m_version);
    serverForm->addRow(tr("Listening on:"), m_listeners);
    serverForm->addRow(tr("Uptime:"), m_uptime);
    serverForm->addRow(tr("Totals:"), m_totals);

    auto *tlsBox = new QGroupBox(tr("TLS certificate"), this);
    auto *tlsForm = new QFormLayout(tlsBox);
    tlsForm->addRow(tr("Subject:"), m_certificate);
    tlsForm->addRow(tr("Expires:"), m_expiry);
    tlsForm->addRow(m_certificateWarning);

    auto *chartBox = new QGroupBox(tr("Commands per second"), this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->addWidget(m_rate);
    chartLayout->addWidget(m_chart, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(serverBox);
    layout->addWidget(tlsBox);
    layout->addWidget(chartBox, 1);

    // The rate is sampled once a second from the monitor's running total: the chart costs
    // the server nothing, however busy it is.
    m_sampler->setInterval(1000);
    connect(m_sampler, &QTimer::timeout, this, &ServerPanel::sample);
    m_sampler->start();
    refresh();
}

QString ServerPanel::certificateWarning(const QDateTime &expiry, const QDateTime &now)
{
    if (!expiry.isValid())
        return {};
    const qint64 secondsLeft = now.secsTo(expiry);
    if (secondsLeft <= 0)
        return tr("The TLS certificate has expired: clients will refuse to connect.");
    if (secondsLeft < qint64(CertificateWarningDays) * 86400)
        return tr("The TLS certificate expires in %n day(s): renew it and send the server SIGHUP.", nullptr,
                  int(secondsLeft / 86400));
    return {};
}

void ServerPanel::refresh()
{
    const ServerSnapshot s = m_monitor->server();
    m_version->setText(tr("qimapd %1, process %2, data in %3").arg(s.version).arg(s.pid).arg(s.dataDir));
    QStringList listeners;
    for (const ListenerSnapshot &l : s.listeners) {
        const QString host = l.address.contains(u':') ? u'[' + l.address + u']' : l.address;
        listeners.append(l.implicitTls ? tr("%1:%2 (implicit TLS)").arg(host).arg(l.port)
                                       : tr("%1:%2 (STARTTLS)").arg(host).arg(l.port));
    }
    m_listeners->setText(listeners.isEmpty() ? tr("none") : listeners.join(u'\n'));
    m_certificate->setText(s.certificateSubject.isEmpty() ? tr("none") : s.certificateSubject);
    m_expiry->setText(s.certificateExpiry.isValid() ? QLocale().toString(s.certificateExpiry.toLocalTime(), QLocale::LongFormat)
                                                    : tr("unknown"));
    const QString warning = certificateWarning(s.certificateExpiry, QDateTime::currentDateTimeUtc());
    m_certificateWarning->setText(warning);
    m_certificateWarning->setVisible(!warning.isEmpty());
    m_uptime->setText(s.startedAt.isValid()
                          ? SessionTableModel::formatDuration(s.startedAt.msecsTo(QDateTime::currentDateTimeUtc()))
                          : tr("unknown"));
    m_totals->setText(tr("%1 connections, %2 commands, %3 failed logins")
                          .arg(s.totalConnections)
                          .arg(s.totalCommands)
                          .arg(s.failedLogins));
}

void ServerPanel::sample()
{
    const ServerSnapshot s = m_monitor->server();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_lastSample.isValid() && s.totalCommands >= m_lastCommands) {
        const double seconds = std::max<qint64>(1, m_lastSample.msecsTo(now)) / 1000.0;
        const double rate = double(s.totalCommands - m_lastCommands) / seconds;
        m_chart->addSample(rate);
        m_rate->setText(tr("%1 commands/s now").arg(rate, 0, 'f', 1));
    }
    m_lastCommands = s.totalCommands;
    m_lastSample = now;
    // Uptime moves even when nothing else does.
    if (s.startedAt.isValid())
        m_uptime->setText(SessionTableModel::formatDuration(s.startedAt.msecsTo(now)));
}

} // namespace qimapd::gui
