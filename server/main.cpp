#include "cli/ServerMain.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"qimapd"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QIMAPD_VERSION));
    qSetMessagePattern(u"%{if-category}%{category}: %{endif}%{if-warning}warning: %{endif}%{if-critical}error: %{endif}%{message}"_s);

    return qimapd::run(QCoreApplication::arguments());
}
