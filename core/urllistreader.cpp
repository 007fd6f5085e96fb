#include "urllistreader.h"

#include <QFileDevice>
#include <QIODevice>
#include <QStringDecoder>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qsizetype MaxProblemTextLength = 200; // characters kept of a problem line
constexpr qsizetype ChunkSize = 64 * 1024;      // bytes asked of the device at a time
constexpr QByteArrayView Utf8Bom = "\xEF\xBB\xBF";

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(
        bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool isIndent(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

UrlListReader::UrlListReader(QIODevice *device)
    : m_device(device)
{}

std::optional<UrlListEntry> UrlListReader::next()
{
    while (!m_finished) {
        const LineRead read = readRawLine();
        if (read == LineRead::End) {
            m_finished = true;
            if (m_readError) {
                m_pending.reset();
            }
            break;
        }
        if (std::optional<UrlListEntry> entry = processLine(m_line, read)) {
            return entry;
        }
    }
    return std::exchange(m_pending, std::nullopt);
}

std::optional<QUrl> UrlListReader::parseUrl(QStringView text, QString *reason)
{
    const auto fail = [reason](const QString &why) -> std::optional<QUrl> {
        if (reason) {
            *reason = why;
        }
        return std::nullopt;
    };

    const QString trimmed = text.trimmed().toString();
    if (trimmed.isEmpty()) {
        return fail(tr("not a URL"));
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.scheme().contains(u'.')) {
        return fail(tr("not a URL"));
    }
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) {
        //: %1 is a URL scheme such as ftp or file
        return fail(tr("unsupported scheme %1").arg(url.scheme()));
    }
    if (url.host().isEmpty()) {
        return fail(tr("no host"));
    }
    if (reason) {
        reason->clear();
    }
    return url;
}

UrlListReader::LineRead UrlListReader::readRawLine()
{
    m_line.resize(0); // keeps the capacity: no allocation per line
    bool tooLong = false;
    bool readAnything = false;
    for (;;) {
        if (m_bufferPosition >= m_buffer.size() && !fillBuffer()) {
            break;
        }
        const QByteArrayView available = QByteArrayView(m_buffer).sliced(m_bufferPosition);
        const qsizetype newline = available.indexOf('\n');
        const QByteArrayView piece = newline < 0 ? available : available.first(newline + 1);
        m_bufferPosition += piece.size();
        readAnything = true;
        if (!tooLong && m_line.size() + piece.size() > MaxLineLength + 2) { // + CR LF
            tooLong = true;
        }
        if (!tooLong) {
            m_line.append(piece);
        }
        if (newline >= 0) {
            break;
        }
    }
    if (m_readError || !readAnything) {
        return LineRead::End;
    }
    return tooLong ? LineRead::TooLong : LineRead::Line;
}

bool UrlListReader::fillBuffer()
{
    m_bufferPosition = 0;
    m_buffer.resize(0);
    if (m_inputEnded) {
        return false;
    }
    if (!m_device || !m_device->isReadable()) {
        m_inputEnded = true;
        m_readError = tr("the input is not open for reading");
        return false;
    }

    m_buffer.resize(ChunkSize);
    const qint64 read = m_device->read(m_buffer.data(), ChunkSize);
    m_buffer.resize(std::max<qint64>(read, 0));
    if (read > 0) {
        return true;
    }
    m_inputEnded = true;
    const auto *file = qobject_cast<const QFileDevice *>(m_device);
    if (file && file->error() != QFileDevice::NoError) {
        //: %1 is the system's description of the error
        m_readError = tr("cannot read the input: %1").arg(file->errorString());
    }
    return false;
}

std::optional<UrlListEntry> UrlListReader::processLine(QByteArrayView raw, LineRead read)
{
    const int line = ++m_lineNumber;
    // A BOM is skipped on any line, not just the first: lists get concatenated with cat.
    if (raw.startsWith(Utf8Bom)) {
        raw = raw.sliced(Utf8Bom.size());
    }
    if (raw.endsWith('\n')) {
        raw.chop(1);
    }
    if (raw.endsWith('\r')) {
        raw.chop(1);
    }
    const bool indented = !raw.isEmpty() && isIndent(raw.front());

    QString text;
    QString unreadable;
    if (read == LineRead::TooLong) {
        text = QString::fromUtf8(raw.first(std::min(raw.size(), MaxProblemTextLength * 4)));
        //: %1 is a number of bytes
        unreadable = tr("line is longer than %1 bytes").arg(MaxLineLength);
    } else if (isAscii(raw)) {
        text = QString::fromLatin1(raw);
    } else {
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless
                                   | QStringDecoder::Flag::ConvertInitialBom);
        text = decoder.decode(raw);
        if (decoder.hasError()) {
            unreadable = tr("not valid UTF-8 text");
        }
    }

    if (!unreadable.isEmpty()) {
        if (!indented) {
            addProblem(line, text, unreadable);
            m_skippingOptions = true;
            return std::exchange(m_pending, std::nullopt);
        }
        if (m_pending) {
            rejectPending(line, text, unreadable);
        } else if (!m_skippingOptions) {
            addProblem(line, text, unreadable);
        }
        return std::nullopt;
    }

    if (text.startsWith(u'#')) {
        return std::nullopt;
    }
    const QStringView content = QStringView(text).trimmed();
    if (content.isEmpty() || (indented && content.startsWith(u'#'))) {
        return std::nullopt;
    }

    if (indented) {
        if (parseUrl(content, nullptr)) {
            // Probably meant as a URL line, but aria2 reads it as an option: say so plainly.
            addProblem(line,
                       text,
                       tr("ignored indented URL: URL lines must not start with a space or TAB"));
        } else if (m_pending) {
            applyOption(text, content, line);
        } else if (!m_skippingOptions) {
            addProblem(line, text, tr("option line without a URL line above it"));
        }
        return std::nullopt;
    }

    std::optional<UrlListEntry> finished = std::exchange(m_pending, std::nullopt);
    startEntry(text, line);
    return finished;
}

