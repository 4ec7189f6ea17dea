// Site search: Pagefind (static files, no server) plus an exact table for 文号 and 索引号.
// The query is folded to simplified characters with the same table the index was built with.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "./";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var selects = { "部门": document.getElementById("filter-dept"), "事项": document.getElementById("filter-item"), "年份": document.getElementById("filter-year") };
  var params = { "部门": "dept", "事项": "item", "年份": "year" };
  var sortSelect = document.getElementById("sort");
  var PAGE = 10;
  var pagefindPromise = null;
  var t2sPromise = null;
  var pending = [];
  var shown = 0;
  var generation = 0;
  var exactUrls = {};
  var exactCount = 0;
  var duplicates = 0;

  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(root + "pagefind/pagefind.js").then(function (pf) {
        // baseUrl "/": result URLs stay site-relative (/notices/…) and are joined to `root` below,
        // so links work wherever the site is served (e.g. below /zwgk/)
        return pf.options({ excerptLength: 40, baseUrl: "/" }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function t2s() {
    if (!t2sPromise) {
      t2sPromise = fetch(root + "search/t2s.json").then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    }
    return t2sPromise;
  }

  function fold(text, table) {
    var out = "";
    for (var i = 0; i < text.length; i++) { var c = text.charAt(i); out += table[c] || c; }
    return out;
  }

  // Must match govdisclose.search.normalize_number.
  function normalizeNumber(text, table) {
    var t = text.normalize("NFKC").replace(/[〔【\[(（［]/g, "[").replace(/[〕】\])）］]/g, "]").replace(/\s+/g, "");
    return fold(t, table).toLowerCase();
  }

  // 32-bit FNV-1a over UTF-8 bytes; must match govdisclose.search.fnv1a.
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  function exactCandidates(query, table) {
    var keys = [normalizeNumber(query, table)];
    var patterns = [/[0-9A-Za-z]{9,18}\/\d{4}-\d{5}/g, /[^\s,，。;；]{1,12}[〔【\[(（［]\d{4}[〕】\])）］]\d{1,5}号/g];
    patterns.forEach(function (re) { (query.match(re) || []).forEach(function (m) { keys.push(normalizeNumber(m, table)); }); });
    return keys.filter(function (k, i) { return k && keys.indexOf(k) === i; });
  }

  function exactLookup(query, table) {
    var keys = exactCandidates(query, table);
    return Promise.all(keys.map(function (key) {
      var shard = ("0" + (fnv1a(key) % 64)).slice(-2);
      return fetch(root + "search/exact/" + shard + ".json")
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (map) { return map[key] || []; })
        .catch(function () { return []; });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderResult(r, exact) {
    var li = el("li", exact ? "exact-match" : "");
    var a = el("a", "result-title", r.title);
    a.href = root + r.url.replace(/^\//, "");
    li.appendChild(a);
    var meta = el("p", "meta");
    if (exact) meta.appendChild(el("span", "", "文号/索引号精确匹配"));
    if (r.date) meta.appendChild(el("span", "", r.date));
    if (r.publisher) meta.appendChild(el("span", "", r.publisher));
    if (r.doc_number) meta.appendChild(el("span", "", r.doc_number));
    if (r.validity) meta.appendChild(el("span", "", r.validity));
    li.appendChild(meta);
    if (r.excerpt) {
      var p = el("p", "excerpt");
      p.innerHTML = r.excerpt; // Pagefind's excerpt: escaped text with <mark> around matches
      li.appendChild(p);
    }
    list.appendChild(li);
  }

  function announce() {
    var total = exactCount + pending.length - duplicates;
    status.textContent = total ? "找到 " + total + " 条结果。" : "没有找到相关信息。可尝试更换关键词,或通过公开目录查阅。";
  }

  // Shows the next PAGE full-text results, skipping those already shown as exact matches
  // (a result's URL is only known once its data is loaded).
  function showMore(gen) {
    var batch = pending.slice(shown, shown + PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (gen !== generation) return;
      datas.forEach(function (d) {
        if (exactUrls[d.url.replace(/^\//, "")]) { duplicates++; return; }
        renderResult({ url: d.url, title: d.meta.title, date: d.meta.date, publisher: d.meta.publisher,
          doc_number: d.meta.doc_number, validity: d.meta.validity, excerpt: d.excerpt }, false);
      });
      shown += batch.length;
      more.hidden = shown >= pending.length;
      announce();
    });
  }

  function currentFilters() {
    var filters = {};
    Object.keys(selects).forEach(function (name) { if (selects[name].value) filters[name] = selects[name].value; });
    return filters;
  }

  function run() {
    var gen = ++generation;
    var query = input.value.trim();
    var filters = currentFilters();
    var url = new URL(window.location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    Object.keys(selects).forEach(function (name) { if (selects[name].value) url.searchParams.set(params[name], selects[name].value); });
    if (sortSelect.value) url.searchParams.set("sort", sortSelect.value);
    history.replaceState(null, "", url.toString());
    list.innerHTML = "";
    more.hidden = true;
    pending = [];
    shown = 0;
    exactUrls = {};
    exactCount = 0;
    duplicates = 0;
    if (!query && !Object.keys(filters).length) { status.textContent = "请输入关键词、文号或索引号。"; return; }
    status.textContent = "正在搜索…";
    Promise.all([pagefind(), t2s()]).then(function (loaded) {
      var pf = loaded[0], table = loaded[1];
      var options = { filters: filters };
      if (sortSelect.value) options.sort = { date: sortSelect.value === "old" ? "asc" : "desc" };
      var folded = query ? fold(query, table) : null;
      return Promise.all([query ? exactLookup(query, table) : [], pf.search(folded, options)]).then(function (found) {
        if (gen !== generation) return;
        var exact = found[0], search = found[1];
        exact.forEach(function (e) {
          if (exactUrls[e[0]]) return;
          exactUrls[e[0]] = true;
          exactCount++;
          renderResult({ url: e[0], title: e[1], date: e[2], publisher: e[3] }, true);
        });
        pending = search ? search.results : [];
        // the count is announced once the results are on the page (role=status is read aloud)
        return showMore(gen);
      });
    }).catch(function (err) {
      status.textContent = "搜索暂时不可用:" + err;
    });
  }

  function fillFilters() {
    return pagefind().then(function (pf) { return pf.filters(); }).then(function (available) {
      var url = new URL(window.location.href);
      Object.keys(selects).forEach(function (name) {
        var values = Object.keys(available[name] || {});
        values.sort(function (a, b) { return name === "年份" ? b.localeCompare(a) : a.localeCompare(b, "zh-CN"); });
        values.forEach(function (v) {
          var option = el("option", "", v + "(" + available[name][v] + ")");
          option.value = v;
          selects[name].appendChild(option);
        });
        var wanted = url.searchParams.get(params[name]);
        if (wanted) selects[name].value = wanted;
      });
    });
  }

  var start = new URL(window.location.href).searchParams;
  input.value = start.get("q") || "";
  sortSelect.value = start.get("sort") || "";
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  Object.keys(selects).forEach(function (name) { selects[name].addEventListener("change", run); });
  sortSelect.addEventListener("change", run);
  more.addEventListener("click", function () { showMore(generation); });
  fillFilters().then(run, run);
})();
