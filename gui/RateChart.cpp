#include "RateChart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace qimapd::gui {

RateChart::RateChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void RateChart::addSample(double value)
{
    m_samples.append(std::max(0.0, value));
    if (m_samples.size() > m_capacity)
        m_samples.remove(0, m_samples.size() - m_capacity);
    update();
}

QSize RateChart::sizeHint() const
{
    return {360, 120};
}

QSize RateChart::minimumSizeHint() const
{
    return {160, 80};
}

void RateChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));

    const QFontMetrics metrics = fontMetrics();
    const double peak = m_samples.isEmpty() ? 0.0 : *std::max_element(m_samples.cbegin(), m_samples.cend());
    // A round top of scale (1, 2, 5 × 10^n) so the axis label reads well.
    double top = 1.0;
    while (top < peak)
        top *= (QString::number(top).startsWith(u'2') ? 2.5 : 2.0);
    const QString topLabel = tr("%1/s").arg(top, 0, 'g', 3);
    const int labelWidth = metrics.horizontalAdvance(topLabel) + 6;
    const QRectF plot = QRectF(rect()).adjusted(labelWidth, metrics.height() / 2.0 + 2, -4, -metrics.height() / 2.0 - 2);

    painter.setPen(pal.color(QPalette::Mid));
    painter.drawRect(plot);
    painter.setPen(QPen(pal.color(QPalette::Midlight), 1, Qt::DotLine));
    painter.drawLine(QPointF(plot.left(), plot.center().y()), QPointF(plot.right(), plot.center().y()));
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(QRectF(0, plot.top() - metrics.height() / 2.0, labelWidth - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, topLabel);
    painter.drawText(QRectF(0, plot.bottom() - metrics.height() / 2.0, labelWidth - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));

    if (m_samples.size() < 2)
        return;
    const double step = plot.width() / (m_capacity - 1);
    const double x0 = plot.right() - step * double(m_samples.size() - 1);
    QPainterPath line;
    for (qsizetype i = 0; i < m_samples.size(); ++i) {
        const QPointF point(x0 + step * double(i), plot.bottom() - plot.height() * m_samples.at(i) / top);
        if (i == 0)
            line.moveTo(point);
        else
            line.lineTo(point);
    }
    QPainterPath area = line;
    area.lineTo(plot.right(), plot.bottom());
    area.lineTo(x0, plot.bottom());
    area.closeSubpath();
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlpha(60);
    painter.fillPath(area, fill);
    painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
    painter.drawPath(line);
}

} // namespace qimapd::gui
