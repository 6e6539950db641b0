"""Query words, index words and highlighted snippets (pure functions, no services needed)."""

from __future__ import annotations

from search.text import highlight, index_words, normalise_query, query_words, snippet


def test_query_words_are_jieba_words_without_punctuation():
    assert query_words("数控加工") == ["数控", "加工"]
    assert query_words("  焊 ，焊  CNC ") == ["焊", "cnc"]  # unique, lowercased, punctuation dropped
    assert query_words("！？") == []


def test_index_words_include_the_fine_grained_cut():
    words = index_words("数控车床精密加工入门").split()
    assert {"数控", "车床", "精密", "加工", "入门"} <= set(words)


def test_normalise_query_collapses_whitespace():
    assert normalise_query("  数控 \t 加工\n") == "数控 加工"
    assert normalise_query(None) == ""


def test_highlight_escapes_and_marks():
    assert highlight("<b>数控</b>加工", ["数控"]) == "&lt;b&gt;<mark>数控</mark>&lt;/b&gt;加工"
    assert highlight("CNC 车床", ["cnc"]) == "<mark>CNC</mark> 车床"
    assert highlight("数控加工", ["数控", "数控加工"]) == "<mark>数控加工</mark>"  # the longest word wins


def test_snippet_is_a_window_around_the_first_match():
    text = "前言" * 60 + "主轴转速要与刀具材料相匹配" + "后记" * 60
    result = snippet(["", text], ["转速"], length=40)
    assert result.startswith("…") and result.endswith("…") and "<mark>转速</mark>" in result
    assert snippet(["没有匹配的简介"], ["焊接"]) == "没有匹配的简介"
    assert snippet([], ["焊接"]) == ""
