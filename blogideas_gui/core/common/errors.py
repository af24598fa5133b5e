"""One place that turns failures into plain-language messages.

Every failure a user can meet has an :class:`ErrorKind`; the message for it
says what happened and what to do next, in the user's language. Backends
and the CLI raise :class:`BlogIdeasError`; nothing else reaches a user, and
the technical detail goes to the log, never into the message.
"""

from __future__ import annotations

import enum

from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP, translate
from blogideas_gui.core.common.language import Language


class ErrorKind(enum.Enum):
    """Failures a user can meet. ``is_usage`` ones are mistakes in the input."""

    EMPTY_TOPIC = "empty_topic"
    BAD_NUMBER = "bad_number"
    BAD_OPTION = "bad_option"
    NO_KEY = "no_key"
    KEY_REJECTED = "key_rejected"
    OUT_OF_CREDIT = "out_of_credit"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    REQUEST_REJECTED = "request_rejected"
    NO_NETWORK = "no_network"
    TIMEOUT = "timeout"
    MODEL_MISSING = "model_missing"
    MODEL_UNREADABLE = "model_unreadable"
    MODEL_NOT_GGUF = "model_not_gguf"
    MODEL_LOAD_FAILED = "model_load_failed"
    MODEL_DAMAGED = "model_damaged"
    MODEL_TOO_NEW = "model_too_new"
    DOWNLOAD_BUSY = "download_busy"
    PROMPT_TOO_LONG = "prompt_too_long"
    SETTINGS_VALUE_IGNORED = "settings_value_ignored"
    NOT_ENOUGH_MEMORY = "not_enough_memory"
    ENGINE_MISSING = "engine_missing"
    DISK_FULL = "disk_full"
    DOWNLOAD_CORRUPT = "download_corrupt"
    NOT_ON_HUB = "not_on_hub"
    LOGIN_NEEDED = "login_needed"
    ALREADY_INSTALLED = "already_installed"
    EXPORT_FAILED = "export_failed"
    HISTORY_NOT_FOUND = "history_not_found"
    BUDGET_EXCEEDED = "budget_exceeded"
    SETTINGS_DAMAGED = "settings_damaged"
    KEY_NOT_IN_KEYCHAIN = "key_not_in_keychain"
    HISTORY_DAMAGED = "history_damaged"
    HISTORY_TOO_NEW = "history_too_new"
    LEDGER_DAMAGED = "ledger_damaged"
    LEDGER_TOO_NEW = "ledger_too_new"
    FILE_DAMAGED = "file_damaged"
    FILE_TOO_NEW = "file_too_new"
    FOLDER_NOT_WRITABLE = "folder_not_writable"
    EXPORT_EXISTS = "export_exists"
    EXPORT_OWN_FILE = "export_own_file"
    EXPORT_NOT_A_FILE = "export_not_a_file"
    KEY_IN_ADDRESS = "key_in_address"
    KEY_OVER_HTTP = "key_over_http"
    KEY_NOT_FOR_THIS_SERVER = "key_not_for_this_server"
    RATE_LIMITED_NO_RETRY = "rate_limited_no_retry"
    BAD_ANSWER = "bad_answer"
    UNEXPECTED = "unexpected"

    @property
    def is_usage(self) -> bool:
        """Whether the user typed something wrong (CLI exit code 2)."""
        return self in _USAGE_KINDS


_USAGE_KINDS = {
    ErrorKind.EMPTY_TOPIC,
    ErrorKind.BAD_NUMBER,
    ErrorKind.BAD_OPTION,
    ErrorKind.HISTORY_NOT_FOUND,
    ErrorKind.KEY_IN_ADDRESS,
    ErrorKind.EXPORT_EXISTS,
}

