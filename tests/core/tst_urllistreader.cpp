#include "core/urllistreader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using Ferry::UrlListEntry;
using Ferry::UrlListProblem;
using Ferry::UrlListReader;

namespace {

const QByteArray Sha256Hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

struct ReadResult
{
    QList<UrlListEntry> entries;
    QList<UrlListProblem> problems;
    qint64 problemCount = 0;
    std::optional<QString> readError;
};

ReadResult readAll(const QByteArray &input)
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    UrlListReader reader(&buffer);
    ReadResult result;
    while (std::optional<UrlListEntry> entry = reader.next()) {
        result.entries.append(*entry);
    }
    result.problems = reader.problems();
    result.problemCount = reader.problemCount();
    result.readError = reader.readError();
    return result;
}

QStringList urlsOf(const QList<UrlListEntry> &entries)
{
    QStringList urls;
    for (const UrlListEntry &entry : entries) {
        urls.append(entry.url.toString());
    }
    return urls;
}

QList<int> linesOf(const QList<UrlListEntry> &entries)
{
    QList<int> lines;
    for (const UrlListEntry &entry : entries) {
        lines.append(entry.line);
    }
    return lines;
}

QList<int> linesOf(const QList<UrlListProblem> &problems)
{
    QList<int> lines;
    for (const UrlListProblem &problem : problems) {
        lines.append(problem.line);
    }
    return lines;
}

} // namespace

class TestUrlListReader : public QObject
{
    Q_OBJECT

private slots:
    void parseUrl_valid_isAccepted_data();
    void parseUrl_valid_isAccepted();
    void parseUrl_invalid_givesReason_data();
    void parseUrl_invalid_givesReason();
    void parseUrl_nullReason_isAllowed();

    void next_input_givesEntriesAndProblems_data();
    void next_input_givesEntriesAndProblems();
    void next_options_applyToUrlAbove();
    void next_mirrors_areKept();
    void next_badMirror_isReportedAndDropped();
    void next_badFirstUriWithGoodMirror_usesMirror();
    void next_badChecksum_rejectsWholeEntry();
    void next_unknownOption_isReportedNotFatal();
    void next_headerOptions_applyToUrlAbove();
    void next_badHeader_rejectsWholeEntry();
    void next_optionBeforeUrl_isReported();
    void next_optionsOfRejectedUrl_areSkippedSilently();
    void next_nonUtf8UrlLine_isRejected();
    void next_nonUtf8OptionLine_rejectsEntry();
    void next_overlongLine_isRejected();
    void next_badUrls_reportLineNumbers();
    void next_problemText_isCut();
    void next_manyProblems_areCapped();
    void next_afterEnd_staysAtEnd();
    void next_largeList_streamsThrough();
    void next_deviceNotOpen_isReadError();
    void next_readFails_isReadError();
};

void TestUrlListReader::parseUrl_valid_isAccepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QUrl>("expected");

    QTest::newRow("https") << u"https://example.com/file.zip"_s
                           << QUrl(u"https://example.com/file.zip"_s);
    QTest::newRow("http with port and query")
        << u"http://example.com:8080/a?b=c#d"_s << QUrl(u"http://example.com:8080/a?b=c#d"_s);
    QTest::newRow("upper-case scheme")
        << u"HTTPS://EXAMPLE.COM/A"_s << QUrl(u"https://example.com/A"_s);
    QTest::newRow("surrounding whitespace")
        << u"  https://example.com/x \t"_s << QUrl(u"https://example.com/x"_s);
    QTest::newRow("IPv6") << u"http://[::1]:8000/x"_s << QUrl(u"http://[::1]:8000/x"_s);
    QTest::newRow("unicode path") << u"https://example.com/日本.txt"_s
                                  << QUrl(u"https://example.com/日本.txt"_s);
    QTest::newRow("percent-encoded")
        << u"https://example.com/a%20b"_s << QUrl(u"https://example.com/a%20b"_s);
    QTest::newRow("user info") << u"https://user:secret@example.com/x"_s
                               << QUrl(u"https://user:secret@example.com/x"_s);
}

