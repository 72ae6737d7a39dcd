#include "CommandRegistry.h"

#include <algorithm>

namespace qimapd {

void CommandRegistry::add(CommandSpec spec)
{
    spec.name = spec.name.toUpper();
    const QByteArray key = spec.name;
    m_specs.insert(key, std::move(spec));
}

const CommandSpec *CommandRegistry::find(const QByteArray &upperName) const
{
    const auto it = m_specs.constFind(upperName);
    return it == m_specs.cend() ? nullptr : &it.value();
}

QByteArrayList CommandRegistry::names() const
{
    QByteArrayList names = m_specs.keys();
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace qimapd
