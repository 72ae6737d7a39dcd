#include "StatusCommand.h"
#include "ImapWire.h"
#include "MailStore.h"
#include "Session.h"

namespace qimapd {

void StatusCommand::execute()
{
    QString name;
    if (!expectArgCount(2) || !takeMailbox(0, mailboxname::Use::Existing, &name))
        return;
    const ImapArg &items = args().at(1);
    if (!items.isList() || items.children.isEmpty()) {
        bad("STATUS needs a list of status items");
        return;
    }
    // status-att = "MESSAGES" / "RECENT" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN" (RFC 3501 §9)
    for (const ImapArg &item : items.children) {
        if (!(item.atomIs("MESSAGES") || item.atomIs("RECENT") || item.atomIs("UIDNEXT")
              || item.atomIs("UIDVALIDITY") || item.atomIs("UNSEEN"))) {
            bad("Unknown status item " + item.value.left(64));
            return;
        }
    }
    const StoreResult<MailboxInfo> mailbox = store().mailbox(session().account(), name);
    if (!mailbox) {
        noFromStore(mailbox.status());
        return;
    }
    if (mailbox->noSelect) {
        no("Mailbox cannot hold messages", "NONEXISTENT");
        return;
    }
    // Counts come from the store; the session's own view is left alone, so a pending EXISTS
    // for the selected mailbox still reaches the client after this command (seed bug 12).
    const StoreResult<MailboxStatus> status = store().status(session().account(), mailbox->id);
    if (!status) {
        noFromStore(status.status());
        return;
    }
    QByteArray values;
    for (const ImapArg &item : items.children) {
        const QByteArray key = item.value.toUpper();
        quint32 value = 0;
        if (key == "MESSAGES")
            value = status->messages;
        else if (key == "RECENT")
            value = status->recent;
        else if (key == "UIDNEXT")
            value = status->uidNext;
        else if (key == "UIDVALIDITY")
            value = status->uidValidity;
        else
            value = status->unseen;
        if (!values.isEmpty())
            values += ' ';
        values += key + ' ' + QByteArray::number(value);
    }
    untagged("STATUS " + wire::mailbox(mailbox->name) + " (" + values + ')');
    ok("STATUS completed");
}

} // namespace qimapd
