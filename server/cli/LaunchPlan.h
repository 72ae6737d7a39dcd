#pragma once

#include <QString>
#include <QStringList>

namespace qimapd {

// What the qimapd executable must create before anything else: QApplication aborts the
// process when there is no display (DESIGN.md, "Qt 6.4 facts"), so whether this run needs the
// GUI is decided from the options alone, before any application object exists. Options that
// do not parse, --help and --version need no GUI: the run that follows reports them.
struct LaunchPlan
{
    bool gui = false;   // the server without --no-gui, or `qimapd dashboard`
    QString language;   // --lang; empty: the system's
};

LaunchPlan planLaunch(const QStringList &arguments);

// Whether a window can be shown: on Linux, X11 or Wayland, or a platform chosen by hand
// (QT_QPA_PLATFORM=offscreen, vnc…). Elsewhere there is always a desktop.
bool displayAvailable();

// The one line printed (after "qimapd: ") when the GUI is wanted but there is no display.
QString noDisplayMessage();

} // namespace qimapd
