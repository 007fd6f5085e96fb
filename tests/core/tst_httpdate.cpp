#include "core/httpdate.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestHttpDate : public QObject
{
    Q_OBJECT

private slots:
    void parse_imfFixdate_isUtc();
    void parse_otherForms_areRejected();
    void strongLastModified_needsAMinuteByTheServersClock_data();
    void strongLastModified_needsAMinuteByTheServersClock();
};

void TestHttpDate::parse_imfFixdate_isUtc()
{
    const auto when = HttpDate::parse("Sun, 06 Nov 1994 08:49:37 GMT");
    QVERIFY(when.has_value());
    QCOMPARE(*when, QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC));
    QCOMPARE(HttpDate::parse(" Thu, 29 Feb 2024 23:59:59 GMT\r").value_or(QDateTime()),
             QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59), Qt::UTC));
    QCOMPARE(HttpDate::parse("Fri, 01 Jan 2100 00:00:00 GMT").value_or(QDateTime()),
             QDateTime(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC));
}

void TestHttpDate::parse_otherForms_areRejected()
{
    QVERIFY(!HttpDate::parse("Sunday, 06-Nov-94 08:49:37 GMT")); // RFC 850
    QVERIFY(!HttpDate::parse("Sun Nov  6 08:49:37 1994"));       // asctime
    QVERIFY(!HttpDate::parse("Sun, 06 Nov 1994 08:49:37 CET"));
    QVERIFY(!HttpDate::parse(""));
    QVERIFY(!HttpDate::parse("Sun, 6 Nov 1994 08:49:37 GMT")); // one-digit day
    QVERIFY(!HttpDate::parse("Sun, 06 Nov 199x 08:49:37 GMT"));
    QVERIFY(!HttpDate::parse("Sun, 06 Nox 1994 08:49:37 GMT"));
    QVERIFY(!HttpDate::parse("Sun, 31 Nov 1994 08:49:37 GMT")); // no such day
    QVERIFY(!HttpDate::parse("Sun, 06 Nov 1994 24:00:00 GMT"));
    QVERIFY(!HttpDate::parse("Sun, 06 Nov 1994 08:49:60 GMT"));
    QVERIFY(!HttpDate::parse("Sun, 06 Nov 1994 08-49-37 GMT"));
}

void TestHttpDate::strongLastModified_needsAMinuteByTheServersClock_data()
{
    QTest::addColumn<QByteArray>("lastModified");
    QTest::addColumn<QByteArray>("date");
    QTest::addColumn<bool>("strong");

    const QByteArray modified = "Sun, 06 Nov 1994 08:49:37 GMT";
    QTest::newRow("an hour old") << modified << "Sun, 06 Nov 1994 09:49:37 GMT"_ba << true;
    QTest::newRow("exactly a minute") << modified << "Sun, 06 Nov 1994 08:50:37 GMT"_ba << true;
    QTest::newRow("59 s") << modified << "Sun, 06 Nov 1994 08:50:36 GMT"_ba << false;
    QTest::newRow("from the future") << modified << "Sun, 06 Nov 1994 08:00:00 GMT"_ba << false;
    QTest::newRow("no Date") << modified << QByteArray() << false;
    QTest::newRow("unreadable") << "yesterday"_ba
                                << "Sun, 06 Nov 1994 09:49:37 GMT"_ba << false;
}

void TestHttpDate::strongLastModified_needsAMinuteByTheServersClock()
{
    QFETCH(QByteArray, lastModified);
    QFETCH(QByteArray, date);
    QFETCH(bool, strong);

    QCOMPARE(HttpDate::strongLastModified(lastModified, date),
             strong ? lastModified : QByteArray());
}

QTEST_GUILESS_MAIN(TestHttpDate)
#include "tst_httpdate.moc"
