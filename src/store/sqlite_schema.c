/* sqlite_schema.c: the SQLite schema as versioned migrations.
 *
 * Migration N (1-based) brings the database from user_version N-1 to N.
 * Never edit a migration that has shipped: add a new one.
 */
#include "store/sqlite_int.h"

/* Indexes that a bulk load drops and builds again once at the end; the
 * first migration creates them from the same text, so the two can
 * never differ. */
#define IX_HOUSEHOLD_CODE "CREATE UNIQUE INDEX household_code ON household(code)"
#define IX_PERSON_CCCD "CREATE UNIQUE INDEX person_cccd ON person(cccd) WHERE cccd IS NOT NULL"
#define IX_PERSON_BHXH "CREATE UNIQUE INDEX person_bhxh ON person(bhxh_code) WHERE bhxh_code IS NOT NULL"
#define IX_PERSON_PHONE "CREATE INDEX person_phone ON person(phone) WHERE phone IS NOT NULL"
#define IX_PERSON_NATURAL "CREATE INDEX person_natural ON person(nat_hash)"
#define IX_PERSON_HOUSEHOLD "CREATE INDEX person_household ON person(household_id) WHERE household_id IS NOT NULL"
#define IX_PERSON_WORD "CREATE INDEX person_word_ix ON person_word(word, person_id, unit_id, sort_key)"
#define IX_PERSON_UNIT "CREATE INDEX person_unit ON person(unit_id, member)"
/* word_count keeps how many entries each word has, for the search
 * planner; a bulk load drops these triggers and counts once at the end */
#define TR_WORD_ADD                                                                                  \
	"CREATE TRIGGER person_word_add AFTER INSERT ON person_word BEGIN"                           \
	" INSERT INTO word_count (word, n) VALUES (new.word, 1)"                                     \
	" ON CONFLICT (word) DO UPDATE SET n = n + 1; END"
#define TR_WORD_DEL                                                                                  \
	"CREATE TRIGGER person_word_del AFTER DELETE ON person_word BEGIN"                           \
	" UPDATE word_count SET n = n - 1 WHERE word = old.word; END"
/* the people version: any change that a search can see bumps it */
#define TR_PEOPLE_ADD                                                                                \
	"CREATE TRIGGER people_version_add AFTER INSERT ON person BEGIN"                             \
	" UPDATE people_version SET n = n + 1; END"
#define TR_PEOPLE_UPD                                                                                \
	"CREATE TRIGGER people_version_upd AFTER UPDATE OF full_name, sort_key, unit_id ON person BEGIN" \
	" UPDATE people_version SET n = n + 1; END"
#define TR_PEOPLE_DEL                                                                                \
	"CREATE TRIGGER people_version_del AFTER DELETE ON person BEGIN"                             \
	" UPDATE people_version SET n = n + 1; END"

const char *const sq_bulk_indexes[][2] = {
	{"household_code", IX_HOUSEHOLD_CODE},
	{"person_cccd", IX_PERSON_CCCD},
	{"person_bhxh", IX_PERSON_BHXH},
	{"person_phone", IX_PERSON_PHONE},
	{"person_natural", IX_PERSON_NATURAL},
	{"person_household", IX_PERSON_HOUSEHOLD},
	{"person_word_ix", IX_PERSON_WORD},
	{"person_unit", IX_PERSON_UNIT},
};
const int sq_bulk_index_count = (int)(sizeof sq_bulk_indexes / sizeof sq_bulk_indexes[0]);

const char *const sq_bulk_triggers[][2] = {
	{"person_word_add", TR_WORD_ADD},
	{"person_word_del", TR_WORD_DEL},
	{"people_version_add", TR_PEOPLE_ADD},
	{"people_version_upd", TR_PEOPLE_UPD},
	{"people_version_del", TR_PEOPLE_DEL},
};
const int sq_bulk_trigger_count = (int)(sizeof sq_bulk_triggers / sizeof sq_bulk_triggers[0]);

