#include "IdCommand.h"
#include "ImapServer.h"
#include "ImapWire.h"
#include "Session.h"

namespace qimapd {

void IdCommand::execute()
{
    if (!expectArgCount(1))
        return;
    // id = "ID" SP id-params-list; id-params-list = "(" *(string SP nstring) ")" / nil
    // (RFC 2971 §4): at most 30 pairs, field names up to 30 octets, values up to 1024.
    const ImapArg &arg = args().first();
    QList<QPair<QByteArray, QByteArray>> clientId;
    if (!arg.isNil()) {
        if (!arg.isList() || arg.children.size() % 2 != 0) {
            bad("ID takes NIL or a list of field/value pairs");
            return;
        }
        if (arg.children.size() > 60) {
            bad("Too many ID fields");
            return;
        }
        for (qsizetype i = 0; i < arg.children.size(); i += 2) {
            const ImapArg &field = arg.children.at(i);
            const ImapArg &value = arg.children.at(i + 1);
            if (!field.isString() || field.value.size() > 30 || (!value.isString() && !value.isNil())
                || value.value.size() > 1024) {
                bad("Invalid ID field");
                return;
            }
            clientId.append({field.value, value.isNil() ? QByteArray() : value.value});
        }
    }
    session().setClientId(std::move(clientId));

    QByteArray reply = "ID (";
    const auto properties = server().idProperties();
    for (qsizetype i = 0; i < properties.size(); ++i) {
        if (i > 0)
            reply += ' ';
        reply += wire::string(properties.at(i).first) + ' ' + wire::nstring(properties.at(i).second);
    }
    reply += ')';
    untagged(reply);
    ok("ID completed");
}

} // namespace qimapd
