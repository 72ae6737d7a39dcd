#include "FlagList.h"
#include "ImapWire.h"

namespace qimapd {

namespace {
bool addFlag(const ImapArg &arg, FlagRequest *flags, QByteArray *error)
{
    if (!arg.isAtom()) {
        *error = "Flags must be atoms";
        return false;
    }
    const QByteArray &name = arg.value;
    if (name.startsWith('\\')) {
        if (name.compare("\\Recent", Qt::CaseInsensitive) == 0) {
            *error = "\\Recent cannot be set by a client";
            return false;
        }
        const std::optional<FlagMask> bit = systemFlagFromName(name);
        if (!bit) {
            *error = "Unknown system flag " + name.left(64);
            return false;
        }
        flags->system |= *bit;
        return true;
    }
    // keyword = atom (RFC 3501 §9)
    if (!wire::isAtom(name)) {
        *error = "Invalid keyword " + name.left(64);
        return false;
    }
    for (const QByteArray &existing : std::as_const(flags->keywords)) {
        if (existing.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    flags->keywords.append(name);
    return true;
}
} // namespace

bool parseFlagList(const ImapArg &arg, FlagRequest *flags, QByteArray *error)
{
    *flags = {};
    if (!arg.isList())
        return addFlag(arg, flags, error);
    for (const ImapArg &child : arg.children) {
        if (!addFlag(child, flags, error))
            return false;
    }
    return true;
}

} // namespace qimapd