const char *const sq_migrations[] = {
	/* 1: units, people, households, membership, users, audit, search index */
	"CREATE TABLE unit ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 32),"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	"  kind TEXT NOT NULL CHECK (kind IN ('province','district','commune','ward',"
	"                                     'town','hamlet','branch','group')),"
	"  parent_id INTEGER REFERENCES unit(id),"
	"  valid_from TEXT NOT NULL DEFAULT '0001-01-01',"
	"  valid_to TEXT,"
	"  island INTEGER NOT NULL DEFAULT 0 CHECK (island IN (0,1)),"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	") STRICT;"
	"CREATE UNIQUE INDEX unit_code_from ON unit(code, valid_from);"
	"CREATE INDEX unit_parent ON unit(parent_id);"
	"CREATE TABLE unit_successor ("
	"  pred_id INTEGER NOT NULL REFERENCES unit(id),"
	"  succ_id INTEGER NOT NULL REFERENCES unit(id),"
	"  effective TEXT NOT NULL,"
	"  PRIMARY KEY (pred_id, succ_id)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE household ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  head_id INTEGER REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	") STRICT;"
	IX_HOUSEHOLD_CODE ";"
	"CREATE TABLE household_poverty ("
	"  household_id INTEGER NOT NULL REFERENCES household(id),"
	"  status TEXT NOT NULL CHECK (status IN ('poor','near_poor')),"
	"  valid_from TEXT NOT NULL,"
	"  valid_to TEXT NOT NULL,"
	"  PRIMARY KEY (household_id, valid_from)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  full_name TEXT NOT NULL,"
	"  name_fold TEXT NOT NULL,"
	"  sort_key BLOB NOT NULL,"
	"  dob TEXT NOT NULL,"
	"  dob_year_only INTEGER NOT NULL DEFAULT 0 CHECK (dob_year_only IN (0,1)),"
	"  sex TEXT NOT NULL CHECK (sex IN ('F','M')),"
	"  cccd TEXT CHECK (cccd IS NULL OR length(cccd) = 12),"
	"  bhxh_code TEXT CHECK (bhxh_code IS NULL OR length(bhxh_code) = 10),"
	"  phone TEXT CHECK (phone IS NULL OR length(phone) = 10),"
	"  ethnicity TEXT NOT NULL DEFAULT 'Kinh',"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  household_id INTEGER REFERENCES household(id),"
	"  relation TEXT,"
	"  member INTEGER NOT NULL DEFAULT 0 CHECK (member IN (0,1)),"
	"  nat_hash INTEGER NOT NULL,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	") STRICT;"
	IX_PERSON_CCCD ";" IX_PERSON_BHXH ";" IX_PERSON_PHONE ";" IX_PERSON_NATURAL ";" IX_PERSON_HOUSEHOLD ";"
	/* the search index: searches read only the covering index; a bulk
	 * load appends rows and builds the index once */
	"CREATE TABLE person_word ("
	"  word TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL,"
	"  sort_key BLOB NOT NULL"
	") STRICT;"
	IX_PERSON_WORD ";"
	"CREATE TABLE word_count ("
	"  word TEXT PRIMARY KEY,"
	"  n INTEGER NOT NULL"
	") STRICT, WITHOUT ROWID;"
	TR_WORD_ADD ";"
	TR_WORD_DEL ";"
	"CREATE TABLE union_member ("
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,"
	"  branch_id INTEGER REFERENCES unit(id),"
	"  role TEXT NOT NULL DEFAULT 'member'"
	"    CHECK (role IN ('member','group_head','branch_deputy','branch_head')),"
	"  since TEXT"
	") STRICT;"
	"CREATE INDEX union_member_branch ON union_member(branch_id);"
	"CREATE TABLE app_user ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),"
	"  pass_hash TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','officer','union','collector','viewer')),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	") STRICT;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id INTEGER,"
	"  detail TEXT"
	") STRICT;",
	/* 2: dated legal parameters */
	"CREATE TABLE param ("
	"  family TEXT NOT NULL CHECK (length(family) BETWEEN 1 AND 40),"
	"  key TEXT NOT NULL DEFAULT '' CHECK (length(key) <= 24),"
	"  valid_from TEXT NOT NULL,"
	"  value INTEGER NOT NULL,"
	"  source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 300),"
	"  status TEXT NOT NULL CHECK (status IN ('law','secondary','open')),"
	"  note TEXT,"
	"  origin TEXT NOT NULL CHECK (origin IN ('shipped','admin')),"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  PRIMARY KEY (family, key, valid_from)"
	") STRICT, WITHOUT ROWID;",
	/* 3: receipts, coverage lines, remittances, 1+1 referrals */
	"CREATE TABLE receipt_book ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  collector_id INTEGER NOT NULL REFERENCES app_user(id),"
	"  next_serial INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	") STRICT;"
	"CREATE INDEX receipt_book_collector ON receipt_book(collector_id);"
	"CREATE TABLE remittance ("
	"  id INTEGER PRIMARY KEY,"
	"  collector_id INTEGER NOT NULL REFERENCES app_user(id),"
	"  date TEXT NOT NULL,"
	"  receipts INTEGER NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  commission INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	") STRICT;"
	"CREATE TABLE receipt ("
	"  id INTEGER PRIMARY KEY,"
	"  book_id INTEGER NOT NULL REFERENCES receipt_book(id),"
	"  serial INTEGER NOT NULL CHECK (serial > 0),"
	"  date TEXT NOT NULL,"
	"  collector_id INTEGER NOT NULL REFERENCES app_user(id),"
	"  payer_id INTEGER NOT NULL REFERENCES person(id),"
	"  total INTEGER NOT NULL CHECK (total >= 0),"
	"  method TEXT NOT NULL DEFAULT 'cash' CHECK (method IN ('cash','transfer')),"
	"  void INTEGER NOT NULL DEFAULT 0 CHECK (void IN (0,1)),"
	"  void_reason TEXT,"
	"  void_by TEXT,"
	"  void_at TEXT,"
	"  remittance_id INTEGER REFERENCES remittance(id),"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  UNIQUE (book_id, serial)"
	") STRICT;"
	"CREATE INDEX receipt_collector ON receipt(collector_id, remittance_id);"
	"CREATE TABLE receipt_line ("
	"  receipt_id INTEGER NOT NULL REFERENCES receipt(id),"
	"  line_no INTEGER NOT NULL,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  scheme TEXT NOT NULL CHECK (scheme IN ('bhxh','bhyt')),"
	"  period_from TEXT NOT NULL,"
	"  period_to TEXT NOT NULL,"
	"  months INTEGER NOT NULL,"
	"  ordinal INTEGER,"
	"  income INTEGER,"
	"  category TEXT,"
	"  supported_months INTEGER NOT NULL DEFAULT 0,"
	"  gross INTEGER NOT NULL,"
	"  state_support INTEGER NOT NULL,"
	"  local_support INTEGER NOT NULL,"
	"  net INTEGER NOT NULL,"
	"  PRIMARY KEY (receipt_id, line_no)"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX receipt_line_person ON receipt_line(person_id, scheme, period_to);"
	"CREATE TABLE coverage_import ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  scheme TEXT NOT NULL CHECK (scheme IN ('bhxh','bhyt')),"
	"  period_from TEXT NOT NULL,"
	"  period_to TEXT NOT NULL CHECK (period_to >= period_from),"
	"  source TEXT,"
	"  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  UNIQUE (person_id, scheme, period_from, period_to)"
	") STRICT;"
	"CREATE INDEX coverage_import_person ON coverage_import(person_id, scheme, period_to);"
	"CREATE TABLE bhxh_stop ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  date TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, date)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE referral ("
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id),"
	"  referrer_id INTEGER NOT NULL REFERENCES person(id),"
	"  relation TEXT NOT NULL DEFAULT 'other' CHECK (relation IN ('family','neighbour','friend','other')),"
	"  receipt_id INTEGER REFERENCES receipt(id),"
	"  date TEXT NOT NULL,"
	"  CHECK (person_id <> referrer_id)"
	") STRICT;"
	"CREATE INDEX referral_referrer ON referral(referrer_id);",
	/* 4: web sessions (tokens stored hashed) */
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id),"
	"  csrf TEXT NOT NULL,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  expires_at TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;",
	/* 5: receipts listed by payer, by collector and date, by date */
	"CREATE INDEX receipt_payer ON receipt(payer_id);"
	"CREATE INDEX receipt_collector_date ON receipt(collector_id, date);"
	"CREATE INDEX receipt_date ON receipt(date);",
	/* 6: a counter of changes to people's names and units, so that a
	 * server's in-memory search index knows when it is stale; people by
	 * unit for the dashboard's counts */
	"CREATE TABLE people_version (n INTEGER NOT NULL) STRICT;"
	"INSERT INTO people_version (n) VALUES (1);"
	TR_PEOPLE_ADD ";" TR_PEOPLE_UPD ";" TR_PEOPLE_DEL ";" IX_PERSON_UNIT ";",
	/* 7: the possible duplicates: two people of one name, date of birth, sex
	 * and unit that nothing proves to be one person, kept for a cadre to
	 * merge or to mark as two people (ids without a foreign key: a merge
	 * deletes one of them and the pair stays as its record) */
	"CREATE TABLE person_duplicate ("
	"  id INTEGER PRIMARY KEY,"
	"  older INTEGER NOT NULL,"
	"  newer INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','merged','distinct')),"
	"  resolved_by TEXT,"
	"  resolved_at TEXT,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  CHECK (older < newer),"
	"  UNIQUE (older, newer)"
	") STRICT;"
	"CREATE INDEX person_duplicate_open ON person_duplicate(status, unit_id);",
	/* 8: idempotency keys: a write a client may send again (a payment, a
	 * void, a remittance; later the offline queue's payments) is
	 * remembered for 30 days under the client's key, with the hash of
	 * the request and the answer first given */
	"CREATE TABLE idem_key ("
	"  user_id INTEGER NOT NULL REFERENCES app_user(id),"
	"  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),"
	"  action TEXT NOT NULL,"
	"  request_hash TEXT NOT NULL,"
	"  entity TEXT,"
	"  entity_id INTEGER,"
	"  status INTEGER NOT NULL,"
	"  response TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  PRIMARY KEY (user_id, key)"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX idem_key_created ON idem_key(created_at);",
	/* 9: what a printed receipt and the officer's hand-over need: a
	 * login's full name, the officer's confirmation that a remittance's
	 * money arrived, and the settings of the collection point (key →
	 * value text, e.g. point.name) */
	"ALTER TABLE app_user ADD COLUMN full_name TEXT NOT NULL DEFAULT '' CHECK (length(full_name) <= 200);"
	"ALTER TABLE remittance ADD COLUMN confirmed_by INTEGER REFERENCES app_user(id);"
	"ALTER TABLE remittance ADD COLUMN confirmed_at TEXT;"
	"CREATE INDEX remittance_collector ON remittance(collector_id);"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 40),"
	"  value TEXT NOT NULL CHECK (length(value) <= 300)"
	") STRICT, WITHOUT ROWID;",
	/* 10: audit rows carry the unit of the acting user when written (NULL
	 * for the command line, the server itself and rows written before),
	 * so that an admin reads the entries of her units only */
	"ALTER TABLE audit ADD COLUMN unit_id INTEGER;"
	"CREATE INDEX audit_unit ON audit(unit_id, id);",
};

const int sq_migration_count = (int)(sizeof sq_migrations / sizeof sq_migrations[0]);
