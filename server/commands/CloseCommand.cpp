#include "CloseCommand.h"
#include "ImapServer.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

namespace qimapd {

void CloseCommand::execute()
{
    if (!expectArgCount(0))
        return;
    MailboxView *view = session().selectedMailbox();
    const bool readOnly = view->isReadOnly();
    const qint64 mailbox = view->index().mailboxId();
    // Deselect first: this session is told nothing about the expunge (RFC 3501 §6.4.2, seed
    // bug 6), while other sessions on the mailbox are.
    session().deselect();
    if (!readOnly) {
        const StoreResult<QList<quint32>> expunged =
            server().mailboxes().expunge(session().account(), mailbox);
        if (!expunged) {
            noFromStore(expunged.status());
            return;
        }
    }
    ok("CLOSE completed");
}

} // namespace qimapd
