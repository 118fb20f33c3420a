// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/MemorySampler.h"

#include <algorithm>
#include <chrono>

#if defined(Q_OS_LINUX)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>
#endif

namespace cropdeck::bench {

namespace {

#if defined(Q_OS_LINUX)

constexpr auto kPeriod = std::chrono::milliseconds(5); // why 5 ms: see the header

constexpr size_t kMaxProcesses = 4096; // a bound on the walk, should pids be reused while it runs

// Plain system calls, buffers reused from sample to sample: the walk runs beside the engines being timed.
struct Scratch {
    std::string text;
    std::vector<int> pids;                    // this process, then its descendants
    size_t ownChildren = 0;                   // pids[1 .. ownChildren] are this process's own children
    std::vector<std::pair<int, int>> parents; // (pid, ppid), for kernels without the children files
};

// The whole of a /proc file; false when it cannot be read (the process has gone).
bool readProcFile(const char* path, std::string& text) {
    text.clear();
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char chunk[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, chunk, sizeof chunk)) > 0)
        text.append(chunk, size_t(n));
    ::close(fd);
    return n == 0;
}

// The numeric entries of a /proc folder (processes, or a process's threads), as numbers.
template <typename Visit> void forEachNumericEntry(const char* folder, Visit visit) {
    DIR* dir = ::opendir(folder);
    if (!dir)
        return;
    while (const dirent* entry = ::readdir(dir))
        if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9')
            visit(std::atoi(entry->d_name));
    ::closedir(dir);
}

void addPid(std::vector<int>& pids, int pid) {
    if (pid > 0 && pids.size() < kMaxProcesses && std::find(pids.begin(), pids.end(), pid) == pids.end())
        pids.push_back(pid);
}

// /proc/<pid>/task/<tid>/children lists the children each thread started (CONFIG_PROC_CHILDREN).
bool haveChildrenFiles() {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/task/%d/children", int(::getpid())); // the main thread
    return ::access(path, R_OK) == 0;
}

void addChildrenFromTasks(int pid, Scratch& s) {
    char folder[32];
    std::snprintf(folder, sizeof folder, "/proc/%d/task", pid);
    forEachNumericEntry(folder, [&](int tid) {
        char path[64];
        std::snprintf(path, sizeof path, "/proc/%d/task/%d/children", pid, tid);
        if (!readProcFile(path, s.text))
            return;
        for (const char* p = s.text.c_str(); *p;) {
            char* end = nullptr;
            const long child = std::strtol(p, &end, 10);
            if (end == p)
                break;
            addPid(s.pids, int(child));
            p = end;
        }
    });
}

// Field `n` (numbered as in proc_pid_stat(5), 3 or more) of a /proc/<pid>/stat line; 0 when missing.
// Fields are counted from the end of the name, which may hold spaces and parentheses itself.
long long statField(const std::string& stat, int n) {
    const size_t nameEnd = stat.rfind(')');
    if (nameEnd == std::string::npos)
        return 0;
    const char* p = stat.c_str() + nameEnd + 1;
    for (int field = 3; field < n && *p; ++field) {
        while (*p == ' ')
            ++p;
        while (*p && *p != ' ')
            ++p;
    }
    return std::strtoll(p, nullptr, 10);
}

// Without the children files: every process's parent, from the field after the name in /proc/*/stat.
void readAllParents(Scratch& s) {
    s.parents.clear();
    forEachNumericEntry("/proc", [&](int pid) {
        char path[32];
        std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
        if (readProcFile(path, s.text))
            s.parents.emplace_back(pid, int(statField(s.text, 4)));
    });
}

// This process first, then every descendant, parents before their children.
void collectTree(Scratch& s) {
    static const bool childrenFiles = haveChildrenFiles();
    s.pids.assign(1, int(::getpid()));
    if (!childrenFiles)
        readAllParents(s);
    for (size_t k = 0; k < s.pids.size(); ++k) {
        if (childrenFiles)
            addChildrenFromTasks(s.pids[k], s);
        else
            for (const auto& [pid, ppid] : s.parents)
                if (ppid == s.pids[k])
                    addPid(s.pids, pid);
        if (k == 0)
            s.ownChildren = s.pids.size() - 1;
    }
}

// A child of this process between fork and exec is a copy of it, whose RSS counts this process's pages a
// second time until exec drops them: its stat flags still hold PF_FORKNOEXEC. It is left out (0);
// CropDeck never forks a worker that does not exec. Children of children are counted as they are.
qint64 ownChildResidentBytes(int pid, std::string& text) {
    constexpr unsigned kForkedNotExeced = 0x40; // PF_FORKNOEXEC, include/linux/sched.h
    char path[32];
    std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (!readProcFile(path, text))
        return 0;
    const long long flags = statField(text, 9), resident = statField(text, 24); // rss in pages
    static const qint64 pageSize = ::sysconf(_SC_PAGESIZE);
    return (flags & kForkedNotExeced) ? 0 : qint64(resident) * pageSize;
}

