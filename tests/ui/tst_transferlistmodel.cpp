#include "core/transferclient.h"
#include "ui/transferfilterproxymodel.h"
#include "ui/transferlistmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

TransferSnapshot snapshot(TransferId id, TransferState state = TransferState::Queued)
{
    TransferSnapshot s;
    s.id = id;
    s.url = QUrl(u"https://example.org/file%1.zip"_s.arg(id));
    s.state = state;
    s.addedAtMs = 1700000000000 + qint64(id);
    return s;
}

QList<TransferSnapshot> snapshots(TransferId first, TransferId last)
{
    QList<TransferSnapshot> list;
    for (TransferId id = first; id <= last; ++id)
        list.append(snapshot(id));
    return list;
}

using Column = TransferListModel::Column;

} // namespace

class TestTransferListModel : public QObject
{
    Q_OBJECT

private slots:
    void stateText_queuedBehindACoolingHost_showsTimeLeft();
    void stateText_waitingForALogin_saysNeedsLogin();
    void hostWait_countsDownInOneSignalForTheWaitingSpan();
    void changed_unknownIds_insertsRowsOnce();
    void changed_knownRows_oneDataChangedPerContiguousSpan();
    void changed_moreThanHalf_oneFullRangeDataChanged();
    void added_records_showAtOnceWithFolder();
    void removed_scatteredRows_goneAndIndexStaysRight();
    void data_displayIsFormatted_sortIsRaw();
    void data_failedItem_statusCarriesErrorText();
    void data_addedInTraditionalChinese_hasNoRawDayPeriod();
    void totals_forwarded();
    void proxy_filtersByStateAndText_sortsOnRawValue();
};

void TestTransferListModel::changed_unknownIds_insertsRowsOnce()
{
    TransferListModel model;
    QAbstractItemModelTester tester(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.handleTransfersChanged(snapshots(1, 5), {});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(inserted.size(), 1);
    model.handleTransfersChanged(snapshots(1, 5), {});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowOf(3), 2);
}

void TestTransferListModel::changed_knownRows_oneDataChangedPerContiguousSpan()
{
    TransferListModel model;
    QAbstractItemModelTester tester(&model);
    model.handleTransfersChanged(snapshots(1, 20), {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Rows 2,3,4 and 10,11 and 15: three spans, in any arrival order.
    QList<TransferSnapshot> batch;
    for (const TransferId id : {11, 3, 16, 4, 12, 5})
        batch.append(snapshot(TransferId(id), TransferState::Active));
    model.handleTransfersChanged(batch, {});
    QCOMPARE(changed.size(), 3);
    const auto span = [&](int i) {
        return std::pair(changed.at(i).at(0).toModelIndex().row(),
                         changed.at(i).at(1).toModelIndex().row());
    };
    QCOMPARE(span(0), std::pair(2, 4));
    QCOMPARE(span(1), std::pair(10, 11));
    QCOMPARE(span(2), std::pair(15, 15));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(Column::Count) - 1);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(TransferListModel::SortRole));
    QCOMPARE(TransferState(model.index(2, 0).data(TransferListModel::StateRole).toInt()),
             TransferState::Active);
}

void TestTransferListModel::changed_moreThanHalf_oneFullRangeDataChanged()
{
    TransferListModel model;
    model.handleTransfersChanged(snapshots(1, 10), {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<TransferSnapshot> batch;
    for (const TransferId id : {1, 3, 5, 7, 9, 10})
        batch.append(snapshot(id, TransferState::Paused));
    model.handleTransfersChanged(batch, {});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 9);
}

void TestTransferListModel::added_records_showAtOnceWithFolder()
{
    TransferListModel model;
    TransferRecord record;
    record.request.url = QUrl(u"https://example.org/a.iso"_s);
    record.request.directory = u"/srv/downloads"_s;
    record.state = TransferState::Completed;
    record.fileName = u"a (1).iso"_s;
    record.bytesDone = record.bytesTotal = 1024;
    model.handleTransfersAdded({7}, {record});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, int(Column::Name)).data().toString(), u"a (1).iso"_s);
    QCOMPARE(model.index(0, 0).data(TransferListModel::FilePathRole).toString(),
             u"/srv/downloads/a (1).iso"_s);
    QCOMPARE(model.index(0, 0).data(TransferListModel::DirectoryRole).toString(),
             u"/srv/downloads"_s);
    QCOMPARE(model.index(0, int(Column::Progress)).data(TransferListModel::ProgressRole).toDouble(),
             100.0);
    // The engine's first snapshot of the same id updates the row instead of adding one.
    model.handleTransfersChanged({snapshot(7, TransferState::Completed)}, {});
    QCOMPARE(model.rowCount(), 1);
}

