// run.mjs: browser tests of the web interface, in Debian's chromium.
//
//   node tests/browser/run.mjs        (from the repository root or anywhere)
//
// Environment: PLUSONE_BIN (default build-test/plusone), PLUSONE_CHROMIUM
// (default /usr/bin/chromium), PLUSONE_BROWSER_OUT (where screenshots go;
// default a new directory under /tmp), PLUSONE_BROWSER_ONLY (run only
// the checks whose name holds this text).  Prints "ok - NAME" or
// "not ok - NAME" per check (details on "# " lines) and exits 1 when one
// failed.  tests/run-all runs it; scripts/install-deps installs chromium
// and playwright-core.
import fs from 'node:fs';
import path from 'node:path';

import {
	CHROMIUM, Fail, OUT, PASSWORD, PLUSONE, ROOT, TODAY, cleanup, diag, expect, expectEq, later, launch, plusone,
	runChecks, startServer,
} from './lib.mjs';

// The demo logins used (src/app/demo.c).
const UNION = 'hoi.tapngai'; // union, Xã Tập Ngãi (29365), Hiếu Tử (29350) merged in
const UNION_UNIT = '29365';
const UNION_UNIT_NAME = 'Tập Ngãi';
const COLLECTOR = 'ctv.hieutu'; // collector, hamlet Tân Trung Giồng (29350-01)
const COLLECTOR_UNIT = '29350-01';
const XSS = '<img src=x onerror=alert(1)>';

let server;

// ---- helpers over the API (Node's fetch, bearer token) ----

async function apiLogin(username) {
	const r = await fetch(`${server.base}/api/v1/login`, {
		method: 'POST', body: JSON.stringify({ username, password: PASSWORD }),
	});
	expectEq(r.status, 200, `POST /api/v1/login as ${username}`);
	return r.json();
}

async function api(token, method, url, body) {
	const r = await fetch(`${server.base}${url}`, {
		method,
		headers: { Authorization: `Bearer ${token}` },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await r.text();
	let json = null;
	try { json = JSON.parse(text); } catch { /* not JSON */ }
	return { status: r.status, json, text };
}

// ---- helpers over pages ----

// Logs in through the login form and waits for the dashboard.
async function loginUI(page, username) {
	await page.goto('/login');
	const form = page.locator('form[action="/login"]');
	await form.locator('input[name="username"]').fill(username);
	await form.locator('input[name="password"]').fill(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/', { timeout: 8000 }),
		form.locator('button[type="submit"], input[type="submit"]').first().click(),
	]);
}

// The size in points of the first page of a PDF (its first /MediaBox).
function pdfPageSize(buf) {
	const m = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(buf.toString('latin1'));
	return m ? [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])] : null;
}

// The number of pages of a PDF made by chromium.
function pdfPages(buf) {
	return (buf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

// Text of the element loc that ends past its right edge (cut off, or
// hidden in a scroll box): a list of "TEXT ends at X px > EDGE".
async function textPastEdge(loc) {
	return loc.evaluate((art) => {
		const right = art.getBoundingClientRect().right + 0.5, out = [];
		const hidden = (el) => { // for screen readers only (clipped), or not shown
			for (; el && el !== art; el = el.parentElement) {
				const cs = getComputedStyle(el);
				if ((cs.clip && cs.clip !== 'auto') || (cs.clipPath && cs.clipPath !== 'none')
					|| cs.visibility === 'hidden' || cs.display === 'none')
					return true;
			}
			return false;
		};
		const walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!n.textContent.trim() || hidden(n.parentElement))
				continue;
			const r = document.createRange();
			r.selectNodeContents(n);
			for (const rect of r.getClientRects())
				if (rect.width > 0 && rect.right > right)
					out.push(`"${n.textContent.trim().slice(0, 40)}" ends at ${rect.right.toFixed(0)} px > ${right.toFixed(0)}`);
		}
		return out;
	});
}

// ---- the checks ----

const checks = [];
const check = (name, timeout, fn) => checks.push({ name, timeout, fn });

