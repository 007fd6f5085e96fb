#include "threadeventloops.h"

#include <QByteArray>
#include <QtGlobal>

namespace Ferry::ThreadEventLoops {

void preferQtEventLoops()
{
    // Read by QThread when it creates a thread's event dispatcher (qthread_unix.cpp).
    if (!qEnvironmentVariableIsSet("QT_NO_THREADED_GLIB"))
        qputenv("QT_NO_THREADED_GLIB", QByteArray("1"));
}

} // namespace Ferry::ThreadEventLoops
