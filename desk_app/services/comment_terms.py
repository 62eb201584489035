"""Terms and two-word phrases of a customer's comment (Chinese with jieba, English by words).

`segment(text)` returns the distinct terms and phrases of one comment, in the order they first
occur. The text is cleaned first: HTML entities decoded, markup tags dropped, NFKC (full-width
letters and digits become ASCII) and lower case. jieba cuts it (without its HMM for unknown words:
faster, and the service-desk user dictionary in ``resources/comments/`` keeps the desk's words whole),
then:

- a term is a Chinese word of two or more characters, a one-character word of
  ``single_terms.txt`` (慢, 差 …), or a Latin word of two or more letters/digits with a letter (vpn,
  win10); words of ``stop_words.txt`` never count;
- a phrase is two terms next to each other within one clause: stop words, single characters and
  numbers between them are skipped, punctuation, emoji and other symbols end the clause. Chinese
  pairs are written together (响应 + 太慢 → 响应太慢), others with a space.

jieba and its dictionary are loaded once, on the first call, never when this module is imported
(start-up stays fast; `tokenizer()` is thread-safe). Results are cached per text.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from desk_app import RESOURCES

WORD_LISTS = RESOURCES / "comments"
USER_DICT = WORD_LISTS / "user_dict.txt"
STOP_WORDS = WORD_LISTS / "stop_words.txt"
SINGLE_TERMS = WORD_LISTS / "single_terms.txt"

_TAG = re.compile(r"<[^<>]{0,200}>")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z0-9][a-z0-9+#._\-]*")

#: What a token is: a term, something skipped (stop word, single character, number, space), or a break.
TERM, SKIP, BREAK = 1, 0, -1

_lock = threading.Lock()
_tokenizer: Any = None
_kinds: dict[str, int] = {}


def _word_list(path: Path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(unicodedata.normalize("NFKC", line).lower())
    return words


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(_word_list(STOP_WORDS)), frozenset(_word_list(SINGLE_TERMS))


def tokenizer() -> Any:
    """The one jieba tokenizer with the desk's user dictionary (imports and loads jieba on first use)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba  # here, not at the top: loading it takes a second

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                tk.load_userdict(str(USER_DICT))
                _tokenizer = tk
    return _tokenizer


def clean(text: str) -> str:
    """The text as it is segmented: entities decoded, tags and links dropped, NFKC, lower case."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return unicodedata.normalize("NFKC", text).lower()


def _kind(token: str) -> int:
    kind = _kinds.get(token)
    if kind is None:
        stop, single = _lists()
        if token.isspace() or token.isdigit():
            kind = SKIP
        elif _CJK.fullmatch(token):
            kind = SKIP if token in stop or (len(token) == 1 and token not in single) else TERM
        elif _LATIN.fullmatch(token):
            kind = TERM if len(token) >= 2 and token not in stop and not token.replace(".", "").isdigit() \
                and any(c.isalpha() for c in token) else SKIP
        else:
            kind = BREAK
        if len(_kinds) < 200_000:
            _kinds[token] = kind
    return kind


def _join(a: str, b: str) -> str:
    return a + b if _CJK.match(a[-1]) and _CJK.match(b[0]) else f"{a} {b}"


@lru_cache(maxsize=100_000)
def segment(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, phrases) of one comment, each distinct, in the order they first occur."""
    terms: dict[str, None] = {}
    phrases: dict[str, None] = {}
    previous = ""
    kinds = _kinds
    for token in tokenizer().lcut(clean(text), HMM=False):
        kind = kinds.get(token)
        if kind is None:
            kind = _kind(token)
        if kind == TERM:
            terms[token] = None
            if previous and previous != token:
                phrases[_join(previous, token)] = None
            previous = token
        elif kind == BREAK:
            previous = ""
    return tuple(terms), tuple(phrases)


def cut_only(texts: list[str]) -> int:
    """jieba alone over some texts (the benchmark's floor): the number of tokens."""
    tk = tokenizer()
    return sum(len(tk.lcut(text, HMM=False)) for text in texts)
