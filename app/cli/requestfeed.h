#pragma once

#include "clioptions.h"

#include "core/transferrequest.h"

#include <QFile>
#include <QList>
#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>
#include <utility>

class QThread;

namespace Ferry {

class InterruptibleInput;
struct UrlListEntry;

// Turns the command line and the -i list into requests. The list is read on a thread of its own
// and handed over in batches as it is read, so downloads start at once, a list of a million
// URLs never exists in memory twice, and a slow pipe (`producer | ferry-cli -i -`) neither
// holds back the URLs it already sent nor keeps Ctrl+C from working. The same URL into the same
// place is kept once.
class RequestFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestFeed)

public:
    using PrintError = void (*)(const QString &text);

    RequestFeed(const CliOptions &options, PrintError printError, QObject *parent = nullptr);
    ~RequestFeed() override; // interrupts the reading and waits for its thread

    // Command-line URLs; false (after printing why) when one is unusable.
    bool addCommandLine();
    // Opens the -i list; false (after printing why) when it cannot be read.
    bool openList();
    // The requests collected so far (the command line's), for the caller to hand over.
    QList<TransferRequest> takeBatch();

    // Starts reading the list: batchRead() for every batch, then finished() (at once when
    // there is no list). Problems with lines are printed when the list has ended.
    void start();
    // Stops reading early, also a read waiting on a silent pipe; finished() still follows.
    void interrupt();

    // Requests handed over in all (command line and list) and rejected lines; final once
    // finished() was emitted.
    qint64 added() const { return m_added; }

    qint64 rejectedLines() const { return m_rejectedLines; }

signals:
    void batchRead(const QList<Ferry::TransferRequest> &batch);
    // ok is false when the list could not be read to its end (a read error, not an interrupt).
    void finished(bool ok);

private:
    bool readList(); // on the reading thread
    TransferRequest request(const UrlListEntry &entry) const;
    void append(TransferRequest request);

    const CliOptions &m_options;
    PrintError m_printError;
    QFile m_file;
    std::unique_ptr<InterruptibleInput> m_stdin;
    QIODevice *m_list = nullptr;
    QString m_listName;
    QThread *m_thread = nullptr;
    std::atomic_bool m_interrupted = false;
    QList<TransferRequest> m_batch;
    QSet<std::pair<quint64, quint64>> m_seen;
    // Written by the reading thread, read by the caller (also while a read still blocks).
    std::atomic<qint64> m_added = 0;
    std::atomic<qint64> m_rejectedLines = 0;
};

} // namespace Ferry
