#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace qimapd {

// The seed's client address rules (Net::Server's cidr_allow / cidr_deny), decided when a
// connection is accepted. Precedence: a deny rule always wins; if any allow rule is set, only
// addresses matching one are served; with no rules everyone is. IPv4 clients that reach an
// IPv6 socket (::ffff:192.0.2.1) match IPv4 rules.
class AddressRules
{
public:
    using Subnet = QPair<QHostAddress, int>;

    AddressRules() = default;
    AddressRules(QList<Subnet> allow, QList<Subnet> deny);

    bool isEmpty() const { return m_allow.isEmpty() && m_deny.isEmpty(); }
    // Why `peer` is refused ("deny 10.0.0.0/8", "not in any allow rule"), or empty if served.
    QString refusal(const QHostAddress &peer) const;

    static QString describe(const Subnet &subnet);

private:
    QList<Subnet> m_allow;
    QList<Subnet> m_deny;
};

} // namespace qimapd
