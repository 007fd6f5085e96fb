#include "urlextractor.h"

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qsizetype MaxRejectedTextLength = 200;

bool isSchemeChar(QChar c)
{
    return (c.unicode() < 0x80 && c.isLetterOrNumber()) || c == u'+' || c == u'-' || c == u'.';
}

bool endsCandidate(QChar c)
{
    return c.isSpace() || c == u'"' || c == u'<' || c == u'>' || c == u'`' || c == u'\'';
}

// Punctuation that ends a sentence or closes a bracket opened before the URL.
QStringView trimTrailing(QStringView candidate)
{
    while (!candidate.isEmpty()) {
        const QChar last = candidate.back();
        if (last == u'.' || last == u',' || last == u';' || last == u':' || last == u'!'
            || last == u'?') {
            candidate.chop(1);
            continue;
        }
        const auto unbalanced = [&candidate](QChar open, QChar close) {
            return candidate.count(close) > candidate.count(open);
        };
        if ((last == u')' && unbalanced(u'(', u')')) || (last == u']' && unbalanced(u'[', u']'))
            || (last == u'}' && unbalanced(u'{', u'}'))) {
            candidate.chop(1);
            continue;
        }
        break;
    }
    return candidate;
}

} // namespace

void UrlExtractor::beginSource(const QString &name)
{
    m_source = name;
    m_line = 0;
}

void UrlExtractor::addText(QStringView text)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        QStringView line = text.sliced(start, end - start);
        if (line.endsWith(u'\r'))
            line.chop(1);
        ++m_line;
        scanLine(line);
        start = end + 1;
    }
}

void UrlExtractor::addUrl(const QUrl &url)
{
    ++m_line;
    QString reason;
    const std::optional<QUrl> parsed = UrlListReader::parseUrl(url.toString(), &reason);
    if (!parsed) {
        reject(url.toDisplayString(), reason);
        return;
    }
    accept(*parsed);
}

QByteArray UrlExtractor::key(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment | QUrl::NormalizePathSegments).toEncoded();
}

void UrlExtractor::scanLine(QStringView line)
{
    const QStringView trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
        return;

    bool found = false;
    QString firstReason;
    qsizetype from = 0;
    while (true) {
        const qsizetype separator = trimmed.indexOf(u"://", from);
        if (separator < 0)
            break;
        qsizetype begin = separator;
        while (begin > 0 && isSchemeChar(trimmed.at(begin - 1)))
            --begin;
        // A scheme starts with a letter: "1http://" is not one.
        while (begin < separator && !trimmed.at(begin).isLetter())
            ++begin;
        qsizetype end = separator + 3;
        while (end < trimmed.size() && !endsCandidate(trimmed.at(end)))
            ++end;
        from = end;
        if (begin == separator)
            continue;
        const QStringView candidate = trimTrailing(trimmed.sliced(begin, end - begin));
        QString reason;
        if (const std::optional<QUrl> url = UrlListReader::parseUrl(candidate, &reason)) {
            found = true;
            accept(*url);
        } else if (firstReason.isEmpty()) {
            firstReason = reason;
        }
    }
    if (!found)
        reject(trimmed, firstReason.isEmpty() ? tr("no http or https URL") : firstReason);
}

void UrlExtractor::reject(QStringView line, const QString &reason)
{
    ++m_rejectedCount;
    if (m_rejected.size() >= MaxStoredRejections)
        return;
    UrlListProblem problem;
    problem.line = m_line;
    const QString text = line.left(MaxRejectedTextLength).toString();
    //: %1 is a file name, %2 a line of text from it
    problem.text = m_source.isEmpty() ? text : tr("%1: %2").arg(m_source, text);
    problem.reason = reason;
    m_rejected.append(problem);
}

bool UrlExtractor::accept(const QUrl &url)
{
    const QByteArray identity = key(url);
    if (m_known.contains(identity)) {
        ++m_knownHits;
        return false;
    }
    if (m_seen.contains(identity)) {
        ++m_duplicates;
        return false;
    }
    m_seen.insert(identity);
    m_urls.append(url);
    return true;
}

} // namespace Ferry