void TestUrlListReader::parseUrl_valid_isAccepted()
{
    QFETCH(QString, text);
    QFETCH(QUrl, expected);

    QString reason = u"stale"_s;
    const std::optional<QUrl> url = UrlListReader::parseUrl(text, &reason);
    QVERIFY2(url, qPrintable(reason));
    QCOMPARE(*url, expected);
    QVERIFY(reason.isEmpty());
}

void TestUrlListReader::parseUrl_invalid_givesReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("ftp") << u"ftp://example.com/x"_s << u"unsupported scheme ftp"_s;
    QTest::newRow("file") << u"file:///etc/passwd"_s << u"unsupported scheme file"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << u"unsupported scheme javascript"_s;
    QTest::newRow("mailto") << u"mailto:a@example.com"_s << u"unsupported scheme mailto"_s;
    QTest::newRow("words") << u"not a url"_s << u"not a URL"_s;
    QTest::newRow("empty") << QString() << u"not a URL"_s;
    QTest::newRow("blank") << u"  "_s << u"not a URL"_s;
    QTest::newRow("no scheme") << u"example.com/file.zip"_s << u"not a URL"_s;
    QTest::newRow("host and port without scheme") << u"example.com:8080/x"_s << u"not a URL"_s;
    QTest::newRow("relative path") << u"/file.zip"_s << u"not a URL"_s;
    QTest::newRow("space in host") << u"https://exa mple.com/"_s << u"not a URL"_s;
    QTest::newRow("space in path") << u"https://example.com/a b"_s << u"not a URL"_s;
    QTest::newRow("bad percent escape") << u"https://example.com/%zz"_s << u"not a URL"_s;
    QTest::newRow("port out of range") << u"http://example.com:99999/"_s << u"not a URL"_s;
    QTest::newRow("scheme only") << u"http://"_s << u"no host"_s;
    QTest::newRow("single slash") << u"http:/file.zip"_s << u"no host"_s;
    QTest::newRow("no slashes") << u"https:example.com"_s << u"no host"_s;
}

void TestUrlListReader::parseUrl_invalid_givesReason()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString actualReason;
    QVERIFY(!UrlListReader::parseUrl(text, &actualReason));
    QCOMPARE(actualReason, reason);
}

void TestUrlListReader::parseUrl_nullReason_isAllowed()
{
    QVERIFY(!UrlListReader::parseUrl(u"ftp://example.com/"_s, nullptr));
    QVERIFY(UrlListReader::parseUrl(u"https://example.com/"_s, nullptr));
}

void TestUrlListReader::next_input_givesEntriesAndProblems_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("urls");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QList<int>>("problemLines");

    QTest::newRow("empty") << QByteArray() << QStringList() << QList<int>() << QList<int>();
    QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << QStringList() << QList<int>()
                                << QList<int>();
    QTest::newRow("two URLs") << QByteArray("https://a.example/1\nhttp://b.example/2\n")
                              << QStringList{u"https://a.example/1"_s, u"http://b.example/2"_s}
                              << QList<int>{1, 2} << QList<int>();
    QTest::newRow("comments and blank lines")
        << QByteArray("# a list\n\nhttps://a.example/1\n   \n\t\n#https://a.example/skipped\n"
                      "https://a.example/2\n# end")
        << QStringList{u"https://a.example/1"_s, u"https://a.example/2"_s} << QList<int>{3, 7}
        << QList<int>();
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBFhttps://a.example/1\n")
                         << QStringList{u"https://a.example/1"_s} << QList<int>{1} << QList<int>();
    QTest::newRow("CRLF") << QByteArray("https://a.example/1\r\n\r\nhttps://a.example/2\r\n")
                          << QStringList{u"https://a.example/1"_s, u"https://a.example/2"_s}
                          << QList<int>{1, 3} << QList<int>();
    QTest::newRow("last line without newline")
        << QByteArray("https://a.example/1\nhttps://a.example/2")
        << QStringList{u"https://a.example/1"_s, u"https://a.example/2"_s} << QList<int>{1, 2}
        << QList<int>();
    QTest::newRow("trailing whitespace")
        << QByteArray("https://a.example/1  \t\n") << QStringList{u"https://a.example/1"_s}
        << QList<int>{1} << QList<int>();
    QTest::newRow("UTF-8 URL") << QByteArray("https://a.example/\xe6\x97\xa5.txt\n")
                               << QStringList{u"https://a.example/日.txt"_s} << QList<int>{1}
                               << QList<int>();
    QTest::newRow("bad URL between good ones")
        << QByteArray("https://a.example/1\nftp://a.example/2\nhttps://a.example/3\n")
        << QStringList{u"https://a.example/1"_s, u"https://a.example/3"_s} << QList<int>{1, 3}
        << QList<int>{2};
    QTest::newRow("indented comment")
        << QByteArray("https://a.example/1\n  # out=commented.bin\n")
        << QStringList{u"https://a.example/1"_s} << QList<int>{1} << QList<int>();
    QTest::newRow("indented URL") << QByteArray("https://a.example/1\n  https://a.example/2?x=1\n")
                                  << QStringList{u"https://a.example/1"_s} << QList<int>{1}
                                  << QList<int>{2};
    QTest::newRow("concatenated files with BOMs")
        << QByteArray("\xEF\xBB\xBFhttps://a.example/1\n\xEF\xBB\xBFhttps://a.example/2\n")
        << QStringList{u"https://a.example/1"_s, u"https://a.example/2"_s} << QList<int>{1, 2}
        << QList<int>();
}

