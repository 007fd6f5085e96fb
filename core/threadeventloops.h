#pragma once

namespace Ferry::ThreadEventLoops {

// Makes the QThreads started from now on (the engine thread, Qt's HTTP and proxy threads) run
// Qt's own event loop instead of GLib's; the main thread keeps GLib's, which desktop
// integrations (GTK dialogs, input methods) may need. GLib's loop writes its wake-up eventfd
// once for every event posted to a thread, even from the thread itself; Qt's writes it once
// until the thread wakes up. With thousands of small files that was about 26 write() calls per
// file on the engine thread (strace, 1,000 × 32 KiB), against 5 with Qt's loop.
//
// It sets QT_NO_THREADED_GLIB unless the environment already has it. Call it at the top of
// main(), before any thread starts: the environment is not safe to change while other threads
// read it.
void preferQtEventLoops();

} // namespace Ferry::ThreadEventLoops
