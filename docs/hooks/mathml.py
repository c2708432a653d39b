"""MkDocs hook: every formula of the docs (pymdownx.arithmatex, generic mode: \\( … \\) inline, \\[ … \\] display)
converted to MathML at build time with latex2mathml, so the pages show their formulas without a network or a
script (browsers render MathML Core natively). A formula latex2mathml cannot read fails the build, naming it."""
import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
_DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)


def _mathml(tex: str, display: bool, page) -> str:
    try:
        out = convert(html.unescape(tex).strip(), display="block" if display else "inline")
    except Exception as exc:  # a formula that does not convert stops the build with its text
        raise ValueError(f"{page.file.src_path}: cannot render the formula {tex.strip()[:80]!r}: {exc}") from None
    return f'<div class="math">{out}</div>' if display else out


def on_page_content(content, page, config, files):
    content = _DISPLAY.sub(lambda m: _mathml(m.group(1), True, page), content)
    return _INLINE.sub(lambda m: _mathml(m.group(1), False, page), content)