void TestUrlListReader::next_input_givesEntriesAndProblems()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, urls);
    QFETCH(QList<int>, lines);
    QFETCH(QList<int>, problemLines);

    const ReadResult result = readAll(input);
    QCOMPARE(urlsOf(result.entries), urls);
    QCOMPARE(linesOf(result.entries), lines);
    QCOMPARE(linesOf(result.problems), problemLines);
    QCOMPARE(result.problemCount, problemLines.size());
    QCOMPARE(result.readError, std::nullopt);
}

void TestUrlListReader::next_options_applyToUrlAbove()
{
    const ReadResult result = readAll("https://a.example/f\n"
                                      "  out=name.bin\n"
                                      "\tdir=/tmp/some dir\n"
                                      " \t checksum=sha-256="
                                      + Sha256Hex
                                      + "\r\n"
                                        "\n"
                                        "  out = spaced = name.txt  \n"
                                        "https://a.example/g\n"
                                        "https://a.example/h\n"
                                        "  out=first.txt\n"
                                        "  out=second.txt\n");

    QCOMPARE(result.entries.size(), 3);
    QVERIFY(result.problems.isEmpty());

    const UrlListEntry &f = result.entries.at(0);
    QCOMPARE(f.url, QUrl(u"https://a.example/f"_s));
    QCOMPARE(f.outName, u"spaced = name.txt"_s); // the later out= wins
    QCOMPARE(f.directory, u"/tmp/some dir"_s);
    QVERIFY(f.checksum);
    QCOMPARE(f.checksum->algorithm, QCryptographicHash::Sha256);
    QCOMPARE(f.checksum->digest, QByteArray::fromHex(Sha256Hex));
    QCOMPARE(f.line, 1);

    const UrlListEntry &g = result.entries.at(1);
    QVERIFY(g.outName.isEmpty());
    QVERIFY(g.directory.isEmpty());
    QVERIFY(!g.checksum);
    QVERIFY(g.mirrors.isEmpty());
    QCOMPARE(g.line, 7);

    QCOMPARE(result.entries.at(2).outName, u"second.txt"_s);
}

void TestUrlListReader::next_mirrors_areKept()
{
    const ReadResult result =
        readAll("https://a.example/f\thttps://b.example/f\t\thttp://c.example/f%20x\t\n");

    QCOMPARE(result.entries.size(), 1);
    QCOMPARE(result.entries.first().url, QUrl(u"https://a.example/f"_s));
    QCOMPARE(result.entries.first().mirrors,
             QStringList({u"https://b.example/f"_s, u"http://c.example/f%20x"_s}));
    QVERIFY(result.problems.isEmpty());
}

