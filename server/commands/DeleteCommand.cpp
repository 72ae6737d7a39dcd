#include "DeleteCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

namespace qimapd {

void DeleteCommand::execute()
{
    QString name;
    if (!expectArgCount(1) || !takeMailbox(0, mailboxname::Use::Existing, &name))
        return;
    if (mailboxname::isInbox(name)) {
        no("INBOX cannot be deleted", "CANNOT");
        return;
    }
    // Deleting the mailbox this session has selected leaves nothing to look at.
    if (MailboxView *view = session().selectedMailbox(); view && view->index().name() == name)
        session().deselect();
    // Other sessions that have it open must not keep messages the store no longer has: they
    // see them expunged, as with RENAME INBOX (RFC 3501 §6.3.4 removes the messages even when
    // the name stays as \Noselect; §7.4.1).
    const StoreResult<MailboxInfo> mailbox = store().mailbox(session().account(), name);
    const std::shared_ptr<MailboxIndex> live = mailbox ? server().mailboxes().find(mailbox->id) : nullptr;
    const StoreStatus status = store().deleteMailbox(session().account(), name);
    if (!status) {
        noFromStore(status);
        return;
    }
    if (live && live->count() > 0) {
        const QList<quint32> gone(live->uids().cbegin(), live->uids().cend());
        server().mailboxes().applyExternalExpunge(session().account(), live->mailboxId(), gone);
    }
    ok("DELETE completed");
}

} // namespace qimapd
