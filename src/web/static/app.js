/* app.js: small enhancements of plusone's pages; every page works without
   it.  Data from the server is only ever written with textContent. */
"use strict";
(function () {
	var LIMIT = 20, DELAY = 250;

	/* The language switch goes back to this very page with its query as
	   it is now (the search box changes it); a page answering a form
	   post keeps the page the server named. */
	function langLinks() {
		var links = document.querySelectorAll("a.lang"), i, u, back;
		for (i = 0; i < links.length; i++) {
			u = new URL(links[i].href, location.href);
			back = new URL(u.searchParams.get("back") || "/", location.href);
			if (back.pathname !== location.pathname) continue;
			u.searchParams.set("back", location.pathname + location.search);
			links[i].href = u.pathname + u.search;
		}
	}

	/* "1980-01-31" as "31/01/1980". */
	function dmy(iso) {
		var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
		return m ? m[3] + "/" + m[2] + "/" + m[1] : (iso || "");
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined) e.textContent = text;
		return e;
	}

	/* One result as the server renders it (templates/_person_item.html). */
	function item(p, d) {
		var li = el("li"), a = el("a"), meta = [];
		a.href = "/people/" + encodeURIComponent(p.id);
		a.appendChild(el("span", "name", p.full_name));
		meta.push(p.sex === "F" ? d.f : d.m, dmy(p.dob));
		if (p.cccd) meta.push(d.cccd + " " + p.cccd);
		meta.push(p.unit_code || "");
		if (p.household_code) meta.push(d.hh + " " + p.household_code);
		meta.push(p.bhyt_valid_until ? d.bhyt + " " + dmy(p.bhyt_valid_until) : d.nobhyt);
		meta.push(p.bhxh_paid_until ? d.bhxh + " " + dmy(p.bhxh_paid_until) : d.nobhxh);
		/* each part kept whole (a code never breaks at its hyphen) */
		var m = el("span", "meta");
		meta.forEach(function (t, i) {
			if (i) m.appendChild(document.createTextNode(" · "));
			m.appendChild(el("span", "nw", t));
		});
		a.appendChild(m);
		li.appendChild(a);
		return li;
	}

	/* Replaces the results box with doc = {total, results} of query q. */
	function render(box, doc, q) {
		var d = box.dataset, ul, i, count;
		box.textContent = "";
		count = doc.total + " " + d.count;
		if (doc.total > doc.results.length) count += " · " + d.more;
		box.appendChild(el("p", "muted", count));
		if (!doc.results.length) {
			box.appendChild(el("p", "", d.none));
			/* where it looked, and the whole commune (the page's own offer) */
			if (d.looked) {
				var p = el("p", "muted", d.looked), a;
				if (d.wide && q) {
					a = el("a", "", d.wide);
					a.href = "/people?q=" + encodeURIComponent(q) + "&wide=1";
					p.appendChild(document.createTextNode(" · "));
					p.appendChild(a);
				}
				box.appendChild(p);
			}
			return;
		}
		ul = el("ul", "list");
		for (i = 0; i < doc.results.length; i++) ul.appendChild(item(doc.results[i], d));
		box.appendChild(ul);
	}

	/* Search as you type on /people: waits DELAY ms after the last key,
	   asks the API, keeps the address in step with the box. */
	function search() {
		var form = document.getElementById("search-form"), q = document.getElementById("q"),
			box = document.getElementById("results"), timer = 0, seq = 0, ctl = null, last;
		if (!form || !q || !box || !window.fetch) return;
		last = q.value.trim();
		function run() {
			var text = q.value.trim(), mine = ++seq, url;
			if (text === last) return;
			last = text;
			history.replaceState(null, "", text ? "/people?q=" + encodeURIComponent(text) : "/people");
			langLinks();
			if (ctl) ctl.abort();
			if (!text) {
				box.textContent = "";
				return;
			}
			ctl = window.AbortController ? new AbortController() : null;
			url = "/api/v1/people?q=" + encodeURIComponent(text) + "&limit=" + LIMIT + "&cover=true";
			fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"},
				signal: ctl ? ctl.signal : undefined})
				.then(function (r) {
					if (r.status === 401) location.href = "/login";
					if (r.status === 422) return {total: 0, results: []};
					if (!r.ok) throw new Error(r.status);
					return r.json();
				})
				.then(function (doc) {
					if (mine === seq && doc) render(box, doc, text);
				})
				.catch(function (e) {
					if (mine !== seq || (e && e.name === "AbortError")) return;
					box.textContent = "";
					box.appendChild(el("p", "err", box.dataset.error));
				});
		}
		q.addEventListener("input", function () {
			clearTimeout(timer);
			timer = setTimeout(run, DELAY);
		});
		form.addEventListener("submit", function (ev) {
			ev.preventDefault();
			clearTimeout(timer);
			last = null;
			run();
		});
	}

	/* Marks the menu entry of the page shown (the longest matching path). */
	function current() {
		var links = document.querySelectorAll(".nav a"), i, p, best = null, len = 0;
		for (i = 0; i < links.length; i++) {
			p = links[i].getAttribute("href");
			if ((location.pathname === p || (p !== "/" && location.pathname.indexOf(p + "/") === 0)) && p.length > len) {
				best = links[i];
				len = p.length;
			}
		}
		if (best) best.setAttribute("aria-current", "page");
	}

	/* Focus the first field marked invalid after a refused form. */
	function firstError() {
		var bad = document.querySelector("[aria-invalid=true]");
		if (bad && bad.focus) bad.focus();
	}

	document.addEventListener("DOMContentLoaded", function () {
		langLinks();
		current();
		search();
		firstError();
	});
})();