void TestUrlListReader::next_badMirror_isReportedAndDropped()
{
    const ReadResult result = readAll("https://a.example/f\tftp://b.example/f\n");

    QCOMPARE(result.entries.size(), 1);
    QVERIFY(result.entries.first().mirrors.isEmpty());
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 1);
    QCOMPARE(result.problems.first().text, u"ftp://b.example/f"_s);
    QVERIFY2(result.problems.first().reason.contains(u"unsupported scheme ftp"_s),
             qPrintable(result.problems.first().reason));
}

void TestUrlListReader::next_badFirstUriWithGoodMirror_usesMirror()
{
    const ReadResult result = readAll("bogus\thttps://b.example/f\n  out=x.bin\n");

    QCOMPARE(result.entries.size(), 1);
    QCOMPARE(result.entries.first().url, QUrl(u"https://b.example/f"_s));
    QCOMPARE(result.entries.first().outName, u"x.bin"_s);
    QCOMPARE(result.problems.size(), 1);
}

void TestUrlListReader::next_badChecksum_rejectsWholeEntry()
{
    const ReadResult result = readAll("https://a.example/1\n"
                                      "  out=one.bin\n"
                                      "  checksum=sha-256=abc\n"
                                      "  dir=/tmp\n"
                                      "  bogus=1\n"
                                      "https://a.example/2\n"
                                      "  checksum=sha-999="
                                      + Sha256Hex
                                      + "\n"
                                        "https://a.example/3\n"
                                        "  checksum=\n");

    QCOMPARE(result.entries.size(), 0);
    QCOMPARE(linesOf(result.problems), QList<int>({3, 7, 9}));
    QVERIFY2(result.problems.first().reason.contains(u"checksum"_s),
             qPrintable(result.problems.first().reason));
    QVERIFY2(result.problems.first().reason.contains(u"line 1"_s),
             qPrintable(result.problems.first().reason));
    QCOMPARE(result.problems.first().text, u"  checksum=sha-256=abc"_s);
}

void TestUrlListReader::next_unknownOption_isReportedNotFatal()
{
    const ReadResult result = readAll("https://a.example/1\n"
                                      "  max-tries=3\n"
                                      "  OUT=upper.bin\n"
                                      "  no-equals-sign\n"
                                      "  out=\n"
                                      "  out=z.bin\n");

    QCOMPARE(result.entries.size(), 1);
    QCOMPARE(result.entries.first().outName, u"z.bin"_s);
    QCOMPARE(linesOf(result.problems), QList<int>({2, 3, 4, 5}));
    QVERIFY2(result.problems.at(0).reason.startsWith(u"ignored option max-tries"_s),
             qPrintable(result.problems.at(0).reason));
    QVERIFY2(result.problems.at(1).reason.startsWith(u"ignored option OUT"_s),
             qPrintable(result.problems.at(1).reason));
    QVERIFY2(result.problems.at(2).reason.contains(u"name=value"_s),
             qPrintable(result.problems.at(2).reason));
    QVERIFY2(result.problems.at(3).reason.contains(u"empty"_s),
             qPrintable(result.problems.at(3).reason));
}

void TestUrlListReader::next_headerOptions_applyToUrlAbove()
{
    const ReadResult result = readAll("https://a.example/1\n"
                                      "  user-agent=Agent/1.0 (X11)\n"
                                      "  referer=https://a.example/page\n"
                                      "  header=X-One: 1\n"
                                      "\theader=X-Two:two words\n"
                                      "  load-cookies=cookies.txt\n"
                                      "https://a.example/2\n");
    QCOMPARE(result.entries.size(), 2);
    QVERIFY(result.problems.isEmpty());
    const UrlListEntry &first = result.entries.first();
    QCOMPARE(first.headers.userAgent(), "Agent/1.0 (X11)");
    QCOMPARE(first.headers.referer(), "https://a.example/page");
    QCOMPARE(first.headers.extra(),
             (QList<Ferry::RequestHeaders::Header>{{"X-One", "1"}, {"X-Two", "two words"}}));
    QCOMPARE(first.headers.cookieFile(), u"cookies.txt"_s);
    QVERIFY(result.entries.at(1).headers.isEmpty());
    QVERIFY(result.entries.at(1).headers.cookieFile().isEmpty());
}

