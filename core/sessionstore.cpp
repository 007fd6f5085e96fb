#include "sessionstore.h"

#include "core/transferclient.h"

#include <QDataStream>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QtConcurrentRun>

#include <algorithm>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcSession, "ferry.core.session", QtWarningMsg)

namespace {

constexpr char SnapshotMagic[] = "FERRYSES";
constexpr char JournalMagic[] = "FERRYJNL";
constexpr qsizetype MagicSize = 8;
// 3 added the request's headers and cookie file; 2 is still read.
constexpr quint32 FormatVersion = 3;
constexpr quint32 OldestFormatVersion = 2;
constexpr int WriteDelayMs = 100;
constexpr qint64 MinCompactBytes = 4 << 20;
constexpr qint64 CompactBytesPerRecord = 160;
constexpr qint64 AddedBytesEstimate = 200; // an encoded Add record, for the compaction threshold
constexpr quint32 MaxRecordBytes = 16 << 20;
constexpr auto StreamVersion = QDataStream::Qt_6_4;

enum class Op : quint8 {
    Add = 1,
    Update = 2,
    Remove = 3,
};

QString snapshotPath(const QString &directory)
{
    return QDir(directory).filePath(u"session.dat"_s);
}

QString journalPath(const QString &directory)
{
    return QDir(directory).filePath(u"session.journal"_s);
}

void writeError(QDataStream &out, const TransferError &error)
{
    out << qint32(error.kind) << qint32(error.recovery) << qint32(error.httpStatus)
        << qint32(error.networkError) << error.detail;
}

// The network error saved as `value`, or UnknownNetworkError when it names none (a damaged
// file): converting any other number to the enum would be undefined behaviour.
QNetworkReply::NetworkError networkErrorFrom(qint32 value)
{
    const QMetaEnum errors = QMetaEnum::fromType<QNetworkReply::NetworkError>();
    return errors.valueToKey(value) ? QNetworkReply::NetworkError(value)
                                    : QNetworkReply::UnknownNetworkError;
}

void readError(QDataStream &in, TransferError &error)
{
    qint32 kind = 0;
    qint32 recovery = 0;
    qint32 status = 0;
    qint32 network = 0;
    in >> kind >> recovery >> status >> network >> error.detail;
    error.kind =
        TransferError::Kind(qBound(0, kind, int(TransferError::Kind::AuthenticationFailed)));
    error.recovery = TransferError::Recovery(qBound(0, recovery, 2));
    error.httpStatus = status;
    error.networkError = networkErrorFrom(network);
}

TransferState readState(QDataStream &in)
{
    qint32 state = 0;
    in >> state;
    return TransferState(qBound(0, state, int(TransferState::Cancelled)));
}

void writeRecord(QDataStream &out, const TransferRecord &record)
{
    const TransferRequest &request = record.request;
    // A URL's password is a secret: the session keeps the user name only.
    out << request.url.adjusted(QUrl::RemovePassword).toEncoded() << request.directory
        << request.fileName << (request.checksum ? request.checksum->toString() : QString())
        << request.allowOverwrite << qint32(request.priority);
    // Headers as the user gave them; a cookie file only by its path, never its cookies.
    const QList<RequestHeaders::Header> extra = request.headers.extra();
    out << request.headers.userAgent() << request.headers.referer() << quint32(extra.size());
    for (const auto &[name, value] : extra)
        out << name << value;
    out << request.headers.cookieFile();
    out << qint32(record.state) << record.fileName << record.bytesDone << record.bytesTotal
        << record.addedAtMs << record.queueOrder;
    writeError(out, record.error);
}

void readRecord(QDataStream &in, TransferRecord &record, quint32 version)
{
    TransferRequest &request = record.request;
    QByteArray url;
    QString checksum;
    qint32 priority = 0;
    in >> url >> request.directory >> request.fileName >> checksum >> request.allowOverwrite
        >> priority;
    request.url = QUrl::fromEncoded(url); // checked when it was added
    if (!checksum.isEmpty())
        request.checksum = ChecksumSpec::parse(checksum);
    request.priority = priority;
    if (version >= 3) {
        QByteArray userAgent;
        QByteArray referer;
        quint32 count = 0;
        in >> userAgent >> referer >> count;
        QList<RequestHeaders::Header> extra;
        for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
            RequestHeaders::Header header;
            in >> header.first >> header.second;
            extra.append(std::move(header));
        }
        QString cookieFile;
        in >> cookieFile;
        if (!userAgent.isEmpty() || !referer.isEmpty() || !extra.isEmpty()
            || !cookieFile.isEmpty()) {
            request.headers.setUserAgent(userAgent);
            request.headers.setReferer(referer);
            request.headers.setExtra(extra);
            request.headers.setCookieFile(cookieFile);
        }
    }
    record.state = readState(in);
    in >> record.fileName >> record.bytesDone >> record.bytesTotal >> record.addedAtMs
        >> record.queueOrder;
    readError(in, record.error);
}

