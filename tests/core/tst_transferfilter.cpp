#include "core/transferfilter.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestTransferFilter : public QObject
{
    Q_OBJECT

private slots:
    void inCategory_data();
    void inCategory();
    void accepts_text_matchesNameOrUrlCaseInsensitively();
    void accepts_categoryAndText_bothMustMatch();
    void displayName_prefersFileName();
};

void TestTransferFilter::inCategory_data()
{
    using C = TransferFilter::Category;
    using S = TransferState;
    QTest::addColumn<S>("state");
    QTest::addColumn<C>("category");
    QTest::addColumn<bool>("expected");
    QTest::newRow("all/failed") << S::Failed << C::All << true;
    QTest::newRow("active/active") << S::Active << C::Active << true;
    QTest::newRow("waiting/active") << S::Waiting << C::Active << true;
    QTest::newRow("queued/active") << S::Queued << C::Active << false;
    QTest::newRow("queued/queued") << S::Queued << C::Queued << true;
    QTest::newRow("paused/paused") << S::Paused << C::Paused << true;
    QTest::newRow("paused/completed") << S::Paused << C::Completed << false;
    QTest::newRow("completed/completed") << S::Completed << C::Completed << true;
    QTest::newRow("failed/failed") << S::Failed << C::Failed << true;
    QTest::newRow("cancelled/failed") << S::Cancelled << C::Failed << true;
    QTest::newRow("completed/failed") << S::Completed << C::Failed << false;
}

void TestTransferFilter::inCategory()
{
    QFETCH(TransferState, state);
    QFETCH(TransferFilter::Category, category);
    QFETCH(bool, expected);
    QCOMPARE(TransferFilter::inCategory(state, category), expected);
}

void TestTransferFilter::accepts_text_matchesNameOrUrlCaseInsensitively()
{
    TransferSnapshot snapshot;
    snapshot.url = QUrl(u"https://mirror.example/pub/Debian.iso"_s);
    TransferFilter filter;
    filter.setText(u"  debian "_s);
    QVERIFY(filter.accepts(snapshot));
    filter.setText(u"MIRROR"_s);
    QVERIFY(filter.accepts(snapshot));
    filter.setText(u"ubuntu"_s);
    QVERIFY(!filter.accepts(snapshot));
    snapshot.filePath = u"/home/u/Downloads/ubuntu.iso"_s;
    QVERIFY(filter.accepts(snapshot));
}

void TestTransferFilter::accepts_categoryAndText_bothMustMatch()
{
    TransferSnapshot snapshot;
    snapshot.url = QUrl(u"https://a.example/file.zip"_s);
    snapshot.state = TransferState::Paused;
    TransferFilter filter;
    filter.setCategory(TransferFilter::Category::Paused);
    filter.setText(u"file"_s);
    QVERIFY(filter.accepts(snapshot));
    filter.setCategory(TransferFilter::Category::Completed);
    QVERIFY(!filter.accepts(snapshot));
}

void TestTransferFilter::displayName_prefersFileName()
{
    TransferSnapshot snapshot;
    snapshot.url = QUrl(u"https://a.example/dl?id=3"_s);
    QCOMPARE(TransferFilter::displayName(snapshot), u"dl"_s);
    snapshot.url = QUrl(u"https://a.example/"_s);
    QCOMPARE(TransferFilter::displayName(snapshot), u"a.example"_s);
    snapshot.filePath = u"/d/report.pdf"_s;
    QCOMPARE(TransferFilter::displayName(snapshot), u"report.pdf"_s);
}

QTEST_GUILESS_MAIN(TestTransferFilter)
#include "tst_transferfilter.moc"
