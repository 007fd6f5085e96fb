#include "core/urllistreader.h"
#include "core/urllistwriter.h"

#include <QBuffer>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestUrlListWriter : public QObject
{
    Q_OBJECT

private slots:
    void entry_urlThenOptionLines();
    void entry_dropsPassword_andUnwritableValues();
    void roundTrip_throughTheReader();
};

void TestUrlListWriter::entry_urlThenOptionLines()
{
    QCOMPARE(UrlListWriter::entry(QUrl(u"https://example.org/a b.zip"_s), u"/srv/x"_s, {}),
             "https://example.org/a%20b.zip\n  dir=/srv/x\n"_ba);
    QCOMPARE(UrlListWriter::entry(QUrl(u"http://h/f"_s), {}, u"name.bin"_s),
             "http://h/f\n  out=name.bin\n"_ba);
    QCOMPARE(UrlListWriter::entry(QUrl(u"http://h/f"_s), {}, {}), "http://h/f\n"_ba);
}

void TestUrlListWriter::entry_dropsPassword_andUnwritableValues()
{
    const QByteArray entry =
        UrlListWriter::entry(QUrl(u"https://user:secret@example.org/f"_s), u"/a\nb"_s, u"x\ry"_s);
    QVERIFY(!entry.contains("secret"));
    QCOMPARE(entry, "https://user@example.org/f\n"_ba);
}

void TestUrlListWriter::roundTrip_throughTheReader()
{
    const QList<std::tuple<QUrl, QString, QString>> items = {
        {QUrl(u"https://example.org/%E4%B8%AD.txt?q=1#x"_s), u"/tmp/下载 dir"_s, QString()},
        {QUrl(u"http://127.0.0.1:8080/a"_s), u"/srv"_s, u"out name (1).bin"_s},
        {QUrl(u"http://h/b"_s), QString(), QString()},
    };
    QByteArray list;
    for (const auto &[url, directory, name] : items)
        list += UrlListWriter::entry(url, directory, name);
    QBuffer buffer(&list);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    UrlListReader reader(&buffer);
    for (const auto &[url, directory, name] : items) {
        const std::optional<UrlListEntry> entry = reader.next();
        QVERIFY(entry);
        QCOMPARE(entry->url.toEncoded(), url.toEncoded());
        QCOMPARE(entry->directory, directory);
        QCOMPARE(entry->outName, name);
    }
    QVERIFY(!reader.next());
    QCOMPARE(reader.problemCount(), 0);
}

QTEST_GUILESS_MAIN(TestUrlListWriter)
#include "tst_urllistwriter.moc"
