/* cmd_project.c: `plusone project pension`: what a member will have when
 * she is old (see rules/pension.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/text.h"
#include "rules/pension.h"

/* Parses a count of months (0..1200). */
static int months_arg(const char *s, const char *flag, int *out, err_t *e)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > 1200)
		return err_set(e, PO_EINVAL, flag, MSG_CLI_RANGE, flag, 0L, 1200L);
	*out = (int)v;
	return PO_OK;
}

/* `project pension --dob D --sex F|M --income N [--months-before-2014 N]
 * [--months-from-2014 N] [--months-planned N] [--support N]
 * [--joined-before-2021]`. */
static int project_pension(cli_t *c, int argc, char **argv)
{
	const char *dob_s = NULL, *sex_s = NULL, *income_s = NULL, *before_s = NULL, *from_s = NULL, *plan_s = NULL,
		   *support_s = NULL;
	bool early = false;
	cli_opt_t opts[] = {{"dob", &dob_s, NULL},
			    {"sex", &sex_s, NULL},
			    {"income", &income_s, NULL},
			    {"months-before-2014", &before_s, NULL},
			    {"months-from-2014", &from_s, NULL},
			    {"months-planned", &plan_s, NULL},
			    {"support", &support_s, NULL},
			    {"joined-before-2021", NULL, &early},
			    {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	pension_plan_t plan;
	pension_projection_t pr;
	err_t e;

	memset(&plan, 0, sizeof plan);
	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !dob_s)
		rc = err_set(&e, PO_EINVAL, "--dob", MSG_CLI_MISSING_ARG, "--dob");
	if (!rc && !sex_s)
		rc = err_set(&e, PO_EINVAL, "--sex", MSG_CLI_MISSING_ARG, "--sex");
	if (!rc && !income_s)
		rc = err_set(&e, PO_EINVAL, "--income", MSG_CLI_MISSING_ARG, "--income");
	if (!rc)
		rc = date_parse_input(dob_s, strlen(dob_s), true, &plan.dob, "dob", &e);
	if (!rc) {
		char f[16];
		size_t n = vn_fold(sex_s, strlen(sex_s), f, sizeof f);
		if ((n == 1 && f[0] == 'f') || (n == 2 && memcmp(f, "nu", 2) == 0))
			plan.sex = 'F';
		else if ((n == 1 && f[0] == 'm') || (n == 3 && memcmp(f, "nam", 3) == 0))
			plan.sex = 'M';
		else
			rc = err_set(&e, PO_EINVAL, "sex", MSG_SEX_BAD, sex_s);
	}
	if (!rc)
		rc = money_parse(income_s, strlen(income_s), &plan.average_income, "income", &e);
	if (!rc && before_s)
		rc = months_arg(before_s, "months-before-2014", &plan.months_before_2014, &e);
	if (!rc && from_s)
		rc = months_arg(from_s, "months-from-2014", &plan.months_from_2014, &e);
	if (!rc && plan_s)
		rc = months_arg(plan_s, "months-planned", &plan.months_planned, &e);
	if (!rc && support_s)
		rc = money_parse(support_s, strlen(support_s), &plan.support_received, "support", &e);
	plan.joined_before_2021 = early;
	if (!rc)
		rc = pension_project(&plan, date_today(), &pr, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "retirement_date", cli_json_date(pr.retirement_date));
		json_object_set_new(o, "retirement_age", json_pack("{s:i,s:i}", "years", pr.age_years, "months", pr.age_months));
		json_object_set_new(o, "contribution_months", json_integer(pr.total_months));
		json_object_set_new(o, "years_needed", json_integer(pr.years_needed));
		json_object_set_new(o, "eligible", json_boolean(pr.eligible));
		json_object_set_new(o, "missing_months", json_integer(pr.missing_months));
		json_object_set_new(o, "rate_bp", json_integer(pr.rate_bp));
		json_object_set_new(o, "monthly_pension", json_integer(pr.monthly_pension));
		json_object_set_new(o, "one_time", json_integer(pr.one_time));
		return cli_print_json(o);
	}
	{
		char rd[DATE_ISO_LEN + 1], pen[MONEY_FMT_MAX], one[MONEY_FMT_MAX];
		date_format_iso(pr.retirement_date, rd);
		money_format(pr.monthly_pension, 1, pen);
		money_format(pr.one_time, 1, one);
		if (c->lang == LANG_EN) {
			printf("Retirement age %d years %d months, reached on %s, with %d months of contributions.\n",
			       pr.age_years, pr.age_months, rd, pr.total_months);
			if (pr.eligible)
				printf("Pension: %d.%02d%% of average income = %s a month.\n", pr.rate_bp / 100,
				       pr.rate_bp % 100, pen);
			else
				printf("Not yet eligible: %d more months of contributions are needed (%d years in all).\n",
				       pr.missing_months, pr.years_needed);
			printf("Or a one-time withdrawal of %s.\n", one);
		} else {
			printf("Tuổi nghỉ hưu %d năm %d tháng, đến ngày %s, khi đó có %d tháng đóng.\n", pr.age_years,
			       pr.age_months, rd, pr.total_months);
			if (pr.eligible)
				printf("Lương hưu: %d,%02d%% thu nhập bình quân = %s mỗi tháng.\n", pr.rate_bp / 100,
				       pr.rate_bp % 100, pen);
			else
				printf("Chưa đủ điều kiện: cần đóng thêm %d tháng (tổng %d năm).\n", pr.missing_months,
				       pr.years_needed);
			printf("Hoặc nhận một lần: %s.\n", one);
		}
	}
	return 0;
}

/* See cli.h. */
int cmd_project(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "pension") == 0)
		return project_pension(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "project", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "project");
	return cli_fail(c, &e);
}
