# import_crash.sh: an import killed at any moment leaves a consistent
# database that a second run completes; nothing is counted twice.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
"$GEN" people --rows 60000 --seed 3 --units 29350 >"$WORK/all.csv"
head -30001 "$WORK/all.csv" >"$WORK/p.csv"
{ head -1 "$WORK/all.csv"; tail -n +30002 "$WORK/all.csv"; } >"$WORK/q.csv"

count() { sqlite3 "$PLUSONE_DB" "SELECT count(*) FROM person"; }

# into an empty registry the import is one transaction: all or nothing
"$PLUSONE" import people "$WORK/p.csv" --no-progress >/dev/null 2>&1 &
pid=$!
sleep 0.7
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
n=$(count)
check "a killed first import leaves all or nothing ($n people)" bash -c "[ '$n' -eq 0 ] || [ '$n' -gt 29900 ]"
check "the database is intact after the kill" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'PRAGMA integrity_check')\" = ok ]"
run import people "$WORK/p.csv" --json
check "running it again completes it" json_eq '[d["read"], d["rejected"], d["inserted"] + d["updated"]]' '[30000, 0, 30000]'
n1=$(count)

# into a registry with people: whole batches survive a kill
"$PLUSONE" import people "$WORK/q.csv" --batch 1000 --no-progress >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
n2=$(count)
check "a killed import keeps what it committed ($((n2 - n1)) rows in)" bash -c "[ $n2 -ge $n1 ] && [ $n2 -le $((n1 + 30000)) ]"
check "the database is intact after the second kill" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'PRAGMA integrity_check')\" = ok ]"
run import people "$WORK/q.csv" --json
check "the second file completes on a rerun" json_eq 'd["read"] == 30000 and d["rejected"] == 0' true
check "every person once: search index and table agree" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(DISTINCT person_id) FROM person_word')\" = \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM person')\" ]"
