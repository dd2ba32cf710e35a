/* json_registry.h: JSON shapes of the registry (see json.h): quotes and
 * parameter rows (the command line's `--json` and the API print the
 * same documents from these), units, people with their details,
 * households, the dashboard, participation, coverage and pension. */
#ifndef PLUSONE_REPORT_JSON_REGISTRY_H
#define PLUSONE_REPORT_JSON_REGISTRY_H

#include "app/registry.h"
#include "report/json.h"

/* `quote bhxh --json`: {"scheme": "bhxh", "date", "income", "months",
 * "category", "monthly": {"gross", "state_support", "local_support",
 * "net"}, "gross", "state_support", "local_support", "net",
 * "supported_months", "params": {"poverty_line", "base_salary",
 * "ceiling", "rate_bp", "support_bp", "local_bp"}}. */
json_t *report_quote_bhxh(const bhxh_request_t *r, const bhxh_quote_t *q);

/* `quote bhxh --advance-years|--missing-months --json`: {"scheme":
 * "bhxh", "mode": "advance"|"missing_time", "date", "income", "months",
 * "monthly_gross", "amount", "undiscounted", "category" (null for the
 * missing time), "monthly_state_support", "supported_months",
 * "state_support", "net", "params": {"fund_rate_ppm", "fund_rate_year"
 * and, in advance, "poverty_line", "support_bp"}}. */
json_t *report_quote_lump(date_t d, money_t income, bool advance, const lump_quote_t *q);

/* `quote bhyt --json`: {"scheme": "bhyt", "date", "months", "per_person":
 * [{"ordinal", "monthly", "amount"}], "total", "params": {"base_salary",
 * "rate_bp"}} and, when card is not NULL, "card": {"from", "to",
 * "continuous"}. */
json_t *report_quote_bhyt(const bhyt_request_t *r, const bhyt_quote_t *q, const card_validity_t *card);

/* Notes of a quote or the dashboard's announcements: [{"family", "key",
 * "valid_from", "before", "after", "message"}], message in lang. */
json_t *report_notices(const param_notice_t *n, size_t k, enum lang lang);

/* One parameter row as `params list --json` shows it: {"family", "key",
 * "valid_from", "value", "source", "status", "note", "origin"}. */
json_t *report_param(const param_record_t *p);

/* A unit as `unit list --json` shows it: {"id", "code", "name", "kind",
 * "parent_code", "valid_from" (null for always), "valid_to", "island",
 * "current_parent_code", "successor_code"}. */
json_t *report_unit_view(const unit_view_t *v);

/* A person with her details as `people show --json` shows them: the
 * fields of report_person(p, true), "membership" ({"branch_code",
 * "role", "since"} or null), "household_poverty" ([{"status",
 * "valid_from", "valid_to"}]) and "poverty_today" ("poor", "near_poor"
 * or null); also "unit_id" and "household_id" (null when none). */
json_t *report_person_details(const person_details_t *d);

/* A household: {"id", "code", "unit_id", "unit_code", "head" (person id
 * or null), "poverty_today", "poverty": [{"status", "valid_from",
 * "valid_to"}]}; the caller adds "members". */
json_t *report_household(const household_view_t *h);

/* The dashboard: {"date", "people", "members", "members_bhyt",
 * "bhyt_active", "bhxh_active", "receipts_today": {"count", "total"},
 * "due": {"days", "bhyt", "bhxh"}, "cash": {"receipts", "collected",
 * "remitted", "on_hand"} or null}. */
json_t *report_dashboard(const dashboard_t *d);

/* `participation PERSON --json`: {"person", "date", "state", "start",
 * "mode_months", "income", "last_covered", "next_from", "deadline"}
 * (null when not enrolled). */
json_t *report_participation(int64_t person, date_t on, const participation_t *p);

/* One paid period: {"scheme", "from", "to", "months" (null for
 * imported), "source": "receipt"|"import", "receipt" ({"id", "book",
 * "serial", "date"} or null), "ordinal", "income", "gross",
 * "state_support", "local_support", "net" (null for imported),
 * "note" (an import's source text or null)}. */
json_t *report_coverage_period(const coverage_period_t *p);

/* A receipt without its lines: {"id", "book", "serial", "date",
 * "collector", "payer", "total", "method", "void", "remitted"}. */
json_t *report_receipt_head(const receipt_t *r);

/* A pension projection of a person with its inputs: "person", the keys
 * of `project pension --json` ("retirement_date", "retirement_age":
 * {"years", "months"}, "contribution_months", "years_needed", "eligible", "missing_months",
 * "rate_bp", "monthly_pension", "one_time") and "plan": {"dob", "sex",
 * "average_income", "months_before_2014", "months_from_2014",
 * "months_planned", "planned_to_retirement", "support_received",
 * "joined_before_2021", "first_covered", "last_covered"}. */
json_t *report_pension(int64_t person, const pension_view_t *v);

#endif
