#include "consolereporter.h"

#include "core/bytesize.h"

#include <QDateTime>
#include <QDir>

#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qint64 PipeProgressEveryMs = 5000;
constexpr qint64 TerminalProgressEveryMs = 200;

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return u"--:--"_s;
    const qint64 hours = seconds / 3600;
    const qint64 minutes = seconds / 60 % 60;
    const QString mmss =
        u"%1:%2"_s.arg(minutes, 2, 10, QChar(u'0')).arg(seconds % 60, 2, 10, QChar(u'0'));
    return hours > 0 ? u"%1:%2"_s.arg(hours).arg(mmss) : mmss;
}

QString urlForDisplay(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace

ConsoleReporter::ConsoleReporter(std::FILE *stream, bool quiet, QObject *parent)
    : QObject(parent)
    , m_stream(stream)
    , m_quiet(quiet)
    , m_terminal(::isatty(::fileno(stream)) == 1)
{
    m_started.start();
    m_lastProgress.start();
}

void ConsoleReporter::handleTransfersChanged(const QList<TransferSnapshot> &changed,
                                             const TransferTotals &totals)
{
    m_totals = totals;
    for (const TransferSnapshot &snapshot : changed) {
        switch (snapshot.state) {
        case TransferState::Completed:
            if (m_reported.contains(snapshot.id))
                break;
            m_reported.insert(snapshot.id);
            if (snapshot.skipped) {
                ++m_skipped;
                printLine(tr("[skip] %1 is already complete")
                              .arg(QDir::toNativeSeparators(snapshot.filePath)));
            } else {
                printLine(tr("[done] %1 (%2)")
                              .arg(QDir::toNativeSeparators(snapshot.filePath),
                                   ByteSize::format(snapshot.bytesDone)));
            }
            break;
        case TransferState::Failed:
        case TransferState::Cancelled:
            if (m_reported.contains(snapshot.id))
                break;
            m_reported.insert(snapshot.id);
            m_failures.append({urlForDisplay(snapshot.url), snapshot.error.message()});
            printLine(
                tr("[fail] %1: %2").arg(urlForDisplay(snapshot.url), snapshot.error.message()));
            break;
        case TransferState::Waiting:
            if (m_retriesReported.value(snapshot.id) == snapshot.attempts)
                break;
            m_retriesReported.insert(snapshot.id, snapshot.attempts);
            printLine(
                tr("[retry] %1: %2; attempt %3 in %4 s")
                    .arg(urlForDisplay(snapshot.url), snapshot.error.message())
                    .arg(snapshot.attempts + 1)
                    .arg(qMax<qint64>(
                        0,
                        (snapshot.retryAtMs - QDateTime::currentMSecsSinceEpoch() + 999) / 1000)));
            break;
        case TransferState::Active:
            m_retriesReported.remove(snapshot.id);
            break;
        case TransferState::Queued:
            if (snapshot.hostWaitUntilMs > 0) {
                // One line per cool-down of a host, however many of its files wait.
                const QString host = snapshot.url.host();
                if (m_hostWaits.value(host) == snapshot.hostWaitUntilMs)
                    break;
                m_hostWaits.insert(host, snapshot.hostWaitUntilMs);
                printLine(tr("[wait] %1 keeps failing; no new downloads from it for %2 s")
                              .arg(host)
                              .arg(qMax<qint64>(0,
                                                (snapshot.hostWaitUntilMs
                                                 - QDateTime::currentMSecsSinceEpoch() + 999)
                                                    / 1000)));
            }
            break;
        default:
            break;
        }
    }
    const qint64 every = m_terminal ? TerminalProgressEveryMs : PipeProgressEveryMs;
    if (m_lastProgress.elapsed() >= every) {
        m_lastProgress.restart();
        printProgress();
    }
}

void ConsoleReporter::noteRejectedLines(qint64 count)
{
    m_rejectedLines += count;
}

QString ConsoleReporter::progressText() const
{
    const TransferTotals &t = m_totals;
    const int finished = t.completed + t.failed + t.cancelled;
    QString text =
        tr("[%1/%2 files] %3").arg(finished).arg(t.count()).arg(ByteSize::format(t.bytesDone));
    // Sizes of files not started yet are unknown: a percentage would only mislead until then.
    if (t.bytesTotal > 0 && t.queued == 0 && t.waiting == 0) {
        text += tr(" of %1 (%2%)")
                    .arg(ByteSize::format(t.bytesTotal))
                    .arg(t.bytesDone * 100 / t.bytesTotal);
    }
    text += tr(", %1/s").arg(ByteSize::format(t.speed));
    if (t.speed > 0 && t.bytesTotal > t.bytesDone && t.queued == 0 && t.waiting == 0)
        text += tr(", %1 left").arg(formatDuration((t.bytesTotal - t.bytesDone) / t.speed));
    text += tr(", %1 active, %2 queued").arg(t.active).arg(t.queued + t.waiting);
    if (t.failed > 0)
        text += tr(", %n failed", nullptr, t.failed);
    return text;
}

void ConsoleReporter::printProgress()
{
    if (m_quiet)
        return;
    if (m_terminal) {
        // A wrapped line cannot be redrawn in place: keep it within the terminal's width.
        QString text = progressText();
        winsize size{};
        if (::ioctl(::fileno(m_stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 1
            && text.size() >= size.ws_col) {
            text = text.left(size.ws_col - 2) + u'…';
        }
        write(u"\r\x1b[K"_s + text);
        m_progressShown = true;
    } else {
        write(progressText() + u'\n');
    }
}

void ConsoleReporter::clearProgress()
{
    if (m_progressShown) {
        write(u"\r\x1b[K"_s);
        m_progressShown = false;
    }
}

void ConsoleReporter::printLine(const QString &text)
{
    if (m_quiet)
        return;
    clearProgress();
    write(text + u'\n');
    if (m_terminal)
        printProgress();
}

void ConsoleReporter::noteRecords(const QString &failedList, const QString &report)
{
    m_failedList = failedList;
    m_report = report;
}

void ConsoleReporter::printSummary(bool interrupted)
{
    if (m_quiet)
        return;
    clearProgress();
    const TransferTotals &t = m_totals;
    const double seconds = double(m_started.elapsed()) / 1000.0;
    QString text = u"\n"_s + tr("Download results:") + u'\n';
    text += tr("  succeeded: %1").arg(t.completed);
    if (m_skipped > 0)
        text += tr(" (%n already complete)", nullptr, int(m_skipped));
    text += u'\n';
    text += tr("  failed:    %1").arg(m_failures.size()) + u'\n';
    for (const Failure &failure : m_failures)
        text += u"    %1\n      %2\n"_s.arg(failure.url, failure.reason);
    if (!m_failedList.isEmpty()) {
        text += tr("  the failed URLs are in %1; retry them with: ferry-cli -i %1")
                    .arg(QDir::toNativeSeparators(m_failedList))
                + u'\n';
    }
    if (m_rejectedLines > 0)
        text +=
            tr("  rejected list lines: %1 (see the messages above)").arg(m_rejectedLines) + u'\n';
    const int unfinished = t.queued + t.active + t.waiting + t.paused;
    if (unfinished > 0)
        text += tr("  unfinished: %1").arg(unfinished) + u'\n';
    text += tr("  fetched %1 in %2 s (%3/s)")
                .arg(ByteSize::format(t.bytesFetched))
                .arg(seconds, 0, 'f', 1)
                .arg(ByteSize::format(seconds > 0 ? qint64(double(t.bytesFetched) / seconds) : 0))
            + u'\n';
    if (!m_report.isEmpty())
        text += tr("  report: %1").arg(QDir::toNativeSeparators(m_report)) + u'\n';
    if (interrupted)
        text += tr("Interrupted. Run the same command again to continue.") + u'\n';
    write(text);
}

bool ConsoleReporter::allSucceeded() const
{
    return m_failures.isEmpty() && m_rejectedLines == 0 && m_totals.completed == m_totals.count();
}

void ConsoleReporter::write(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), m_stream);
    std::fflush(m_stream);
}

} // namespace Ferry
