/* main.c: the plusone command line: global options, the command table
 * and the one dispatcher.
 *
 * Global options, accepted anywhere on the line:
 *   --db PATH      the database (else $PLUSONE_DB, else ./plusone.db)
 *   --json         one JSON document on standard output
 *   --lang vi|en   language of human output and messages (default vi)
 * Exit status: 0 success, 2 wrong input or request, 1 anything else.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct command {
	const char *name;
	int (*fn)(cli_t *c, int argc, char **argv);
	const char *help_vi, *help_en;
};

static const struct command commands[] = {
	{"init", cmd_init, "init [--demo]                    tạo hoặc cập nhật cơ sở dữ liệu",
	 "init [--demo]                    create or migrate the database"},
	{"unit", cmd_unit, "unit add|list|reorganize|end|count   đơn vị hành chính, tổ chức",
	 "unit add|list|reorganize|end|count   administrative and organisational units"},
	{"user", cmd_user, "user add NAME --role R --unit U --password-stdin   tạo tài khoản",
	 "user add NAME --role R --unit U --password-stdin   create a login"},
	{"import", cmd_import, "import people|coverage FILE [--reject R] [--encoding E]   nhập danh sách người, thời gian đã đóng",
	 "import people|coverage FILE [--reject R] [--encoding E]   import people, or cover paid elsewhere"},
	{"people", cmd_people,
	 "people search QUERY [--unit U] [--limit N] | show ID | member ID [--branch B] [--role R] | duplicates [--unit U] | merge GIỮ BỎ | distinct CẶP",
	 "people search QUERY [--unit U] [--limit N] | show ID | member ID [--branch B] [--role R] | duplicates [--unit U] | merge KEEP DROP | distinct PAIR"},
	{"quote", cmd_quote, "quote bhxh --date D --income N --months M --category C | quote bhyt --date D --members K --months M",
	 "quote bhxh --date D --income N --months M --category C | quote bhyt --date D --members K --months M"},
	{"project", cmd_project, "project pension --dob D --sex F|M --income N [--months-planned N] ...",
	 "project pension --dob D --sex F|M --income N [--months-planned N] ..."},
	{"params", cmd_params, "params list [--family F] | params add HỌ --from D --value V --source NGUỒN --status S",
	 "params list [--family F] | params add FAMILY --from D --value V --source TEXT --status S"},
	{"collect", cmd_collect, "collect --collector U --date D < payment.json   thu tiền, cấp biên lai",
	 "collect --collector U --date D < payment.json   record a payment, issue a receipt"},
	{"receipt", cmd_receipt, "receipt show ID | receipt void ID --reason LÝ_DO", "receipt show ID | receipt void ID --reason TEXT"},
	{"referral", cmd_referral, "referral add NGƯỜI --by NGƯỜI_VẬN_ĐỘNG [--relation R]", "referral add PERSON --by REFERRER [--relation R]"},
	{"participation", cmd_participation, "participation NGƯỜI [--date D]   trạng thái tham gia BHXH tự nguyện",
	 "participation PERSON [--date D]   voluntary BHXH state"},
	{"due", cmd_due, "due --unit U [--days N]   danh sách đến hạn đóng", "due --unit U [--days N]   people due to pay"},
	{"remit", cmd_remit, "remit --collector U --date D   nộp tiền về BHXH", "remit --collector U --date D   hand money over"},
	{"cash", cmd_cash, "cash --collector U   tiền đang giữ", "cash --collector U   cash on hand"},
	{"referrals", cmd_referrals, "referrals --unit U   kết quả 1+1", "referrals --unit U   1+1 referrals"},
	{"serve", cmd_serve,
	 "serve [--listen ĐỊA_CHỈ:CỔNG] [--config TỆP] [--threads N] [--log TỆP|-|off] [--secure-cookie]   chạy máy chủ web (mặc định 127.0.0.1:8080)",
	 "serve [--listen ADDR:PORT] [--config FILE] [--threads N] [--log FILE|-|off] [--secure-cookie]   run the web server (default 127.0.0.1:8080)"},
	{"check", cmd_check, "check   kiểm tra mọi ràng buộc dữ liệu", "check   verify every invariant"},
	{"household", cmd_household, "household poverty MÃ_HỘ --status poor|near_poor --from D --to D",
	 "household poverty CODE --status poor|near_poor --from D --to D"},
};

/* Prints the list of commands. */
static void usage(FILE *out, enum lang lang)
{
	size_t i;
	fputs(lang == LANG_EN ? "Usage: plusone [--db PATH] [--json] [--lang vi|en] COMMAND ...\n"
			      : "Cách dùng: plusone [--db TỆP] [--json] [--lang vi|en] LỆNH ...\n",
	      out);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %s\n", lang == LANG_EN ? commands[i].help_en : commands[i].help_vi);
}

int main(int argc, char **argv)
{
	cli_t c;
	err_t e;
	char **rest;
	int nrest = 0, i, rc;
	const char *lang = getenv("PLUSONE_LANG");
	size_t k;

	/* the database, its journal, reject files, exports and logs hold
	 * personal data: readable by their owner only */
	umask(077);
	memset(&c, 0, sizeof c);
	c.db = getenv("PLUSONE_DB");
	if (!c.db || !*c.db)
		c.db = "plusone.db";
	c.lang = lang && strcmp(lang, "en") == 0 ? LANG_EN : LANG_VI;
	rest = calloc((size_t)argc + 1, sizeof *rest);
	if (!rest)
		return 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			for (; i < argc; i++)
				rest[nrest++] = argv[i];
			break;
		}
		if (strcmp(a, "--json") == 0) {
			c.json = true;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--lang") == 0) {
			if (i + 1 >= argc) {
				err_set(&e, PO_EINVAL, a, MSG_CLI_FLAG_NEEDS_VALUE, a + 2);
				free(rest);
				return cli_fail(&c, &e);
			}
			if (a[2] == 'd')
				c.db = argv[++i];
			else
				lang = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c.db = a + 5;
		} else if (strncmp(a, "--lang=", 7) == 0) {
			lang = a + 7;
		} else {
			rest[nrest++] = argv[i];
		}
	}
	if (lang && strcmp(lang, "en") == 0) {
		c.lang = LANG_EN;
	} else if (lang && strcmp(lang, "vi") != 0) {
		err_set(&e, PO_EINVAL, "lang", MSG_CLI_BAD_LANG, lang);
		free(rest);
		return cli_fail(&c, &e);
	}
	if (nrest == 0 || strcmp(rest[0], "help") == 0 || strcmp(rest[0], "--help") == 0) {
		usage(nrest == 0 ? stderr : stdout, c.lang);
		free(rest);
		return nrest == 0 ? 2 : 0;
	}
	if (strcmp(rest[0], "version") == 0 || strcmp(rest[0], "--version") == 0) {
		puts("plusone 0.1.0");
		free(rest);
		return 0;
	}
	for (k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (strcmp(rest[0], commands[k].name) == 0)
			break;
	if (k == sizeof commands / sizeof commands[0]) {
		err_set(&e, PO_EINVAL, rest[0], MSG_CLI_UNKNOWN_COMMAND, rest[0]);
		free(rest);
		return cli_fail(&c, &e);
	}
	rc = commands[k].fn(&c, nrest - 1, rest + 1);
	store_close(c.store);
	free(rest);
	return rc;
}
