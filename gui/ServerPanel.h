#pragma once

#include "monitor/Monitor.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QTimer;

namespace qimapd::gui {

class RateChart;

// The server as a whole: listeners, the TLS certificate (with a warning when it expires within
// 14 days), uptime, totals and a live chart of commands per second.
class ServerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServerPanel(Monitor *monitor, QWidget *parent = nullptr);

    void refresh();

    // The warning for a certificate expiring at `expiry`, seen at `now`; empty when there is
    // none to give (more than 14 days left, or no certificate).
    static QString certificateWarning(const QDateTime &expiry, const QDateTime &now);
    static constexpr int CertificateWarningDays = 14;

    RateChart *chart() const { return m_chart; }

private:
    void sample();

    Monitor *m_monitor;
    QLabel *m_version;
    QLabel *m_listeners;
    QLabel *m_certificate;
    QLabel *m_expiry;
    QLabel *m_certificateWarning;
    QLabel *m_uptime;
    QLabel *m_totals;
    QLabel *m_rate;
    RateChart *m_chart;
    QTimer *m_sampler;
    quint64 m_lastCommands = 0;
    QDateTime m_lastSample;
};

} // namespace qimapd::gui