void TestTransferListModel::removed_scatteredRows_goneAndIndexStaysRight()
{
    TransferListModel model;
    QAbstractItemModelTester tester(&model);
    model.handleTransfersChanged(snapshots(1, 10), {});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.handleTransfersRemoved({2, 3, 7, 10, 99});
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(removed.size(), 3); // {1,2}, {6}, {9} as rows
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.snapshotAt(row).id), row);
    QCOMPARE(model.rowOf(2), -1);
    QCOMPARE(model.snapshotAt(model.rowOf(8)).id, TransferId(8));
}

void TestTransferListModel::data_displayIsFormatted_sortIsRaw()
{
    const QLocale previous;
    const auto restore = qScopeGuard([&previous] { QLocale::setDefault(previous); });
    QLocale::setDefault(QLocale(u"en_US"_s));
    TransferListModel model;
    TransferSnapshot s = snapshot(1, TransferState::Active);
    s.bytesTotal = 3 * 1024 * 1024;
    s.bytesDone = s.bytesTotal / 4;
    s.speed = 512 * 1024;
    s.etaSeconds = 125;
    model.handleTransfersChanged({s}, {});
    const auto cell = [&](Column column, int role = Qt::DisplayRole) {
        return model.index(0, int(column)).data(role);
    };
    QCOMPARE(cell(Column::Size).toString(), u"3 MiB"_s); // IEC units, as everywhere in Ferry
    QCOMPARE(cell(Column::Size, TransferListModel::SortRole).toLongLong(), s.bytesTotal);
    QCOMPARE(cell(Column::Progress).toString(), u"25%"_s);
    QCOMPARE(cell(Column::Progress, TransferListModel::ProgressRole).toDouble(), 25.0);
    QCOMPARE(cell(Column::Speed).toString(), u"512 KiB/s"_s);
    QCOMPARE(cell(Column::Speed, TransferListModel::SortRole).toLongLong(), s.speed);
    QCOMPARE(cell(Column::TimeLeft).toString(), u"2 min 5 s"_s);
    QCOMPARE(cell(Column::TimeLeft, TransferListModel::SortRole).toLongLong(), 125);
    QCOMPARE(cell(Column::Added, TransferListModel::SortRole).toLongLong(), s.addedAtMs);
    QVERIFY(!cell(Column::Name, Qt::DecorationRole).value<QIcon>().isNull());
}

void TestTransferListModel::data_addedInTraditionalChinese_hasNoRawDayPeriod()
{
    const QLocale previous;
    const auto restore = qScopeGuard([&previous] { QLocale::setDefault(previous); });
    TransferListModel model;
    TransferSnapshot s = snapshot(1);
    s.addedAtMs = QDateTime(QDate(2026, 11, 21), QTime(15, 4)).toMSecsSinceEpoch();
    model.handleTransfersChanged({s}, {});
    const auto added = [&model] { return model.index(0, int(Column::Added)).data().toString(); };

    QLocale::setDefault(QLocale(u"zh_TW"_s));
    QCOMPARE(added(), u"2026/11/21 下午3:04"_s); // Qt 6.4 alone: "2026/11/21 B3:04"
    QLocale::setDefault(QLocale(u"zh_CN"_s));
    QCOMPARE(added(), u"2026/11/21 15:04"_s);
    QLocale::setDefault(QLocale(u"en_US"_s));
    QCOMPARE(added(), u"11/21/26 3:04 PM"_s);
}

void TestTransferListModel::data_failedItem_statusCarriesErrorText()
{
    TransferListModel model;
    TransferSnapshot s = snapshot(1, TransferState::Failed);
    s.error = TransferError::make(
        TransferError::Kind::Http, TransferError::Recovery::Fatal, u"Not Found"_s);
    s.error.httpStatus = 404;
    model.handleTransfersChanged({s}, {});
    const QString status = model.index(0, int(Column::Status)).data().toString();
    QVERIFY2(status.contains(s.error.message()), qPrintable(status));
    QVERIFY(status.contains(u"404"_s));
}

void TestTransferListModel::totals_forwarded()
{
    TransferListModel model;
    QSignalSpy spy(&model, &TransferListModel::totalsChanged);
    TransferTotals totals;
    totals.active = 2;
    totals.bytesDone = 10;
    model.handleTransfersChanged(snapshots(1, 2), totals);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(model.totals().active, 2);
    QCOMPARE(model.totals().bytesDone, 10);
}

