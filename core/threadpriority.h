#pragma once

namespace Ferry::ThreadPriority {

// How much nicer than the GUI thread the desktop application runs its engine thread. The engine,
// Qt's HTTP thread and the file-writing pool (whose threads the engine thread starts, so they
// inherit it) then give way when the GUI thread wants a core, and still get every cycle it leaves.
constexpr int EngineNiceIncrement = 10;

// Raises the Linux nice value of the calling thread, not of its whole process, by `increment`;
// threads it starts afterwards inherit the value. QThread::setPriority cannot do this: under the
// default SCHED_OTHER policy it has no effect. Returns false where threads have no nice value of
// their own (other systems) or the kernel refused.
bool lowerCurrentThread(int increment);

// The calling thread's nice value (0 where there is none), for tests and benchmarks.
int currentThreadNice();

} // namespace Ferry::ThreadPriority
