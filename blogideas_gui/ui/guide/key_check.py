"""The OpenAI page's key: test it, keep it, and say where it went.

A pasted key is worth keeping only once it works, and the user must learn
where it is kept (the system's keychain, or a file only they can read when
there is none). The keychain is asked only when the page first shows:
finding it takes a noticeable moment, and most friends choose the free
answer. The test runs on a :class:`~.connection_test.ConnectionTest`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from blogideas_gui.core.backends.base import ConnectionCheck
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind, user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.settings.secrets import KeyStore
from blogideas_gui.ui.common.styles import ERROR_STYLE, OK_STYLE
from blogideas_gui.ui.guide.connection_test import ConnectionTest
from blogideas_gui.ui.guide.guide_pages import OpenAIPage


class KeyCheck(QObject):
    """What the OpenAI page's Test button does, and the key's saving.

    Args:
        page: the OpenAI page (key field, Test and Cancel, status line).
        test: runs the probe off the GUI thread.
        store: where the key is saved.
        language: the language of error messages.
        base_url: where the test goes; None means OpenAI itself.
    """

    def __init__(
        self,
        page: OpenAIPage,
        test: ConnectionTest,
        store: KeyStore,
        language: Language,
        base_url: str | None,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._test = test
        self._store = store
        self._language = language
        self._url = base_url
        self._saved_key = ""
        self._stored_read = False
        self._notice_shown = False
        page.test_button.clicked.connect(self.start)
        page.cancel_button.clicked.connect(test.cancel)
        test.running_changed.connect(page.set_running)
        test.succeeded.connect(self._works)
        test.failed.connect(self._failed)

    def read_stored(self) -> None:
        """Show whether a key is stored; the keychain is asked once, when first needed."""
        if not self._stored_read:
            self._stored_read = True
            stored = self._store.load()
            self._page.set_stored(stored.value if stored else None)

    @Slot()
    def start(self) -> None:
        """One cheap chat call with the pasted (or stored) key, on a worker thread."""
        typed = self._page.key.text().strip()
        if any(character.isspace() for character in typed):
            self._page.show_status(
                self.tr("The key has spaces inside. Copy it again, whole."), ERROR_STYLE
            )
            return
        store, url = self._store, self._url

        def probe(cancel: CancelToken) -> ConnectionCheck:
            stored = None if typed else store.load()
            key = typed or (stored.value if stored else "")
            if not key:
                raise BlogIdeasError(ErrorKind.NO_KEY)
            backend = OpenAIBackend(api_key=key, base_url=url, max_retries=0)
            try:
                # A chat call, not a model listing: only it reveals an account without credit.
                return backend.check_connection(probe="chat", cancel=cancel)
            finally:
                backend.close()

        self._page.show_status(self.tr("Testing the key…"), "")
        self._test.start(probe)

    def settle(self) -> bool:
        """Whether the guide may finish with OpenAI: a key is kept and the user has read where.

        Saves a newly typed key; otherwise says what is missing and returns False.
        """
        typed = self._page.key.text().strip()
        if typed and typed != self._saved_key:
            saved = self._save(typed)
            if saved is None:
                return False
            if self._notice_shown:  # let the user read where the key went
                self._page.show_status(saved, "")
                return False
        if not typed and not self._page.has_stored:
            message = BlogIdeasError(ErrorKind.NO_KEY).message(self._language)
            self._page.show_status(message, ERROR_STYLE)
            return False
        return True

    @Slot(ConnectionCheck)
    def _works(self, _check: ConnectionCheck) -> None:
        text = self.tr("The key works.")
        typed = self._page.key.text().strip()
        style = OK_STYLE
        if typed:
            saved = self._save(typed)
            if saved is None:
                return
            text = f"{text} {saved}"
            if self._notice_shown:
                style = ""
        self._page.show_status(text, style)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._page.show_status(message, ERROR_STYLE)

    def _save(self, key: str) -> str | None:
        """Store ``key`` and say where; None (with the message shown) when it cannot."""
        try:
            stored = self._store.save(key)
        except BlogIdeasError as error:
            self._page.show_status(user_message(error, self._language), ERROR_STYLE)
            return None
        self._saved_key = key
        self._page.set_stored(key)
        if stored.notice is not None:
            self._notice_shown = True
            return stored.notice.message(self._language)
        return self.tr("It is kept in your system's keychain.")
