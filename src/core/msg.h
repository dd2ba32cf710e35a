/* msg.h: the one message table for user-facing text.
 *
 * Every message has an identifier and two printf formats, Vietnamese first
 * and English second, taking the same arguments in the same order.  The
 * entries live in the msg_*.def files, one per topic, each a list of
 *     MSG(ID, "tiếng Việt", "English")
 * lines, and are gathered here into one enum and one table.
 */
#ifndef PLUSONE_CORE_MSG_H
#define PLUSONE_CORE_MSG_H

enum lang { LANG_VI = 0, LANG_EN = 1 };

enum msg_id {
	MSG_NONE = 0,
#define MSG(id, vi, en) id,
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
	MSG__COUNT
};

/* The format string of message id in lang; "" for an unknown id. */
const char *msg_format(enum msg_id id, enum lang lang);

/* The identifier's name as written in the table ("MSG_DATE_FUTURE"), for
 * tests and logs; "" for an unknown id. */
const char *msg_name(enum msg_id id);

#endif
