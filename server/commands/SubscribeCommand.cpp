#include "SubscribeCommand.h"
#include "MailStore.h"
#include "Session.h"

namespace qimapd {

void SubscribeCommand::execute()
{
    QString name;
    if (!expectArgCount(1) || !takeMailbox(0, mailboxname::Use::Existing, &name))
        return;
    const qint64 account = session().account();
    // RFC 3501 §6.3.6 lets a server refuse names that do not exist; subscribing to one that
    // was never there is almost always a typo, so only existing mailboxes can be subscribed.
    if (m_subscribe) {
        const StoreResult<MailboxInfo> mailbox = store().mailbox(account, name);
        if (!mailbox) {
            noFromStore(mailbox.status());
            return;
        }
    }
    const StoreStatus status = store().setSubscribed(account, name, m_subscribe);
    if (!status) {
        noFromStore(status);
        return;
    }
    ok(m_subscribe ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
}

} // namespace qimapd
