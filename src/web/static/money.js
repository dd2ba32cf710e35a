/* money.js: helpers of the money pages (which work without it).  Computes
   no money; textContent only; messages from data-msg-*. */
"use strict";
const poMoney = n => { /* as money_format: -1263600 → "-1.263.600 đ" */
	const v = Math.round(+n || 0);
	let s = String(Math.abs(v)), o = "";
	for (; s.length > 3; s = s.slice(0, -3)) o = "." + s.slice(-3) + o;
	return (v < 0 ? "-" : "") + s + o + " đ";
};
if (typeof module === "object") module.exports = { money: poMoney };
(() => {
if (typeof document === "undefined") return;
const d = document, $ = id => d.getElementById(id);
const all = (s, r) => Array.from((r || d).querySelectorAll(s));
const msg = (e, k) => e.getAttribute("data-msg-" + k) || "";
const money = poMoney;
const vnDate = iso => String(iso || "").split("-").reverse().join("/");
const isoDate = s => s.split("/").reverse().map(v => v.padStart(2, "0")).join("-"); /* 5/3/2026 → 2026-03-05 */
const el = (tag, text, cls) => {
	const e = d.createElement(tag);
	if (text != null) e.textContent = text;
	if (cls) e.className = cls;
	return e;
};
const clear = e => { e.textContent = ""; };
const en = d.documentElement.lang === "en";
const apiMsg = j => !j ? "" : j.errors ? j.errors.map(x => x.message).join("; ") : j.message;
const send = (method, url, body) => {
	const h = { Accept: "application/json" }, t = d.querySelector("input[name=csrf]");
	if (body) { h["Content-Type"] = "application/json"; h["X-CSRF-Token"] = t.value; }
	return fetch(url, { method, headers: h, credentials: "same-origin", body: body ? JSON.stringify(body) : undefined })
		.then(r => r.json().catch(() => null).then(j => ({ ok: r.ok, json: j })));
};

all("[data-print]").forEach(b => { b.hidden = false; b.onclick = () => window.print(); });

all("[data-copy]").forEach(b => {
	const t = $(b.dataset.copy), note = b.nextElementSibling;
	b.hidden = false;
	b.onclick = () => {
		const say = k => { note.textContent = msg(b, k); };
		const fallback = () => {
			const r = d.createRange(), s = getSelection();
			let ok = false;
			r.selectNodeContents(t); s.removeAllRanges(); s.addRange(r);
			try { ok = d.execCommand("copy"); } catch (e) { ok = false; }
			say(ok ? "copied" : "select");
		};
		if (navigator.clipboard && window.isSecureContext)
			navigator.clipboard.writeText(t.textContent).then(() => say("copied"), fallback);
		else fallback();
	};
});

all("form[data-confirm]").forEach(f => f.addEventListener("submit", ev => {
	if (!confirm(f.dataset.confirm)) ev.preventDefault();
}));

/* sent once: a second tap must not collect twice */
all("form[data-once]").forEach(f => f.addEventListener("submit", ev => {
	if (ev.defaultPrevented) return;
	if (f.dataset.sent) return ev.preventDefault();
	f.dataset.sent = "1";
	setTimeout(() => all("button", f).forEach(b => { b.disabled = true; }), 0);
}));

const form = $("collect-form"), lines = $("lines");
if (form && lines) {
	const find = $("find-form"), q = $("find-q"), res = $("find-results"), add = $("add-line"), payer = $("payer"),
		ref = $("referred_by"), box = $("live-quote"), state = $("quote-state"), body = $("quote-body"),
		notes = $("quote-notes"), max = +add.dataset.max || 12;
	let timer, ftimer, seq = 0, fseq = 0;
	const rows = () => all("fieldset.line", lines), fm = k => msg(form, k);
	const fld = (row, n) => row.querySelector(`[name^=${n}_]`);
	const addRow = () => {
		const rs = rows(), i = rs.length;
		if (i >= max) return null;
		const row = rs[i - 1].cloneNode(true);
		all("*", row).forEach(e => {
			for (const a of ["id", "name", "for", "aria-describedby"])
				if (e.hasAttribute(a)) e.setAttribute(a, e.getAttribute(a).replace(/_\d+$/, "_" + i));
			e.removeAttribute("aria-invalid");
		});
		row.querySelector("legend").textContent = fm("line") + " " + (i + 1);
		all("input", row).forEach(e => { e.value = ""; });
		all(".ferr", row).forEach(e => e.remove());
		row.querySelector(".pname").textContent = "";
		fld(row, "scheme").value = "bhyt";
		fld(row, "months").value = "12";
		lines.append(row);
		add.hidden = i + 1 >= max;
		return row;
	};
	const payment = () => { /* the payment for the API; null when not ready */
		const items = [], dt = isoDate($("date").value.trim()), rv = ref.value.trim();
		let bad = false;
		rows().forEach(row => {
			const id = fld(row, "person").value.trim(), scheme = fld(row, "scheme").value,
				mo = +fld(row, "months").value, it = { scheme, person: +id };
			row.querySelector("optgroup").disabled = scheme !== "bhxh"; /* advances: BHXH only */
			if (!id) return;
			if (mo > 12) it.advance_years = mo / 12; else it.months = mo;
			if (!/^\d+$/.test(id)) bad = true;
			if (scheme === "bhxh") {
				const t = fld(row, "income").value.replace(/[.\s]/g, "").replace(/(vn)?(đ|d)$/i, "");
				if (!/^\d+$/.test(t)) bad = true;
				it.income = +t;
			}
			items.push(it);
		});
		if (bad || !items.length) return null;
		const p = { items, payer: +(payer.value || items[0].person),
			method: form.elements.method.value || "cash" };
		if (/^\d+$/.test(rv)) p.referred_by = +rv;
		if (dt) p.date = dt;
		return p;
	};
	const totals = t => ["gross", "state_support", "local_support", "net"].forEach(k => { $("qt-" + k).textContent = t ? money(t[k]) : ""; });
	const heads = all("thead th", box).map(t => t.textContent);
	const show = (r, ns) => { /* ns: the preview's notes (rules its periods reach) */
		clear(body);
		clear(notes);
		(ns || []).forEach(n => notes.append(el("li", n.message)));
		r.lines.forEach(l => {
			const tr = el("tr"), w = el("td"), what = w.appendChild(el("span"));
			what.append(fm(l.scheme), el("br"), vnDate(l.from) + " – " + vnDate(l.to) + " (" + l.months + " " + fm("months") + ")" +
				(l.ordinal ? " · " + fm("ordinal") + " " + l.ordinal : ""));
			tr.append(el("td", l.full_name), w);
			[l.gross, l.state_support, l.local_support, l.net].forEach((v, i) => {
				const td = el("td", null, "num");
				td.dataset.label = heads[i + 2];
				td.append(el("span", money(v), "m"));
				tr.append(td);
			});
			body.append(tr);
		});
		totals(r.totals);
	};
	const quote = () => {
		const p = payment(), mine = ++seq;
		box.hidden = !p;
		if (!p) return;
		state.textContent = fm("busy");
		send("POST", form.dataset.quote, p).then(r => {
			if (mine !== seq) return;
			if (r.ok && r.json && r.json.receipt) { state.textContent = ""; return show(r.json.receipt, r.json.notes); }
			clear(body);
			clear(notes);
			totals(null);
			state.textContent = fm("fail") + " " + apiMsg(r.json);
		}, () => { if (mine === seq) state.textContent = fm("fail"); });
	};
	const later = () => { clearTimeout(timer); timer = setTimeout(quote, 400); };
	const pick = (p, asRef) => {
		if (asRef) {
			ref.value = p.id;
			$("ref-name").textContent = p.full_name;
			ref.focus();
		} else {
			const row = rows().filter(r => !fld(r, "person").value.trim())[0] || addRow();
			if (!row) return;
			fld(row, "person").value = p.id;
			row.querySelector(".pname").textContent = p.full_name;
			fld(row, "scheme").focus();
		}
		later();
	};
	const search = () => {
		const t = q.value.trim(), mine = ++fseq, note = k => { clear(res); res.append(el("p", msg(res, k))); };
		if (t.length < 2) return;
		send("GET", find.dataset.api + "?limit=10&q=" + encodeURIComponent(t)).then(r => {
			if (mine !== fseq) return;
			if (!r.ok || !r.json) return note("fail");
			if (!r.json.results.length) return note("none");
			const ul = el("ul", null, "list");
			r.json.results.forEach(p => {
				const li = el("li");
				li.append(el("span", p.full_name, "name"), el("span", " #" + p.id + " · " + vnDate(p.dob) + " · " + p.unit_code + " ", "meta"));
				["add", "ref"].forEach(k => {
					const b = el("button", msg(res, k), "alt");
					b.type = "button";
					b.onclick = () => pick(p, k === "ref");
					li.append(b);
				});
				ul.append(li);
			});
			clear(res);
			res.append(ul);
		}, () => { if (mine === fseq) note("fail"); });
	};
	find.addEventListener("submit", ev => { ev.preventDefault(); search(); });
	q.addEventListener("input", () => { clearTimeout(ftimer); ftimer = setTimeout(search, 300); });
	add.hidden = rows().length >= max;
	add.onclick = () => { const row = addRow(); if (row) fld(row, "person").focus(); };
	["change", "input"].forEach(t => form.addEventListener(t, later));
	later();
}

const rf = $("ref-form");
if (rf) rf.addEventListener("submit", ev => { /* through the API: no reload */
	ev.preventDefault();
	const st = $("ref-state"), v = n => rf.elements[n].value.trim(),
		b = { person: +v("person"), referred_by: +v("referrer"), relation: v("relation") || "other" };
	if (v("date")) b.date = isoDate(v("date"));
	send("POST", rf.dataset.api, b).then(r => {
		if (r.ok) location.assign(location.pathname + "?added=1");
		else st.textContent = msg(rf, "fail") + " " + apiMsg(r.json);
	}, () => { st.textContent = msg(rf, "fail"); });
});
})();