check('login', 15000, async ({ page, base }) => {
	const r = await page.goto('/');
	expect(new URL(page.url()).pathname === '/login', `GET / without a session landed on ${page.url()} (status ${r?.status()})`);
	expect((await page.locator('input[name="password"]').getAttribute('type')) === 'password',
		'the password field is not type=password');
	// a wrong password: the form again, 401, an alert, the name kept
	await page.locator('input[name="username"]').fill(UNION);
	await page.locator('input[name="password"]').fill('wrong-password');
	const [bad] = await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname === '/login' && r.request().method() === 'POST'),
		page.locator('form[action="/login"] button[type="submit"]').click(),
	]);
	expectEq(bad.status(), 401, 'POST /login with a wrong password');
	await page.getByRole('alert').waitFor();
	expectEq(await page.locator('input[name="username"]').inputValue(), UNION, 'username kept after a wrong password');
	await loginUI(page, UNION);
	expectEq(new URL(page.url()).pathname, '/', 'page after login');
	const main = await page.locator('main').innerText();
	expect(main.includes(UNION_UNIT_NAME) || main.includes(UNION_UNIT),
		`the dashboard does not show the unit (${UNION_UNIT} ${UNION_UNIT_NAME}): ${main.slice(0, 300)}`);
	const body = await page.locator('body').innerText();
	expect(body.includes(UNION), `the page does not show who is logged in (${UNION})`);
	const cookies = await page.context().cookies(base);
	const s = cookies.find((c) => c.name === 'plusone_session');
	expect(s && s.httpOnly && s.sameSite === 'Strict', `session cookie: ${JSON.stringify(s)}`);
});

check('accentless search', 20000, async ({ page }) => {
	await loginUI(page, UNION);
	await page.goto('/people');
	const box = page.getByRole('searchbox', { name: /./ }).or(page.locator('input[name="q"]')).first();
	await box.click();
	const query = 'nguyen thi';
	// app.js asks the API once typing pauses: wait for its answer to the whole query
	const asked = later(page.waitForResponse((r) => {
		const u = new URL(r.url());
		return u.pathname === '/api/v1/people' && u.searchParams.get('q') === query;
	}, { timeout: 8000 }).catch(() => { throw new Fail(`the page never asked /api/v1/people?q=${query}`); }));
	await box.pressSequentially(query, { delay: 40 });
	const seen = await asked;
	expectEq(seen.status(), 200, 'status of the page\'s search request');
	// the API's answer for the same query, with the page's cookie
	const a = await page.request.get(`/api/v1/people?q=${encodeURIComponent(query)}&limit=20`);
	expectEq(a.status(), 200, 'GET /api/v1/people with the cookie');
	const want = await a.json();
	expect(want.total > 20, `the API finds ${want.total} people`);
	const results = page.locator('#results');
	const first = want.results[0].full_name;
	expect(/^Nguyễn Thị /.test(first), `the API's first result ${first}`);
	await results.getByText(first).first().waitFor({ timeout: 5000 });
	const names = await results.locator('li .name').allInnerTexts();
	expect(names.length > 0, 'no result listed');
	expect(names.some((n) => /^Nguyễn Thị /.test(n)), `no name "Nguyễn Thị …" listed: ${names.slice(0, 5).join(', ')}`);
	expect(names.every((n) => /Nguyễn/.test(n)), `a name without "Nguyễn": ${names.filter((n) => !/Nguyễn/.test(n))[0]}`);
	const shown = names.map((n) => n.split('\n')[0].trim());
	const api = want.results.map((p) => p.full_name);
	expectEq(JSON.stringify(shown), JSON.stringify(api), 'names listed, in order, against the API');
	// the count shown: the first paragraph of the results, a number
	const countText = await results.locator('p').first().innerText();
	const m = /([0-9][0-9.,\u00a0 ]*)/.exec(countText);
	expect(m, `no count in "${countText}"`);
	expectEq(Number(m[1].replace(/[^0-9]/g, '')), want.total, `the count shown ("${countText}") against the API's total`);
	expect(new URL(page.url()).searchParams.get('q') === query, `the address does not follow the query: ${page.url()}`);
	// the same address loaded again: the server's own rendering says the same
	await page.reload();
	const again = await results.locator('p').first().innerText();
	const m2 = /([0-9][0-9.,\u00a0 ]*)/.exec(again);
	expect(m2 && Number(m2[1].replace(/[^0-9]/g, '')) === want.total,
		`after a reload the count shown is "${again}", the API's total ${want.total}`);
	expectEq(JSON.stringify((await results.locator('li .name').allInnerTexts()).map((n) => n.trim())),
		JSON.stringify(api), 'names listed by the server against the API');
});

