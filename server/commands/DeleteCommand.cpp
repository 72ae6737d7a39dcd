#include "DeleteCommand.h"
#include "MailStore.h"
#include "Session.h"
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
    const StoreStatus status = store().deleteMailbox(session().account(), name);
    if (!status) {
        noFromStore(status);
        return;
    }
    ok("DELETE completed");
}

} // namespace qimapd