qint64 residentBytes(int pid, std::string& text) {
    char path[32];
    std::snprintf(path, sizeof path, "/proc/%d/statm", pid);
    long size = 0, resident = 0; // pages
    if (!readProcFile(path, text) || std::sscanf(text.c_str(), "%ld %ld", &size, &resident) != 2)
        return 0;
    static const qint64 pageSize = ::sysconf(_SC_PAGESIZE);
    return qint64(resident) * pageSize;
}

struct TreeResidency {
    qint64 self = 0;
    qint64 total = 0;
};

TreeResidency sampleTree(Scratch& s) {
    collectTree(s);
    TreeResidency now;
    for (size_t k = 0; k < s.pids.size(); ++k) {
        const bool ownChild = k >= 1 && k <= s.ownChildren;
        const qint64 bytes =
            ownChild ? ownChildResidentBytes(s.pids[k], s.text) : residentBytes(s.pids[k], s.text);
        now.total += bytes;
        if (k == 0)
            now.self = bytes;
    }
    return now;
}

// Linux 4.0 and later: the high-water mark drops to the current RSS, so VmHWM becomes this pass's peak.
bool resetSelfHighWaterMark() {
    const int fd = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool done = ::write(fd, "5", 1) == 1;
    ::close(fd);
    return done;
}

qint64 selfHighWaterMark() {
    std::string text;
    if (!readProcFile("/proc/self/status", text))
        return 0;
    const size_t at = text.find("VmHWM:");
    return at == std::string::npos ? 0 : qint64(std::atoll(text.c_str() + at + 6)) * 1024; // in kB
}

long childrenMaxRssKiB() {
    rusage usage{};
    return ::getrusage(RUSAGE_CHILDREN, &usage) == 0 ? usage.ru_maxrss : 0;
}

#endif

} // namespace

qint64 processTreeResidentBytes() {
#if defined(Q_OS_LINUX)
    Scratch s;
    return sampleTree(s).total;
#else
    return 0;
#endif
}

MemorySampler::MemorySampler() {
#if defined(Q_OS_LINUX)
    Scratch s;
    const TreeResidency now = sampleTree(s);
    m_result.baselineBytes = now.total;
    m_sampledPeak = now.total;
    m_leastSelf = now.self;
    m_childrenMaxRssKiB = childrenMaxRssKiB();
    m_highWaterMarkReset = resetSelfHighWaterMark();
    if (now.total > 0)
        m_thread = std::thread([this] { sampleUntilStopped(); });
#endif
}

MemorySampler::~MemorySampler() {
    stop();
}

void MemorySampler::record(qint64 self, qint64 total) {
    if (total <= 0) // /proc unreadable this once: no figure rather than a wrong least
        return;
    m_sampledPeak = std::max(m_sampledPeak, total);
    m_leastSelf = std::min(m_leastSelf, self);
}

void MemorySampler::sampleUntilStopped() {
#if defined(Q_OS_LINUX)
    Scratch s;
    std::unique_lock lock(m_mutex);
    while (!m_stopRequested) {
        lock.unlock();
        const TreeResidency now = sampleTree(s);
        record(now.self, now.total);
        lock.lock();
        m_wake.wait_for(lock, kPeriod, [this] { return m_stopRequested; });
    }
#endif
}

MemoryPeak MemorySampler::stop() {
    if (m_stopped)
        return m_result;
    m_stopped = true;
    if (!m_thread.joinable())
        return m_result; // nothing sampled: unknown
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }
    m_wake.notify_one();
    m_thread.join(); // after this the sampling thread's figures are ours to read
#if defined(Q_OS_LINUX)
    Scratch s;
    const TreeResidency now = sampleTree(s);
    record(now.self, now.total);
    qint64 peak = m_sampledPeak;
    const qint64 selfPeak = selfHighWaterMark(); // this pass's when reset, else the lifetime's
    if (m_highWaterMarkReset)
        peak = std::max(peak, selfPeak);
    // A child's ru_maxrss includes the copy of this process it was between fork and exec: only a
    // figure above this process's own high-water mark can be the child's own.
    const qint64 children = qint64(childrenMaxRssKiB()) * 1024;
    if (children > qint64(m_childrenMaxRssKiB) * 1024 && children > selfPeak)
        peak = std::max(peak, m_leastSelf + children);
    m_result.peakBytes = peak;
#endif
    return m_result;
}

} // namespace cropdeck::bench