check('collection to a printed receipt', 40000, async ({ page }) => {
	// a person of the collector's hamlet, through the API
	const { token } = await apiLogin(COLLECTOR);
	const found = await api(token, 'GET', '/api/v1/people?q=nguyen&limit=50');
	expectEq(found.status, 200, `GET /api/v1/people as ${COLLECTOR}`);
	const person = found.json.results.find((p) => p.unit_code === COLLECTOR_UNIT);
	expect(person, `nobody of ${COLLECTOR_UNIT} found`);
	const income = 1500000;
	const want = await api(token, 'POST', '/api/v1/collect/preview', {
		payer: person.id, items: [{ scheme: 'bhxh', person: person.id, income, months: 12 }],
	});
	expectEq(want.status, 200, `POST /api/v1/collect/preview ${want.text.slice(0, 300)}`);
	const wr = want.json.receipt;
	expect(wr.total > 0 && wr.lines.length === 1, `the API's preview: ${want.text.slice(0, 300)}`);

	await loginUI(page, COLLECTOR);
	await page.goto(`/collect?person=${person.id}`);
	const form = page.locator('form#collect-form, form[action="/collect"][method="post"]').first();
	const line = form.locator('fieldset').first();
	expectEq(await line.locator('input[name^="person_"]').inputValue(), String(person.id), 'person of line 1');
	expect((await line.innerText()).includes(person.full_name), `line 1 does not name ${person.full_name}`);
	// BHXH, 12 months, 1.500.000 đ a month; the live quote follows
	const wantItems = JSON.stringify([{ scheme: 'bhxh', person: person.id, months: 12, income }]);
	const quoted = later(page.waitForResponse((r) => {
		if (new URL(r.url()).pathname !== '/api/v1/collect/preview' || r.request().method() !== 'POST')
			return false;
		try { return JSON.stringify(r.request().postDataJSON().items) === wantItems; } catch { return false; }
	}, { timeout: 8000 }).catch(() => { throw new Fail(`the page never asked for the quote of ${wantItems}`); }));
	await line.locator('select[name^="scheme_"]').selectOption('bhxh');
	await line.locator('select[name^="months_"]').selectOption('12');
	await line.locator('input[name^="income_"]').pressSequentially('1.500.000', { delay: 20 });
	const resp = await quoted;
	expect(/^[0-9a-f]{32}$/.test(resp.request().headers()['x-csrf-token'] || ''), 'the live quote has no X-CSRF-Token');
	expectEq(resp.status(), 200, 'status of the live quote');
	const quote = page.locator('#live-quote');
	await quote.waitFor({ state: 'visible' });
	const vnd = (n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
	const l0 = wr.lines[0];
	await quote.locator('tfoot').getByText(vnd(wr.totals.net)).waitFor({ timeout: 4000 })
		.catch(() => { throw new Fail(`the live quote never shows the total ${vnd(wr.totals.net)}`); });
	expectEq(await quote.locator('tbody tr').count(), 1, 'live quote lines');
	const cells = (await quote.locator('tbody tr').first().locator('td').allInnerTexts()).map((t) => t.trim());
	const nums = cells.slice(-4);
	expectEq(JSON.stringify(nums), JSON.stringify([l0.gross, l0.state_support, l0.local_support, l0.net].map(vnd)),
		'live quote: gross, state support, local support, net');
	const totalNet = (await quote.locator('tfoot').innerText());
	expect(totalNet.includes(vnd(wr.totals.net)), `live quote total "${totalNet}" lacks ${vnd(wr.totals.net)}`);

	// compute, review, confirm
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/collect', { waitUntil: 'load' }),
		form.locator('button[name="do"][value="preview"]').click(),
	]);
	const review = await page.locator('main').innerText();
	expect(review.includes(vnd(wr.total)), `the review does not show ${vnd(wr.total)}: ${review.slice(0, 400)}`);
	await Promise.all([
		page.waitForURL(/\/receipts\/\d+$/, { timeout: 8000 }),
		page.locator('button[name="do"][value="confirm"]').click(),
	]);
	const rid = Number(new URL(page.url()).pathname.split('/').pop());
	const rec = await api(token, 'GET', `/api/v1/receipts/${rid}`);
	expectEq(rec.status, 200, `GET /api/v1/receipts/${rid}`);
	const r = rec.json.receipt ?? rec.json;
	expectEq(r.total, wr.total, 'recorded total against the preview');
	expectEq(r.lines[0].net, l0.net, 'recorded line against the preview');
	expectEq(r.payer, person.id, 'payer');
	const receipt = page.getByRole('article');
	const rtext = await receipt.innerText();
	for (const want of [vnd(r.total), vnd(l0.gross), vnd(l0.state_support), vnd(l0.net), person.full_name, String(r.serial)])
		expect(rtext.includes(want), `the receipt does not show ${want}`);

	// printed: the navigation and the forms go, the receipt stays.  Every
	// problem of the printed layouts is gathered, then reported together.
	const problems = [];
	const soft = (cond, message) => { if (!cond) problems.push(message); };
	const shown = async (loc) => {
		const out = [];
		for (const el of await loc.all())
			if (await el.isVisible())
				out.push(((await el.innerText()) || '').replace(/\s+/g, ' ').slice(0, 60));
		return out;
	};
	const nav = page.getByRole('navigation');
	expect((await shown(nav)).length > 0, 'the receipt page has no visible navigation on screen');
	await page.setViewportSize({ width: 484, height: 740 }); // A5 less 10 mm margins: 128 mm
	await page.emulateMedia({ media: 'print' });
	let v = await shown(nav);
	soft(v.length === 0, `print: navigation still visible: ${v.join(' | ')}`);
	soft(await receipt.isVisible(), 'print: the receipt is hidden');
	v = await shown(page.locator('form, button'));
	soft(v.length === 0, `print: forms or buttons visible: ${v.join(' | ')}`);
	await page.screenshot({ path: path.join(OUT, 'receipt-a5-print.png'), fullPage: true });
	const a5 = await page.pdf({ preferCSSPageSize: true, path: path.join(OUT, 'receipt-a5.pdf') });
	const a5box = pdfPageSize(a5);
	soft(pdfPages(a5) === 1, `print A5: a one-line receipt takes ${pdfPages(a5)} pages`);
	soft(a5box && Math.abs(a5box[0] - 419.5) < 2 && Math.abs(a5box[1] - 595.3) < 2,
		`print: the page is not A5 (148 x 210 mm = 419.5 x 595.3 pt): ${JSON.stringify(a5box)}`);
	const overA5 = await textPastEdge(receipt);
	soft(overA5.length === 0, `print A5: text past the edge of the page: ${overA5.slice(0, 4).join('; ')}`);

	// the 58 mm thermal roll
	await page.emulateMedia({ media: 'screen' });
	await page.goto(`/receipts/${rid}?paper=58`);
	await page.emulateMedia({ media: 'print' });
	v = await shown(nav);
	soft(v.length === 0, `print 58: navigation still visible: ${v.join(' | ')}`);
	const rtext58 = await receipt.innerText();
	soft(rtext58.includes(vnd(r.total)), `print 58: no total ${vnd(r.total)}`);
	const w = (await receipt.boundingBox())?.width ?? 1e9;
	soft(w <= 58 / 25.4 * 96 + 0.5, `print 58: the receipt is ${w.toFixed(1)} px wide (58 mm = 219 px)`);
	const sw = await page.evaluate(() => document.documentElement.scrollWidth);
	const over = await textPastEdge(receipt);
	soft(over.length === 0, `print 58: text past the edge of the roll: ${over.slice(0, 4).join('; ')}`);
	await page.screenshot({ path: path.join(OUT, 'receipt-58-print.png'), fullPage: true });
	const pdf58 = await page.pdf({ preferCSSPageSize: true, path: path.join(OUT, 'receipt-58.pdf') });
	const r58 = pdfPageSize(pdf58);
	soft(pdfPages(pdf58) === 1, `print 58: a one-line receipt takes ${pdfPages(pdf58)} pages`);
	soft(r58 && Math.abs(r58[0] - 164.4) < 2,
		`print 58: the PDF page is not 58 mm wide (164.4 pt): ${JSON.stringify(r58)} (scrollWidth ${sw})`);
	expect(problems.length === 0, problems.join('\n'));
	diag(`receipt ${rid}: ${vnd(r.total)}; print screenshots ${OUT}/receipt-{a5,58}-print.png`);
});

