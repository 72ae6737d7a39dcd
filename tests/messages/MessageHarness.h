#pragma once

#include "ImapServer.h"
#include "ImapTestClient.h"
#include "MailStore.h"
#include "Session.h"
#include "SharedServerHarness.h"
#include "TestServer.h"

#include <QTest>

namespace qimapd::test {

// The message-command protocol tests (tests/messages): a PerStoreServerTest (one server per
// store, reused clients, fresh accounts for every row; tests/support/SharedServerHarness.h)
// with helpers that fill and select alice's INBOX. The test classes add the IMAP.
class MessageHarness : public PerStoreServerTest
{
protected:
    // APPEND that must succeed; the untagged responses it caused (EXISTS, RECENT when the
    // mailbox is selected) are dropped.
    bool appended(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &body,
                  const QByteArray &options = {})
    {
        const QByteArray tag = "ap" + QByteArray::number(++m_tag);
        const QByteArrayList reply = append(client, tag, mailbox, body, options);
        if (!reply.isEmpty() && reply.last().startsWith(QByteArray(tag + " OK [APPENDUID ")))
            return true;
        qWarning("APPEND %s %s -> %s", mailbox.constData(), options.constData(), reply.join(" | ").constData());
        return false;
    }

    // A small message of its own for each n.
    static QByteArray note(int n)
    {
        return "From: alice@example.org\r\nSubject: note " + QByteArray::number(n) + "\r\n\r\nBody "
            + QByteArray::number(n) + "\r\n";
    }

    // note(1) ... note(count).
    static QByteArrayList notes(int count)
    {
        QByteArrayList result;
        for (int n = 1; n <= count; ++n)
            result.append(note(n));
        return result;
    }

    // SELECT (or EXAMINE) that must succeed; the responses are dropped.
    bool selected(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &command = "SELECT")
    {
        return succeeds(client, command + ' ' + mailbox);
    }

    // alice's first client with `messages` appended to INBOX (in order, each with `options`)
    // and INBOX selected (or examined), so every message is \Recent in this session; null
    // when anything fails.
    ImapTestClient *inboxWith(const QByteArrayList &messages, const QByteArray &options = {},
                              const QByteArray &command = "SELECT")
    {
        ImapTestClient *client = alice(0);
        if (!client)
            return nullptr;
        for (const QByteArray &message : messages) {
            if (!appended(*client, "INBOX", message, options))
                return nullptr;
        }
        if (!selected(*client, "INBOX", command))
            return nullptr;
        return client;
    }

    // The same with notes(count).
    ImapTestClient *inboxWith(int count, const QByteArray &options = {}, const QByteArray &command = "SELECT")
    {
        return inboxWith(notes(count), options, command);
    }
};

} // namespace qimapd::test