void writeUpdate(QDataStream &out, const TransferRecord &record)
{
    out << qint32(record.state) << record.fileName << record.bytesDone << record.bytesTotal
        << record.queueOrder << record.request.url.adjusted(QUrl::RemovePassword).toEncoded();
    writeError(out, record.error);
}

void readUpdate(QDataStream &in, TransferRecord &record)
{
    record.state = readState(in);
    QByteArray url;
    in >> record.fileName >> record.bytesDone >> record.bytesTotal >> record.queueOrder >> url;
    record.request.url = QUrl::fromEncoded(url, QUrl::StrictMode);
    readError(in, record.error);
}

// Frames one journal record: payload length, CRC-16 of the payload, payload.
void frame(QByteArray &journal, const QByteArray &payload)
{
    QDataStream out(&journal, QIODevice::WriteOnly | QIODevice::Append);
    out.setVersion(StreamVersion);
    out << quint32(payload.size()) << quint16(qChecksum(payload));
    out.writeRawData(payload.constData(), int(payload.size()));
}

void syncToDisk(QFile &file)
{
    file.flush();
    ::fdatasync(file.handle());
}

// Worker jobs. They run one at a time, in order, on the store's writer pool.

void writeSnapshot(const QString &directory,
                   quint64 generation,
                   const QMap<TransferId, TransferRecord> &records)
{
    QDir().mkpath(directory);
    QSaveFile file(snapshotPath(directory));
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcSession) << "cannot write the session:" << file.errorString();
        return;
    }
    {
        QDataStream out(&file);
        out.setVersion(StreamVersion);
        out.writeRawData(SnapshotMagic, MagicSize);
        out << FormatVersion << generation << quint64(records.size());
        for (auto it = records.cbegin(); it != records.cend(); ++it) {
            out << quint64(it.key());
            writeRecord(out, it.value());
        }
    }
    if (!file.commit()) {
        qCWarning(lcSession) << "cannot write the session:" << file.errorString();
        return;
    }
    // The snapshot holds everything: start the journal that follows it.
    QFile journal(journalPath(directory));
    if (!journal.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qCWarning(lcSession) << "cannot start the session journal:" << journal.errorString();
        return;
    }
    QDataStream out(&journal);
    out.setVersion(StreamVersion);
    out.writeRawData(JournalMagic, MagicSize);
    out << FormatVersion << generation;
    syncToDisk(journal);
}

void appendJournal(const QString &directory, const QByteArray &records)
{
    QFile journal(journalPath(directory));
    if (!journal.open(QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(lcSession) << "cannot append to the session journal:" << journal.errorString();
        return;
    }
    if (journal.write(records) != records.size())
        qCWarning(lcSession) << "cannot append to the session journal:" << journal.errorString();
    journal.flush(); // in the OS's hands: survives a crash of Ferry
}

// Encodes added items as journal records and appends them. A pasted list of 100,000 URLs takes
// a good part of a second to encode: here, not on the GUI thread.
void appendAdded(const QString &directory,
                 const QList<TransferId> &ids,
                 const QList<TransferRecord> &records)
{
    QByteArray journal;
    for (qsizetype i = 0; i < ids.size() && i < records.size(); ++i) {
        QByteArray payload;
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(StreamVersion);
        out << quint8(Op::Add) << quint64(ids.at(i));
        writeRecord(out, records.at(i));
        frame(journal, payload);
    }
    appendJournal(directory, journal);
}

void syncJournal(const QString &directory)
{
    QFile journal(journalPath(directory));
    if (journal.open(QIODevice::ReadWrite))
        syncToDisk(journal);
}

} // namespace