void UrlListReader::startEntry(const QString &text, int line)
{
    const QList<QStringView> fields = QStringView(text).split(u'\t', Qt::SkipEmptyParts);
    UrlListEntry entry;
    entry.line = line;
    bool haveUrl = false;
    for (const QStringView field : fields) {
        if (field.trimmed().isEmpty()) {
            continue;
        }
        QString reason;
        const std::optional<QUrl> url = parseUrl(field, &reason);
        if (!url) {
            if (fields.size() == 1) {
                addProblem(line, text, reason);
            } else {
                //: %1 says why a URI on a line with several is not used
                addProblem(line, field.trimmed(), tr("%1; this URI is ignored").arg(reason));
            }
        } else if (!haveUrl) {
            entry.url = *url;
            haveUrl = true;
        } else {
            entry.mirrors.append(url->toString(QUrl::FullyEncoded));
        }
    }

    m_skippingOptions = !haveUrl;
    if (haveUrl) {
        m_pending = std::move(entry);
    }
}

void UrlListReader::applyOption(const QString &text, QStringView option, int line)
{
    const qsizetype equals = option.indexOf(u'=');
    if (equals < 0) {
        addProblem(line, text, tr("ignored option line: expected name=value"));
        return;
    }
    const QStringView name = option.left(equals).trimmed();
    const QStringView value = option.mid(equals + 1).trimmed();

    if (name == "checksum"_L1) {
        if (std::optional<ChecksumSpec> checksum = ChecksumSpec::parse(value)) {
            m_pending->checksum = std::move(checksum);
        } else {
            rejectPending(line,
                          text,
                          tr("bad checksum: expected TYPE=HEX with TYPE one of md5, sha-1, "
                             "sha-224, sha-256, sha-384 or sha-512 and the matching number of "
                             "hex digits"));
        }
    } else if (name == "header"_L1) {
        QString why;
        if (auto header = RequestHeaders::parseLine(value, &why)) {
            m_pending->headers.addExtra(std::move(*header));
        } else {
            //: %1 says what is wrong with the header
            rejectPending(line, text, tr("bad header: %1").arg(why));
        }
    } else if (name == "out"_L1 || name == "dir"_L1 || name == "user-agent"_L1
               || name == "referer"_L1 || name == "load-cookies"_L1) {
        if (value.isEmpty()) {
            //: %1 is an option name such as out or dir
            addProblem(line, text, tr("ignored option %1: empty value").arg(name));
        } else if (name == "out"_L1) {
            m_pending->outName = value.toString();
        } else if (name == "user-agent"_L1) {
            m_pending->headers.setUserAgent(value.toUtf8());
        } else if (name == "referer"_L1) {
            m_pending->headers.setReferer(value.toUtf8());
        } else if (name == "load-cookies"_L1) {
            m_pending->headers.setCookieFile(value.toString());
        } else {
            m_pending->directory = value.toString();
        }
    } else {
        //: %1 is an option name from the input file; the others are literal option names
        addProblem(line,
                   text,
                   tr("ignored option %1: only out, dir, checksum, user-agent, referer, header "
                      "and load-cookies are supported")
                       .arg(name));
    }
}

void UrlListReader::rejectPending(int line, const QString &text, const QString &reason)
{
    //: %1 says what is wrong with an option line, %2 is the line number of its URL
    addProblem(
        line,
        text,
        tr("%1; the URL on line %2 is skipped").arg(reason, QString::number(m_pending->line)));
    m_pending.reset();
    m_skippingOptions = true;
}

void UrlListReader::addProblem(int line, QStringView text, const QString &reason)
{
    ++m_problemCount;
    if (m_problems.size() >= MaxStoredProblems) {
        return;
    }
    QString shown = text.left(MaxProblemTextLength).toString();
    if (text.size() > MaxProblemTextLength) {
        if (shown.back().isHighSurrogate()) {
            shown.chop(1);
        }
        shown += u'\u2026';
    }
    m_problems.append(UrlListProblem{line, shown, reason});
}

} // namespace Ferry
