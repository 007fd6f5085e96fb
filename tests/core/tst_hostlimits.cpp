#include "core/hostlimits.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestHostLimits : public QObject
{
    Q_OBJECT

private slots:
    void parseEntry_acceptsHostEqualsCap();
    void parseEntry_rejectsWithReason_data();
    void parseEntry_rejectsWithReason();
    void parseList_splitsOnCommasSemicolonsAndSpace();
    void parseList_oneBadEntryRejectsTheList();
    void formatList_roundTripsSortedByHost();
};

void TestHostLimits::parseEntry_acceptsHostEqualsCap()
{
    QString error;
    const auto entry = HostLimits::parseEntry(u"  Files.Example.ORG = 2 ", &error);
    QVERIFY(entry);
    QCOMPARE(entry->first, u"files.example.org"_s);
    QCOMPARE(entry->second, 2);
    QVERIFY(error.isEmpty());
    QCOMPARE(HostLimits::parseEntry(u"127.0.0.1=64", nullptr)->second, 64);
    QCOMPARE(HostLimits::parseEntry(u"a=1", nullptr)->second, 1);
}

void TestHostLimits::parseEntry_rejectsWithReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("no cap") << u"example.org"_s;
    QTest::newRow("no host") << u"=3"_s;
    QTest::newRow("zero") << u"example.org=0"_s;
    QTest::newRow("above 64") << u"example.org=65"_s;
    QTest::newRow("not a number") << u"example.org=two"_s;
    QTest::newRow("a URL") << u"http://example.org/=2"_s;
    QTest::newRow("space in host") << u"exa mple.org=2"_s;
    QTest::newRow("two equals") << u"a=b=2"_s;
}

void TestHostLimits::parseEntry_rejectsWithReason()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!HostLimits::parseEntry(text, &error));
    QVERIFY2(error.contains(text), qPrintable(error)); // the message names what was wrong
    QVERIFY(!HostLimits::parseEntry(text, nullptr));
}

void TestHostLimits::parseList_splitsOnCommasSemicolonsAndSpace()
{
    QString error;
    const auto limits = HostLimits::parseList(u"a.example=2, b.example=4;c.example=1\n"
                                              u"  d.example=8   A.EXAMPLE=3",
                                              &error);
    QVERIFY2(limits, qPrintable(error));
    QCOMPARE(limits->size(), 4);
    QCOMPARE(limits->value(u"a.example"_s), 3); // given twice: the last one counts
    QCOMPARE(limits->value(u"b.example"_s), 4);
    QCOMPARE(limits->value(u"c.example"_s), 1);
    QCOMPARE(limits->value(u"d.example"_s), 8);
    QVERIFY(HostLimits::parseList(u""_s, nullptr)->isEmpty());
    QVERIFY(HostLimits::parseList(u" , ; "_s, nullptr)->isEmpty());
}

void TestHostLimits::parseList_oneBadEntryRejectsTheList()
{
    QString error;
    QVERIFY(!HostLimits::parseList(u"a.example=2, b.example=99, c.example=1"_s, &error));
    QVERIFY2(error.contains(u"b.example=99"_s), qPrintable(error));
}

void TestHostLimits::formatList_roundTripsSortedByHost()
{
    const QHash<QString, int> limits{
        {u"zeta.example"_s, 1}, {u"alpha.example"_s, 12}, {u"mid.example"_s, 64}};
    const QString text = HostLimits::formatList(limits);
    QCOMPARE(text, u"alpha.example=12, mid.example=64, zeta.example=1"_s);
    QCOMPARE(HostLimits::parseList(text, nullptr).value(), limits);
    QCOMPARE(HostLimits::formatList({}), QString());
}

QTEST_GUILESS_MAIN(TestHostLimits)
#include "tst_hostlimits.moc"
