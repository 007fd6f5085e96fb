#include "core/urlextractjob.h"
#include "core/urlextractor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestUrlExtractor : public QObject
{
    Q_OBJECT

private slots:
    void addText_onePerLine_findsAll();
    void addText_mixedProse_findsUrlsAndTrimsPunctuation();
    void addText_severalPerLine_findsEach();
    void addText_duplicates_keptOnceAndCounted();
    void addText_knownKeys_leftOutAndCounted();
    void addText_badLines_rejectedWithReasons();
    void addText_blankAndCommentLines_ignored();
    void addText_inPieces_numbersLinesOnward();
    void addUrl_nonHttp_rejected();
    void key_ignoresFragment();
    void job_readsFilesOffThread_withProgress();
};

void TestUrlExtractor::addText_onePerLine_findsAll()
{
    UrlExtractor extractor;
    extractor.addText(u"https://example.org/a.zip\r\nhttp://example.org/b.iso\n"_s);
    QCOMPARE(
        extractor.urls(),
        (QList<QUrl>{QUrl(u"https://example.org/a.zip"_s), QUrl(u"http://example.org/b.iso"_s)}));
    QCOMPARE(extractor.rejectedCount(), 0);
}

void TestUrlExtractor::addText_mixedProse_findsUrlsAndTrimsPunctuation()
{
    UrlExtractor extractor;
    extractor.addText(
        u"Get it at <https://example.org/x.tar.gz>, or (see https://mirror.example/y_(1).zip)."_s
        u"\nAlso \"http://example.org/q?a=1&b=2\" please."_s);
    QCOMPARE(extractor.urls(),
             (QList<QUrl>{QUrl(u"https://example.org/x.tar.gz"_s),
                          QUrl(u"https://mirror.example/y_(1).zip"_s),
                          QUrl(u"http://example.org/q?a=1&b=2"_s)}));
}

void TestUrlExtractor::addText_severalPerLine_findsEach()
{
    UrlExtractor extractor;
    extractor.addText(u"https://a.example/1 https://b.example/2\thttps://c.example/3"_s);
    QCOMPARE(extractor.urls().size(), 3);
    QCOMPARE(extractor.urls().at(2), QUrl(u"https://c.example/3"_s));
}

void TestUrlExtractor::addText_duplicates_keptOnceAndCounted()
{
    UrlExtractor extractor;
    extractor.addText(u"https://a.example/1\nhttps://a.example/1\nhttps://A.EXAMPLE/1#top\n"_s);
    QCOMPARE(extractor.urls(), QList<QUrl>{QUrl(u"https://a.example/1"_s)});
    QCOMPARE(extractor.duplicateCount(), 2);
}

void TestUrlExtractor::addText_knownKeys_leftOutAndCounted()
{
    UrlExtractor extractor;
    extractor.setKnownKeys({UrlExtractor::key(QUrl(u"https://a.example/queued"_s))});
    extractor.addText(u"https://a.example/queued\nhttps://a.example/new\n"_s);
    QCOMPARE(extractor.urls(), QList<QUrl>{QUrl(u"https://a.example/new"_s)});
    QCOMPARE(extractor.knownCount(), 1);
    QCOMPARE(extractor.duplicateCount(), 0);
}

void TestUrlExtractor::addText_badLines_rejectedWithReasons()
{
    UrlExtractor extractor;
    extractor.addText(u"hello world\nftp://example.org/file\nhttps://ok.example/f\nhttp://\n"_s);
    QCOMPARE(extractor.urls(), QList<QUrl>{QUrl(u"https://ok.example/f"_s)});
    QCOMPARE(extractor.rejectedCount(), 3);
    const QList<UrlListProblem> rejected = extractor.rejected();
    QCOMPARE(rejected.at(0).line, 1);
    QCOMPARE(rejected.at(0).text, u"hello world"_s);
    QVERIFY(rejected.at(0).reason.contains(u"http"_s));
    QCOMPARE(rejected.at(1).line, 2);
    QVERIFY2(rejected.at(1).reason.contains(u"ftp"_s), qPrintable(rejected.at(1).reason));
    QCOMPARE(rejected.at(2).line, 4);
}

void TestUrlExtractor::addText_blankAndCommentLines_ignored()
{
    UrlExtractor extractor;
    extractor.addText(u"\n   \n# my list\nhttps://a.example/1\n"_s);
    QCOMPARE(extractor.urls().size(), 1);
    QCOMPARE(extractor.rejectedCount(), 0);
}

void TestUrlExtractor::addText_inPieces_numbersLinesOnward()
{
    UrlExtractor extractor;
    extractor.addText(u"https://a.example/1\n"_s);
    extractor.addText(u"junk\n"_s);
    extractor.beginSource(u"list.txt"_s);
    extractor.addText(u"more junk"_s);
    QCOMPARE(extractor.rejected().size(), 2);
    QCOMPARE(extractor.rejected().at(0).line, 2);
    QCOMPARE(extractor.rejected().at(1).line, 1);
    QVERIFY(extractor.rejected().at(1).text.startsWith(u"list.txt"_s));
}

void TestUrlExtractor::addUrl_nonHttp_rejected()
{
    UrlExtractor extractor;
    extractor.addUrl(QUrl(u"https://a.example/1"_s));
    extractor.addUrl(QUrl::fromLocalFile(u"/tmp/picture.png"_s));
    QCOMPARE(extractor.urls().size(), 1);
    QCOMPARE(extractor.rejectedCount(), 1);
}

void TestUrlExtractor::key_ignoresFragment()
{
    QCOMPARE(UrlExtractor::key(QUrl(u"https://a.example/x#one"_s)),
             UrlExtractor::key(QUrl(u"https://a.example/x"_s)));
    QVERIFY(UrlExtractor::key(QUrl(u"https://a.example/x?1"_s))
            != UrlExtractor::key(QUrl(u"https://a.example/x"_s)));
}

void TestUrlExtractor::job_readsFilesOffThread_withProgress()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile list(dir.filePath(u"urls.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    constexpr int Count = 20000;
    for (int i = 0; i < Count; ++i)
        list.write(u"https://files.example/%1.bin\n"_s.arg(i).toUtf8());
    list.write("not a link\n");
    list.close();

    UrlExtractInput input;
    input.filePaths = {list.fileName()};
    input.text = u"https://files.example/0.bin\nhttps://other.example/x\n"_s;
    QThreadPool pool;
    QFuture<UrlExtractor> future = UrlExtractJob::start(input, &pool);
    future.waitForFinished();
    const UrlExtractor result = future.result();
    QCOMPARE(result.urls().size(), Count + 1);
    QCOMPARE(result.duplicateCount(), 1);
    QCOMPARE(result.rejectedCount(), 1);
    QCOMPARE(result.rejected().at(0).line, Count + 1);
    QCOMPARE(future.progressValue(), future.progressMaximum());
    QVERIFY(future.progressMaximum() > 0);
}

QTEST_GUILESS_MAIN(TestUrlExtractor)
#include "tst_urlextractor.moc"
