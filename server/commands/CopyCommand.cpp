#include "CopyCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "SequenceSet.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

namespace qimapd {

void CopyCommand::execute()
{
    QString name;
    if (!expectArgCount(2))
        return;
    const std::optional<MessageTargets> targets = takeMessages(0, m_byUid);
    if (!targets || !takeMailbox(1, mailboxname::Use::Existing, &name))
        return;
    MailboxView *view = session().selectedMailbox();
    const qint64 account = session().account();
    const StoreResult<MailboxInfo> destination = store().mailbox(account, name);
    if (!destination) {
        noForDestination(destination.status());
        return;
    }
    const QList<quint32> uids(targets->uids.cbegin(), targets->uids.cend());
    const StoreResult<CopyResult> copied =
        server().mailboxes().copy(account, view->index().mailboxId(), uids, destination->id, view);
    if (!copied) {
        noFromStore(copied.status());
        return;
    }
    const QByteArray done = m_byUid ? "UID COPY completed" : "COPY completed";
    // RFC 4315 §3: COPYUID names the copies; with nothing copied there is nothing to name and
    // empty sets are not allowed (seed bug 17).
    if (copied->sourceUids.isEmpty()) {
        ok(done);
        return;
    }
    ok(done, "COPYUID " + QByteArray::number(copied->uidValidity) + ' ' + SequenceSet::format(copied->sourceUids)
                 + ' ' + SequenceSet::format(copied->destinationUids));
}

} // namespace qimapd