SessionStore::SessionStore(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_writeTimer(this)
{
    m_writer.setMaxThreadCount(1);
    m_writer.setObjectName(u"ferry-session"_s);
    m_writeTimer.setSingleShot(true);
    m_writeTimer.setInterval(WriteDelayMs);
    connect(&m_writeTimer, &QTimer::timeout, this, &SessionStore::writePending);
}

SessionStore::~SessionStore()
{
    flush();
}

QList<TransferRecord> SessionStore::load(const QString &directory, QString *error)
{
    QMap<TransferId, TransferRecord> records;
    QFile snapshot(snapshotPath(directory));
    if (!snapshot.open(QIODevice::ReadOnly))
        return {}; // no session yet
    quint64 generation = 0;
    {
        const QByteArray bytes = snapshot.readAll(); // one read, not thousands
        QDataStream in(bytes);
        in.setVersion(StreamVersion);
        char magic[MagicSize] = {};
        quint32 version = 0;
        quint64 count = 0;
        in.readRawData(magic, MagicSize);
        in >> version >> generation >> count;
        const bool headerOk = in.status() == QDataStream::Ok
                              && QByteArrayView(magic, MagicSize) == QByteArrayView(SnapshotMagic)
                              && version >= OldestFormatVersion && version <= FormatVersion;
        QString lastDirectory;
        for (quint64 i = 0; headerOk && i < count && in.status() == QDataStream::Ok; ++i) {
            quint64 id = 0;
            in >> id;
            TransferRecord record;
            readRecord(in, record, version);
            // Lists share a folder or a few: one string for all of them, not one per item.
            if (record.request.directory == lastDirectory)
                record.request.directory = lastDirectory;
            else
                lastDirectory = record.request.directory;
            records.insert(records.cend(), id, std::move(record)); // ids ascend: appends
        }
        if (!headerOk || in.status() != QDataStream::Ok || quint64(records.size()) != count) {
            snapshot.close();
            const QString aside = snapshotPath(directory) + u".damaged"_s;
            QFile::remove(aside);
            QFile::rename(snapshotPath(directory), aside);
            if (error)
                *error = tr("The saved download list was damaged and has been set aside as %1.")
                             .arg(QDir::toNativeSeparators(aside));
            return {};
        }
    }

    QFile journal(journalPath(directory));
    if (journal.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = journal.readAll();
        QDataStream in(bytes);
        in.setVersion(StreamVersion);
        char magic[MagicSize] = {};
        quint32 journalVersion = 0;
        quint64 journalGeneration = 0;
        in.readRawData(magic, MagicSize);
        in >> journalVersion >> journalGeneration;
        const bool matches = in.status() == QDataStream::Ok
                             && QByteArrayView(magic, MagicSize) == QByteArrayView(JournalMagic)
                             && journalVersion >= OldestFormatVersion
                             && journalVersion <= FormatVersion && journalGeneration == generation;
        while (matches && !in.atEnd()) {
            quint32 length = 0;
            quint16 checksum = 0;
            in >> length >> checksum;
            if (in.status() != QDataStream::Ok || length > MaxRecordBytes)
                break;
            QByteArray payload(length, Qt::Uninitialized);
            if (in.readRawData(payload.data(), int(length)) != int(length)
                || qChecksum(payload) != checksum) {
                qCWarning(lcSession) << "session journal ends in a torn record; dropped";
                break;
            }
            QDataStream record(payload);
            record.setVersion(StreamVersion);
            quint8 op = 0;
            quint64 id = 0;
            record >> op >> id;
            switch (Op(op)) {
            case Op::Add: {
                TransferRecord added;
                readRecord(record, added, journalVersion);
                if (record.status() == QDataStream::Ok)
                    records.insert(id, std::move(added));
                break;
            }
            case Op::Update: {
                const auto it = records.find(id);
                if (it == records.end())
                    break;
                TransferRecord updated = *it;
                readUpdate(record, updated);
                if (record.status() == QDataStream::Ok)
                    *it = std::move(updated);
                break;
            }
            case Op::Remove:
                records.remove(id);
                break;
            }
        }
    }
    QList<TransferRecord> ordered = records.values();
    std::stable_sort(
        ordered.begin(), ordered.end(), [](const TransferRecord &a, const TransferRecord &b) {
            return a.queueOrder < b.queueOrder;
        });
    return ordered;
}

qsizetype SessionStore::restoreInto(TransferClient *client, QString *error)
{
    const QList<TransferRecord> records = load(m_directory, error);
    const QList<TransferId> ids = client->restore(records);
    m_records.clear();
    for (qsizetype i = 0; i < ids.size(); ++i) {
        auto it = m_records.insert(m_records.cend(), ids.at(i), records.at(i));
        it->queueOrder = qint64(ids.at(i)); // as TransferClient::restore() announced it
    }
    connectClient(client);
    compact();
    return ids.size();
}

void SessionStore::attach(TransferClient *client)
{
    m_records.clear();
    connectClient(client);
    compact();
}

void SessionStore::connectClient(TransferClient *client)
{
    connect(client, &TransferClient::transfersAdded, this, &SessionStore::handleAdded);
    connect(client, &TransferClient::transfersChanged, this, &SessionStore::handleChanged);
    connect(client, &TransferClient::transfersRemoved, this, &SessionStore::handleRemoved);
}

void SessionStore::handleAdded(const QList<TransferId> &ids, const QList<TransferRecord> &records)
{
    // The writer runs its jobs one at a time, in order: changes still pending go first. If they
    // make the journal compact, the snapshot is taken before these items, which then follow it.
    writePending();
    for (qsizetype i = 0; i < ids.size() && i < records.size(); ++i)
        m_records.insert(ids.at(i), records.at(i));
    m_journalBytes += AddedBytesEstimate * ids.size();
    if (m_journalBytes > qMax(MinCompactBytes, CompactBytesPerRecord * qint64(m_records.size()))) {
        compact(); // the snapshot holds the new items
        return;
    }
    // Implicitly shared lists: the worker encodes them (see appendAdded).
    [[maybe_unused]] const auto job =
        QtConcurrent::run(&m_writer, appendAdded, m_directory, ids, records);
}

void SessionStore::handleChanged(const QList<TransferSnapshot> &changed, const TransferTotals &)
{
    bool journaled = false;
    for (const TransferSnapshot &snapshot : changed) {
        const auto it = m_records.find(snapshot.id);
        if (it == m_records.end())
            continue;
        TransferRecord &record = *it;
        const QString fileName =
            snapshot.filePath.isEmpty() ? record.fileName : QFileInfo(snapshot.filePath).fileName();
        const bool changedState =
            record.state != snapshot.state || record.fileName != fileName
            || record.bytesTotal != snapshot.bytesTotal || record.error.kind != snapshot.error.kind
            || record.queueOrder != snapshot.queueOrder || record.request.url != snapshot.url;
        record.bytesDone = snapshot.bytesDone;
        if (!changedState)
            continue; // progress only: the checkpoints have it
        record.state = snapshot.state;
        record.fileName = fileName;
        record.bytesTotal = snapshot.bytesTotal;
        record.error = snapshot.error;
        record.queueOrder = snapshot.queueOrder;
        record.request.url = snapshot.url;
        QByteArray payload;
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(StreamVersion);
        out << quint8(Op::Update) << quint64(snapshot.id);
        writeUpdate(out, record);
        frame(m_pending, payload);
        journaled = true;
    }
    if (journaled)
        scheduleWrite();
}

void SessionStore::handleRemoved(const QList<TransferId> &ids)
{
    for (const TransferId id : ids) {
        if (m_records.remove(id) == 0)
            continue;
        QByteArray payload;
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(StreamVersion);
        out << quint8(Op::Remove) << quint64(id);
        frame(m_pending, payload);
    }
    scheduleWrite();
}

void SessionStore::scheduleWrite()
{
    if (!m_pending.isEmpty() && !m_writeTimer.isActive())
        m_writeTimer.start();
}

void SessionStore::writePending()
{
    m_writeTimer.stop();
    if (m_pending.isEmpty())
        return;
    m_journalBytes += m_pending.size();
    if (m_journalBytes > qMax(MinCompactBytes, CompactBytesPerRecord * qint64(m_records.size()))) {
        m_pending.clear();
        compact(); // the snapshot holds the pending changes too
        return;
    }
    [[maybe_unused]] const auto job =
        QtConcurrent::run(&m_writer, appendJournal, m_directory, std::exchange(m_pending, {}));
}

void SessionStore::compact()
{
    m_pending.clear();
    m_journalBytes = 0;
    m_snapshotRecords = m_records.size();
    const quint64 generation = QRandomGenerator::global()->generate64();
    // A shallow copy: the worker reads it while the next change here detaches ours.
    [[maybe_unused]] const auto job =
        QtConcurrent::run(&m_writer, writeSnapshot, m_directory, generation, m_records);
}

void SessionStore::flush()
{
    writePending();
    [[maybe_unused]] const auto job = QtConcurrent::run(&m_writer, syncJournal, m_directory);
    m_writer.waitForDone();
}

} // namespace Ferry
