// money_format.mjs: the money formatter of src/web/static/money.js
// against the server's text (money_format of src/core/money.c): dots
// between thousands, the sign outside the groups, " đ" after.  Run by
// tests/run-all with node; prints "ok - NAME" / "not ok - NAME".
import fs from 'node:fs';
import vm from 'node:vm';

const src = fs.readFileSync(new URL('../../src/web/static/money.js', import.meta.url), 'utf8');
const sandbox = { module: { exports: {} } };
vm.createContext(sandbox);
vm.runInContext(src, sandbox);
const money = sandbox.module.exports.money;

const cases = [
	[0, '0 đ'],
	[500, '500 đ'],
	[-500, '-500 đ'],
	[999, '999 đ'],
	[-999, '-999 đ'],
	[1000, '1.000 đ'],
	[-1000, '-1.000 đ'],
	[100000, '100.000 đ'],
	[-100000, '-100.000 đ'],
	[1263600, '1.263.600 đ'],
	[-1263600, '-1.263.600 đ'],
	[1000000000000, '1.000.000.000.000 đ'],
	['341550', '341.550 đ'],
	['abc', '0 đ'],
	[null, '0 đ'],
];
let failed = 0;
if (typeof money !== 'function') {
	console.log('not ok - money.js exports its formatter');
	process.exit(1);
}
for (const [v, want] of cases) {
	const got = money(v);
	if (got === want) {
		console.log(`ok - money(${JSON.stringify(v)}) is "${want}"`);
	} else {
		failed++;
		console.log(`not ok - money(${JSON.stringify(v)}) is "${want}"`);
		console.log(`# got "${got}"`);
	}
}
process.exit(failed ? 1 : 0);
