/* model.c: names of the model's enumerations. */
#include <string.h>

#include "app/model.h"

static const char *const unit_kind_names[UNIT_KIND_COUNT] = {
	"province", "district", "commune", "ward", "town", "hamlet", "branch", "group"};
static const char *const unit_kind_labels[UNIT_KIND_COUNT] = {
	"tỉnh", "huyện", "xã", "phường", "thị trấn", "ấp/khóm", "chi hội", "tổ hội"};
static const char *const user_role_names[UROLE_COUNT] = {"admin", "officer", "union", "collector", "viewer"};
static const char *const member_role_names[ROLE_COUNT] = {"member", "group_head", "branch_deputy",
							 "branch_head"};

/* Index of s in names[0..n), or -1. */
static int find_name(const char *const *names, int n, const char *s)
{
	int i;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* See model.h. */
const char *unit_kind_name(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND_COUNT ? unit_kind_names[k] : "";
}

/* See model.h. */
const char *unit_kind_label_vi(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND_COUNT ? unit_kind_labels[k] : "";
}

/* See model.h. */
bool unit_kind_parse(const char *s, enum unit_kind *out)
{
	int i = find_name(unit_kind_names, UNIT_KIND_COUNT, s);
	if (i < 0)
		return false;
	*out = (enum unit_kind)i;
	return true;
}

/* See model.h. */
const char *user_role_name(enum user_role r)
{
	return (unsigned)r < UROLE_COUNT ? user_role_names[r] : "";
}

/* See model.h. */
bool user_role_parse(const char *s, enum user_role *out)
{
	int i = find_name(user_role_names, UROLE_COUNT, s);
	if (i < 0)
		return false;
	*out = (enum user_role)i;
	return true;
}

/* See model.h. */
const char *member_role_name(enum member_role r)
{
	return (unsigned)r < ROLE_COUNT ? member_role_names[r] : "";
}

/* See model.h. */
bool member_role_parse(const char *s, enum member_role *out)
{
	int i = find_name(member_role_names, ROLE_COUNT, s);
	if (i < 0)
		return false;
	*out = (enum member_role)i;
	return true;
}
