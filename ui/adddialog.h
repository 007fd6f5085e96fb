#pragma once

#include "core/transferrequest.h"
#include "core/urlextractor.h"

#include <QByteArray>
#include <QDialog>
#include <QList>
#include <QSet>
#include <QTimer>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Ferry {

// Turns pasted or dropped text into downloads: finds every http(s) URL, leaves out duplicates
// (also those already in the list), says which lines were rejected and why, and asks for the
// folder. Modeless; emits downloadsRequested and closes.
class AddDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddDialog)

public:
    AddDialog(const QString &directory, QSet<QByteArray> knownKeys, QWidget *parent = nullptr);

    // Replaces the text and parses it now.
    void setText(const QString &text);
    // Shows a result parsed elsewhere (a big drop) without parsing it again.
    void setExtracted(const UrlExtractor &result);

    QString text() const;

    QList<QUrl> urls() const { return m_result.urls(); }

    QList<UrlListProblem> rejected() const { return m_result.rejected(); }

    QString summary() const;
    QString directory() const;
    void setDirectory(const QString &directory);
    QList<TransferRequest> requests() const;

    // As if the user pressed "Download now" or "Add paused".
    void submit(bool startNow);

signals:
    void downloadsRequested(const QList<Ferry::TransferRequest> &requests, bool startNow);

private:
    void parse();
    void showResult();
    void chooseDirectory();
    void updateButtons();

    QSet<QByteArray> m_known;
    UrlExtractor m_result;
    QTimer m_parseTimer;
    bool m_settingText = false;
    QPlainTextEdit *m_text;
    QLabel *m_summary;
    QListWidget *m_rejected;
    QLineEdit *m_directory;
    QPushButton *m_startButton;
    QPushButton *m_queueButton;
};

} // namespace Ferry
