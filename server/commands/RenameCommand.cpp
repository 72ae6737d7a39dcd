#include "RenameCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"

namespace qimapd {

void RenameCommand::execute()
{
    QString from;
    QString to;
    if (!expectArgCount(2) || !takeMailbox(0, mailboxname::Use::Existing, &from)
        || !takeMailbox(1, mailboxname::Use::New, &to))
        return;
    if (mailboxname::isInbox(to)) {
        no("INBOX already exists", "ALREADYEXISTS");
        return;
    }
    const qint64 account = session().account();
    // RFC 3501 §6.3.5: renaming INBOX moves its messages to the new name and leaves INBOX,
    // empty, in place. Sessions that have INBOX open see those messages expunged.
    QList<quint32> inboxUids;
    qint64 inboxId = 0;
    if (mailboxname::isInbox(from)) {
        if (const StoreResult<MailboxInfo> inbox = store().mailbox(account, from)) {
            inboxId = inbox->id;
            if (const StoreResult<MailboxSnapshot> snapshot = store().snapshot(account, inboxId))
                inboxUids = QList<quint32>(snapshot->uids.cbegin(), snapshot->uids.cend());
        }
    }
    const StoreStatus status = store().renameMailbox(account, from, to);
    if (!status) {
        noFromStore(status);
        return;
    }
    if (inboxId != 0)
        server().mailboxes().applyExternalExpunge(account, inboxId, inboxUids);
    server().mailboxes().refreshNames(account);
    ok("RENAME completed");
}

} // namespace qimapd
