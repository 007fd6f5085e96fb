#include "core/urlextractor.h"
#include "ui/adddialog.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestAddDialog : public QObject
{
    Q_OBJECT

private slots:
    void setText_mixedText_countsAndRejectedLinesShown();
    void typing_reparsesAfterAPause();
    void knownUrls_leftOutAndSaid();
    void submit_startNow_emitsRequestsIntoChosenFolder();
    void queueButton_emitsWithoutStart();
    void nothingFound_buttonsDisabled();
};

void TestAddDialog::setText_mixedText_countsAndRejectedLinesShown()
{
    AddDialog dialog(u"/tmp"_s, {});
    dialog.setText(u"see https://a.example/1.zip and https://a.example/2.zip\n"_s
                   u"https://a.example/1.zip\nnothing here\nftp://old.example/x\n"_s);
    QCOMPARE(dialog.urls().size(), 2);
    const QString summary = dialog.findChild<QLabel *>(u"summary"_s)->text();
    QVERIFY2(summary.contains(u"New links: 2"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"duplicate"_s), qPrintable(summary));
    auto *rejected = dialog.findChild<QListWidget *>(u"rejected"_s);
    QCOMPARE(rejected->count(), 2);
    QVERIFY(rejected->item(0)->text().contains(u"Line 3"_s));
    QVERIFY(rejected->item(1)->text().contains(u"ftp"_s));
    QVERIFY(!rejected->isHidden());
}

void TestAddDialog::typing_reparsesAfterAPause()
{
    AddDialog dialog(u"/tmp"_s, {});
    auto *text = dialog.findChild<QPlainTextEdit *>(u"text"_s);
    text->setPlainText(u"https://a.example/typed"_s);
    QTRY_COMPARE(dialog.urls().size(), 1);
}

void TestAddDialog::knownUrls_leftOutAndSaid()
{
    AddDialog dialog(u"/tmp"_s, {UrlExtractor::key(QUrl(u"https://a.example/old"_s))});
    dialog.setText(u"https://a.example/old\nhttps://a.example/new"_s);
    QCOMPARE(dialog.urls(), QList<QUrl>{QUrl(u"https://a.example/new"_s)});
    QVERIFY(dialog.summary().contains(u"already in the list"_s));
}

void TestAddDialog::submit_startNow_emitsRequestsIntoChosenFolder()
{
    AddDialog dialog(u"/tmp"_s, {});
    QSignalSpy spy(&dialog, &AddDialog::downloadsRequested);
    dialog.setText(u"https://a.example/1\nhttps://a.example/2"_s);
    dialog.setDirectory(u"/srv/mirror"_s);
    dialog.findChild<QPushButton *>(u"startButton"_s)->click();
    QCOMPARE(spy.size(), 1);
    const auto requests = spy.at(0).at(0).value<QList<TransferRequest>>();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(1).url, QUrl(u"https://a.example/2"_s));
    QCOMPARE(requests.at(0).directory, u"/srv/mirror"_s);
    QCOMPARE(spy.at(0).at(1).toBool(), true);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestAddDialog::queueButton_emitsWithoutStart()
{
    AddDialog dialog(u"/tmp"_s, {});
    QSignalSpy spy(&dialog, &AddDialog::downloadsRequested);
    dialog.setText(u"https://a.example/1"_s);
    dialog.findChild<QPushButton *>(u"queueButton"_s)->click();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(1).toBool(), false);
}

void TestAddDialog::nothingFound_buttonsDisabled()
{
    AddDialog dialog(u"/tmp"_s, {});
    QSignalSpy spy(&dialog, &AddDialog::downloadsRequested);
    dialog.setText(u"no links at all"_s);
    auto *start = dialog.findChild<QPushButton *>(u"startButton"_s);
    QVERIFY(!start->isEnabled());
    dialog.submit(true);
    QCOMPARE(spy.size(), 0);
}

QTEST_MAIN(TestAddDialog)
#include "tst_adddialog.moc"