# Each message: what happened, then what to do, in English; the catalogue
# (core/common/i18n.py) has it in every other language. ``{detail}`` is a short,
# safe fact (a path, an address, a number) — never a key or a traceback.
CONTEXT = "Errors"
_MESSAGES: dict[ErrorKind, str] = {
    ErrorKind.EMPTY_TOPIC: QT_TRANSLATE_NOOP(
        "Errors",
        "The topic is empty. Type what the blog is about, for example “home coffee brewing”.",
    ),
    ErrorKind.BAD_NUMBER: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail} Use a whole number in the allowed range.",
    ),
    ErrorKind.BAD_OPTION: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail}",
    ),
    ErrorKind.NO_KEY: QT_TRANSLATE_NOOP(
        "Errors",
        "No OpenAI API key is set. Paste your key in Settings (it is kept in your system's "
        "keychain), or use the free local model, which needs no key.",
    ),
    ErrorKind.KEY_REJECTED: QT_TRANSLATE_NOOP(
        "Errors",
        "The server rejected the API key ({detail}). Check that it was copied whole and is "
        "still active on platform.openai.com, then paste it again in Settings.",
    ),
    ErrorKind.OUT_OF_CREDIT: QT_TRANSLATE_NOOP(
        "Errors",
        "OpenAI refused the request because your account has no credit ({detail}: insufficient "
        "quota). Free trial credit expires even when it still shows as available, so every "
        "request fails until billing is set up: add a payment method and credit at "
        "platform.openai.com/settings/organization/billing. Or switch to the free local model, "
        "which costs nothing.",
    ),
    ErrorKind.RATE_LIMITED: QT_TRANSLATE_NOOP(
        "Errors",
        "The server is limiting how many requests your account may send ({detail}); the app "
        "waited and tried again, but the limit still applies. Wait a minute and try again; new "
        "accounts have low limits per minute.",
    ),
    ErrorKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Errors",
        "The server had a problem on its side ({detail}), even after several tries. Nothing is "
        "wrong with your settings; try again in a few minutes, or use the free local model "
        "meanwhile.",
    ),
    ErrorKind.REQUEST_REJECTED: QT_TRANSLATE_NOOP(
        "Errors",
        "The server refused the request ({detail}). Check the model name and the server address.",
    ),
    ErrorKind.NO_NETWORK: QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach the server at {detail}. Check your internet connection and the server "
        "address; the free local model works without a network.",
    ),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP(
        "Errors",
        "The server at {detail} did not answer in time. Try again in a moment, or use the free "
        "local model, which works without a network.",
    ),
    ErrorKind.MODEL_MISSING: QT_TRANSLATE_NOOP(
        "Errors",
        "The model file was not found: {detail}. Choose another model file.",
    ),
    ErrorKind.MODEL_UNREADABLE: QT_TRANSLATE_NOOP(
        "Errors",
        "The model file cannot be read: {detail}. Check its permissions or choose another.",
    ),
    ErrorKind.MODEL_NOT_GGUF: QT_TRANSLATE_NOOP(
        "Errors",
        "This file is not a GGUF model: {detail}. Choose a .gguf model file.",
    ),
    ErrorKind.MODEL_LOAD_FAILED: QT_TRANSLATE_NOOP(
        "Errors",
        "The model could not be loaded: {detail}. The file may be damaged or too new for this "
        "version; try another model.",
    ),
    ErrorKind.MODEL_DAMAGED: QT_TRANSLATE_NOOP(
        "Errors",
        "The model file {detail} is incomplete or damaged, so it cannot be used. Download it "
        "again, or choose another file.",
    ),
    ErrorKind.MODEL_TOO_NEW: QT_TRANSLATE_NOOP(
        "Errors",
        "This model needs a newer BlogIdeas ({detail}): its kind is too new for the engine in "
        "this version. Update BlogIdeas, or choose a model from the model manager.",
    ),
    ErrorKind.DOWNLOAD_BUSY: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail} is already being downloaded (in another BlogIdeas window or command). Wait "
        "for that download to finish; it appears in the model list when it is done.",
    ),
    ErrorKind.PROMPT_TOO_LONG: QT_TRANSLATE_NOOP(
        "Errors",
        "The request is too long for this model's context ({detail} tokens). Shorten the "
        "topic, the tone or the readers, ask for fewer ideas, or raise the context size in "
        "the model manager.",
    ),
    ErrorKind.SETTINGS_VALUE_IGNORED: QT_TRANSLATE_NOOP(
        "Errors",
        "The model settings held an impossible value ({detail}), so the default is used. "
        "Check the context size, threads and GPU layers in the model manager.",
    ),
    ErrorKind.NOT_ENOUGH_MEMORY: QT_TRANSLATE_NOOP(
        "Errors",
        "Not enough memory for this model ({detail}). Close other programs or pick a smaller "
        "model.",
    ),
    ErrorKind.ENGINE_MISSING: QT_TRANSLATE_NOOP(
        "Errors",
        "The {detail} engine is not installed. Reinstall BlogIdeas.",
    ),
    ErrorKind.DISK_FULL: QT_TRANSLATE_NOOP(
        "Errors",
        "Not enough free disk space ({detail}). Free some space or remove a model you no longer "
        "use.",
    ),
    ErrorKind.DOWNLOAD_CORRUPT: QT_TRANSLATE_NOOP(
        "Errors",
        "The downloaded file was damaged ({detail}) and has been deleted. Download it again.",
    ),
    ErrorKind.NOT_ON_HUB: QT_TRANSLATE_NOOP(
        "Errors",
        "No such model: {detail}. Check the name, or pick one from the model list.",
    ),
    ErrorKind.LOGIN_NEEDED: QT_TRANSLATE_NOOP(
        "Errors",
        "This model needs a Hugging Face login ({detail}). Set HF_TOKEN or choose a model from "
        "the catalog.",
    ),
    ErrorKind.ALREADY_INSTALLED: QT_TRANSLATE_NOOP(
        "Errors",
        "A model named {detail} is already installed. Remove it first or rename your file.",
    ),
    ErrorKind.EXPORT_FAILED: QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot write the file {detail}. Choose another folder or name.",
    ),
    ErrorKind.HISTORY_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Errors",
        "There is no history entry “{detail}”. See the ids with: blogideas history list",
    ),
    ErrorKind.BUDGET_EXCEEDED: QT_TRANSLATE_NOOP(
        "Errors",
        "This month's OpenAI spending has reached your monthly limit ({detail}), so OpenAI "
        "requests are paused. They resume on the 1st of next month, or now if you raise the "
        "limit in Settings. The free local model still works.",
    ),
    ErrorKind.SETTINGS_DAMAGED: QT_TRANSLATE_NOOP(
        "Errors",
        "The settings file was damaged, so it was set aside as {detail} and the default "
        "settings are used. Choose your settings again; your history and models are not "
        "affected.",
    ),
    ErrorKind.KEY_NOT_IN_KEYCHAIN: QT_TRANSLATE_NOOP(
        "Errors",
        "This computer has no system keychain, so your OpenAI key is saved in a file only your "
        "user account can read ({detail}). Anyone who can sign in as you could read it; remove "
        "the key in Settings when you no longer need it.",
    ),
    ErrorKind.HISTORY_DAMAGED: QT_TRANSLATE_NOOP(
        "Errors",
        "Your history file was damaged, so it was set aside as {detail} and a new, "
        "empty history was started. The old file stays in the same folder; nothing "
        "else is affected.",
    ),
    ErrorKind.HISTORY_TOO_NEW: QT_TRANSLATE_NOOP(
        "Errors",
        "Your history ({detail}) was saved by a newer version of BlogIdeas, so this "
        "version leaves it untouched and keeps this session's requests only until you "
        "close it. Update BlogIdeas to see your history again.",
    ),
    ErrorKind.LEDGER_DAMAGED: QT_TRANSLATE_NOOP(
        "Errors",
        "The record of this month's OpenAI spending was damaged, so it was set aside "
        "as {detail} and counting starts again from now. Check what you have spent at "
        "platform.openai.com/usage; your monthly limit applies to new requests.",
    ),
    ErrorKind.LEDGER_TOO_NEW: QT_TRANSLATE_NOOP(
        "Errors",
        "The spending record ({detail}) was saved by a newer version of BlogIdeas, so "
        "this version leaves it untouched; your monthly limit counts only the requests "
        "made until you close the app. Update BlogIdeas to count the whole month "
        "again.",
    ),
    ErrorKind.FILE_DAMAGED: QT_TRANSLATE_NOOP(
        "Errors",
        "A damaged file was set aside as {detail} and a fresh one was started; what it "
        "held has to be set again. Nothing else is affected.",
    ),
    ErrorKind.FILE_TOO_NEW: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail} was saved by a newer version of BlogIdeas, so this version leaves it "
        "untouched and works without it; changes to it made now are not kept. Update "
        "BlogIdeas to use it again.",
    ),
    ErrorKind.FOLDER_NOT_WRITABLE: QT_TRANSLATE_NOOP(
        "Errors",
        "BlogIdeas cannot write in {detail}. Check that the folder exists and that "
        "your account may write there; until then, what you do now is not kept.",
    ),
    ErrorKind.EXPORT_EXISTS: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail} already exists. Choose another name, or confirm that it should be "
        "replaced (on the command line: --force).",
    ),
    ErrorKind.EXPORT_OWN_FILE: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail} is inside the folders where BlogIdeas keeps its history, settings "
        "and models, so an export may not write there. Choose another folder, such as "
        "Documents.",
    ),
    ErrorKind.EXPORT_NOT_A_FILE: QT_TRANSLATE_NOOP(
        "Errors",
        "{detail} is a link, a folder or a device, not an ordinary file, so an export "
        "will not write over it. Choose another name.",
    ),
    ErrorKind.KEY_IN_ADDRESS: QT_TRANSLATE_NOOP(
        "Errors",
        "The server address contains a key or a password, so it was neither used nor "
        "saved. Type the address alone, for example http://192.168.0.10:11434/v1.",
    ),
    ErrorKind.KEY_OVER_HTTP: QT_TRANSLATE_NOOP(
        "Errors",
        "The address {detail} starts with http://, so your key would travel "
        "unencrypted over the network. Use an https:// address, or a server on this "
        "computer.",
    ),
    ErrorKind.KEY_NOT_FOR_THIS_SERVER: QT_TRANSLATE_NOOP(
        "Errors",
        "The server at {detail} asks for a key. BlogIdeas sends your OpenAI key only "
        "to OpenAI itself, never to another server. Check that server's own settings, "
        "or use a server that needs no key.",
    ),
    ErrorKind.RATE_LIMITED_NO_RETRY: QT_TRANSLATE_NOOP(
        "Errors",
        "The server is limiting how many requests your account may send ({detail}). "
        "Wait a minute, or as long as the server asks, and try again; new accounts "
        "have low limits per minute.",
    ),
    # Each way a server's answer can fail to be an answer has its own sentence,
    # written where the answer is read (core/backends/openai_errors.py).
    ErrorKind.BAD_ANSWER: QT_TRANSLATE_NOOP("Errors", "{detail}"),
    ErrorKind.UNEXPECTED: QT_TRANSLATE_NOOP(
        "Errors",
        "Something unexpected went wrong. Try again; details are in the log file.",
    ),
}