void TestUrlListReader::next_badHeader_rejectsWholeEntry()
{
    const ReadResult result = readAll("https://a.example/1\n"
                                      "  header=Range: bytes=0-\n"
                                      "https://a.example/2\n"
                                      "  header=no colon here\n"
                                      "https://a.example/3\n");
    QCOMPARE(urlsOf(result.entries), QStringList{u"https://a.example/3"_s});
    QCOMPARE(linesOf(result.problems), QList<int>({2, 4}));
    QVERIFY2(result.problems.at(0).reason.contains(u"Range"_s),
             qPrintable(result.problems.at(0).reason));
    QVERIFY2(result.problems.at(0).reason.contains(u"line 1"_s),
             qPrintable(result.problems.at(0).reason));
}

void TestUrlListReader::next_optionBeforeUrl_isReported()
{
    const ReadResult result = readAll("# header comment\n  out=x.bin\nhttps://a.example/1\n");

    QCOMPARE(result.entries.size(), 1);
    QVERIFY(result.entries.first().outName.isEmpty());
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 2);
    QCOMPARE(result.problems.first().reason, u"option line without a URL line above it"_s);
}

void TestUrlListReader::next_optionsOfRejectedUrl_areSkippedSilently()
{
    const ReadResult result =
        readAll("ftp://a.example/1\n  out=x.bin\n  bogus=1\nhttps://a.example/2\n  out=y.bin\n");

    QCOMPARE(result.entries.size(), 1);
    QCOMPARE(result.entries.first().outName, u"y.bin"_s);
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 1);
    QCOMPARE(result.problems.first().reason, u"unsupported scheme ftp"_s);
    QCOMPARE(result.problems.first().text, u"ftp://a.example/1"_s);
}

void TestUrlListReader::next_nonUtf8UrlLine_isRejected()
{
    const ReadResult result =
        readAll("https://a.example/caf\xe9\n  out=x.bin\nhttps://a.example/2\xe6\x97\n"
                "https://a.example/3\n");

    QCOMPARE(urlsOf(result.entries), QStringList{u"https://a.example/3"_s});
    QCOMPARE(linesOf(result.problems), QList<int>({1, 3}));
    QCOMPARE(result.problems.first().reason, u"not valid UTF-8 text"_s);
}

void TestUrlListReader::next_nonUtf8OptionLine_rejectsEntry()
{
    const ReadResult result =
        readAll("https://a.example/1\n  out=caf\xe9.txt\n  dir=/x\nhttps://a.example/2\n");

    QCOMPARE(urlsOf(result.entries), QStringList{u"https://a.example/2"_s});
    QCOMPARE(linesOf(result.problems), QList<int>{2});
    QVERIFY2(result.problems.first().reason.contains(u"UTF-8"_s),
             qPrintable(result.problems.first().reason));
}

void TestUrlListReader::next_overlongLine_isRejected()
{
    QByteArray input = "https://a.example/";
    input += QByteArray(UrlListReader::MaxLineLength + 10, 'x');
    input += "\n  out=x.bin\nhttps://a.example/2\n";
    input += "https://a.example/3?";
    input += QByteArray(UrlListReader::MaxLineLength + 10, 'y'); // last line, no newline

    const ReadResult result = readAll(input);

    QCOMPARE(urlsOf(result.entries), QStringList{u"https://a.example/2"_s});
    QCOMPARE(linesOf(result.entries), QList<int>{3});
    QCOMPARE(linesOf(result.problems), QList<int>({1, 4}));
    QVERIFY2(result.problems.first().reason.contains(u"longer"_s),
             qPrintable(result.problems.first().reason));
}

