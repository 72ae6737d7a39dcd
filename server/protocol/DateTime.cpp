#include "DateTime.h"

#include <array>

namespace qimapd {

namespace {
constexpr std::array<const char *, 12> Months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool digits(const QByteArray &text, qsizetype from, qsizetype count, int *value)
{
    if (from + count > text.size())
        return false;
    int result = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text.at(i);
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}
} // namespace

std::optional<QDateTime> parseImapDateTime(const QByteArray &input)
{
    // date-day-fixed = (SP DIGIT) / 2DIGIT; some clients send a single digit, accept it too.
    QByteArray text = input;
    if (text.size() == 25 && (text.at(1) == '-'))
        text.prepend(' ');
    if (text.size() != 26 || text.at(2) != '-' || text.at(6) != '-' || text.at(11) != ' '
        || text.at(14) != ':' || text.at(17) != ':' || text.at(20) != ' ')
        return std::nullopt;
    int day = 0;
    if (text.at(0) == ' ') {
        if (!digits(text, 1, 1, &day))
            return std::nullopt;
    } else if (!digits(text, 0, 2, &day)) {
        return std::nullopt;
    }
    int month = 0;
    const QByteArray monthName = text.mid(3, 3);
    for (int i = 0; i < 12; ++i) {
        if (monthName.compare(Months[i], Qt::CaseInsensitive) == 0)
            month = i + 1;
    }
    int year = 0, hour = 0, minute = 0, second = 0, zoneHours = 0, zoneMinutes = 0;
    if (month == 0 || !digits(text, 7, 4, &year) || !digits(text, 12, 2, &hour)
        || !digits(text, 15, 2, &minute) || !digits(text, 18, 2, &second)
        || !digits(text, 22, 2, &zoneHours) || !digits(text, 24, 2, &zoneMinutes))
        return std::nullopt;
    const char sign = text.at(21);
    if ((sign != '+' && sign != '-') || hour > 23 || minute > 59 || second > 60 || zoneMinutes > 59)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    const int offset = (sign == '-' ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60);
    // A leap second is stored as :59.
    const QDateTime result(date, QTime(hour, minute, qMin(second, 59)), Qt::OffsetFromUTC, offset);
    if (!result.isValid())
        return std::nullopt;
    return result;
}

QByteArray formatImapDateTime(const QDateTime &dateTime)
{
    const QDate date = dateTime.date();
    const QTime time = dateTime.time();
    const int offset = dateTime.offsetFromUtc();
    const int absOffset = offset < 0 ? -offset : offset;
    QByteArray out;
    out += QByteArray::number(date.day()).rightJustified(2, ' ');
    out += '-';
    out += Months[date.month() - 1];
    out += '-';
    out += QByteArray::number(date.year()).rightJustified(4, '0');
    out += ' ';
    out += QByteArray::number(time.hour()).rightJustified(2, '0') + ':'
        + QByteArray::number(time.minute()).rightJustified(2, '0') + ':'
        + QByteArray::number(time.second()).rightJustified(2, '0');
    out += offset < 0 ? " -" : " +";
    out += QByteArray::number(absOffset / 3600).rightJustified(2, '0')
        + QByteArray::number((absOffset % 3600) / 60).rightJustified(2, '0');
    return out;
}

} // namespace qimapd
