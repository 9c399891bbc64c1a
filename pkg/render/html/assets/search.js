// sopctl offline search: the index (search-index.js) maps words of titles,
// ids, tags, headings and bodies to SOPs; no network, works from file://.
// Words come from SOP bodies, so they are only ever looked up in a Map or
// Set, never as properties of a plain object: "constructor", "__proto__" or
// "toString" would find Object.prototype's members there.
(function () {
  "use strict";
  var data = window.SOPCTL_SEARCH;
  var input = document.getElementById("Search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input || !list) { return; }
  var index = new Map(); // word -> encoded posting list
  for (var n = 0; n < data.words.length; n++) { index.set(data.words[n], data.postings[n]); }
  var terms = Array.from(index.keys()).sort();
  var decoded = new Map(); // word -> SOP numbers

  // A posting list is base-36 gaps; "!" first means the SOPs that lack
  // the word (it is in most of them).
  function postings(term) {
    if (!decoded.has(term)) {
      var enc = index.get(term) || "", negate = enc.charAt(0) === "!", out = [], prev = 0;
      if (negate) { enc = enc.slice(1); }
      var parts = enc ? enc.split(",") : [];
      for (var i = 0; i < parts.length; i++) { prev += parseInt(parts[i], 36); out.push(prev); }
      if (negate) {
        var skip = new Set(out), all = [];
        for (var d = 0; d < data.docs.length; d++) { if (!skip.has(d)) { all.push(d); } }
        out = all;
      }
      decoded.set(term, out);
    }
    return decoded.get(term);
  }

  // Every SOP that has a word starting with the typed word.
  function matches(word) {
    var set = new Set(), lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < word) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < terms.length && terms[i].lastIndexOf(word, 0) === 0; i++) {
      var p = postings(terms[i]);
      for (var j = 0; j < p.length; j++) { set.add(p[j]); }
    }
    return set;
  }

  function search(q) {
    var words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    if (!words.length) { return null; }
    var found = null;
    words.forEach(function (w) {
      var m = matches(w);
      if (found === null) { found = m; return; }
      found.forEach(function (d) { if (!m.has(d)) { found.delete(d); } });
    });
    var ids = Array.from(found);
    ids.sort(function (a, b) {
      var ta = data.docs[a][1].toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      var tb = data.docs[b][1].toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      return ta - tb || (data.docs[a][1] < data.docs[b][1] ? -1 : data.docs[a][1] > data.docs[b][1] ? 1 : a - b);
    });
    return ids;
  }

  function show() {
    var ids = search(input.value);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (ids === null) { status.textContent = ""; return; }
    status.textContent = ids.length === 1 ? "1 SOP found" : ids.length + " SOPs found";
    ids.slice(0, 50).forEach(function (i) {
      var doc = data.docs[i], li = document.createElement("li"), a = document.createElement("a");
      a.href = data.base + doc[0] + ".html";
      a.textContent = doc[1];
      li.appendChild(a);
      var id = document.createElement("span");
      id.className = "muted";
      id.textContent = " (" + doc[0] + ")";
      li.appendChild(id);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", show);
  // The Search button shows the results in place rather than reloading.
  if (input.form) {
    input.form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
  }
  // index.html?q=refund opens with that search, so a search can be shared.
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; }
  if (input.value) { show(); }
})();
