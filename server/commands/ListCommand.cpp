#include "ListCommand.h"
#include "ImapWire.h"
#include "MailStore.h"
#include "Session.h"

#include <QSet>

namespace qimapd {

void ListCommand::execute()
{
    QString pattern;
    if (!takePattern(&pattern))
        return;
    // The empty pattern asks for the separator and the root (RFC 3501 §6.3.8).
    if (args().at(1).value.isEmpty()) {
        untagged("LIST (\\Noselect) \"/\" \"\"");
        ok("LIST completed");
        return;
    }
    const StoreResult<QList<MailboxInfo>> mailboxes = store().mailboxes(session().account());
    if (!mailboxes) {
        noFromStore(mailboxes.status());
        return;
    }
    QSet<QString> parents;
    for (const MailboxInfo &mailbox : *mailboxes)
        parents.insert(mailboxname::parent(mailbox.name));
    for (const MailboxInfo &mailbox : *mailboxes) {
        if (!mailboxname::matches(mailbox.name, pattern))
            continue;
        QByteArray attributes = mailbox.noSelect ? "\\Noselect " : "";
        attributes += parents.contains(mailbox.name) ? "\\HasChildren" : "\\HasNoChildren";
        untagged("LIST (" + attributes + ") \"/\" " + wire::mailbox(mailbox.name));
    }
    ok("LIST completed");
}

} // namespace qimapd
