#pragma once

#include <QList>
#include <QWidget>

namespace qimapd::gui {

// A small live line chart (commands per second over the last minutes), painted with QPainter:
// Qt Charts is not a dependency (issue 5). Keeps a bounded number of samples.
class RateChart : public QWidget
{
    Q_OBJECT
public:
    explicit RateChart(QWidget *parent = nullptr);

    void addSample(double value);
    const QList<double> &samples() const { return m_samples; }
    int capacity() const { return m_capacity; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_samples; // oldest first
    int m_capacity = 120;
};

} // namespace qimapd::gui
