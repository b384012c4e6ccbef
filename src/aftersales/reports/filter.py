"""The filter of a diff's changed cases, by guarantee and by transition: two selects and a
small inline script (nothing fetched). The script reads the URL fragment too
(`#guarantee=allergy&transition=approved→denied`) and writes it back when a select changes,
so a filtered view can be linked to; a row that does not match gets the `hidden` attribute.
"""

from __future__ import annotations

from html import escape

from ..wording import check_lang
from ..wording.labels import label
from .blocks import Layout, Table
from .naming import guarantee_name, status_word

__all__ = ["FILTER_SCRIPT", "filter_controls"]


def filter_controls(table: Table, drawn: Layout) -> str:
    """`<form id="filter">`: a select of the guarantees the table's rows involve and one of
    their transitions, each with an option for all."""
    lang = check_lang(drawn.lang)
    guarantees = dict.fromkeys(gid for data in table.data
                               for gid in data.get("guarantee", "").split())
    transitions = dict.fromkeys(data["transition"] for data in table.data
                                if data.get("transition"))
    everything = f"<option value=\"\">{escape(label('filter_all', lang))}</option>"

    def select(name: str, options: dict[str, str]) -> str:
        offered = "".join(f"<option value=\"{escape(value)}\">{escape(text)}</option>"
                          for value, text in options.items())
        return (f"<label>{escape(label('filter_' + name, lang))} "
                f"<select id=\"filter-{name}\" name=\"{name}\">{everything}{offered}"
                "</select></label>")

    def worded(transition: str) -> str:
        old, _, new = transition.partition("→")
        return f"{status_word(old, lang)} → {status_word(new, lang)}"

    return ("<form id=\"filter\" onsubmit=\"return false\">"
            + select("guarantee", {gid: guarantee_name(gid, lang) for gid in guarantees})
            + select("transition", {key: worded(key) for key in transitions}) + "</form>")


FILTER_SCRIPT = """<script>
(function () {
  "use strict";
  var table = document.getElementById("changes");
  var guarantee = document.getElementById("filter-guarantee");
  var transition = document.getElementById("filter-transition");
  if (!table || !guarantee || !transition) { return; }
  function plain(text) { return (text || "").replace(/\\s+/g, "").replace("->", "\\u2192"); }
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return; }
    }
    var option = document.createElement("option");
    option.value = value;
    option.textContent = value;
    select.appendChild(option);
    select.value = value;
  }
  function apply() {
    var wanted = guarantee.value, moved = plain(transition.value);
    var rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (!row.hasAttribute("data-guarantee")) { continue; }
      var involved = (" " + row.getAttribute("data-guarantee") + " ");
      var shown = (!wanted || involved.indexOf(" " + wanted + " ") >= 0) &&
        (!moved || plain(row.getAttribute("data-transition")) === moved);
      if (shown) { row.removeAttribute("hidden"); } else { row.setAttribute("hidden", ""); }
    }
  }
  function fromFragment() {
    var asked = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) { return; }
      try {
        asked[decodeURIComponent(pair.slice(0, at))] =
          decodeURIComponent(pair.slice(at + 1).replace(/\\+/g, " "));
      } catch (error) { /* a fragment that is not percent-encoded text: ignored */ }
    });
    choose(guarantee, asked.guarantee || "");
    choose(transition, plain(asked.transition));
    apply();
  }
  function toFragment() {
    var parts = [];
    if (guarantee.value) { parts.push("guarantee=" + encodeURIComponent(guarantee.value)); }
    if (transition.value) { parts.push("transition=" + encodeURIComponent(transition.value)); }
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
    apply();
  }
  guarantee.addEventListener("change", toFragment);
  transition.addEventListener("change", toFragment);
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
}());
</script>"""
