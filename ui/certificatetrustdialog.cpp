#include "certificatetrustdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

CertificateTrustDialog::CertificateTrustDialog(const QString &host,
                                               const QByteArray &sha256,
                                               const QStringList &problems,
                                               QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_sha256(sha256)
{
    setWindowTitle(tr("Trust This Certificate?"));
    setObjectName(u"certificateTrustDialog"_s);

    auto *intro = new QLabel(
        tr("The certificate of %1 could not be verified. Trust it only if you know that this "
           "is the server's certificate, for example because its fingerprint matches one its "
           "owner gave you.")
            .arg(host),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText); // the host name is the server's, not markup

    auto *hostLabel = new QLabel(host, this);
    hostLabel->setObjectName(u"host"_s);
    hostLabel->setTextFormat(Qt::PlainText);
    hostLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *fingerprint = new QLabel(formatFingerprint(sha256), this);
    fingerprint->setObjectName(u"fingerprint"_s);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setWordWrap(true);
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *problemList = new QLabel(problems.join(u'\n'), this);
    problemList->setObjectName(u"problems"_s);
    problemList->setWordWrap(true);
    problemList->setTextFormat(Qt::PlainText);
    problemList->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), hostLabel);
    //: The certificate's SHA-256 fingerprint, 32 hex pairs
    form->addRow(tr("SHA-256 fingerprint:"), fingerprint);
    form->addRow(tr("Problems:"), problemList);

    auto *note = new QLabel(tr("Ferry will accept this one certificate from %1 from now on, and "
                               "no other. You can remove it in Settings.")
                                .arg(host),
                            this);
    note->setWordWrap(true);
    note->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *trust = buttons->addButton(tr("&Trust"), QDialogButtonBox::AcceptRole);
    trust->setObjectName(u"trust"_s);
    // Trusting must be a decision: Enter does not do it.
    trust->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

QString CertificateTrustDialog::formatFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

} // namespace Ferry
