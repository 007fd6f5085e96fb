#pragma once

#include "core/transfersnapshot.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QString>

namespace Ferry {

// The report of a batch: one line per download (URL, final path, state, HTTP status, bytes,
// SHA-256 of the file, start, finish, duration, attempts, error text), as JSON Lines or CSV.
// Written for --save-report and the window's "Export report…". URLs lose any password.
class TransferReport
{
    Q_DECLARE_TR_FUNCTIONS(TransferReport)

public:
    enum class Format {
        JsonLines,
        Csv,
    };

    // CSV for names ending in .csv (any case), JSON Lines otherwise.
    static Format formatFor(const QString &path);
    // The state as written: completed, failed, cancelled, paused, queued, waiting, active.
    static QString stateName(TransferState state);
    // The CSV header line (with its line end); empty for JSON Lines.
    static QByteArray header(Format format);
    // One line (with its line end). `sha256` is the raw digest, or empty when unknown.
    static QByteArray line(Format format, const TransferSnapshot &item, const QByteArray &sha256);
    // The raw SHA-256 of the file at `path`, or empty when it cannot be read (moved, deleted).
    // Reads the whole file: call it off the GUI thread.
    static QByteArray fileSha256(const QString &path);

    // Creates or truncates `path` and writes the header. False with a reason.
    bool open(const QString &path, QString *error);
    bool add(const TransferSnapshot &item, const QByteArray &sha256);
    // Flushes and closes. False with a reason (e.g. the disk filled up).
    bool close(QString *error);

    qint64 count() const { return m_count; }

private:
    QFile m_file;
    Format m_format = Format::JsonLines;
    qint64 m_count = 0;
};

} // namespace Ferry
