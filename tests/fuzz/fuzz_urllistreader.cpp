// URL lists (aria2's input format, from files, pipes and drops): every entry is an http(s) URL
// with a host, line numbers only grow, problems stay capped, and writing the entries back out
// in the same format reads back to the same entries.
#include "core/urllistreader.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QBuffer>
#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

QList<UrlListEntry> readAll(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    UrlListReader reader(&buffer);
    QList<UrlListEntry> entries;
    int previousLine = 0;
    while (std::optional<UrlListEntry> entry = reader.next()) {
        FERRY_FUZZ_CHECK(entry->line > previousLine);
        previousLine = entry->line;
        entries.append(std::move(*entry));
    }
    FERRY_FUZZ_CHECK(!reader.readError().has_value());
    const QList<UrlListProblem> problems = reader.problems();
    FERRY_FUZZ_CHECK(problems.size() <= UrlListReader::MaxStoredProblems);
    FERRY_FUZZ_CHECK(reader.problemCount() >= problems.size());
    int previousProblemLine = 0;
    for (const UrlListProblem &problem : problems) {
        FERRY_FUZZ_CHECK(problem.line >= previousProblemLine && problem.line >= 1);
        FERRY_FUZZ_CHECK(problem.text.size() <= 201); // 200 and an ellipsis
        FERRY_FUZZ_CHECK(!problem.reason.isEmpty());
        previousProblemLine = problem.line;
    }
    return entries;
}

void checkUrl(const QUrl &url)
{
    FERRY_FUZZ_CHECK(url.isValid());
    FERRY_FUZZ_CHECK(url.scheme() == "http"_L1 || url.scheme() == "https"_L1);
    FERRY_FUZZ_CHECK(!url.host().isEmpty());
}

QByteArray write(const QList<UrlListEntry> &entries)
{
    QByteArray out;
    for (const UrlListEntry &entry : entries) {
        out += entry.url.toEncoded();
        for (const QString &mirror : entry.mirrors)
            out += '\t' + mirror.toUtf8();
        out += '\n';
        if (!entry.outName.isEmpty())
            out += "  out="_ba + entry.outName.toUtf8() + '\n';
        if (!entry.directory.isEmpty())
            out += "  dir="_ba + entry.directory.toUtf8() + '\n';
        if (entry.checksum)
            out += "  checksum="_ba + entry.checksum->toString().toUtf8() + '\n';
    }
    return out;
}

// URLs compare by their encoded form: QUrl's == also compares how a component is held ("#" or
// "%23" inside a fragment), which writing a URL out and reading it back may change.
bool same(const UrlListEntry &a, const UrlListEntry &b)
{
    return a.url.toEncoded() == b.url.toEncoded() && a.mirrors == b.mirrors
           && a.outName == b.outName && a.directory == b.directory && a.checksum == b.checksum;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<UrlListEntry> entries = readAll(bytes);
    for (const UrlListEntry &entry : entries) {
        checkUrl(entry.url);
        for (const QString &mirror : entry.mirrors)
            checkUrl(QUrl(mirror, QUrl::StrictMode));
        FERRY_FUZZ_CHECK(!entry.outName.contains(u'\n') && !entry.directory.contains(u'\n'));
    }

    const QList<UrlListEntry> again = readAll(write(entries));
    FERRY_FUZZ_CHECK(again.size() == entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i)
        FERRY_FUZZ_CHECK(same(again.at(i), entries.at(i)));
    return 0;
}
