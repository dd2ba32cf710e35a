/* msg.c: the message table assembled from the msg_*.def files. */
#include "msg.h"

struct msg_entry {
	const char *name;
	const char *text[2];
};

static const struct msg_entry msg_table[MSG__COUNT] = {
	[MSG_NONE] = {"MSG_NONE", {"", ""}},
#define MSG(id, vi, en) [id] = {#id, {vi, en}},
#include "msg_core.def"
#include "msg_text.def"
#include "msg_ids.def"
#include "msg_csv.def"
#include "msg_app.def"
#include "msg_cli.def"
#include "msg_rules.def"
#include "msg_advance.def"
#include "msg_card.def"
#include "msg_web.def"
#include "msg_account.def"
#include "msg_registry.def"
#include "msg_ledger.def"
#include "msg_api.def"
#include "msg_people.def"
#undef MSG
};

/* See msg.h. */
const char *msg_format(enum msg_id id, enum lang lang)
{
	if ((int)id < 0 || id >= MSG__COUNT || (lang != LANG_VI && lang != LANG_EN))
		return "";
	return msg_table[id].text[lang];
}

/* See msg.h. */
const char *msg_name(enum msg_id id)
{
	if ((int)id < 0 || id >= MSG__COUNT)
		return "";
	return msg_table[id].name;
}