void TestTransferListModel::proxy_filtersByStateAndText_sortsOnRawValue()
{
    TransferListModel model;
    TransferFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy);
    QList<TransferSnapshot> list = snapshots(1, 4);
    list[0].bytesTotal = 9 * 1024; // "9.0 KB" sorts after "10.0 KB" as text
    list[1].bytesTotal = 10 * 1024;
    list[2].bytesTotal = 1024 * 1024;
    list[3].bytesTotal = 5;
    list[2].state = TransferState::Failed;
    list[3].state = TransferState::Completed;
    model.handleTransfersChanged(list, {});

    proxy.sort(int(Column::Size), Qt::AscendingOrder);
    QList<TransferId> order;
    for (int row = 0; row < proxy.rowCount(); ++row)
        order.append(proxy.index(row, 0).data(TransferListModel::IdRole).value<TransferId>());
    QCOMPARE(order, (QList<TransferId>{4, 1, 2, 3}));

    proxy.setCategory(TransferFilter::Category::Failed);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setCategory(TransferFilter::Category::All);
    proxy.setSearchText(u"FILE2"_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(TransferListModel::IdRole).value<TransferId>(), TransferId(2));
    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), 4);

    // A state change re-filters on its own.
    proxy.setCategory(TransferFilter::Category::Queued);
    QCOMPARE(proxy.rowCount(), 2);
    model.handleTransfersChanged({snapshot(1, TransferState::Paused)}, {});
    QCOMPARE(proxy.rowCount(), 1);
}

void TestTransferListModel::stateText_waitingForALogin_saysNeedsLogin()
{
    TransferSnapshot item;
    item.state = TransferState::Failed;
    item.error.kind = TransferError::Kind::AuthenticationRequired;
    item.error.recovery = TransferError::Recovery::AskUser;
    item.error.credentialKey =
        CredentialKey::forUrl(QUrl(u"https://example.org/f"_s), u"Members"_s);
    const QString asking = TransferListModel::stateText(item);
    QVERIFY2(asking.startsWith(u"Needs login: "_s), qPrintable(asking));
    QVERIFY2(asking.contains(u"example.org"_s), qPrintable(asking));
    item.error.kind = TransferError::Kind::AuthenticationFailed;
    QVERIFY(TransferListModel::stateText(item).startsWith(u"Needs login: "_s));
    // While the keychain is asked, not "Retrying".
    item.state = TransferState::Waiting;
    QCOMPARE(TransferListModel::stateText(item), u"Needs login: looking in the keychain"_s);
    // Any other failure stays a failure.
    item.state = TransferState::Failed;
    item.error = TransferError::make(
        TransferError::Kind::Tls, TransferError::Recovery::Fatal, u"self-signed"_s);
    QVERIFY(TransferListModel::stateText(item).startsWith(u"Failed: "_s));
}

void TestTransferListModel::stateText_queuedBehindACoolingHost_showsTimeLeft()
{
    TransferSnapshot item;
    item.state = TransferState::Queued;
    QCOMPARE(TransferListModel::stateText(item), u"Queued"_s);
    item.hostWaitUntilMs = QDateTime::currentMSecsSinceEpoch() + 90500;
    const QString text = TransferListModel::stateText(item);
    QVERIFY2(text.startsWith(u"Waiting for host, 1 min 3"_s), qPrintable(text));
    QVERIFY2(text.endsWith(u" s left"_s), qPrintable(text));
}

void TestTransferListModel::hostWait_countsDownInOneSignalForTheWaitingSpan()
{
    TransferListModel model;
    model.handleTransfersChanged(snapshots(1, 6), {});
    QList<TransferSnapshot> waiting;
    for (const TransferId id : {TransferId(2), TransferId(4)}) {
        TransferSnapshot item = snapshot(id);
        item.hostWaitUntilMs = QDateTime::currentMSecsSinceEpoch() + 60000;
        waiting.append(item);
    }
    model.handleTransfersChanged(waiting, {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 1, 5000); // no new snapshot: the clock ticks
    const QModelIndex from = changed.at(0).at(0).toModelIndex();
    const QModelIndex to = changed.at(0).at(1).toModelIndex();
    const int status = int(TransferListModel::Column::Status);
    QCOMPARE(from, model.index(model.rowOf(2), status));
    QCOMPARE(to, model.index(model.rowOf(4), status));
}

QTEST_MAIN(TestTransferListModel)
#include "tst_transferlistmodel.moc"
