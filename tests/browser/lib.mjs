// lib.mjs: the harness of the browser tests.  Makes a fresh demo
// database, starts `plusone serve` on a random port, launches Debian's
// chromium through playwright-core, runs each check with a timeout and
// prints "ok - NAME" / "not ok - NAME" (details on "# " lines), the
// format tests/run-all counts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PLUSONE = path.resolve(ROOT, process.env.PLUSONE_BIN || 'build-test/plusone');
export const CHROMIUM = process.env.PLUSONE_CHROMIUM || '/usr/bin/chromium';
export const TODAY = '2026-11-29';
export const PASSWORD = 'tieucan2022'; // every demo login's (src/app/demo.c)

// Flags for the closed network of the test machines: without the
// background-networking ones chromium keeps trying to reach Google.
// playwright-core gives chromium a fresh temporary --user-data-dir of
// its own at every launch and removes it at close.
const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'plusone-browser-'));
// Screenshots: kept after the run, in $PLUSONE_BROWSER_OUT (tests/run-all
// sets BUILD/browser) or else a new directory under the temporary one.
export const OUT = process.env.PLUSONE_BROWSER_OUT
	? path.resolve(process.env.PLUSONE_BROWSER_OUT)
	: fs.mkdtempSync(path.join(os.tmpdir(), 'plusone-browser-shots-'));
fs.mkdirSync(OUT, { recursive: true });

const ENV = {
	...process.env,
	PLUSONE_DB: path.join(WORK, 't.db'),
	PLUSONE_TODAY: TODAY,
	ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1',
};

export function diag(text) {
	// eslint-disable-next-line no-control-regex
	for (const line of String(text).replace(/\x1b\[[0-9;]*m/g, '').split('\n'))
		console.log(`# ${line}`);
}

// Runs plusone to the end: {status, stdout, stderr}.
export function plusone(args, input) {
	const r = spawnSync(PLUSONE, args, { env: ENV, input: input ?? '', encoding: 'utf8', timeout: 60000 });
	return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

// The server: {base, proc, stderr(), stop()}.
export async function startServer() {
	for (let attempt = 0; attempt < 6; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 20000);
		const proc = spawn(PLUSONE, ['serve', '--listen', `127.0.0.1:${port}`], {
			env: ENV, stdio: ['ignore', 'pipe', 'pipe'],
		});
		let err = '';
		proc.stderr.setEncoding('utf8');
		proc.stderr.on('data', (d) => { err += d; });
		proc.stdout.resume();
		const exited = new Promise((resolve) => proc.on('exit', (code, sig) => resolve({ code, sig })));
		const up = await Promise.race([
			(async () => {
				for (let i = 0; i < 300; i++) {
					if (err.includes('plusone: http://'))
						return true;
					await sleep(50);
				}
				return false;
			})(),
			exited.then(() => false),
		]);
		if (up) {
			return {
				base: `http://127.0.0.1:${port}`,
				proc,
				stderr: () => err,
				async stop() {
					proc.kill('SIGTERM');
					const t = setTimeout(() => proc.kill('SIGKILL'), 15000);
					const r = await exited;
					clearTimeout(t);
					return r;
				},
			};
		}
		proc.kill('SIGKILL');
		await exited;
		if (!/in use|đang dùng/i.test(err))
			throw new Error(`plusone serve did not start:\n${err.slice(0, 2000)}`);
	}
	throw new Error('plusone serve: no free port found');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launch() {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		timeout: 30000,
	});
}

// A check failed: the message is printed after "not ok".
export class Fail extends Error {}

export function expect(cond, message) {
	if (!cond)
		throw new Fail(message);
}

export function expectEq(got, want, what) {
	if (got !== want)
		throw new Fail(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

// Runs checks in order, each in a fresh browser context with its own
// timeout.  A check is {name, timeout, fn(t)} where t has the browser
// context, a page, the server's base URL and helpers.  Returns the
// number of failures.
export async function runChecks(checks, { browser, server }) {
	let failures = 0;
	for (const c of checks) {
		const started = Date.now();
		const context = await browser.newContext({ baseURL: server.base, locale: 'vi-VN' });
		context.setDefaultTimeout(Math.min(5000, c.timeout ?? 15000));
		const events = { dialogs: [], pageErrors: [], consoleErrors: [] };
		const watch = (p) => {
			p.on('dialog', (d) => {
				events.dialogs.push(`${d.type()}: ${d.message()}`);
				d.dismiss().catch(() => {});
			});
			p.on('pageerror', (e) => events.pageErrors.push(`${p.url()}: ${e.message}`));
			p.on('console', (m) => {
				if (m.type() === 'error')
					events.consoleErrors.push(`${p.url()}: ${m.text()}`);
			});
		};
		context.on('page', watch);
		const page = await context.newPage();
		const t = { browser, context, page, base: server.base, events, name: c.name };
		let error = null;
		let timer;
		const run = c.fn(t);
		run.catch(() => {}); // still awaited below; after a timeout it may fail late
		try {
			await Promise.race([
				run,
				new Promise((_, reject) => {
					timer = setTimeout(() => reject(new Fail(`timed out after ${c.timeout ?? 15000} ms`)),
						c.timeout ?? 15000);
				}),
			]);
			// Whatever the check, a page must not throw nor open dialogs.
			expect(events.pageErrors.length === 0, `script errors: ${events.pageErrors.join(' | ')}`);
			expect(events.dialogs.length === 0, `dialogs opened: ${events.dialogs.join(' | ')}`);
			// a refused script or style sheet (CSP, MIME type) is a broken page
			const refused = events.consoleErrors.filter((m) => /Refused to|Content Security Policy/.test(m));
			expect(refused.length === 0, `refused by the browser: ${refused.slice(0, 3).join(' | ')}`);
		} catch (e) {
			error = e;
		} finally {
			clearTimeout(timer);
		}
		const ms = Date.now() - started;
		if (error) {
			failures++;
			console.log(`not ok - ${c.name}`);
			diag(error instanceof Fail ? error.message : (error.stack || String(error)).split('\n').slice(0, 6).join('\n'));
			try {
				diag(`at ${page.url()}`);
				const shot = path.join(OUT, `fail-${c.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
				await page.screenshot({ path: shot, fullPage: true, timeout: 3000 });
				diag(`screenshot ${shot}`);
			} catch { /* the page may be gone */ }
			for (const m of events.consoleErrors.slice(0, 5))
				diag(`console: ${m}`);
		} else {
			console.log(`ok - ${c.name}`);
		}
		diag(`${c.name}: ${ms} ms`);
		await context.close().catch(() => {});
	}
	return failures;
}

// A promise awaited later, maybe never (when the check fails before):
// its failure must not end the process as an unhandled rejection.
export function later(p) {
	p.catch(() => {});
	return p;
}

export function cleanup() {
	fs.rmSync(WORK, { recursive: true, force: true });
}
