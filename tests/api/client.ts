// client.ts: a typed client of the plusone API, as a client author
// writes one: the types are generated from the served OpenAPI document
// (openapi-typescript, into generated/api.d.ts) and the calls go through
// openapi-fetch.  Compiled with tsc --strict, it checks that the
// document describes the answers well enough to be programmed against.
// Run: node generated/out/client.js BASE_URL; prints "ok - …" lines.
import createClient from "openapi-fetch";
import type { paths } from "./generated/api.js";

// the little of Node.js this program uses (no @types/node needed)
declare const process: { argv: string[]; exit(code: number): never };

const base = process.argv[2] ?? "http://127.0.0.1:8080";
let failed = 0;

function check(ok: boolean, what: string, detail?: unknown): void {
	console.log(`${ok ? "ok" : "not ok"} - ${what}`);
	if (!ok) {
		failed++;
		if (detail !== undefined) console.log(`# ${JSON.stringify(detail).slice(0, 400)}`);
	}
}

async function main(): Promise<void> {
	const anon = createClient<paths>({ baseUrl: base });
	const login = await anon.POST("/api/v1/login", {
		body: { username: "hoi.tapngai", password: "tieucan2022" },
	});
	if (!login.data) {
		check(false, "login", login.error);
		return;
	}
	const token: string = login.data.token;
	check(token.length === 64, "login answers a 64-digit token");
	const api = createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${token}` } });

	const found = await api.GET("/api/v1/people", { params: { query: { q: "lam thi tuyen", limit: 5 } } });
	const first = found.data?.results[0];
	check(first !== undefined && first.full_name === "Lâm Thị Tuyền", "searchPeople finds Lâm Thị Tuyền", found.error);
	if (!first) return;

	const person = await api.GET("/api/v1/people/{id}", { params: { path: { id: first.id } } });
	check(person.data?.id === first.id && person.data.dob === "1978-09-15", "getPerson reads her", person.error);

	const receipts = await api.GET("/api/v1/receipts", { params: { query: { limit: 1 } } });
	const rid = receipts.data?.results[0]?.id;
	check(typeof rid === "number", "listReceipts lists a receipt", receipts.error);
	if (typeof rid !== "number") return;
	const receipt = await api.GET("/api/v1/receipts/{id}", { params: { path: { id: rid } } });
	const total: number | undefined = receipt.data?.total;
	check(receipt.data?.id === rid && typeof total === "number" && total > 0, "getReceipt reads it with its total", receipt.error);

	const missing = await api.GET("/api/v1/people/{id}", { params: { path: { id: 999999 } } });
	const code: string | undefined = missing.error?.code;
	check(missing.response.status === 404 && code === "not_found", "a missing person is a 404 with code not_found", missing.error);
}

main().then(
	() => process.exit(failed ? 1 : 0),
	(e: unknown) => {
		console.log(`not ok - the client ran: ${String(e)}`);
		process.exit(1);
	},
);
