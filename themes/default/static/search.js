/* pathfolio offline search (docs/search.md).
 *
 * The index is search/search-index.js, loaded with a <script> tag before this file:
 * it sets window.pathfolioSearch = { kinds: [...], docs: [[kind, title, href, sub, text], ...] }.
 * Nothing is fetched, so the page works from file:// and reads nothing outside the site.
 * Results are built with DOM calls (textContent), never parsed as HTML: the index holds
 * students' own words.
 */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) return;
  var root = form.getAttribute("data-root") || "";
  var data = window.pathfolioSearch;
  var MAX_RESULTS = 50;
  var CONTEXT = 70;

  if (!data || !data.docs) {
    status.textContent = "The search index could not be loaded. Try rebuilding the site.";
    return;
  }

  function fold(s) {
    s = String(s || "").toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  // Folded copies, made once. Folding can change a string's length (rarely), so
  // snippets are cut from the folded text's positions only when lengths agree.
  var docs = data.docs.map(function (d) {
    return {
      kind: data.kinds[d[0]] || "",
      title: d[1], href: d[2], sub: d[3], text: d[4],
      ftitle: fold(d[1]), fsub: fold(d[3]), ftext: fold(d[4])
    };
  });

  function wordStart(hay, i) {
    return i === 0 || /[^0-9a-z]/.test(hay.charAt(i - 1));
  }

  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], best = 0, at;
      if ((at = doc.ftitle.indexOf(t)) >= 0) best = wordStart(doc.ftitle, at) ? 12 : 8;
      if ((at = doc.fsub.indexOf(t)) >= 0) best = Math.max(best, wordStart(doc.fsub, at) ? 5 : 3);
      if ((at = doc.ftext.indexOf(t)) >= 0) best = Math.max(best, wordStart(doc.ftext, at) ? 2 : 1);
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  function snippet(doc, terms) {
    var text = doc.text, ftext = doc.ftext;
    if (!text) return document.createTextNode(doc.sub || "");
    var at = -1, term = "";
    for (var i = 0; i < terms.length && at < 0; i++) {
      at = ftext.indexOf(terms[i]);
      term = terms[i];
    }
    var frag = document.createDocumentFragment();
    if (at < 0 || ftext.length !== text.length) {
      frag.appendChild(document.createTextNode(text.slice(0, 2 * CONTEXT) + (text.length > 2 * CONTEXT ? "…" : "")));
      return frag;
    }
    var start = Math.max(0, at - CONTEXT), end = Math.min(text.length, at + term.length + CONTEXT);
    frag.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + term.length);
    frag.appendChild(mark);
    frag.appendChild(document.createTextNode(text.slice(at + term.length, end) + (end < text.length ? "…" : "")));
    return frag;
  }

  function render(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    var hits = [];
    for (var i = 0; i < docs.length; i++) {
      var s = score(docs[i], terms);
      if (s) hits.push({ doc: docs[i], score: s });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.doc.title.localeCompare(b.doc.title);
    });
    var shown = hits.slice(0, MAX_RESULTS);
    shown.forEach(function (h) {
      var li = document.createElement("li");
      li.className = "search-result";
      var kind = document.createElement("span");
      kind.className = "search-result__kind";
      kind.textContent = h.doc.kind;
      var a = document.createElement("a");
      a.className = "search-result__title";
      a.href = root + h.doc.href;
      a.textContent = h.doc.title;
      var heading = document.createElement("p");
      heading.className = "search-result__heading";
      heading.appendChild(kind);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(a);
      if (h.doc.sub) {
        var sub = document.createElement("span");
        sub.className = "search-result__sub";
        sub.textContent = " · " + h.doc.sub;
        heading.appendChild(sub);
      }
      var p = document.createElement("p");
      p.className = "search-result__text";
      p.appendChild(snippet(h.doc, terms));
      li.appendChild(heading);
      li.appendChild(p);
      list.appendChild(li);
    });
    var n = hits.length;
    status.textContent = n === 0
      ? "No results for “" + query.trim() + "”."
      : n + (n === 1 ? " result" : " results") + " for “" + query.trim() + "”" +
        (n > shown.length ? ", showing the first " + shown.length : "") + ".";
  }

  function remember(query) {
    try {
      var url = location.pathname + (query ? "?q=" + encodeURIComponent(query) : "");
      history.replaceState(null, "", url);
    } catch (e) { /* some browsers refuse this on file://; the search still works */ }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      render(input.value);
      remember(input.value);
    }, 200);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    render(input.value);
    remember(input.value);
  });

  var initial = "";
  try {
    initial = new URLSearchParams(location.search).get("q") || "";
  } catch (e) { initial = ""; }
  if (initial) {
    input.value = initial;
    render(initial);
  }
  var header = document.getElementById("site-search-q");
  if (header && initial) header.value = initial;
})();
