/* picker.js: people are picked by name, never by typing an id.  A box
   .pick-q inside a [data-pick] block asks /api/v1/people as one types
   (the caller's units only, as everywhere) and lists who it finds as
   buttons; choosing one puts her id in the block's hidden input and her
   name in its .pname.  Without this script the page's name search form
   (a GET) offers the same choices.  textContent only. */
"use strict";
(() => {
const d = document;
let timer, seq = 0;
const list = b => b.querySelector(".picks") || b.appendChild(Object.assign(d.createElement("ul"), { className: "picks" }));
const choose = (b, p) => {
	const h = b.querySelector("input[type=hidden]");
	h.value = p.id;
	b.querySelector(".pname").textContent = p.full_name;
	b.querySelector(".pick-q").value = "";
	list(b).textContent = "";
	h.dispatchEvent(new Event("change", { bubbles: true }));
};
const ask = (b, q) => {
	const mine = ++seq, ul = list(b);
	if (q.trim().length < 2) { ul.textContent = ""; return; }
	fetch("/api/v1/people?limit=8&q=" + encodeURIComponent(q.trim()),
		{ credentials: "same-origin", headers: { Accept: "application/json" } })
		.then(r => r.ok ? r.json() : null).then(j => {
			if (mine !== seq) return;
			ul.textContent = "";
			(j && j.results || []).forEach(p => {
				const li = d.createElement("li"), bt = d.createElement("button");
				bt.type = "button";
				bt.textContent = p.full_name + " · " + String(p.dob || "").split("-").reverse().join("/") + " · " + p.unit_code;
				bt.onclick = () => choose(b, p);
				li.append(bt);
				ul.append(li);
			});
			if (!ul.children.length) ul.append(Object.assign(d.createElement("li"), { textContent: b.dataset.none || "" }));
		}, () => {});
};
d.addEventListener("input", ev => {
	const t = ev.target;
	if (!t.matches || !t.matches(".pick-q")) return;
	ev.stopPropagation();
	clearTimeout(timer);
	timer = setTimeout(() => ask(t.closest("[data-pick]"), t.value), 300);
});
d.addEventListener("keydown", ev => { /* Enter in a pick box picks nothing and sends nothing */
	if (ev.key === "Enter" && ev.target.matches && ev.target.matches(".pick-q")) ev.preventDefault();
});
})();
