#include "ExpungeCommand.h"
#include "ImapServer.h"
#include "SequenceSet.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

namespace qimapd {

void ExpungeCommand::execute()
{
    if (!expectArgCount(m_byUid ? 1 : 0))
        return;
    MailboxView *view = session().selectedMailbox();
    QList<quint32> only;
    if (m_byUid) {
        const std::optional<MessageTargets> targets = takeMessages(0, true);
        if (!targets)
            return;
        only = QList<quint32>(targets->uids.cbegin(), targets->uids.cend());
    }
    if (view->isReadOnly()) {
        no("The mailbox is read-only", "READ-ONLY");
        return;
    }
    if (m_byUid && only.isEmpty()) {
        ok("UID EXPUNGE completed");
        return;
    }
    const StoreResult<QList<quint32>> expunged = server().mailboxes().expunge(
        session().account(), view->index().mailboxId(), m_byUid ? &only : nullptr);
    if (!expunged) {
        noFromStore(expunged.status());
        return;
    }
    ok(m_byUid ? "UID EXPUNGE completed" : "EXPUNGE completed");
}

} // namespace qimapd
