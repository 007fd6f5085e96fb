#include "core/threadpriority.h"

#include <cerrno>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#define FERRY_THREAD_NICE 1
#endif

namespace Ferry::ThreadPriority {

#ifdef FERRY_THREAD_NICE

namespace {

id_t currentThreadId()
{
    // gettid() arrived in glibc 2.30; the system call is older than that.
    return id_t(::syscall(SYS_gettid));
}

} // namespace

bool lowerCurrentThread(int increment)
{
    // On Linux, PRIO_PROCESS with a thread id names that one thread (see setpriority(2), BUGS).
    const int target = currentThreadNice() + increment;
    return ::setpriority(PRIO_PROCESS, currentThreadId(), target) == 0;
}

int currentThreadNice()
{
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, currentThreadId());
    return errno == 0 ? nice : 0;
}

#else

bool lowerCurrentThread([[maybe_unused]] int increment)
{
    return false;
}

int currentThreadNice()
{
    return 0;
}

#endif

} // namespace Ferry::ThreadPriority