class BlogIdeasError(Exception):
    """A failure with a plain-language message; the only error a user sees.

    Args:
        kind: which failure.
        detail: a short fact for the message (a path, an address, a number),
            or a sentence of its own, written in English and marked with
            ``QT_TRANSLATE_NOOP("Errors", ...)`` so that it is translated with
            the message; ``facts`` fill in its ``{name}`` fields afterwards.
    """

    def __init__(self, kind: ErrorKind, detail: str = "", **facts: object) -> None:
        self.kind = kind
        self.detail = detail
        self.facts = facts
        english = self._detail("en")
        super().__init__(f"{kind.value}: {english}" if english else kind.value)

    @property
    def exit_code(self) -> int:
        """The CLI's exit status: 2 for a usage error, 3 for anything else."""
        return 2 if self.kind.is_usage else 3

    def message(self, language: Language | None = None) -> str:
        """The one-line message in ``language`` (the system's by default)."""
        template = translate(CONTEXT, _MESSAGES[self.kind], language=language)
        return " ".join(template.format(detail=self._detail(language)).split())

    def _detail(self, language: Language | None) -> str:
        """The detail in ``language``: a fact stays as it is, a marked sentence is translated."""
        if not self.facts:
            return translate(CONTEXT, self.detail, language=language) if self.detail else ""
        return translate(CONTEXT, self.detail, language=language).format(**self.facts)


def user_message(error: BaseException, language: Language | None = None) -> str:
    """A plain message for any exception, so no traceback reaches a user."""
    if isinstance(error, BlogIdeasError):
        return error.message(language)
    if isinstance(error, MemoryError):
        return BlogIdeasError(ErrorKind.NOT_ENOUGH_MEMORY, "MemoryError").message(language)
    return BlogIdeasError(ErrorKind.UNEXPECTED).message(language)
