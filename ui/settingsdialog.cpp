#include "settingsdialog.h"

#include "core/transferclient.h"
#include "ui/autostart.h"
#include "ui/enginessettingsbox.h"
#include "ui/politenessbox.h"
#include "ui/proxysettingsbox.h"
#include "ui/savedloginsdialog.h"
#include "ui/settings.h"
#include "ui/speedlimitspinbox.h"
#include "ui/trustedcertificatesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

SettingsDialog::SettingsDialog(Settings *settings, QWidget *parent)
    : SettingsDialog(settings, nullptr, parent)
{}

SettingsDialog::SettingsDialog(Settings *settings, TransferClient *client, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_client(client)
    , m_directory(new QLineEdit(this))
    , m_maxConcurrent(new QSpinBox(this))
    , m_perHost(new QSpinBox(this))
    , m_segments(new QSpinBox(this))
    , m_overallLimit(new SpeedLimitSpinBox(this))
    , m_downloadLimit(new SpeedLimitSpinBox(this))
    , m_maxTries(new QSpinBox(this))
    , m_closeToTray(new QCheckBox(tr("&Keep running in the tray when the window is closed"), this))
    , m_notifications(new QCheckBox(tr("&Notify when downloads finish or fail"), this))
    , m_startMinimized(new QCheckBox(tr("Start &minimised to the tray"), this))
    , m_startAtLogin(new QCheckBox(tr("Start Ferry when I &log in"), this))
    , m_watchClipboard(new QCheckBox(tr("Offer links I &copy in other programs"), this))
    , m_language(new QComboBox(this))
    , m_politeness(new PolitenessBox(*settings, this))
    , m_proxy(new ProxySettingsBox(settings->proxy(), this))
    , m_engines(new EnginesSettingsBox(settings->remoteEngines(), settings->activeEngine(), this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);
    // Four pages, so the dialog fits a laptop's screen: what is downloaded and how fast, the
    // desktop, the network (proxy, logins, certificates), and the engines.
    auto *form = new QFormLayout;    // Downloads
    auto *desktop = new QFormLayout; // Desktop
    auto *network = new QFormLayout; // Network

    auto *folderRow = new QHBoxLayout;
    m_directory->setObjectName(u"directory"_s);
    m_directory->setText(QDir::toNativeSeparators(m_settings->downloadDirectory()));
    // Room for a typical path whatever the labels' language: shorter Chinese labels made the
    // dialog narrow enough to cut the folder off.
    m_directory->setMinimumWidth(m_directory->fontMetrics().averageCharWidth() * 40);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseDirectory);
    folderRow->addWidget(m_directory, 1);
    folderRow->addWidget(browse);
    auto *folderLabel = new QLabel(tr("Download &folder:"), this);
    folderLabel->setBuddy(m_directory);
    form->addRow(folderLabel, folderRow);

    m_maxConcurrent->setObjectName(u"maxConcurrent"_s);
    m_maxConcurrent->setRange(0, 100);
    //: In the "Downloads at once" box: Ferry finds the number itself
    m_maxConcurrent->setSpecialValueText(tr("Automatic"));
    m_maxConcurrent->setToolTip(
        tr("Automatic adds downloads while that makes the whole batch faster, and backs off "
           "when a server asks it to slow down"));
    m_maxConcurrent->setValue(m_settings->automaticConcurrency() ? 0 : m_settings->maxConcurrent());
    form->addRow(tr("Downloads at &once:"), m_maxConcurrent);
    m_perHost->setObjectName(u"perHost"_s);
    m_perHost->setRange(1, 64);
    m_perHost->setValue(m_settings->connectionsPerHost());
    form->addRow(tr("Connections per &server:"), m_perHost);
    m_segments->setObjectName(u"segments"_s);
    m_segments->setRange(1, 16);
    m_segments->setValue(m_settings->segmentsPerFile());
    m_segments->setToolTip(tr("How many connections one download may use at once"));
    form->addRow(tr("Se&gments per file:"), m_segments);
    m_overallLimit->setObjectName(u"overallLimit"_s);
    m_overallLimit->setLimit(m_settings->overallSpeedLimit());
    form->addRow(tr("&Total speed limit:"), m_overallLimit);
    m_downloadLimit->setObjectName(u"downloadLimit"_s);
    m_downloadLimit->setLimit(m_settings->downloadSpeedLimit());
    form->addRow(tr("Speed limit &per download:"), m_downloadLimit);
    m_maxTries->setObjectName(u"maxTries"_s);
    m_maxTries->setRange(0, 100);
    m_maxTries->setSpecialValueText(tr("No limit"));
    m_maxTries->setValue(m_settings->maxTries());
    form->addRow(tr("&Attempts per file:"), m_maxTries);

    m_closeToTray->setObjectName(u"closeToTray"_s);
    m_closeToTray->setChecked(m_settings->closeToTray());
    desktop->addRow(m_closeToTray);
    m_notifications->setObjectName(u"notifications"_s);
    m_notifications->setChecked(m_settings->notifications());
    desktop->addRow(m_notifications);

    m_startMinimized->setObjectName(u"startMinimized"_s);
    m_startMinimized->setChecked(m_settings->startMinimized());
    desktop->addRow(m_startMinimized);
    m_startAtLogin->setObjectName(u"startAtLogin"_s);
    m_startAtLogin->setChecked(Autostart::isEnabled());
    desktop->addRow(m_startAtLogin);
    m_watchClipboard->setObjectName(u"watchClipboard"_s);
    m_watchClipboard->setChecked(m_settings->watchClipboard());
    desktop->addRow(m_watchClipboard);

    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->addItem(u"繁體中文"_s, u"zh_TW"_s);
    const int current = m_language->findData(m_settings->language());
    m_language->setCurrentIndex(current < 0 ? 0 : current);
    desktop->addRow(tr("&Language:"), m_language);
    auto *restartNote = new QLabel(tr("A new language applies when Ferry starts again."), this);
    restartNote->setEnabled(false);
    desktop->addRow(QString(), restartNote);

    if (m_client) {
        const QList<SavedCredential> saved = m_client->savedCredentials();
        const QList<CredentialKey> proxyKeys = m_settings->proxy().credentialKeys();
        m_proxy->setPasswordSaved(std::any_of(saved.begin(), saved.end(), [&](const auto &login) {
            return proxyKeys.contains(login.key);
        }));
        auto *logins = new QPushButton(tr("Saved &Logins…"), this);
        logins->setObjectName(u"savedLogins"_s);
        connect(logins, &QPushButton::clicked, this, [this] {
            auto *dialog = new SavedLoginsDialog(m_client, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
        network->addRow(tr("Sites that need a login:"), logins);
    }
    auto *certificates = new QPushButton(tr("Trusted Certificat&es…"), this);
    certificates->setObjectName(u"trustedCertificates"_s);
    connect(certificates, &QPushButton::clicked, this, [this] {
        auto *dialog = new TrustedCertificatesDialog(m_settings, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // Removed at once, like a deleted login: the engine forgets it whatever this dialog does.
        connect(
            dialog, &TrustedCertificatesDialog::changed, this, &SettingsDialog::settingsApplied);
        dialog->open();
    });
    //: Certificates the user accepted for one server although they could not be verified
    network->addRow(tr("Servers with certificates you trust:"), certificates);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *pages = new QTabWidget(this);
    pages->setObjectName(u"pages"_s);
    const auto addPage = [pages](const QString &title, QFormLayout *rows, QWidget *box) {
        auto *page = new QWidget(pages);
        auto *column = new QVBoxLayout(page);
        if (rows)
            column->addLayout(rows);
        if (box)
            column->addWidget(box);
        column->addStretch();
        pages->addTab(page, title);
    };
    addPage(tr("Downloads"), form, m_politeness);
    addPage(tr("Desktop"), desktop, nullptr);
    network->insertRow(0, m_proxy);
    addPage(tr("Network"), network, nullptr);
    addPage(tr("Engines"), nullptr, m_engines);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pages);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

bool SettingsDialog::apply()
{
    QString problem;
    const std::optional<ProxySettings> proxy = m_proxy->settings(&problem);
    const std::optional<QHash<QString, int>> hostLimits =
        proxy ? m_politeness->hostLimits(&problem) : std::nullopt;
    m_problem->setText(problem);
    m_problem->setVisible(!hostLimits);
    if (!hostLimits)
        return false;
    m_settings->setProxy(*proxy); // never the password:
    if (m_client && !proxy->password.isEmpty()) {
        // to the engine, and into the keychain once the proxy accepts it
        const QList<CredentialKey> keys = proxy->credentialKeys();
        for (const CredentialKey &key : keys)
            m_client->provideCredentials(key, {proxy->user, proxy->password}, true);
    }
    m_settings->setHostConnectionLimits(*hostLimits);
    m_settings->setWaitBetweenRequestsMs(m_politeness->waitMs());
    m_settings->setRandomWait(m_politeness->randomWait());
    m_settings->setDownloadDirectory(QDir::fromNativeSeparators(m_directory->text().trimmed()));
    m_settings->setAutomaticConcurrency(m_maxConcurrent->value() == 0);
    if (m_maxConcurrent->value() > 0)
        m_settings->setMaxConcurrent(m_maxConcurrent->value());
    m_settings->setConnectionsPerHost(m_perHost->value());
    m_settings->setSegmentsPerFile(m_segments->value());
    m_settings->setOverallSpeedLimit(m_overallLimit->limit());
    m_settings->setDownloadSpeedLimit(m_downloadLimit->limit());
    m_settings->setMaxTries(m_maxTries->value());
    m_settings->setCloseToTray(m_closeToTray->isChecked());
    m_settings->setNotifications(m_notifications->isChecked());
    m_settings->setStartMinimized(m_startMinimized->isChecked());
    m_settings->setWatchClipboard(m_watchClipboard->isChecked());
    if (m_startAtLogin->isChecked() != Autostart::isEnabled())
        Autostart::setEnabled(m_startAtLogin->isChecked(), QCoreApplication::applicationFilePath());
    m_settings->setLanguage(m_language->currentData().toString());
    const QList<RemoteEngine> engines = m_engines->engines();
    m_settings->setRemoteEngines(engines);
    m_settings->setActiveEngine(m_engines->activeEngine());
    const QHash<QString, QString> secrets = m_engines->enteredSecrets();
    for (const RemoteEngine &engine : engines) {
        if (secrets.contains(engine.name))
            emit engineSecretEntered(engine, secrets.value(engine.name));
    }
    m_settings->sync();
    emit settingsApplied();
    return true;
}

void SettingsDialog::chooseDirectory()
{
    auto *picker = new QFileDialog(this, tr("Download Folder"), m_directory->text());
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::Directory);
    picker->setOption(QFileDialog::ShowDirsOnly);
    connect(picker, &QFileDialog::fileSelected, this, [this](const QString &folder) {
        m_directory->setText(QDir::toNativeSeparators(folder));
    });
    picker->open();
}

} // namespace Ferry
