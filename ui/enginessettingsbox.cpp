#include "enginessettingsbox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Ferry {

EnginesSettingsBox::EnginesSettingsBox(const QList<RemoteEngine> &engines,
                                       const QString &activeEngine,
                                       QWidget *parent)
    : QGroupBox(tr("Engines"), parent)
    , m_engines(engines)
    , m_active(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_secret(new QLineEdit(this))
{
    setObjectName(QStringLiteral("engines"));
    m_active->setObjectName(QStringLiteral("activeEngine"));
    m_list->setObjectName(QStringLiteral("remoteEngines"));
    m_name->setObjectName(QStringLiteral("engineName"));
    m_host->setObjectName(QStringLiteral("engineHost"));
    m_port->setObjectName(QStringLiteral("enginePort"));
    m_secret->setObjectName(QStringLiteral("engineSecret"));
    m_port->setRange(1, 65535);
    m_port->setValue(6800);
    m_host->setPlaceholderText(tr("e.g. nas.local"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("aria2's --rpc-secret (kept in the keychain)"));
    m_list->setMaximumHeight(90);

    auto *add = new QPushButton(tr("Add or Up&date"), this);
    add->setObjectName(QStringLiteral("addEngine"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeEngine"));
    connect(add, &QPushButton::clicked, this, &EnginesSettingsBox::addFromFields);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            removeEngine(item->text());
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &EnginesSettingsBox::showSelected);

    auto *form = new QFormLayout;
    //: which download engine the window shows and drives
    form->addRow(tr("Engine &in use:"), m_active);
    form->addRow(tr("Remote aria2:"), m_list);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Host:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Secret:"), m_secret);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(add);
    buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    rebuild(activeEngine);
}

QString EnginesSettingsBox::activeEngine() const
{
    return m_active->currentData().toString();
}

void EnginesSettingsBox::setActiveEngine(const QString &name)
{
    const int index = m_active->findData(name);
    m_active->setCurrentIndex(index < 0 ? 0 : index);
}

bool EnginesSettingsBox::setEngine(const RemoteEngine &engine,
                                   const QString &secret,
                                   QString *error)
{
    if (engine.name.trimmed().isEmpty() || engine.host.trimmed().isEmpty()) {
        if (error)
            *error = tr("A remote engine needs a name and a host.");
        return false;
    }
    RemoteEngine clean = engine;
    clean.name = engine.name.trimmed();
    clean.host = engine.host.trimmed();
    const auto it = std::find_if(m_engines.begin(), m_engines.end(), [&](const RemoteEngine &e) {
        return e.name == clean.name;
    });
    if (it == m_engines.end())
        m_engines.append(clean);
    else
        *it = clean;
    if (!secret.isEmpty())
        m_secrets.insert(clean.name, secret);
    rebuild(activeEngine());
    return true;
}

void EnginesSettingsBox::removeEngine(const QString &name)
{
    m_engines.removeIf([&](const RemoteEngine &engine) { return engine.name == name; });
    m_secrets.remove(name);
    rebuild(activeEngine() == name ? QString() : activeEngine());
}

void EnginesSettingsBox::addFromFields()
{
    QString error;
    RemoteEngine engine;
    engine.name = m_name->text();
    engine.host = m_host->text();
    engine.port = m_port->value();
    if (!setEngine(engine, m_secret->text(), &error)) {
        setToolTip(error);
        return;
    }
    m_secret->clear();
}

void EnginesSettingsBox::showSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_engines.size())
        return;
    const RemoteEngine &engine = m_engines.at(row);
    m_name->setText(engine.name);
    m_host->setText(engine.host);
    m_port->setValue(engine.port);
    m_secret->clear();
}

void EnginesSettingsBox::rebuild(const QString &active)
{
    m_active->clear();
    m_active->addItem(tr("This computer"), QString());
    m_list->clear();
    for (const RemoteEngine &engine : std::as_const(m_engines)) {
        //: a remote engine in the engine choice: %1 its name, %2 host:port
        m_active->addItem(tr("%1 (aria2 at %2)")
                              .arg(engine.name, engine.host + u':' + QString::number(engine.port)),
                          engine.name);
        m_list->addItem(engine.name);
    }
    setActiveEngine(active);
}

} // namespace Ferry
