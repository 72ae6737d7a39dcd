#include "ListingCommand.h"

namespace qimapd {

namespace {
// Matching costs name length x pattern length; nobody needs longer patterns than names.
constexpr qsizetype MaxPatternLength = 1024;
}

bool ListingCommand::takePattern(QString *pattern)
{
    if (!expectArgCount(2))
        return false;
    QByteArray reference;
    QByteArray mailbox;
    if (!takeAstring(0, &reference, "reference name") || !takeAstring(1, &mailbox, "mailbox pattern"))
        return false;
    const QByteArray combined = reference + mailbox;
    if (combined.size() > MaxPatternLength) {
        bad("Pattern too long");
        return false;
    }
    // The reference is a prefix in the same hierarchy: "Archive/" + "%" lists Archive's
    // children. Names are ASCII (modified UTF-7), so Latin-1 is exact.
    *pattern = QString::fromLatin1(combined);
    return true;
}

} // namespace qimapd