void TestUrlListReader::next_badUrls_reportLineNumbers()
{
    const ReadResult result = readAll("# bad ones\n"
                                      "ftp://a.example/1\n"
                                      "not a url\n"
                                      "http://\n"
                                      "\n"
                                      "https://ok.example/\n"
                                      "file:///etc/passwd\n");

    QCOMPARE(result.entries.size(), 1);
    QCOMPARE(result.problems.size(), 4);
    const QList<std::pair<int, QString>> expected{
        {2, u"unsupported scheme ftp"_s},
        {3, u"not a URL"_s},
        {4, u"no host"_s},
        {7, u"unsupported scheme file"_s},
    };
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(result.problems.at(i).line, expected.at(i).first);
        QCOMPARE(result.problems.at(i).reason, expected.at(i).second);
    }
}

void TestUrlListReader::next_problemText_isCut()
{
    const QByteArray longBad = "ftp://a.example/" + QByteArray(1000, 'z');
    const ReadResult result = readAll(longBad + '\n');

    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().text.size(), 201);
    QVERIFY(result.problems.first().text.startsWith(u"ftp://a.example/zzz"_s));
    QVERIFY(result.problems.first().text.endsWith(u'\u2026'));
}

void TestUrlListReader::next_manyProblems_areCapped()
{
    QByteArray input;
    for (int i = 0; i < 1500; ++i) {
        input += "ftp://a.example/" + QByteArray::number(i) + '\n';
    }
    input += "https://a.example/last\n";

    const ReadResult result = readAll(input);

    QCOMPARE(result.entries.size(), 1);
    QCOMPARE(result.entries.first().line, 1501);
    QCOMPARE(result.problems.size(), UrlListReader::MaxStoredProblems);
    QCOMPARE(result.problemCount, 1500);
    QCOMPARE(result.problems.last().line, 1000);
}

void TestUrlListReader::next_afterEnd_staysAtEnd()
{
    QBuffer buffer;
    buffer.setData("https://a.example/1\n");
    buffer.open(QIODevice::ReadOnly);
    UrlListReader reader(&buffer);

    QVERIFY(reader.next());
    QVERIFY(!reader.next());
    QVERIFY(!reader.next());
    QCOMPARE(reader.readError(), std::nullopt);
}

void TestUrlListReader::next_largeList_streamsThrough()
{
    constexpr int Count = 200'000;
    QByteArray input;
    input.reserve(Count * 40);
    for (int i = 0; i < Count; ++i) {
        input += "https://host.example/file" + QByteArray::number(i) + ".bin\n";
        if (i % 10 == 0) {
            input += "  out=name" + QByteArray::number(i) + ".bin\n";
        }
    }

    QBuffer buffer(&input);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    UrlListReader reader(&buffer);
    int count = 0;
    int named = 0;
    int lastLine = 0;
    while (const std::optional<UrlListEntry> entry = reader.next()) {
        if (!entry->outName.isEmpty()) {
            ++named;
        }
        QVERIFY(entry->line > lastLine);
        lastLine = entry->line;
        ++count;
    }

    QCOMPARE(count, Count);
    QCOMPARE(named, Count / 10);
    QCOMPARE(lastLine, Count + Count / 10);
    QCOMPARE(reader.problemCount(), 0);
    QCOMPARE(reader.readError(), std::nullopt);
}

void TestUrlListReader::next_deviceNotOpen_isReadError()
{
    QBuffer buffer;
    buffer.setData("https://a.example/1\n");
    UrlListReader reader(&buffer);

    QVERIFY(!reader.next());
    QVERIFY(reader.readError());
    QVERIFY(!reader.readError()->isEmpty());
}

void TestUrlListReader::next_readFails_isReadError()
{
    // Reading /proc/self/mem at offset 0 fails with EIO on Linux: a real read error.
    QFile file(u"/proc/self/mem"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        QSKIP("/proc/self/mem is not available");
    }
    UrlListReader reader(&file);

    QVERIFY(!reader.next());
    QVERIFY(reader.readError());
    QVERIFY2(reader.readError()->contains(file.errorString()), qPrintable(*reader.readError()));
}

QTEST_GUILESS_MAIN(TestUrlListReader)
#include "tst_urllistreader.moc"
