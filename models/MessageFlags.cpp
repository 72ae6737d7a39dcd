#include "MessageFlags.h"

#include <array>

namespace qimapd {

namespace {
struct NamedFlag
{
    const char *name;
    FlagMask bit;
};
constexpr std::array<NamedFlag, 5> systemFlags{{
    {"\\Seen", Flag::Seen},
    {"\\Answered", Flag::Answered},
    {"\\Flagged", Flag::Flagged},
    {"\\Deleted", Flag::Deleted},
    {"\\Draft", Flag::Draft},
}};
} // namespace

std::optional<FlagMask> systemFlagFromName(const QByteArray &name)
{
    for (const auto &flag : systemFlags) {
        if (name.compare(flag.name, Qt::CaseInsensitive) == 0)
            return flag.bit;
    }
    return std::nullopt;
}

QByteArray flagNames(FlagMask mask, const QList<QByteArray> &keywords)
{
    QByteArray out;
    for (const auto &flag : systemFlags) {
        if (mask & flag.bit) {
            if (!out.isEmpty())
                out += ' ';
            out += flag.name;
        }
    }
    for (int i = 0; i < keywords.size() && i < Flag::MaxKeywords; ++i) {
        if (mask & Flag::keywordBit(i)) {
            if (!out.isEmpty())
                out += ' ';
            out += keywords.at(i);
        }
    }
    return out;
}

} // namespace qimapd
