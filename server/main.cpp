#include "DashboardWindow.h"
#include "GuiLogging.h"
#include "cli/LaunchPlan.h"
#include "cli/ServerMain.h"
#include "cli/Translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // Decided before any application object exists: QApplication aborts without a display, and
    // --no-gui must not load any GUI at all (not even a platform plugin).
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const qimapd::LaunchPlan plan = qimapd::planLaunch(arguments);
    const bool display = qimapd::displayAvailable();

    std::unique_ptr<QCoreApplication> app;
    if (plan.gui && display)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"qimapd"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QIMAPD_VERSION));
    qSetMessagePattern(u"%{if-category}%{category}: %{endif}%{if-warning}warning: %{endif}%{if-critical}error: %{endif}%{message}"_s);
    qimapd::installTranslations(plan.language);

    if (plan.gui && !display) {
        std::fprintf(stderr, "qimapd: %s\n", qPrintable(qimapd::noDisplayMessage()));
        return qimapd::ExitUsage;
    }

    qimapd::Frontend frontend;
    if (plan.gui) {
        // The server's window stays up until the administrator says stop: the last window
        // closing must not end the server behind their back.
        QGuiApplication::setQuitOnLastWindowClosed(false);
        QGuiApplication::setWindowIcon(QIcon(u":/qimapd/icons/qimapd.png"_s));
        frontend.openDashboard = [](qimapd::Monitor *monitor, std::function<void()> stop) -> std::unique_ptr<QObject> {
            using qimapd::gui::DashboardWindow;
            auto window = std::make_unique<DashboardWindow>(monitor, stop ? DashboardWindow::Mode::InProcess
                                                                          : DashboardWindow::Mode::Attached);
            if (stop)
                QObject::connect(window.get(), &DashboardWindow::stopRequested, window.get(), stop);
            else
                QGuiApplication::setQuitOnLastWindowClosed(true);
            window->show();
            qCInfo(lcGui) << "dashboard open";
            return window;
        };
    }
    return qimapd::run(QCoreApplication::arguments(), frontend);
}
