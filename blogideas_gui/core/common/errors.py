"""One place that turns failures into plain-language messages.

Every failure a user can meet has an :class:`ErrorKind`; the message for it
says what happened and what to do next, in Korean and in English. Backends
and the CLI raise :class:`BlogIdeasError`; nothing else reaches a user, and
the technical detail goes to the log, never into the message.
"""

from __future__ import annotations

import enum

from blogideas_gui.core.common.language import Language, system_language


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
    UNEXPECTED = "unexpected"

    @property
    def is_usage(self) -> bool:
        """Whether the user typed something wrong (CLI exit code 2)."""
        return self in _USAGE_KINDS

    @property
    def is_notice(self) -> bool:
        """Whether this is news to show, not a failure: the work went on."""
        return self in _NOTICE_KINDS


_USAGE_KINDS = {
    ErrorKind.EMPTY_TOPIC,
    ErrorKind.BAD_NUMBER,
    ErrorKind.BAD_OPTION,
    ErrorKind.HISTORY_NOT_FOUND,
}

_NOTICE_KINDS = {ErrorKind.SETTINGS_DAMAGED, ErrorKind.KEY_NOT_IN_KEYCHAIN}

# Each message: what happened, then what to do. ``{detail}`` is a short,
# safe fact (a path, an address, a number) — never a key or a traceback.
_MESSAGES: dict[ErrorKind, dict[Language, str]] = {
    ErrorKind.EMPTY_TOPIC: {
        "en": "The topic is empty. Type what the blog is about, for example “home coffee brewing”.",
        "ko": "주제가 비어 있습니다. 블로그 주제를 입력하세요. 예: “홈카페 커피 내리기”.",
    },
    ErrorKind.BAD_NUMBER: {
        "en": "{detail} Use a whole number in the allowed range.",
        "ko": "{detail} 허용된 범위의 정수를 입력하세요.",
    },
    ErrorKind.BAD_OPTION: {
        "en": "{detail}",
        "ko": "{detail}",
    },
    ErrorKind.NO_KEY: {
        "en": "No OpenAI API key is set. Paste your key in Settings (it is kept in "
        "your system's keychain), or use the free local model, which needs no key.",
        "ko": "OpenAI API 키가 없습니다. 설정에 키를 붙여 넣거나(시스템 키체인에 "
        "안전하게 보관됩니다) 키가 필요 없는 무료 로컬 모델을 사용하세요.",
    },
    ErrorKind.KEY_REJECTED: {
        "en": "The server rejected the API key ({detail}). Check that it was copied "
        "whole and is still active on platform.openai.com, then paste it again in Settings.",
        "ko": "서버가 API 키를 거부했습니다({detail}). 키를 빠짐없이 복사했는지, "
        "platform.openai.com에서 아직 유효한지 확인한 뒤 설정에 다시 붙여 넣으세요.",
    },
    ErrorKind.OUT_OF_CREDIT: {
        "en": "OpenAI refused the request because your account has no credit ({detail}: "
        "insufficient quota). Free trial credit expires even when it still shows as "
        "available, so every request fails until billing is set up: add a payment "
        "method and credit at platform.openai.com/settings/organization/billing. "
        "Or switch to the free local model, which costs nothing.",
        "ko": "계정에 사용할 수 있는 크레딧이 없어 OpenAI가 요청을 거절했습니다({detail}: "
        "insufficient quota). 무료 체험 크레딧은 남아 있는 것처럼 보여도 만료되며, "
        "결제를 설정하기 전까지 모든 요청이 실패합니다. platform.openai.com/settings/"
        "organization/billing 에서 결제 수단을 등록하고 크레딧을 충전하세요. "
        "또는 비용이 들지 않는 무료 로컬 모델로 바꾸세요.",
    },
    ErrorKind.RATE_LIMITED: {
        "en": "The server is limiting how many requests your account may send ({detail}); "
        "the app waited and tried again, but the limit still applies. Wait a minute "
        "and try again; new accounts have low limits per minute.",
        "ko": "서버가 계정의 요청 횟수를 제한하고 있습니다({detail}). 앱이 기다렸다가 "
        "다시 시도했지만 제한이 계속됩니다. 1분쯤 기다린 뒤 다시 시도하세요. 새 계정은 "
        "분당 요청 한도가 낮습니다.",
    },
    ErrorKind.SERVER_ERROR: {
        "en": "The server had a problem on its side ({detail}), even after several tries. "
        "Nothing is wrong with your settings; try again in a few minutes, or use the "
        "free local model meanwhile.",
        "ko": "서버 쪽에 문제가 생겼고({detail}) 여러 번 다시 시도해도 해결되지 않았습니다. "
        "설정에는 문제가 없습니다. 몇 분 뒤 다시 시도하거나 그동안 무료 로컬 모델을 사용하세요.",
    },
    ErrorKind.REQUEST_REJECTED: {
        "en": "The server refused the request ({detail}). Check the model name and the server address.",
        "ko": "서버가 요청을 거절했습니다({detail}). 모델 이름과 서버 주소를 확인하세요.",
    },
    ErrorKind.NO_NETWORK: {
        "en": "Cannot reach the server at {detail}. Check your internet connection and "
        "the server address; the free local model works without a network.",
        "ko": "{detail} 서버에 연결할 수 없습니다. 인터넷 연결과 서버 주소를 확인하세요. "
        "무료 로컬 모델은 인터넷 없이도 작동합니다.",
    },
    ErrorKind.TIMEOUT: {
        "en": "The server at {detail} did not answer in time. Try again in a moment, "
        "or use the free local model, which works without a network.",
        "ko": "{detail} 서버가 제때 응답하지 않았습니다. 잠시 뒤 다시 시도하거나 "
        "인터넷 없이도 작동하는 무료 로컬 모델을 사용하세요.",
    },
    ErrorKind.MODEL_MISSING: {
        "en": "The model file was not found: {detail}. Choose another model file.",
        "ko": "모델 파일을 찾을 수 없습니다: {detail}. 다른 모델 파일을 선택하세요.",
    },
    ErrorKind.MODEL_UNREADABLE: {
        "en": "The model file cannot be read: {detail}. Check its permissions or choose another.",
        "ko": "모델 파일을 읽을 수 없습니다: {detail}. 권한을 확인하거나 다른 파일을 선택하세요.",
    },
    ErrorKind.MODEL_NOT_GGUF: {
        "en": "This file is not a GGUF model: {detail}. Choose a .gguf model file.",
        "ko": "GGUF 모델 파일이 아닙니다: {detail}. .gguf 모델 파일을 선택하세요.",
    },
    ErrorKind.MODEL_LOAD_FAILED: {
        "en": "The model could not be loaded: {detail}. The file may be damaged "
        "or too new for this version; try another model.",
        "ko": "모델을 불러오지 못했습니다: {detail}. 파일이 손상되었거나 이 버전에서 "
        "지원하지 않는 모델일 수 있습니다. 다른 모델을 사용해 보세요.",
    },
    ErrorKind.NOT_ENOUGH_MEMORY: {
        "en": "Not enough memory for this model ({detail}). Close other programs or pick a smaller model.",
        "ko": "이 모델을 실행할 메모리가 부족합니다({detail}). 다른 프로그램을 닫거나 더 작은 모델을 고르세요.",
    },
    ErrorKind.ENGINE_MISSING: {
        "en": "The {detail} engine is not installed. Reinstall BlogIdeas.",
        "ko": "{detail} 엔진이 설치되어 있지 않습니다. BlogIdeas를 다시 설치하세요.",
    },
    ErrorKind.DISK_FULL: {
        "en": "Not enough free disk space ({detail}). Free some space or remove a model you no longer use.",
        "ko": "디스크 공간이 부족합니다({detail}). 공간을 확보하거나 쓰지 않는 모델을 삭제하세요.",
    },
    ErrorKind.DOWNLOAD_CORRUPT: {
        "en": "The downloaded file was damaged ({detail}) and has been deleted. Download it again.",
        "ko": "받은 파일이 손상되어({detail}) 삭제했습니다. 다시 다운로드하세요.",
    },
    ErrorKind.NOT_ON_HUB: {
        "en": "No such model: {detail}. Check the name, or pick one from the model list.",
        "ko": "해당 모델이 없습니다: {detail}. 이름을 확인하거나 모델 목록에서 고르세요.",
    },
    ErrorKind.LOGIN_NEEDED: {
        "en": "This model needs a Hugging Face login ({detail}). Set HF_TOKEN or choose a model from the catalog.",
        "ko": "이 모델은 Hugging Face 로그인이 필요합니다({detail}). HF_TOKEN을 설정하거나 목록의 모델을 고르세요.",
    },
    ErrorKind.ALREADY_INSTALLED: {
        "en": "A model named {detail} is already installed. Remove it first or rename your file.",
        "ko": "{detail} 이름의 모델이 이미 설치되어 있습니다. 먼저 삭제하거나 파일 이름을 바꾸세요.",
    },
    ErrorKind.EXPORT_FAILED: {
        "en": "Cannot write the file {detail}. Choose another folder or name.",
        "ko": "파일을 쓸 수 없습니다: {detail}. 다른 폴더나 이름을 고르세요.",
    },
    ErrorKind.HISTORY_NOT_FOUND: {
        "en": "There is no history entry “{detail}”. See the ids with: blogideas history list",
        "ko": "기록 “{detail}”이(가) 없습니다. 번호는 blogideas history list 로 확인하세요.",
    },
    ErrorKind.BUDGET_EXCEEDED: {
        "en": "This month's OpenAI spending has reached your monthly limit ({detail}), "
        "so OpenAI requests are paused. They resume on the 1st of next month, or now "
        "if you raise the limit in Settings. The free local model still works.",
        "ko": "이번 달 OpenAI 사용 금액이 월 한도에 도달해({detail}) OpenAI 요청을 "
        "멈췄습니다. 다음 달 1일에 다시 사용할 수 있으며, 설정에서 한도를 올리면 바로 "
        "사용할 수 있습니다. 무료 로컬 모델은 계속 사용할 수 있습니다.",
    },
    ErrorKind.SETTINGS_DAMAGED: {
        "en": "The settings file was damaged, so it was set aside as {detail} and the "
        "default settings are used. Choose your settings again; your history and "
        "models are not affected.",
        "ko": "설정 파일이 손상되어 {detail}(으)로 옮겨 두고 기본 설정을 사용합니다. "
        "설정을 다시 선택하세요. 기록과 모델은 그대로 있습니다.",
    },
    ErrorKind.KEY_NOT_IN_KEYCHAIN: {
        "en": "This computer has no system keychain, so your OpenAI key is saved in a "
        "file only your user account can read ({detail}). Anyone who can sign in as "
        "you could read it; remove the key in Settings when you no longer need it.",
        "ko": "이 컴퓨터에는 시스템 키체인이 없어 OpenAI 키를 내 사용자 계정만 읽을 수 "
        "있는 파일({detail})에 저장했습니다. 내 계정으로 로그인할 수 있는 사람은 읽을 수 "
        "있으니, 더 이상 필요 없으면 설정에서 키를 삭제하세요.",
    },
    ErrorKind.UNEXPECTED: {
        "en": "Something unexpected went wrong. Try again; details are in the log file.",
        "ko": "예기치 않은 문제가 생겼습니다. 다시 시도하세요. 자세한 내용은 로그 파일에 있습니다.",
    },
}


class BlogIdeasError(Exception):
    """A failure with a plain-language message; the only error a user sees."""

    def __init__(self, kind: ErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail

    @property
    def exit_code(self) -> int:
        """The CLI's exit status: 2 for a usage error, 3 for anything else."""
        return 2 if self.kind.is_usage else 3

    def message(self, language: Language | None = None) -> str:
        """The one-line message in ``language`` (the system's by default)."""
        template = _MESSAGES[self.kind][language or system_language()]
        return " ".join(template.format(detail=self.detail).split())


def user_message(error: BaseException, language: Language | None = None) -> str:
    """A plain message for any exception, so no traceback reaches a user."""
    if isinstance(error, BlogIdeasError):
        return error.message(language)
    if isinstance(error, MemoryError):
        return BlogIdeasError(ErrorKind.NOT_ENOUGH_MEMORY, "MemoryError").message(language)
    return BlogIdeasError(ErrorKind.UNEXPECTED).message(language)
