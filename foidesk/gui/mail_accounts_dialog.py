"""Mail accounts in the window: the list, adding and changing one, trying it, removing it.

The password field is handed straight to the desk, which puts it into the OS keyring
and nowhere else; with no usable keyring the core's sentence is shown and nothing is
stored. Every check of what was typed (an address, HOST:PORT, ``plain`` only on this
computer) is the core's, so the window and ``foidesk account add`` refuse alike.
Trying an account talks to its servers on the mail thread, never on the GUI or the
database thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.accounts import AccountCheck, AccountRecord, NewAccount, Security
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import N_, _
from foidesk.gui.forms import lay_out_dialog
from foidesk.gui.mail_fetching import MailFetching
from foidesk.gui.tasks.database import DeskWorker

FORM_MIN_WIDTH = 480
LIST_MIN_WIDTH = 520
#: The security choices: None follows each server's port (993/465 TLS, 143/587 STARTTLS).
SECURITY_CHOICES: tuple[tuple[Security | None, str], ...] = (
    (None, N_("From the port (993 and 465: TLS, 143 and 587: STARTTLS)")),
    (Security.TLS, "TLS"),
    (Security.STARTTLS, "STARTTLS"),
    (Security.PLAIN, N_("None (only for a server on this computer)")),
)
_PORT_DEFAULT = {993: Security.TLS, 465: Security.TLS, 143: Security.STARTTLS}


class AccountForm(QDialog):
    """Add or edit one account. OK asks the desk; the dialog closes only once it agreed,
    and shows the core's sentence when it did not."""

    saved = Signal(object)  # AccountRecord

    def __init__(
        self, worker: DeskWorker, existing: AccountRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self.existing = existing
        self.setWindowTitle(_("Edit mail account") if existing else _("New mail account"))
        self.setObjectName("account-form")
        self.setMinimumWidth(FORM_MIN_WIDTH)
        self.name = self._field(_("Account name"), "work")
        self.email = self._field(_("Your address"), "you@example.org")
        self.display_name = self._field(_("Your name as recipients see it"), "")
        self.imap = self._field(_("IMAP server"), "imap.example.org:993")
        self.smtp = self._field(_("SMTP server"), "smtp.example.org:587")
        self.username = self._field(_("User name"), _("the address, if left empty"))
        self.security = QComboBox()
        self.security.setAccessibleName(_("Security"))
        for value, label in SECURITY_CHOICES:
            self.security.addItem(_(label), value)
        self.ca_file = self._field(_("CA file"), _("only for a company or self-signed server"))
        choose_ca = QPushButton(_("Choose…"))
        choose_ca.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(choose_ca)
        self.password = self._field(
            _("Password"),
            _("unchanged if left empty") if existing else _("or an app password"),
        )
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        keyring_note = QLabel(_("The password is kept only in your system's keyring."))
        keyring_note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("form-error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Address:"), self.email)
        form.addRow(_("&Display name:"), self.display_name)
        form.addRow(_("&IMAP server:"), self.imap)
        form.addRow(_("&SMTP server:"), self.smtp)
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("Se&curity:"), self.security)
        ca_label = QLabel(_("CA &file:"))
        ca_label.setBuddy(self.ca_file)
        form.addRow(ca_label, ca_row)
        form.addRow(_("&Password:"), self.password)
        form.addRow("", keyring_note)
        self.buttons = lay_out_dialog(self, form, self.error)
        if existing is not None:
            self._fill(existing)

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        return field

    def _fill(self, a: AccountRecord) -> None:
        self.name.setText(a.name)
        self.email.setText(a.email)
        self.display_name.setText(a.display_name)
        self.imap.setText(_host_port(a.imap.host, a.imap.port))
        self.smtp.setText(_host_port(a.smtp.host, a.smtp.port))
        self.username.setText("" if a.username == a.email else a.username)
        self.ca_file.setText(str(a.ca_file) if a.ca_file else "")
        self.security.setCurrentIndex(max(self.security.findData(_security_of(a)), 0))

    def _choose_ca(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("CA file"),
            "",
            _("Certificates") + " (*.pem *.crt *.cer);;" + _("All files") + " (*)",
        )
        if name:
            self.ca_file.setText(name)

    def new_account(self) -> NewAccount:
        ca = self.ca_file.text().strip()
        return NewAccount(
            name=self.name.text(),
            email=self.email.text(),
            imap=self.imap.text(),
            smtp=self.smtp.text(),
            display_name=self.display_name.text(),
            username=self.username.text(),
            security=self.security.currentData(),
            ca_file=Path(ca) if ca else None,
        )

    def accept(self) -> None:
        """Hand the account to the desk; the password goes with it and is then forgotten."""
        new, password = self.new_account(), self.password.text()
        existing = self.existing
        self.buttons.setEnabled(False)
        if existing is None:
            self._worker.submit(
                lambda desk: desk.add_account(new, password), self._done, on_error=self._refused
            )
        else:
            self._worker.submit(
                lambda desk: desk.update_account(existing.name, new, password or None),
                self._done,
                on_error=self._refused,
            )

    def _done(self, record: AccountRecord) -> None:
        self.password.clear()
        self.saved.emit(record)
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, FoideskError):
            raise exc
        self.error.setText(str(exc)[:1].upper() + str(exc)[1:] + ".")
        self.error.show()


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _security_of(a: AccountRecord) -> Security | None:
    """What the form shows: "from the port" when both servers follow their ports."""
    imap_default = _PORT_DEFAULT.get(a.imap.port, Security.TLS)
    smtp_default = _PORT_DEFAULT.get(a.smtp.port, Security.STARTTLS)
    if a.imap.security == imap_default and a.smtp.security == smtp_default:
        return None
    return a.imap.security


