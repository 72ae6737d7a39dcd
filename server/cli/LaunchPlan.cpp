#include "LaunchPlan.h"
#include "ConfigLoader.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace qimapd {

LaunchPlan planLaunch(const QStringList &arguments)
{
    ConfigLoader loader;
    ServerConfig config;
    LaunchPlan plan;
    if (loader.load(arguments, &config) != ConfigLoader::Outcome::Ok) {
        // --help, or an error to report: in the language asked for, if it was.
        plan.language = loader.value(u"lang"_s);
        return plan;
    }
    plan.language = config.language;
    const QStringList words = loader.positionalArguments();
    if (loader.isCheckConfig()) // checks and exits: no window (it runs under systemd)
        return plan;
    plan.gui = words.isEmpty() ? !config.noGui : words.first() == u"dashboard"_s;
    return plan;
}

bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    for (const char *variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        if (!qEnvironmentVariableIsEmpty(variable))
            return true;
    }
    return false;
#else
    return true;
#endif
}

QString noDisplayMessage()
{
    return QCoreApplication::translate("qimapd", "no display available; run with --no-gui for a headless server");
}

} // namespace qimapd
