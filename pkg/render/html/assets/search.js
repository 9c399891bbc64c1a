// sopctl offline search: no network, works from file://. The index
// (search-index.js) maps the words of titles, ids, tags, headings and bodies
// to the SOPs that have them and where (title, heading or body, and which
// section); the opening text of each section lies in snippet shards
// (assets/search-snippets-NNN.js), loaded only for the results shown.
// Words come from SOP files, so they are only ever looked up in a Map or
// Set, never as properties of a plain object: "constructor", "__proto__" or
// "toString" would find Object.prototype's members there. Everything shown
// is user text too: it reaches the page through textContent and text
// nodes only, never as HTML.
(function () {
  "use strict";
  var data = window.SOPCTL_SEARCH;
  var input = document.getElementById("Search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input || !list || !status) { return; }
  var LIMIT = 50, N = data.docs.length, WORD = /[\p{L}\p{N}]+/gu, LETTER = /\p{L}/gu;
  var BITMAP = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var WEIGHT = [3, 2, 1]; // of a match in the title (id, tags), a heading, the body
  var index = new Map(); // word -> encoded posting list
  for (var n = 0; n < data.words.length; n++) { index.set(data.words[n], data.postings[n]); }
  var terms = null; // the index's words in JavaScript's order, for prefixes
  var byLength = null; // length -> the words that long, for typos
  var titles = null; // lower-cased, for ties
  var decoded = new Map(); // word -> its postings, decoded

  function isCode(c) { return c >= 65 && c <= 90; } // A-Z

  // A sparse posting list is, per SOP, the gap from the previous one in
  // base 36 and where the word is (a code in base 26, A-Z).
  function sparse(enc, i, docs, codes) {
    var prev = 0;
    while (i < enc.length) {
      var j = i;
      while (j < enc.length && !isCode(enc.charCodeAt(j))) { j++; }
      prev += parseInt(enc.slice(i, j), 36);
      var code = 0;
      for (i = j; i < enc.length && isCode(enc.charCodeAt(i)); i++) { code = code * 26 + enc.charCodeAt(i) - 65; }
      docs.push(prev);
      codes.push(code);
    }
  }

  // A dense one is "!", a bitmap of every SOP six to a character, the
  // code most of them share, then the SOPs with another code, sparse.
  function dense(enc, docs, codes) {
    var width = Math.ceil(N / 6), i = 1 + width, common = 0, other = [], otherCodes = [];
    for (; i < enc.length && isCode(enc.charCodeAt(i)); i++) { common = common * 26 + enc.charCodeAt(i) - 65; }
    sparse(enc, i, other, otherCodes);
    var except = new Map();
    for (var i = 0; i < other.length; i++) { except.set(other[i], otherCodes[i]); }
    for (var k = 0; k < width; k++) {
      var bits = BITMAP.indexOf(enc.charAt(1 + k));
      for (var j = 0; j < 6; j++) {
        if (bits & (1 << j)) {
          var doc = 6 * k + j;
          docs.push(doc);
          codes.push(except.has(doc) ? except.get(doc) : common);
        }
      }
    }
  }

  function postings(term) {
    if (!decoded.has(term)) {
      var enc = index.get(term) || "", p = { docs: [], codes: [] };
      if (enc.charAt(0) === "!") { dense(enc, p.docs, p.codes); } else { sparse(enc, 0, p.docs, p.codes); }
      decoded.set(term, p);
    }
    return decoded.get(term);
  }

  // oneTypo says whether a and b differ by one letter inserted, deleted,
  // changed, or two neighbours swapped (Damerau-Levenshtein distance 1).
  function oneTypo(a, b) {
    if (a.length < b.length) { var t = a; a = b; b = t; }
    if (a.length - b.length > 1) { return false; }
    var i = 0;
    while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) { i++; }
    if (a.length > b.length) { return same(a, i + 1, b, i); }
    if (i === a.length) { return false; } // equal
    return same(a, i + 1, b, i + 1) || (a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) && same(a, i + 2, b, i + 2));
  }
  function same(a, i, b, j) {
    if (a.length - i !== b.length - j) { return false; }
    for (; i < a.length; i++, j++) { if (a.charCodeAt(i) !== b.charCodeAt(j)) { return false; } }
    return true;
  }

  // candidates maps the index's words a query word finds to how well they
  // match: 3 the word itself, 2 a longer word it begins, 1 a word one typo
  // away (query words of five letters or more; digits are not letters).
  function candidates(word) {
    if (terms === null) {
      terms = Array.from(index.keys()).sort();
      byLength = new Map();
      terms.forEach(function (t) {
        if (!byLength.has(t.length)) { byLength.set(t.length, []); }
        byLength.get(t.length).push(t);
      });
    }
    var out = new Map(), lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < word) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < terms.length && terms[i].lastIndexOf(word, 0) === 0; i++) { out.set(terms[i], terms[i] === word ? 3 : 2); }
    if ((word.match(LETTER) || []).length >= 5) { // not numbers: 004321 is no typo of 004322
      for (var len = word.length - 1; len <= word.length + 1; len++) {
        (byLength.get(len) || []).forEach(function (t) { if (!out.has(t) && oneTypo(word, t)) { out.set(t, 1); } });
      }
    }
    return out;
  }

  // search finds the SOPs that match every word of q, best first: a word
  // scores its best match's weight (title 3, heading 2, body 1) times ten,
  // plus 3 for the word itself, 2 for a prefix, 1 for a typo; SOPs are
  // ranked by their words' sum, then by title.
  function search(q) {
    var words = Array.from(new Set(q.toLowerCase().match(WORD) || []));
    if (!words.length) { return null; }
    var res = { words: words, where: [], found: new Set(), missing: [], ids: [] };
    var count = new Int32Array(N), total = new Int32Array(N);
    words.forEach(function (word) {
      var best = new Int32Array(N), where = new Int32Array(N), seen = [];
      candidates(word).forEach(function (quality, term) {
        res.found.add(term);
        var p = postings(term);
        for (var i = 0; i < p.docs.length; i++) {
          var doc = p.docs[i], score = WEIGHT[p.codes[i] % 3] * 10 + quality;
          if (score > best[doc]) {
            if (best[doc] === 0) { seen.push(doc); }
            best[doc] = score;
            where[doc] = p.codes[i];
          }
        }
      });
      if (!seen.length) { res.missing.push(word); }
      seen.forEach(function (doc) { count[doc]++; total[doc] += best[doc]; });
      res.where.push(where);
    });
    for (var doc = 0; doc < N; doc++) { if (count[doc] === words.length) { res.ids.push(doc); } }
    if (titles === null) { titles = data.docs.map(function (d) { return d[1].toLowerCase(); }); }
    res.ids.sort(function (a, b) {
      return total[b] - total[a] || (titles[a] < titles[b] ? -1 : titles[a] > titles[b] ? 1 : a - b);
    });
    return res;
  }

  // place chooses the section a result leads to: the one where the query's
  // words weigh most in headings and body (none when they are in the title
  // only), and the section whose text to quote (that one, else where a
  // title word also occurs, else the opening).
  function place(res, doc) {
    var weights = new Map(), link = -1, quote = -1;
    res.where.forEach(function (w) {
      var code = w[doc], section = Math.floor(code / 3) - 1, field = code % 3;
      if (section < 0) { return; }
      if (quote < 0) { quote = section; }
      if (field === 0) { return; }
      weights.set(section, (weights.get(section) || 0) + WEIGHT[field]);
      if (link < 0 || weights.get(section) > weights.get(link) ||
        (weights.get(section) === weights.get(link) && section < link)) { link = section; }
    });
    return { link: link, quote: link >= 0 ? link : Math.max(quote, 0) };
  }

  var shards = new Map(); // shard number -> its SOPs' section texts; null while loading
  var pending = []; // the results shown that wait for their snippet

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text) { e.textContent = text; }
    return e;
  }

  function item(res, doc) {
    var d = data.docs[doc], at = place(res, doc), outline = data.outlines[d[2]];
    if (2 * at.link > outline.length) { at.link = 0; } // no such section: the page
    var li = el("li"), a = el("a", "", d[1]), href = data.base + d[0] + ".html";
    if (at.link > 0) { href += "#" + encodeURIComponent(outline[2 * at.link - 2]); } // section 0 has no heading
    a.href = href;
    li.appendChild(a);
    if (at.link > 0) { li.appendChild(el("span", "search-section", " › " + outline[2 * at.link - 1])); }
    li.appendChild(el("span", "muted", " (" + d[0] + ")"));
    var p = el("p", "search-snippet");
    li.appendChild(p);
    pending.push({ doc: doc, section: at.quote, p: p, res: res });
    need(Math.floor(doc / data.per_shard));
    return li;
  }

  // snippet writes into p about twenty words of text around the first
  // word the search found, that word and the others marked.
  function snippet(p, text, res) {
    var tokens = [], m, re = new RegExp(WORD.source, "gu"), first = -1;
    while ((m = re.exec(text)) !== null) {
      var hit = res.found.has(m[0].toLowerCase());
      if (hit && first < 0) { first = tokens.length; }
      tokens.push({ start: m.index, end: m.index + m[0].length, hit: hit });
    }
    if (!tokens.length) { return; }
    var from = Math.max(0, Math.min(first - 6, tokens.length - 20)), to = Math.min(tokens.length, from + 20);
    var at = from > 0 ? tokens[from].start : 0, end = to < tokens.length ? tokens[to - 1].end : text.length;
    if (from > 0) { p.appendChild(document.createTextNode("… ")); }
    for (var i = from; i < to; i++) {
      if (!tokens[i].hit) { continue; }
      p.appendChild(document.createTextNode(text.slice(at, tokens[i].start)));
      p.appendChild(el("mark", "", text.slice(tokens[i].start, tokens[i].end)));
      at = tokens[i].end;
    }
    p.appendChild(document.createTextNode(text.slice(at, end) + (to < tokens.length ? " …" : "")));
  }

  function fill() {
    pending = pending.filter(function (r) {
      var shard = shards.get(Math.floor(r.doc / data.per_shard));
      if (!shard) { return true; }
      var texts = shard[r.doc % data.per_shard] || [];
      // An empty section (often the part before the first heading) gives
      // way to the first with text.
      snippet(r.p, texts[r.section] || texts.filter(Boolean)[0] || "", r.res);
      return false;
    });
  }

  // need loads a snippet shard by a <script> element (fetch() is refused
  // from file://). Browsers without DecompressionStream show no snippets.
  function need(k) {
    if (shards.has(k) || typeof DecompressionStream === "undefined") { return; }
    shards.set(k, null);
    var s = document.createElement("script");
    s.src = data.shards + String(k).padStart(3, "0") + ".js";
    s.onload = drain;
    document.head.appendChild(s);
  }
  function drain() {
    var queue = window.SOPCTL_SNIPPETS || [];
    while (queue.length) { inflate(queue.shift()); }
  }
  // A shard is JSON compressed with zlib, in base64.
  function inflate(shard) {
    var bin = atob(shard[1]), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var text = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    new Response(text).text().then(function (json) { shards.set(shard[0], JSON.parse(json)); fill(); },
      function () { shards.set(shard[0], []); fill(); });
  }

  function message(res, q) {
    var n = res.ids.length;
    if (n === 0 && res.missing.length) {
      return "No SOP matches “" + q + "”: no SOP has a word like “" + res.missing.join("”, “") + "”. Check the spelling, or search for fewer words.";
    }
    if (n === 0) { return "No SOP matches “" + q + "”: no SOP has all these words. Search for fewer words."; }
    if (n > LIMIT) { return n + " SOPs found, showing the best " + LIMIT + ". Add a word to narrow the search."; }
    return n === 1 ? "1 SOP found" : n + " SOPs found";
  }

  function show() {
    var q = input.value.trim(), res = search(q);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    pending = [];
    if (res === null) { status.textContent = ""; return; }
    status.textContent = message(res, q);
    res.ids.slice(0, LIMIT).forEach(function (doc) { list.appendChild(item(res, doc)); });
    fill();
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