def check_text(check: AccountCheck) -> str:
    """Each server's result on its own lines: what worked, or the sentence of what did not."""
    lines = []
    for server in check.servers:
        if server.error is None:
            lines.append(
                _("{protocol} {endpoint}: works ({steps})").format(
                    protocol=server.protocol,
                    endpoint=server.endpoint,
                    steps=", ".join(server.steps),
                )
            )
        else:
            lines.append(
                _("{protocol} {endpoint}: {reason}").format(
                    protocol=server.protocol, endpoint=server.endpoint, reason=server.error
                )
            )
    return "\n".join(lines)


class MailAccountsDialog(QDialog):
    """The accounts, and what can be done with each."""

    #: the list shows the accounts as read (tests wait on it)
    listed = Signal()
    #: an account was tried: its results are on show
    tested = Signal(object)  # AccountCheck, or the FoideskError that stopped the test

    def __init__(
        self, worker: DeskWorker, fetching: MailFetching, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._fetching = fetching
        self.accounts: list[AccountRecord] = []
        self.setWindowTitle(_("Mail accounts"))
        self.setObjectName("mail-accounts-dialog")
        self.setMinimumWidth(LIST_MIN_WIDTH)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Mail accounts"))
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        self.empty = QLabel(
            _(
                "No mail account yet. Add one, and foidesk fetches the replies to your "
                "requests by itself; the rest of your mail is left alone."
            )
        )
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(_("&Add…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.test_button = QPushButton(_("&Test"))
        self.remove_button = QPushButton(_("&Remove…"))
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit())
        self.test_button.clicked.connect(lambda: self.test())
        self.remove_button.clicked.connect(lambda: self.remove())
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.test_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.results = QPlainTextEdit()
        self.results.setObjectName("account-test-results")
        self.results.setReadOnly(True)
        self.results.setAccessibleName(_("Test results"))
        self.results.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.results.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(close)
        self.forms: list[AccountForm] = []
        self._enable()
        self.reload()

    def reload(self) -> None:
        self._worker.submit(lambda desk: desk.accounts(), self._show)

    def _show(self, accounts: list[AccountRecord]) -> None:
        chosen = self.chosen()
        self.accounts = accounts
        self.list.clear()
        for account in accounts:
            item = QListWidgetItem(f"{account.name} — {account.email}")
            item.setData(Qt.ItemDataRole.UserRole, account.name)
            item.setToolTip(
                _("IMAP {imap}, SMTP {smtp}, user {user}").format(
                    imap=account.imap, smtp=account.smtp, user=account.username
                )
            )
            self.list.addItem(item)
            if chosen is not None and account.name == chosen.name:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and accounts:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not accounts)
        self._enable()
        self.listed.emit()

    def chosen(self) -> AccountRecord | None:
        row = self.list.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def _enable(self) -> None:
        has = self.chosen() is not None
        for button in (self.edit_button, self.test_button, self.remove_button):
            button.setEnabled(has)

    def add(self) -> AccountForm:
        return self._form(None)

    def edit(self) -> AccountForm | None:
        account = self.chosen()
        return self._form(account) if account is not None else None

    def _form(self, account: AccountRecord | None) -> AccountForm:
        form = AccountForm(self._worker, account, self)
        form.saved.connect(lambda _record: self.reload())
        form.finished.connect(lambda _r: self._forget(form))
        self.forms.append(form)
        form.open()
        return form

    def _forget(self, form: AccountForm) -> None:
        if form in self.forms:
            self.forms.remove(form)
        form.deleteLater()

    def test(self) -> None:
        """Log in to both servers on the mail thread; the results replace the last ones."""
        account = self.chosen()
        if account is None:
            return
        name = account.name
        self.test_button.setEnabled(False)
        self.results.show()
        self.results.setPlainText(_("Trying {name}…").format(name=name))
        on_database = self._fetching.on_database()
        self._fetching.network.start(
            lambda: self._worker.desk.test_account(name, on_database=on_database),
            self._tested,
            self._test_failed,
            owner=self,
        )

    def _tested(self, check: AccountCheck) -> None:
        self.test_button.setEnabled(self.chosen() is not None)
        self.results.setPlainText(check_text(check))
        self.tested.emit(check)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(self.chosen() is not None)
        if not isinstance(exc, FoideskError):
            raise exc
        self.results.setPlainText(str(exc))
        self.tested.emit(exc)

    def remove(self, confirm: Callable[[AccountRecord], bool] | None = None) -> None:
        """After a yes: the account and its keyring entry go; what it fetched stays."""
        account = self.chosen()
        if account is None or not (confirm or self._confirm)(account):
            return
        name = account.name

        def remove() -> None:
            self._worker.submit(
                lambda desk: desk.remove_account(name),
                lambda _record: self.reload(),
                on_error=self._remove_failed,
            )

        self._fetching.when_idle(remove)

    def _confirm(self, account: AccountRecord) -> bool:
        answer = QMessageBox.question(
            self,
            _("Remove mail account"),
            _(
                "Remove the account {name} and its password from the keyring? Mail it "
                "has already filed stays in your requests, and nothing on the server changes."
            ).format(name=account.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _remove_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, FoideskError):
            raise exc
        self.results.show()
        self.results.setPlainText(str(exc))
