#pragma once

#include "core/checksumspec.h"
#include "core/requestheaders.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUrl>

#include <optional>

class QIODevice;

namespace Ferry {

// One download from an aria2-style input file.
struct UrlListEntry
{
    QUrl url;
    QStringList mirrors; // further TAB-separated URIs on the URL line, valid, QUrl::FullyEncoded
    QString outName;     // "out=" option, NOT sanitised (may contain '/'); empty when not given
    QString directory;   // "dir=" option, as written; empty when not given
    std::optional<ChecksumSpec> checksum; // "checksum=" option
    // "user-agent=", "referer=", "header=" (may repeat, checked) and "load-cookies=" (as
    // written) options
    RequestHeaders headers;
    int line = 0; // 1-based line of the URL
};

// A rejected line or an ignored option.
struct UrlListProblem
{
    int line = 0;   // 1-based
    QString text;   // the line as written (cut to 200 characters)
    QString reason; // translated
};

// Streams entries out of aria2's input-file format (aria2c -i FILE):
//   - one download per line: a URL, optionally followed by TAB-separated mirror URIs;
//   - option lines start with a space or TAB and hold name=value for the URL line above them:
//     out, dir, checksum, user-agent, referer, header (repeatable) and load-cookies are
//     understood, other names are reported and ignored;
//   - blank lines and lines starting with '#' are skipped, as are indented lines whose first
//     non-blank character is '#' (commented-out options);
//   - UTF-8 only (a BOM starting a line is skipped, so concatenated files work), LF or CRLF,
//     the last newline optional.
// A URL line that is not an http(s) URL, a line that is not UTF-8 or is longer than
// MaxLineLength, and an entry whose checksum= or header= is malformed are rejected and reported;
// the option
// lines that belong to a rejected URL are skipped silently. Nothing is kept per line except the
// (capped) problem list, so input of any length streams in constant memory.
// The device is read in blocks of up to 64 KiB (QFile reads line by line from a pipe are a system
// call per byte). A QFile on a pipe fills the whole block before returning; a device that returns
// what has arrived (ferry-cli's InterruptibleInput) lets entries out as their lines come.
// The device must deliver its data synchronously (a QFile, stdin through QFile, a QBuffer): a
// read that returns nothing is taken as the end of the input. Do not read from it elsewhere.
class UrlListReader
{
    Q_DECLARE_TR_FUNCTIONS(UrlListReader)
    Q_DISABLE_COPY_MOVE(UrlListReader)

public:
    static constexpr qsizetype MaxLineLength = 1024 * 1024; // bytes, newline excluded
    static constexpr qsizetype MaxStoredProblems = 1000;

    // `device` must be open for reading and outlive the reader; it is not owned.
    explicit UrlListReader(QIODevice *device);

    // The next accepted entry, or nullopt at the end of the input or on a read error. Reads one
    // line beyond the entry (its option lines follow it), so problems() may already hold
    // problems of the next lines. On a read error the entry being assembled is dropped, since its
    // options may be incomplete.
    std::optional<UrlListEntry> next();

    // The first MaxStoredProblems problems found so far, in line order.
    QList<UrlListProblem> problems() const { return m_problems; }

    // All problems found so far, including those beyond MaxStoredProblems.
    qint64 problemCount() const { return m_problemCount; }

    // Why reading stopped early (translated), if it did.
    std::optional<QString> readError() const { return m_readError; }

    // An absolute http or https URL with a host, parsed with QUrl::StrictMode after trimming.
    // Otherwise nullopt, and *reason (when given) says why, translated.
    static std::optional<QUrl> parseUrl(QStringView text, QString *reason);

private:
    enum class LineRead {
        Line,
        TooLong,
        End,
    };

    LineRead readRawLine();
    bool fillBuffer();
    std::optional<UrlListEntry> processLine(QByteArrayView raw, LineRead read);
    void startEntry(const QString &text, int line);
    void applyOption(const QString &text, QStringView option, int line);
    void rejectPending(int line, const QString &text, const QString &reason);
    void addProblem(int line, QStringView text, const QString &reason);

    QIODevice *m_device;
    int m_lineNumber = 0;
    bool m_finished = false;
    bool m_skippingOptions = false; // the last URL line was rejected
    std::optional<UrlListEntry> m_pending;
    QList<UrlListProblem> m_problems;
    qint64 m_problemCount = 0;
    std::optional<QString> m_readError;
    QByteArray m_buffer; // bytes read from the device, up to ChunkSize
    qsizetype m_bufferPosition = 0;
    bool m_inputEnded = false;
    QByteArray m_line; // the current line, reused
};

} // namespace Ferry
