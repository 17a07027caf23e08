"""How well the HTML reader keeps an article and drops the rest, against simpler extractors.

Three saved-page-like HTML files written here (a news page with menus, adverts,
related links and comments; a blog page with sidebar widgets and threaded
comments; an old table-layout statement page without ``<article>``), each
with known article paragraphs and known boilerplate. For each extractor it
prints the share of article sentences kept (recall), the share of boilerplate
sentences left out (precision of removal), and time per page as a ratio to
the baseline (lxml's ``text_content`` of ``<body>``), all in this process.

    python bench/readers.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ARTICLE = [
    "Rockets struck the residential area of the camp before dawn on Thursday, killing four residents.",
    "A spokesman for the residents said dozens of people were injured, several of them seriously.",
    "Local officials said they were investigating the attack and had not identified who fired the rockets.",
    "It was the third attack on the camp this year, according to a count kept by the residents' committee.",
    "Aid groups called for an independent inquiry and for the wounded to be taken to hospitals in the city.",
]
BOILERPLATE = [
    "Sign up for our morning newsletter and never miss a story.",
    "Advertisement: cheap flights to the sunny coast this weekend only.",
    "Most read: ten recipes for a quick summer dinner.",
    "This is shocking, I cannot believe nobody has stopped it yet.",
    "Reply: the government should act now, as I said last week.",
    "Copyright 2013 Example Media Group, all rights reserved.",
    "Share this article on your favourite social network today.",
]


def news_page() -> str:
    paras = "".join(f"<p>{s}</p>" for s in ARTICLE)
    return f"""<html><head><title>Rockets hit camp | Example</title></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="promo">{BOILERPLATE[0]}</div></header>
<div class="ad">{BOILERPLATE[1]}</div>
<main><article><h1>Rockets hit camp</h1><p class="byline">By A. Writer</p>{paras}</article>
<aside class="most-read"><h3>Most read</h3><ul><li><a href="/r">{BOILERPLATE[2]}</a></li></ul></aside>
<section class="comments"><div class="comment"><p>{BOILERPLATE[3]}</p>
<div class="comment reply"><p>{BOILERPLATE[4]}</p></div></div></section></main>
<footer><p>{BOILERPLATE[5]}</p></footer></body></html>"""


def blog_page() -> str:
    paras = "".join(f"<p>{s}</p>" for s in ARTICLE)
    return f"""<html><head><title>A night of rockets</title></head><body><div id="page">
<div id="masthead"><ul class="menu"><li><a href="/">Blog</a></li><li><a href="/about">About</a></li></ul></div>
<div id="content"><div class="post"><h2 class="entry-title">A night of rockets</h2>
<div class="entry-content">{paras}<div class="sharedaddy">{BOILERPLATE[6]}</div></div></div>
<div id="comments"><ol class="commentlist"><li class="comment"><p>{BOILERPLATE[3]}</p>
<ul class="children"><li class="comment"><p>{BOILERPLATE[4]}</p></li></ul></li></ol></div></div>
<div id="sidebar" class="widget-area"><div class="widget"><p>{BOILERPLATE[0]}</p></div>
<div class="widget"><p>{BOILERPLATE[2]}</p></div></div>
<div id="colophon"><p>{BOILERPLATE[5]}</p></div></div></body></html>"""


def table_page() -> str:
    paras = "".join(f"<p>{s}</p>" for s in ARTICLE)
    return f"""<html><head><title>Statement</title></head><body>
<table width="100%"><tr><td class="menu" width="20%"><a href="/">Home</a><br><a href="/news">News</a><br>
<font size="1">{BOILERPLATE[1]}</font></td>
<td class="main"><b>Statement of the committee</b>{paras}</td></tr>
<tr><td colspan="2"><font size="1">{BOILERPLATE[5]}</font></td></tr></table></body></html>"""


PAGES = {"news": news_page(), "blog": blog_page(), "table": table_page()}


def baseline(html: str) -> str:
    import lxml.html

    return lxml.html.fromstring(html).body.text_content()


def with_trafilatura(html: str) -> str:
    from geo.readers import html_document

    doc = html_document(html, "bench")
    return doc.text if doc else ""


def with_justext(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def score(text: str, html: str) -> tuple[float, float]:
    kept = sum(s in text for s in ARTICLE) / len(ARTICLE)
    present = [s for s in BOILERPLATE if s in html]
    dropped = sum(s not in text for s in present) / len(present)
    return kept, dropped


def timed(fn, html: str, repeat: int = 20) -> float:
    fn(html)  # warm up: imports, caches
    start = time.perf_counter()
    for _ in range(repeat):
        fn(html)
    return (time.perf_counter() - start) / repeat


def main() -> None:
    extractors = {"lxml text_content (baseline)": baseline, "jusText": with_justext, "trafilatura (geo)": with_trafilatura}
    base_time = {name: timed(baseline, html) for name, html in PAGES.items()}
    print(f"{'extractor':30} {'page':6} {'article kept':>12} {'boilerplate dropped':>20} {'time ratio':>11} "
          f"{'ms/page':>8}")
    for label, fn in extractors.items():
        for name, html in PAGES.items():
            kept, dropped = score(fn(html), html)
            seconds = timed(fn, html)
            print(f"{label:30} {name:6} {kept:12.2f} {dropped:20.2f} {seconds / base_time[name]:10.1f}x "
                  f"{seconds * 1000:8.2f}")


if __name__ == "__main__":
    main()
