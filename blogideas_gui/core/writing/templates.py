"""The user's own role prompt (system message), one per language, with the default kept.

The shipped role prompt (``core/data/role_prompt.<lang>.md``) is never
changed: a user's edit is saved beside the settings as
``role_prompt.<lang>.md``, and "restore the default" simply deletes that
file. So an app update that improves the default reaches everyone who has
not written their own.
"""

from __future__ import annotations

import logging
from pathlib import Path

from blogideas_gui.core.common.files import atomic_write, write_problem
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.writing.prompts import role_prompt

log = logging.getLogger(__name__)


class TemplateStore:
    """Role-prompt templates: the user's where saved, else the shipped default.

    Args:
        folder: where the user's templates live; the config folder by default.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder

    def path(self, language: Language) -> Path:
        """The user's template file for ``language`` (it may not exist)."""
        return (self._folder or config_dir()) / f"role_prompt.{language}.md"

    def default(self, language: Language) -> str:
        """The shipped role prompt for ``language``."""
        return role_prompt(language)

    def get(self, language: Language) -> str:
        """The role prompt to use: the user's when present and readable, else the default.

        An unreadable or blank file falls back to the default rather than
        sending the model an empty system message.
        """
        try:
            text = self.path(language).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return self.default(language)
        except (OSError, UnicodeDecodeError) as error:
            log.warning("templates: cannot read %s: %s", self.path(language), error)
            return self.default(language)
        return text or self.default(language)

    def is_custom(self, language: Language) -> bool:
        """Whether the user's own template is in use for ``language``."""
        return self.get(language) != self.default(language)

    def save(self, language: Language, text: str) -> None:
        """Keep ``text`` as the role prompt for ``language``.

        Blank text, or text equal to the default, restores the default: there
        is then nothing of the user's to keep, and later default updates apply.

        Raises:
            BlogIdeasError: DISK_FULL (or FOLDER_NOT_WRITABLE) when the file
                cannot be written.
        """
        text = text.strip()
        if not text or text == self.default(language):
            self.restore_default(language)
            return
        path = self.path(language)
        try:
            atomic_write(path, (text + "\n").encode("utf-8"), mode=0o644)
        except OSError as error:
            raise write_problem(path.parent, error) from error

    def restore_default(self, language: Language) -> None:
        """Forget the user's template for ``language``; the default applies again."""
        try:
            self.path(language).unlink(missing_ok=True)
        except OSError as error:
            # A locked or read-only folder: a known failure, not "unexpected".
            raise write_problem(self.path(language).parent, error) from error
