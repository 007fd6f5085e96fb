#include "adddialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int ParseDelayMs = 150;
constexpr qsizetype ShownUrlLimit = 20000; // more are added, but not all are shown as text

} // namespace

AddDialog::AddDialog(const QString &directory, QSet<QByteArray> knownKeys, QWidget *parent)
    : QDialog(parent)
    , m_known(std::move(knownKeys))
    , m_text(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
    , m_rejected(new QListWidget(this))
    , m_directory(new QLineEdit(this))
    , m_startButton(nullptr)
    , m_queueButton(nullptr)
{
    setWindowTitle(tr("Add Downloads"));
    setObjectName(u"addDialog"_s);
    resize(640, 480);

    auto *layout = new QVBoxLayout(this);
    auto *prompt = new QLabel(tr("&Links (one per line, or mixed into any text):"), this);
    prompt->setBuddy(m_text);
    layout->addWidget(prompt);
    m_text->setObjectName(u"text"_s);
    m_text->setPlaceholderText(tr("https://example.org/file.zip"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_text, 3);
    m_summary->setObjectName(u"summary"_s);
    layout->addWidget(m_summary);
    m_rejected->setObjectName(u"rejected"_s);
    m_rejected->setVisible(false);
    layout->addWidget(m_rejected, 1);

    auto *folderRow = new QHBoxLayout;
    auto *folderLabel = new QLabel(tr("Save &to:"), this);
    folderLabel->setBuddy(m_directory);
    m_directory->setObjectName(u"directory"_s);
    m_directory->setText(QDir::toNativeSeparators(directory));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    folderRow->addWidget(folderLabel);
    folderRow->addWidget(m_directory, 1);
    folderRow->addWidget(browse);
    layout->addLayout(folderRow);

    auto *buttons = new QDialogButtonBox(this);
    m_startButton = buttons->addButton(tr("&Download Now"), QDialogButtonBox::AcceptRole);
    m_startButton->setObjectName(u"startButton"_s);
    m_startButton->setDefault(true);
    m_queueButton = buttons->addButton(tr("Add &Paused"), QDialogButtonBox::AcceptRole);
    m_queueButton->setObjectName(u"queueButton"_s);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);

    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(ParseDelayMs);
    connect(&m_parseTimer, &QTimer::timeout, this, &AddDialog::parse);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingText)
            m_parseTimer.start();
    });
    connect(m_directory, &QLineEdit::textChanged, this, &AddDialog::updateButtons);
    connect(browse, &QPushButton::clicked, this, &AddDialog::chooseDirectory);
    connect(m_startButton, &QPushButton::clicked, this, [this] { submit(true); });
    connect(m_queueButton, &QPushButton::clicked, this, [this] { submit(false); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showResult();
}

void AddDialog::setText(const QString &text)
{
    m_settingText = true;
    m_text->setPlainText(text);
    m_settingText = false;
    parse();
}

void AddDialog::setExtracted(const UrlExtractor &result)
{
    m_parseTimer.stop();
    m_result = result;
    QStringList lines;
    const QList<QUrl> urls = m_result.urls();
    lines.reserve(qMin(urls.size(), ShownUrlLimit));
    for (qsizetype i = 0; i < urls.size() && i < ShownUrlLimit; ++i)
        lines.append(urls.at(i).toString());
    m_settingText = true;
    m_text->setPlainText(lines.join(u'\n'));
    m_settingText = false;
    showResult();
}

QString AddDialog::text() const
{
    return m_text->toPlainText();
}

QString AddDialog::directory() const
{
    return QDir::fromNativeSeparators(m_directory->text().trimmed());
}

void AddDialog::setDirectory(const QString &directory)
{
    m_directory->setText(QDir::toNativeSeparators(directory));
}

QString AddDialog::summary() const
{
    return m_summary->text();
}

QList<TransferRequest> AddDialog::requests() const
{
    QList<TransferRequest> requests;
    const QList<QUrl> urls = m_result.urls();
    requests.reserve(urls.size());
    const QString folder = QDir::cleanPath(QDir(directory()).absolutePath());
    for (const QUrl &url : urls) {
        TransferRequest request;
        request.url = url;
        request.directory = folder;
        requests.append(std::move(request));
    }
    return requests;
}

void AddDialog::submit(bool startNow)
{
    if (m_parseTimer.isActive())
        parse();
    const QList<TransferRequest> list = requests();
    if (list.isEmpty() || directory().isEmpty())
        return;
    emit downloadsRequested(list, startNow);
    accept();
}

void AddDialog::parse()
{
    m_parseTimer.stop();
    UrlExtractor extractor;
    extractor.setKnownKeys(m_known);
    extractor.addText(m_text->toPlainText());
    m_result = std::move(extractor);
    showResult();
}

void AddDialog::showResult()
{
    const qsizetype found = m_result.urls().size();
    QStringList parts;
    parts.append(tr("New links: %n", nullptr, int(found)));
    if (m_result.duplicateCount() > 0)
        parts.append(tr("duplicates left out: %n", nullptr, m_result.duplicateCount()));
    if (m_result.knownCount() > 0)
        parts.append(tr("already in the list: %n", nullptr, m_result.knownCount()));
    if (m_result.rejectedCount() > 0)
        parts.append(tr("lines rejected: %n", nullptr, int(m_result.rejectedCount())));
    //: Separates the parts of "3 new links found; 1 duplicate left out"
    m_summary->setText(parts.join(tr("; ")));

    m_rejected->clear();
    const QList<UrlListProblem> rejected = m_result.rejected();
    for (const UrlListProblem &problem : rejected) {
        //: %1 line number, %2 the line, %3 why it was rejected
        m_rejected->addItem(
            tr("Line %1: %2 (%3)").arg(problem.line).arg(problem.text, problem.reason));
    }
    m_rejected->setVisible(!rejected.isEmpty());
    updateButtons();
}

void AddDialog::chooseDirectory()
{
    auto *picker = new QFileDialog(this, tr("Save Downloads To"), directory());
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::Directory);
    picker->setOption(QFileDialog::ShowDirsOnly);
    connect(picker, &QFileDialog::fileSelected, this, &AddDialog::setDirectory);
    picker->open();
}

void AddDialog::updateButtons()
{
    const bool ready = !m_result.urls().isEmpty() && !directory().isEmpty();
    m_startButton->setEnabled(ready);
    m_queueButton->setEnabled(ready);
}

} // namespace Ferry
