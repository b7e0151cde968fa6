"""The JavaScript and CSS a 2D map needs, shipped with the package and inlined in its page.

folium (under leafmap) writes ``<script src="https://cdn…/leaflet.js">`` and a handful
of other CDN links into every map page, so a classroom without internet sees an empty
page. `inline_leaflet` replaces them with Leaflet itself, inlined from the copy in
``twin/assets/leaflet/`` (BSD-2-Clause; see its README for the source and checksums);
`remote_resources` lists what a page would still fetch from the network.

Examples
--------
>>> page = f"<html><head>{leaflet_head()}</head><body></body></html>"
>>> remote_resources(page)
[]
>>> remote_resources('<script src="https://cdn.example/x.js"></script>')
['https://cdn.example/x.js']
"""

from __future__ import annotations

import base64
import re
from functools import cache
from html.parser import HTMLParser
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

LEAFLET_VERSION = "1.9.4"
# The names folium gives its CDN links in a page's <head> (folium.folium._default_js/_css).
FOLIUM_LINKS = (
    "leaflet", "jquery", "bootstrap", "awesome_markers", "leaflet_css", "bootstrap_css",
    "glyphicons_css", "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css",
)  # fmt: skip
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""")


def _leaflet() -> Traversable:
    return files("jnt_fresque.twin").joinpath("assets", "leaflet")


def _data_uri(name: str) -> str:
    png = _leaflet().joinpath("images", name).read_bytes()
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@cache
def leaflet_js() -> str:
    """Leaflet's ``leaflet.js``, without its source-map comment (nothing to fetch)."""
    code = _leaflet().joinpath("leaflet.js").read_text(encoding="utf-8")
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)


@cache
def leaflet_css() -> str:
    """Leaflet's ``leaflet.css``, its images (layer switcher, marker) as ``data:`` URIs."""
    css = _leaflet().joinpath("leaflet.css").read_text(encoding="utf-8")
    return re.sub(r"url\(images/([\w-]+\.png)\)", lambda m: f"url({_data_uri(m[1])})", css)


@cache
def leaflet_head() -> str:
    """The ``<style>`` and ``<script>`` elements that give a page Leaflet, for its ``<head>``.

    The default marker icon is pointed at inlined images too: Leaflet would otherwise
    guess its folder from the stylesheet's URL, which an inlined stylesheet has not.
    """
    icons = {
        "iconUrl": _data_uri("marker-icon.png"),
        "iconRetinaUrl": _data_uri("marker-icon-2x.png"),
        "shadowUrl": _data_uri("marker-shadow.png"),
    }
    options = ",".join(f'{name}:"{uri}"' for name, uri in icons.items())
    return (
        f"<style>\n{leaflet_css()}</style>\n"
        f"<script>\n{leaflet_js()}</script>\n"
        f'<script>L.Icon.Default.imagePath="";L.Icon.Default.mergeOptions({{{options}}});</script>'
    )


def inline_leaflet(m: Any) -> Any:
    """Make a folium (or leafmap) map carry Leaflet in its page instead of CDN links.

    folium's other defaults (jQuery, Bootstrap, Font Awesome, awesome-markers) are
    dropped: they style markers the twin maps do not use. Changes ``m`` in place and
    returns it. Plugins added later still bring their own links.
    """
    from branca.element import Element

    class _Inline(Element):
        def render(self, **kwargs: Any) -> str:
            return leaflet_head()  # as is: a branca template would parse the code as Jinja

    # Instance attributes: folium's add_js_link would otherwise edit the class's lists.
    m.default_js = []
    m.default_css = []
    header = m.get_root().header
    for name in FOLIUM_LINKS:  # a map rendered before holds the links already
        header._children.pop(name, None)
    header.add_child(_Inline(), name="jnt_leaflet")
    return m


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if tag in ("script", "img", "iframe", "embed", "source", "audio", "video"):
            self.found += [values["src"]] if "src" in values else []
        if tag == "link" and "href" in values:
            self.found.append(values["href"])
        if "style" in values:
            self.found += _css_urls(values["style"])
        if "srcdoc" in values:
            self.found += remote_resources(values["srcdoc"])
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.found += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    return [m[2] or m[4] for m in _CSS_URL.finditer(css)]


def remote_resources(page: str) -> list[str]:
    """The network addresses a page loads scripts, styles, images or frames from.

    Reads ``<script src>``, ``<link href>``, ``<img>``/``<iframe>`` sources, CSS
    ``url()`` and ``@import`` in ``<style>`` and ``style=``, and the pages of
    ``srcdoc`` frames (a notebook shows a folium map in one). ``data:`` URIs and
    relative paths are not addresses. What a script builds at run time (tile URLs)
    is not seen: only a browser with the network cut off tells that.
    """
    parser = _Resources()
    parser.feed(page)
    parser.close()
    remote = ("http://", "https://", "//")
    return [url for url in parser.found if url.strip().lower().startswith(remote)]
