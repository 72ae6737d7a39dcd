#include "AddressRules.h"

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {
QHostAddress plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 && address.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(v4) : address;
}
} // namespace

AddressRules::AddressRules(QList<Subnet> allow, QList<Subnet> deny) : m_allow(std::move(allow)), m_deny(std::move(deny))
{
}

QString AddressRules::describe(const Subnet &subnet)
{
    return subnet.first.toString() + u'/' + QString::number(subnet.second);
}

QString AddressRules::refusal(const QHostAddress &peer) const
{
    const QHostAddress address = plain(peer);
    for (const Subnet &subnet : m_deny) {
        if (address.isInSubnet(subnet))
            return u"deny "_s + describe(subnet);
    }
    if (m_allow.isEmpty())
        return {};
    for (const Subnet &subnet : m_allow) {
        if (address.isInSubnet(subnet))
            return {};
    }
    return u"not in any allow rule"_s;
}

} // namespace qimapd