check('live quote: the notes of 2027 and the advance', 30000, async ({ page }) => {
	// 12 months paid on TODAY (29/11/2026) reach 01/01/2027: the API's notes
	const { token } = await apiLogin(COLLECTOR);
	const found = await api(token, 'GET', '/api/v1/people?q=nguyen&limit=50');
	const person = found.json.results.find((p) => p.unit_code === COLLECTOR_UNIT);
	expect(person, `nobody of ${COLLECTOR_UNIT} found`);
	const want = await api(token, 'POST', '/api/v1/collect/preview', {
		payer: person.id, items: [{ scheme: 'bhxh', person: person.id, income: 1500000, months: 12 }],
	});
	expectEq(want.status, 200, `POST /api/v1/collect/preview ${want.text.slice(0, 300)}`);
	const notes = want.json.notes.map((n) => n.message);
	expect(notes.some((m) => m.startsWith('Số tiền tính theo quy định tại ngày đóng 29/11/2026. Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ')),
		`the API's notes: ${JSON.stringify(notes)}`);
	await loginUI(page, COLLECTOR);
	await page.goto(`/collect?person=${person.id}`);
	const line = page.locator('#collect-form fieldset.line').first();
	await line.locator('select[name^="scheme_"]').selectOption('bhxh');
	await line.locator('input[name^="income_"]').pressSequentially('1.500.000', { delay: 20 });
	const shown = page.locator('#quote-notes li');
	await shown.first().waitFor({ timeout: 8000 })
		.catch(() => { throw new Fail('the live quote never shows the notes'); });
	expectEq(JSON.stringify(await shown.allInnerTexts()), JSON.stringify(notes), 'the live quote\'s notes against the API\'s');
	// 2 years in advance: sent as advance_years; without the 2025 fund rate
	// the refusal names it, and the notes go
	const asked = later(page.waitForRequest((r) => {
		try { return r.url().endsWith('/api/v1/collect/preview') && r.postDataJSON().items[0].advance_years === 2; } catch { return false; }
	}, { timeout: 8000 }).catch(() => { throw new Fail('the page never asked for the quote of advance_years 2'); }));
	await line.locator('select[name^="months_"]').selectOption('24');
	const rq = await asked;
	expect(!('months' in rq.postDataJSON().items[0]), `months sent with advance_years: ${rq.postData()}`);
	await page.locator('#quote-state').getByText('Chưa có lãi suất đầu tư quỹ BHXH năm 2025').waitFor({ timeout: 8000 })
		.catch(() => { throw new Fail('the live quote never says the 2025 fund rate is missing'); });
	expectEq(await shown.count(), 0, 'notes left after a refusal');
	// BHYT takes no advance: its choices are disabled
	await line.locator('select[name^="scheme_"]').selectOption('bhyt');
	await page.waitForFunction(() => document.querySelector('#collect-form fieldset.line optgroup').disabled, null, { timeout: 4000 })
		.catch(() => { throw new Fail('the advance choices stay enabled for BHYT'); });
});

