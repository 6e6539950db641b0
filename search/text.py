"""Chinese text for the index and the query: jieba words, query limits, highlighted snippets (HTML-safe)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import jieba
from django.utils.html import escape

jieba.setLogLevel(logging.WARNING)

QUERY_MAX_LENGTH = 100
SNIPPET_LENGTH = 80
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


def index_words(text: str) -> str:
    """Space-separated jieba search words of ``text`` (fine-grained: 数控加工 → 数控 加工 数控加工),
    lowercased, for the ``words`` fields (the whitespace analyzer, or the database backend's column)."""
    words = (word.strip().lower() for word in jieba.cut_for_search(text or ""))
    return " ".join(word for word in words if word and not _PUNCTUATION.fullmatch(word))


def query_words(query: str) -> list[str]:
    """The words a query is made of: each whitespace-separated part, cut by jieba, without punctuation.
    Unique, in order; a single character stays a word."""
    words: list[str] = []
    for part in query.lower().split():
        for word in jieba.cut(part):
            word = word.strip()
            if word and not _PUNCTUATION.fullmatch(word) and word not in words:
                words.append(word)
    return words


def normalise_query(query: str | None) -> str:
    """Collapsed whitespace; ``""`` when there is nothing to look for."""
    return " ".join((query or "").split())


def highlight(text: str, words: Iterable[str]) -> str:
    """``text`` HTML-escaped, with every occurrence of a word wrapped in <mark> (case-insensitive)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not text or not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(f"{MARK_OPEN}{escape(match.group(0))}{MARK_CLOSE}")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(texts: Iterable[str], words: Iterable[str], *, length: int = SNIPPET_LENGTH) -> str:
    """A highlighted window of about ``length`` characters around the first match in the first text that
    has one; the start of the first non-empty text when none matches."""
    words = [w for w in words if w]
    texts = [t for t in texts if t]
    for text in texts:
        lowered = text.lower()
        positions = [p for p in (lowered.find(w.lower()) for w in words) if p >= 0]
        if positions:
            start = max(0, min(positions) - length // 4)
            window = text[start:start + length]
            prefix = "…" if start > 0 else ""
            suffix = "…" if start + length < len(text) else ""
            return f"{escape(prefix)}{highlight(window, words)}{escape(suffix)}"
    if texts:
        first = texts[0]
        return escape(first[:length] + ("…" if len(first) > length else ""))
    return ""
