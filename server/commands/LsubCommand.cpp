#include "LsubCommand.h"
#include "ImapWire.h"
#include "MailStore.h"
#include "Session.h"

#include <QMap>

namespace qimapd {

void LsubCommand::execute()
{
    QString pattern;
    if (!takePattern(&pattern))
        return;
    const qint64 account = session().account();
    const StoreResult<QStringList> subscribed = store().subscriptions(account);
    if (!subscribed) {
        noFromStore(subscribed.status());
        return;
    }
    const StoreResult<QList<MailboxInfo>> mailboxes = store().mailboxes(account);
    if (!mailboxes) {
        noFromStore(mailboxes.status());
        return;
    }
    QMap<QString, bool> existing; // name -> \Noselect
    for (const MailboxInfo &mailbox : *mailboxes)
        existing.insert(mailbox.name, mailbox.noSelect);

    QMap<QString, QByteArray> results; // name -> attributes, sorted
    for (const QString &name : *subscribed) {
        if (mailboxname::matches(name, pattern)) {
            results.insert(name, existing.value(name, false) ? "\\Noselect" : "");
            continue;
        }
        for (QString parent = mailboxname::parent(name); !parent.isEmpty(); parent = mailboxname::parent(parent)) {
            if (mailboxname::matches(parent, pattern) && !subscribed->contains(parent)) {
                results.insert(parent, "\\Noselect");
                break;
            }
        }
    }
    for (auto it = results.cbegin(); it != results.cend(); ++it)
        untagged("LSUB (" + it.value() + ") \"/\" " + wire::mailbox(it.key()));
    ok("LSUB completed");
}

} // namespace qimapd