check('CSRF refusal', 15000, async ({ page, base }) => {
	await loginUI(page, UNION);
	// a form POST by fetch with the cookie and no csrf field
	const r = await page.evaluate(async () => {
		const body = new URLSearchParams({ full_name: 'Lê Thị CSRF', dob: '1990', sex: 'F', unit_code: '29365-03' });
		const res = await fetch('/people/new', { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
		return res.status;
	});
	expectEq(r, 403, 'POST /people/new without csrf');
	const viaApi = await page.evaluate(async () => {
		const res = await fetch('/api/v1/people', {
			method: 'POST', credentials: 'same-origin',
			body: JSON.stringify({ full_name: 'Lê Thị CSRF', dob: '1990', sex: 'F', unit_code: '29365-03' }),
		});
		return res.status;
	});
	expectEq(viaApi, 403, 'POST /api/v1/people with the cookie and no X-CSRF-Token');
	const s = await page.request.get('/api/v1/people?q=' + encodeURIComponent('le thi csrf'));
	expectEq((await s.json()).total, 0, 'people named Lê Thị CSRF after the refused POST');
	// the logout form of the page, its hidden csrf input removed
	await page.goto('/');
	const form = page.locator('form[action="/logout"]');
	await form.locator('input[name="csrf"]').evaluate((el) => el.remove());
	const [resp] = await Promise.all([
		page.waitForResponse((res) => res.url() === `${base}/logout`),
		form.locator('button[type="submit"]').click(),
	]);
	expectEq(resp.status(), 403, 'POST /logout without csrf');
	await page.goto('/');
	expectEq(new URL(page.url()).pathname, '/', 'still logged in after the refused logout');
	// the same form with its token logs out
	const [ok] = await Promise.all([
		page.waitForResponse((res) => res.url() === `${base}/logout`),
		page.locator('form[action="/logout"] button[type="submit"]').click(),
	]);
	expectEq(ok.status(), 303, 'POST /logout with csrf');
});

check('XSS in a name shows as text', 20000, async ({ page, events }) => {
	const { token } = await apiLogin(UNION);
	const add = await api(token, 'POST', '/api/v1/people',
		{ full_name: XSS, dob: '1990-01-01', sex: 'F', unit_code: '29365-03' });
	expectEq(add.status, 201, `POST /api/v1/people ${add.text.slice(0, 300)}`);
	const id = add.json.id;
	await loginUI(page, UNION);
	const probe = async (where) => {
		const el = page.getByText(XSS, { exact: true });
		await el.first().waitFor({ timeout: 6000 }).catch(() => {
			throw new Fail(`${where}: no element whose text is the name`);
		});
		const n = await page.locator('img[src="x"]').count();
		expectEq(n, 0, `${where}: <img src=x> elements`);
		expectEq(events.dialogs.length, 0, `${where}: dialogs`);
	};
	await page.goto(`/people/${id}`);
	await probe(`/people/${id}`);
	// a search listing her
	await page.goto('/people');
	const box = page.getByRole('searchbox').or(page.locator('input[name="q"]')).first();
	await box.fill('onerror alert');
	await box.press('Enter');
	await probe('search (app.js)');
	await page.goto('/people?q=onerror+alert');
	await probe('search (server)');
	await page.goto('/collect');
	const find = page.locator('#find-q').or(page.getByRole('searchbox')).first();
	await find.pressSequentially('onerror', { delay: 20 });
	await probe('collect, people found (money.js)');
	await page.goto('/collect?q=onerror');
	await probe('collect, people found (server)');
	await page.goto(`/collect?person=${id}`);
	await page.waitForTimeout(300); // a late onerror would fire by now
	expectEq(events.dialogs.length, 0, 'dialogs');
});

check('people picked by name: collection lines and the 1+1 form', 20000, async ({ page }) => {
	const { token } = await apiLogin(COLLECTOR);
	const found = await api(token, 'GET', '/api/v1/people?q=nguyen+thi&limit=50');
	const want = found.json.results.find((p) => p.unit_code === COLLECTOR_UNIT);
	expect(want, `nobody of ${COLLECTOR_UNIT} found`);
	await loginUI(page, COLLECTOR);
	await page.goto('/collect');
	const line = page.locator('form#collect-form fieldset.line').first();
	expectEq(await line.locator('input[name="person_0"]').getAttribute('type'), 'hidden', 'the person id of line 1 is typed');
	const asked = later(page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/people', { timeout: 6000 }));
	await line.locator('.pick-q').pressSequentially(want.full_name, { delay: 15 });
	expectEq((await asked).status(), 200, 'the picker\'s search');
	const choice = line.locator('.picks button').filter({ hasText: want.full_name }).first();
	await choice.waitFor({ timeout: 5000 }).catch(() => { throw new Fail(`no choice "${want.full_name}" offered`); });
	await choice.click();
	const picked = Number(await line.locator('input[name="person_0"]').inputValue());
	const pr = await api(token, 'GET', `/api/v1/people/${picked}`);
	expectEq(pr.json.full_name, want.full_name, 'the person chosen for line 1');
	expectEq((await line.locator('.pname').innerText()).trim(), want.full_name, 'the name shown on line 1');
	// the 1+1 form without script: a name search whose choices fill the form
	await page.goto(`/referrals?q=${encodeURIComponent(want.full_name)}`);
	const pick = page.locator('a', { hasText: 'Là người vận động' }).first();
	await pick.click();
	expectEq(await page.locator('#ref-referrer').inputValue(), String(picked), 'the referrer chosen by name');
	expect((await page.locator('#ref-form').innerText()).includes(want.full_name), 'the 1+1 form does not name the referrer');
	expectEq(await page.locator('#ref-person').getAttribute('type'), 'hidden', 'the person id of the 1+1 form is typed');
});

check('dashboard at 360 px', 15000, async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await loginUI(page, UNION);
	const sheets = await page.evaluate(() => [...document.styleSheets].map((ss) => {
		try { return `${ss.href} ${ss.cssRules.length}`; } catch { return `${ss.href} unreadable`; }
	}));
	expect(sheets.some((x) => /\/static\/app\.css [1-9]/.test(x)), `app.css not applied: ${sheets.join(', ')}`);
	const shot = path.join(OUT, 'dashboard-360.png');
	await page.screenshot({ path: shot, fullPage: true });
	diag(`screenshot ${shot}`);
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(w <= 360, `document.documentElement.scrollWidth is ${w} (> 360): horizontal scroll`);
});

// ---- every page at 360 px ----

// The GET routes of HTML pages in the route table (src/web/routes.c).
function htmlPages() {
	const src = fs.readFileSync(path.join(ROOT, 'src/web/routes.c'), 'utf8');
	const out = [];
	for (const m of src.matchAll(/\{"GET", "([^"]+)", [^,]+, WF_HTML,/g))
		out.push(m[1]);
	return out;
}

// What is wrong with the layout of the page at its width: the document
// scrolls sideways; a box whose content is wider than it (scrolls or is
// cut); a word whose letters are on two lines (each word's
// Range.getClientRects(): a word on one line has every rect on the
// same line).  A list of short texts, empty when all is well.
async function layoutProblems(page) {
	return page.evaluate(() => {
		const out = [], de = document.documentElement;
		if (de.scrollWidth > de.clientWidth + 1)
			out.push(`the page scrolls sideways: ${de.scrollWidth} px > ${de.clientWidth} px`);
		const hidden = (el) => {
			for (; el; el = el.parentElement) {
				const cs = getComputedStyle(el);
				if (cs.display === 'none' || cs.visibility === 'hidden' || (cs.clip && cs.clip !== 'auto')
					|| el.hidden || ['OPTION', 'SELECT', 'SCRIPT', 'STYLE', 'TITLE', 'TEXTAREA'].includes(el.tagName))
					return true;
			}
			return false;
		};
		const what = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
		for (const el of document.body.querySelectorAll('*')) {
			if (['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'BUTTON'].includes(el.tagName) || hidden(el))
				continue;
			if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
				const cs = getComputedStyle(el);
				if (cs.overflowX !== 'visible' || el.getBoundingClientRect().right > de.clientWidth + 1)
					out.push(`${what(el)} is ${el.scrollWidth} px wide inside ${el.clientWidth} px`);
			}
		}
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const t = n.textContent;
			// preformatted machine text (pre, code) wraps where it must
			if (!t.trim() || hidden(n.parentElement) || n.parentElement.closest('pre, code'))
				continue;
			for (const m of t.matchAll(/\S+/g)) {
				if (m[0].length < 2)
					continue;
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const rects = [...r.getClientRects()].filter((x) => x.width > 0 && x.height > 0);
				if (rects.length < 2)
					continue;
				const tops = rects.map((x) => x.top), lines = Math.max(...tops) - Math.min(...tops);
				if (lines > rects[0].height / 2)
					out.push(`"${m[0].slice(0, 30)}" is broken across lines in ${what(n.parentElement)}`);
			}
		}
		return [...new Set(out)];
	});
}

check('every page at 360 px: no sideways scroll, no word broken', 30000, async ({ browser, base }) => {
	// real ids: a person of the collector's hamlet, her household, a
	// receipt, a remittance of it
	const logins = {};
	for (const u of [UNION, COLLECTOR, 'admin', 'bhxh.tieucan'])
		logins[u] = (await apiLogin(u)).token;
	const found = await api(logins[COLLECTOR], 'GET', '/api/v1/people?q=nguyen&limit=50');
	const [person, other] = found.json.results.filter((p) => p.unit_code === COLLECTOR_UNIT);
	expect(person && other, `not two people of ${COLLECTOR_UNIT} found`);
	const full = (await api(logins[COLLECTOR], 'GET', `/api/v1/people/${person.id}`)).json;
	const paid = await api(logins[COLLECTOR], 'POST', '/api/v1/collect', {
		payer: person.id, items: [{ scheme: 'bhyt', person: person.id, months: 12 }],
	});
	expect(paid.status === 200 || paid.status === 201, `POST /api/v1/collect ${paid.status} ${paid.text.slice(0, 200)}`);
	const rid = paid.json.receipt.id;
	const remit = await api(logins[COLLECTOR], 'POST', '/api/v1/remittances', {});
	expect(remit.status === 200 || remit.status === 201, `POST /api/v1/remittances ${remit.text.slice(0, 200)}`);
	const mid = remit.json.remittance.id;
	const ids = { '/people/{id}': person.id, '/people/{id}/edit': person.id, '/households/{id}': full.household_id,
		'/receipts/{id}': rid, '/remittances/{id}': mid };
	// who visits each page (a role allowed there), and extra addresses
	const who = { '/collect': COLLECTOR, '/remit': COLLECTOR, '/users': 'admin', '/audit': 'admin',
		'/settings': 'admin', '/login-locks': 'admin', '/duplicates': UNION, '/remittances': 'bhxh.tieucan', '/remittances/{id}': 'bhxh.tieucan' };
	const extra = [[COLLECTOR, `/collect?person=${other.id}`, 'quote'], [UNION, `/receipts/${rid}?paper=58`],
		[UNION, '/people?q=nguyen+thi'], [UNION, '/due?days=60'], ['admin', `/users?edit=1`]];
	const visits = [];
	for (const pattern of htmlPages()) {
		if (pattern === '/lang')
			continue; // a redirect back to the page it was asked from
		const id = ids[pattern];
		expect(!pattern.includes('{id}') || id, `no id for ${pattern}: add one to this check`);
		visits.push([pattern === '/login' ? null : (who[pattern] || UNION), pattern.replace('{id}', String(id))]);
	}
	visits.push(...extra);
	const problems = [];
	const contexts = {};
	for (const [user, url, quote] of visits) {
		const key = user || '-';
		if (!contexts[key]) {
			contexts[key] = await browser.newContext({ baseURL: base, locale: 'vi-VN', viewport: { width: 360, height: 740 } });
			if (user)
				await contexts[key].addCookies([{ name: 'plusone_session', value: logins[user], url: base }]);
		}
		const page = await contexts[key].newPage();
		const r = await page.goto(url);
		if (!r || r.status() !== 200) {
			problems.push(`${url} as ${user}: status ${r?.status()}`);
			await page.close();
			continue;
		}
		if (quote) { // the live quote of the collection page, shown by money.js
			const line = page.locator('form#collect-form fieldset.line').first();
			await line.locator('select[name^="scheme_"]').selectOption('bhyt');
			await line.locator('select[name^="months_"]').selectOption('6');
			await page.locator('#live-quote:not([hidden]) tbody tr').first().waitFor({ state: 'attached', timeout: 5000 })
				.catch(() => problems.push(`${url}: the live quote never showed`));
		}
		for (const p of await layoutProblems(page))
			problems.push(`${url} as ${user}: ${p}`);
		if (problems.length && !fs.existsSync(path.join(OUT, 'layout-360.png')))
			await page.screenshot({ path: path.join(OUT, 'layout-360.png'), fullPage: true });
		await page.close();
	}
	for (const c of Object.values(contexts))
		await c.close();
	diag(`${visits.length} pages visited at 360 px`);
	if (problems.length)
		fs.writeFileSync(path.join(OUT, 'layout-360.txt'), problems.join('\n') + '\n');
	expect(problems.length === 0, `${problems.length} problems (all in ${OUT}/layout-360.txt):\n`
		+ problems.slice(0, 25).join('\n'));
});

// ---- main ----

async function main() {
	const started = Date.now();
	const init = plusone(['init', '--demo']);
	if (init.status !== 0) {
		console.log('not ok - demo database');
		diag(`${PLUSONE} init --demo: exit ${init.status}\n${init.stderr.slice(0, 1000)}`);
		return 1;
	}
	const t1 = Date.now();
	server = await startServer();
	diag(`${PLUSONE} serve at ${server.base}, PLUSONE_TODAY=${TODAY}`);
	const t2 = Date.now();
	let failures = 0;
	let browser;
	try {
		browser = await launch();
		diag(`${CHROMIUM} ${browser.version()}; set up in ${((Date.now() - started) / 1000).toFixed(1)} s `
			+ `(init --demo ${((t1 - started) / 1000).toFixed(1)} s, serve ${((t2 - t1) / 1000).toFixed(1)} s, `
			+ `chromium ${((Date.now() - t2) / 1000).toFixed(1)} s)`);
		// PLUSONE_BROWSER_ONLY=TEXT runs only the checks whose name holds it
		const only = process.env.PLUSONE_BROWSER_ONLY;
		failures += await runChecks(only ? checks.filter((c) => c.name.includes(only)) : checks, { browser, server });
	} catch (e) {
		failures++;
		console.log('not ok - browser');
		diag(e.stack || String(e));
	} finally {
		if (browser)
			await browser.close().catch(() => {});
		const r = await server.stop();
		// an ASan-built server reports memory errors and leaks at exit
		if (r.code === 0) {
			console.log('ok - server stops cleanly');
		} else {
			failures++;
			console.log('not ok - server stops cleanly');
			diag(`exit ${r.code} signal ${r.sig}`);
			diag(server.stderr().split('\n').filter((l) => !/ method=\w+ route=/.test(l)).slice(-40).join('\n'));
		}
	}
	diag(`browser suite: ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${OUT}`);
	return failures ? 1 : 0;
}

process.on('unhandledRejection', (e) => diag(`unhandled: ${e?.message ?? e}`));
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => { // interrupted: leave no server nor temporary files behind
		server?.proc.kill('SIGKILL');
		cleanup();
		process.exit(130);
	});
}

const hard = setTimeout(() => {
	console.log('not ok - browser suite finished in time');
	diag('the whole suite took more than 120 s');
	server?.proc.kill('SIGKILL');
	cleanup();
	process.exit(1);
}, 120000);
hard.unref();

let code = 1;
try {
	code = await main();
} finally {
	cleanup();
}
process.exit(code);
